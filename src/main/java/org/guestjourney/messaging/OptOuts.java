package org.guestjourney.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who asked not to be messaged on which channel. The guest's latest word wins. Addresses are kept
 * only as their blind index (ADR 0031): enough to answer "may we write to this address?".
 */
@Repository
public class OptOuts {

  private final JdbcClient jdbc;
  private final ContactCipher cipher;

  OptOuts(JdbcClient jdbc, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  public boolean isOptedOut(String address, ChannelType channel) {
    return whyNot(address, channel).isPresent();
  }

  /**
   * Why nothing may go to {@code address} on {@code channel}, in words for the journey page, or
   * empty when it may.
   */
  public Optional<String> whyNot(String address, ChannelType channel) {
    return jdbc.sql(
            "select source from contact_opt_out where address = ? and channel = ? and opted_out")
        .params(cipher.index(address), channel.name())
        .query(String.class)
        .optional()
        .map(
            source ->
                source.startsWith(BOUNCED)
                    ? "the address bounces (" + source.substring(BOUNCED.length()).strip() + ")"
                    : source.startsWith(SPAM)
                        ? "the guest reported our e-mail as spam"
                        : "the guest opted out");
  }

  /** Source of an opt-out the mail provider reported: the address cannot receive mail. */
  public static final String BOUNCED = "bounce:";

  /** Source of an opt-out the mail provider reported: the guest marked a message as spam. */
  public static final String SPAM = "spam complaint";

  public void record(
      String address, ChannelType channel, boolean optedOut, String source, Instant now) {
    jdbc.sql(
            """
            insert into contact_opt_out (address, channel, opted_out, source, updated_at)
            values (?, ?, ?, ?, ?)
            on conflict (address, channel) do update
              set opted_out = excluded.opted_out, source = excluded.source, updated_at = excluded.updated_at
            """)
        .params(cipher.index(address), channel.name(), optedOut, source, Timestamp.from(now))
        .update();
  }

  static String normalise(String address) {
    String a = address.strip();
    if (a.startsWith("whatsapp:")) {
      a = a.substring("whatsapp:".length());
    }
    return a.toLowerCase();
  }
}
