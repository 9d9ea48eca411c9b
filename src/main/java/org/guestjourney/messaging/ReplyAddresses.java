package org.guestjourney.messaging;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Where a guest's e-mail reply goes: each house has an inbound address ({@code
 * house-<property>@<inbound domain>}), and each booking's e-mails carry a Reply-To with a token of
 * its own ({@code house-<property>+<token>@<inbound domain>}). A reply maps to its booking by the
 * token it was sent to, never by its From header alone. Without an inbound domain ({@code
 * guest-journey.mail.inbound-domain}) replies go to the house's contact address as before.
 */
@Service
public class ReplyAddresses {

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final Pattern ADDRESS =
      Pattern.compile("^house-(\\d{1,18})(?:\\+([a-z0-9]{16,40}))?@(.+)$");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String domain;
  private final SecureRandom random = new SecureRandom();

  ReplyAddresses(
      JdbcClient jdbc, Clock clock, @Value("${guest-journey.mail.inbound-domain:}") String domain) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.domain = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether guests' e-mail replies reach the app. */
  public boolean enabled() {
    return !domain.isEmpty();
  }

  /** The house's inbound address, if replies reach the app. */
  public Optional<String> houseAddress(long propertyId) {
    return enabled() ? Optional.of("house-" + propertyId + "@" + domain) : Optional.empty();
  }

  /** The Reply-To of e-mails about this booking (its token made on first use). */
  public Optional<String> replyTo(long propertyId, long bookingId) {
    if (!enabled()) {
      return Optional.empty();
    }
    String token = "";
    for (int i = 0; i < 20; i++) {
      token += ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    jdbc.sql(
            """
            insert into email_reply_address (token, booking_id, created_at) values (?, ?, ?)
            on conflict (booking_id) do nothing
            """)
        .params(token, bookingId, Timestamp.from(clock.instant()))
        .update();
    String stored =
        jdbc.sql("select token from email_reply_address where booking_id = ?")
            .param(bookingId)
            .query(String.class)
            .single();
    return Optional.of("house-" + propertyId + "+" + stored + "@" + domain);
  }

  /** Where an e-mail sent to {@code address} belongs. */
  public record Target(long propertyId, Long bookingId) {}

  /**
   * The house (and booking, when the token is one of ours for that house) an inbound address names;
   * empty for addresses that are not ours.
   */
  public Optional<Target> resolve(String address) {
    if (!enabled() || address == null) {
      return Optional.empty();
    }
    Matcher m = ADDRESS.matcher(address.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || !m.group(3).equals(domain)) {
      return Optional.empty();
    }
    long propertyId = Long.parseLong(m.group(1));
    boolean house =
        jdbc.sql("select count(*) from property where id = ?")
                .param(propertyId)
                .query(Long.class)
                .single()
            > 0;
    if (!house) {
      return Optional.empty();
    }
    Long bookingId =
        m.group(2) == null
            ? null
            : jdbc.sql(
                    """
                    select r.booking_id from email_reply_address r join booking b on b.id = r.booking_id
                     where r.token = ? and b.property_id = ?
                    """)
                .params(m.group(2), propertyId)
                .query(Long.class)
                .optional()
                .orElse(null);
    return Optional.of(new Target(propertyId, bookingId));
  }
}
