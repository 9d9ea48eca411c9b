package org.guestjourney.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ScopedPagesConfiguration implements WebMvcConfigurer {

  private final PropertyScopeInterceptor scope;

  ScopedPagesConfiguration(PropertyScopeInterceptor scope) {
    this.scope = scope;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(scope);
  }
}
