package org.guestjourney.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.guestjourney.GuestJourneyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole application by hand, for tests that stop and start it. */
public final class StandaloneApp {

  private StandaloneApp() {}

  public static ConfigurableApplicationContext start(
      Path dataDirectory, int smtpPort, String... extra) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "server.port=0",
                "guest-journey.runtime.embedded-engine-port=0",
                "guest-journey.embedded-database.data-directory=" + dataDirectory.toAbsolutePath(),
                "guest-journey.runtime.engine.directory="
                    + dataDirectory
                        .toAbsolutePath()
                        .resolveSibling(dataDirectory.getFileName() + "-engine"),
                "guest-journey.messaging.retry-backoff=PT1S",
                // the start-up deployment can take more than the default 10 s on a loaded machine
                "camunda.client.request-timeout=PT60S",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtpPort));
    properties.addAll(List.of(extra));
    // as command-line arguments: they rank above application.yaml (builder properties would not)
    return new SpringApplicationBuilder(GuestJourneyApplication.class)
        .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
  }
}
