package org.guestjourney.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What guests write back by SMS or WhatsApp. Opt-out keywords record an opt-out for that number,
 * opt-in keywords lift it, HELP is answered with the property's contact; anything else is kept with
 * the guest's conversation for a person to read.
 */
@Service
public class InboundMessageService {

  static final Set<String> OPT_OUT =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");
  static final Set<String> HELP = Set.of("HELP", "INFO");

  private final JdbcClient jdbc;
  private final OptOuts optOuts;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;
  private final ContactCipher cipher;

  InboundMessageService(
      JdbcClient jdbc,
      OptOuts optOuts,
      org.springframework.context.ApplicationEventPublisher events,
      Clock clock,
      ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.optOuts = optOuts;
    this.events = events;
    this.clock = clock;
  }

  /** A guest wrote something a person should read and answer. */
  public record GuestReplied(long inboundMessageId, long bookingId) {}

  /** The kind of an inbound message. */
  public enum Kind {
    OPT_OUT,
    OPT_IN,
    HELP,
    REPLY
  }

  /** The outcome, and the text to answer the guest with (empty: no answer). */
  public record Result(Kind kind, Optional<String> answer) {}

  /**
   * Stores what a guest wrote and acts on it, in one transaction: a reply's task starts from the
   * engine outbox once the message is stored.
   */
  @org.springframework.transaction.annotation.Transactional
  public Result receive(
      ChannelType channel, String from, String to, String body, String providerId) {
    String keyword = body == null ? "" : body.strip().toUpperCase(Locale.ROOT);
    Kind kind =
        OPT_OUT.contains(keyword)
            ? Kind.OPT_OUT
            : OPT_IN.contains(keyword)
                ? Kind.OPT_IN
                : HELP.contains(keyword) ? Kind.HELP : Kind.REPLY;
    String address = OptOuts.normalise(from);
    Optional<Contact> contact = latestBookingOf(address);
    var now = clock.instant();
    java.util.Optional<Long> stored =
        jdbc.sql(
                """
                insert into inbound_message (channel, from_address, to_address, body, provider_id,
                  guest_id, booking_id, kind, received_at, property_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (provider_id) do nothing
                returning id
                """)
            .params(
                channel.name(),
                cipher.encrypt(address),
                to,
                body == null ? "" : body,
                providerId,
                contact.map(Contact::guestId).orElse(null),
                contact.map(Contact::bookingId).orElse(null),
                kind.name(),
                Timestamp.from(now),
                contact.map(Contact::propertyId).orElse(null))
            .query(Long.class)
            .optional();
    if (stored.isEmpty()) {
      return new Result(kind, Optional.empty()); // a repeated webhook: already handled
    }
    if (kind == Kind.REPLY && contact.isPresent()) {
      events.publishEvent(new GuestReplied(stored.get(), contact.get().bookingId()));
    }
    switch (kind) {
      case OPT_OUT -> optOuts.record(address, channel, true, "guest replied " + keyword, now);
      case OPT_IN -> optOuts.record(address, channel, false, "guest replied " + keyword, now);
      default -> {}
    }
    return new Result(
        kind,
        switch (kind) {
          case HELP -> Optional.of(helpText(contact));
          default -> Optional.empty();
        });
  }

  private String helpText(Optional<Contact> contact) {
    return contact
        .map(
            c ->
                c.propertyName()
                    + ": call "
                    + (c.phone() == null ? "us" : c.phone())
                    + (c.email() == null ? "" : " or write to " + c.email())
                    + ". Reply STOP to opt out.")
        .orElse("Reply STOP to opt out.");
  }

  private record Contact(
      long guestId,
      long bookingId,
      String propertyName,
      String phone,
      String email,
      long propertyId) {}

  private Optional<Contact> latestBookingOf(String phone) {
    return jdbc.sql(
            """
            select g.id, b.id, p.name, p.contact_phone, p.contact_email, p.id
              from guest g join booking b on b.guest_id = g.id join property p on p.id = b.property_id
             where g.phone_index = ? order by b.arrival_date desc, b.id desc limit 1
            """)
        .param(cipher.index(phone))
        .query(
            (rs, n) ->
                new Contact(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getLong(6)))
        .optional();
  }

  /**
   * An e-mail a guest wrote to a house's inbound address, already reduced to the text they typed.
   *
   * @param messageId the e-mail's Message-ID: the same e-mail posted twice is stored once
   * @param propertyId the house whose address it was sent to (null: none of ours)
   * @param bookingId the booking its reply token names; null when it names none (kept as
   *     "unmatched" for the house's staff, never dropped)
   */
  public record InboundEmail(
      String messageId,
      String from,
      String to,
      String subject,
      String text,
      Long propertyId,
      Long bookingId) {}

  /**
   * Stores an e-mail reply and, when it belongs to a booking, starts the same path as an SMS reply
   * (the conversation journey and its front-desk task, from the engine outbox).
   *
   * @return whether it was new (false: this Message-ID was stored before)
   */
  @org.springframework.transaction.annotation.Transactional
  public boolean receiveEmail(InboundEmail email) {
    Long guestId =
        email.bookingId() == null
            ? null
            : jdbc.sql("select guest_id from booking where id = ?")
                .param(email.bookingId())
                .query(Long.class)
                .single();
    Optional<Long> stored =
        jdbc.sql(
                """
                insert into inbound_message (channel, from_address, to_address, body, provider_id,
                  guest_id, booking_id, kind, received_at, property_id, subject)
                values ('EMAIL', ?, ?, ?, ?, ?, ?, 'REPLY', ?, ?, ?)
                on conflict (provider_id) do nothing returning id
                """)
            .params(
                cipher.encrypt(email.from().strip().toLowerCase(Locale.ROOT)),
                email.to(),
                email.text(),
                "email:" + email.messageId(),
                guestId,
                email.bookingId(),
                Timestamp.from(clock.instant()),
                email.propertyId(),
                email.subject())
            .query(Long.class)
            .optional();
    if (stored.isPresent() && email.bookingId() != null) {
      events.publishEvent(new GuestReplied(stored.get(), email.bookingId()));
    }
    return stored.isPresent();
  }
}
