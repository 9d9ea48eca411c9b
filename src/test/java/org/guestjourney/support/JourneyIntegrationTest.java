package org.guestjourney.support;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import org.guestjourney.GuestJourneyApplication;
import org.guestjourney.clock.TimeMachine;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on its embedded default: the real Zeebe engine in the JVM, a real embedded
 * PostgreSQL (fresh for each test run) and a real SMTP server (GreenMail). Tests share one
 * application context, so each test creates its own property and booking and works with times
 * relative to the application clock.
 */
@Import({TestData.class, StartOrder.class})
@SpringBootTest(
    classes = GuestJourneyApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "guest-journey.runtime.embedded-engine-port=0",
      "guest-journey.embedded-database.data-directory=target/test-data/pg-${random.uuid}",
      "guest-journey.runtime.engine.directory=target/test-data/engine-${random.uuid}",
      // one context that is never restarted, on a throwaway directory: the in-memory log keeps
      // these tests fast (ADR 0022); restarts are tested on the durable default in their own JVM
      "guest-journey.runtime.engine.durable=false",
      "guest-journey.messaging.retry-backoff=PT1S",
      "guest-journey.messaging.templates-directory=target/test-templates",
      // the start-up deployment of every model can take more than the default 10 s on a loaded
      // 2-core CI machine
      "camunda.client.request-timeout=PT60S",
      "guest-journey.mail.webhook-token=" + JourneyIntegrationTest.MAIL_WEBHOOK_TOKEN
    })
public abstract class JourneyIntegrationTest {

  /** What the mail provider's webhook presents as its bearer token in these tests. */
  public static final String MAIL_WEBHOOK_TOKEN = "test-mail-webhook-token";

  @Autowired protected ZeebeTestEngine zeebe;
  @Autowired protected TimeMachine timeMachine;
  @Autowired protected TestData data;

  protected ProcessTestEngine engine;

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", TestMailServer::port);
  }

  @BeforeEach
  void connectProcessTestEngine() {
    engine = new ProcessTestEngine(zeebe, timeMachine);
  }
}
