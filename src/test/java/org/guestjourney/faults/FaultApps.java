package org.guestjourney.faults;

import java.util.List;
import java.util.UUID;

/** What the fault suite's apps share: mail time-outs scaled down, and a house to book at. */
final class FaultApps {

  private FaultApps() {}

  /**
   * E-mail to the suite's SMTP server with its time-outs scaled down from production's (5 s to
   * connect, 10 s per read or write) in the same proportions as the suite's other times.
   */
  static List<String> mailTo(int smtpPort) {
    return List.of(
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=" + smtpPort,
        "spring.mail.properties[mail.smtp.connectiontimeout]=500",
        "spring.mail.properties[mail.smtp.timeout]=1000",
        "spring.mail.properties[mail.smtp.writetimeout]=1000");
  }

  /**
   * Contact data keys for an app on an external database (ADR 0031), fresh for each suite and kept
   * for the app's restarts within it.
   */
  static List<String> contactDataKeys() {
    return List.of(
        "guest-journey.privacy.encryption.keys=fault-suite:" + randomKey(),
        "guest-journey.privacy.encryption.index-key=" + randomKey());
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  /** The settings of an app: the parts one after the other. */
  @SafeVarargs
  static List<String> settings(List<String>... parts) {
    return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
  }

  /** Registers a house in Rome (English only) through the API; returns its id. */
  static long house(AppProcess app, String name) throws Exception {
    String code =
        name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
    return app.post(
            "/api/properties",
            """
            {"code": "%s", "name": "%s", "timeZone": "Europe/Rome",
             "defaultLanguage": "en", "languages": ["en"], "contactEmail": "host@%s.example",
             "address": "Via Roma 1", "keyHandover": "Key box",
             "cancellationPolicy": "Free cancellation up to 7 days before arrival"}
            """
                .formatted(code, name, code))
        .path("id")
        .asLong();
  }
}
