package org.guestjourney;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Guest Journey: guest journey automation for small hospitality businesses, on Camunda 8. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@org.springframework.scheduling.annotation.EnableAsync
public class GuestJourneyApplication {

  public static void main(String[] args) {
    SpringApplication.run(GuestJourneyApplication.class, args);
  }
}
