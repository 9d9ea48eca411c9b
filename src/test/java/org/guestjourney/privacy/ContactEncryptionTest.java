package org.guestjourney.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.inquiry.InquiryRequest;
import org.guestjourney.inquiry.InquiryService;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.InboundMessageService;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.OptOuts;
import org.guestjourney.messaging.Unsubscribes;
import org.guestjourney.messaging.email.MailFeedbackService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Guest contact data in PostgreSQL is ciphertext, read with plain JDBC; the app still finds guests
 * by e-mail and phone, matches replies and opt-outs, and shows and exports the plain values.
 */
class ContactEncryptionTest extends JourneyIntegrationTest {

  @Autowired JdbcClient jdbc;
  @Autowired ContactCipher cipher;
  @Autowired InquiryService inquiries;
  @Autowired BookingRepository bookingRepository;
  @Autowired InboundMessageService inbound;
  @Autowired OptOuts optOuts;
  @Autowired Unsubscribes unsubscribes;
  @Autowired MailFeedbackService mailFeedback;
  @Autowired GuestPrivacyService privacy;
  @Autowired TransactionTemplate transactions;
  @Autowired TestRestTemplate anonymous;

  @Test
  void contactDataIsStoredEncryptedAndEveryLookupStillFindsTheGuest() {
    Property house = data.property("Europe/Rome", "en");
    java.util.Random random = new java.util.Random();
    String tag =
        "qz"
            + random
                .ints(8, 'a', 'z' + 1)
                .mapToObj(c -> String.valueOf((char) c))
                .reduce("", String::concat);
    String name = "Ottilie Brandtner-" + tag;
    String email = "ottilie." + tag + "@example.com";
    String digits = String.valueOf(100_000_000 + random.nextInt(899_999_999));
    String phone = "+39" + digits;

    inquiries.receive(new InquiryRequest(house.id(), name, email, phone, "en", "Parking?"));
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    Booking first = data.book(booking(house, today.plusDays(20), name, email.toUpperCase(), phone));
    var confirmation =
        data.awaitState(first.id(), MessageStep.BOOKING_CONFIRMATION, DeliveryState.SENT);
    Booking second =
        data.book(
            booking(house, today.plusDays(40), name, "Ottilie." + tag + "@Example.com", phone));
    String replyId = "SM-" + UUID.randomUUID();
    inbound.receive(ChannelType.SMS, phone, "+15550001111", "Arriving at six", replyId);
    inbound.receive(
        ChannelType.SMS, "whatsapp:" + phone, "+15550001111", "STOP", "SM-" + UUID.randomUUID());
    mailFeedback.record(
        new MailFeedbackService.Report(
            "test",
            "ev-" + UUID.randomUUID(),
            MailFeedbackService.Kind.BOUNCE,
            email,
            null,
            true,
            "full"));
    unsubscribes.unsubscribe(email, engine.now());

    // in the database: no row of any table holds the name, the e-mail address or the number
    assertThat(rowsMentioning(tag, digits)).as("rows holding contact data in plain text").isEmpty();
    Map<String, Object> guest =
        jdbc.sql("select full_name, email, phone from guest where id = ?")
            .param(first.guestId())
            .query()
            .singleRow();
    assertThat(guest.values())
        .allSatisfy(v -> assertThat((String) v).startsWith("gjc1." + cipher.currentKeyId() + "."));

    // ...yet every lookup by equality works
    assertThat(confirmation.recipient()).isEqualTo(email.toUpperCase());
    assertThat(confirmation.body()).contains(name);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> inquiries.forBooking(first.id()).size() == 1);
    assertThat(inquiries.forBooking(first.id()).get(0).fullName()).isEqualTo(name);
    assertThat(bookingRepository.previousStays(second.id()))
        .as("the earlier stay of the same e-mail, written differently")
        .isEqualTo(1);
    assertThat(
            jdbc.sql("select guest_id from inbound_message where provider_id = ?")
                .param(replyId)
                .query(Long.class)
                .single())
        .as("the reply is matched to the guest by its sender")
        .isEqualTo(second.guestId());
    assertThat(optOuts.isOptedOut(phone, ChannelType.SMS)).isTrue();
    assertThat(optOuts.isOptedOut(email.toUpperCase(), ChannelType.EMAIL)).isTrue();
    assertThat(unsubscribes.isUnsubscribed(" " + email.toUpperCase() + " ")).isTrue();
    assertThat(privacy.find(email.toUpperCase()))
        .extracting(GuestPrivacyService.GuestMatch::id, GuestPrivacyService.GuestMatch::fullName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first.guestId(), name),
            org.assertj.core.groups.Tuple.tuple(second.guestId(), name));
    assertThat(privacy.find(phone)).hasSize(2);

    // pages and the export show the plain values; the export leaves the blind indexes out
    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    assertThat(manager.getForObject("/bookings/" + first.id(), String.class)).contains(name);
    String export =
        manager.getForObject("/privacy/guests/" + first.guestId() + "/export", String.class);
    assertThat(export)
        .contains(email.toUpperCase())
        .contains(phone)
        .contains(name)
        .doesNotContain("gjc1.")
        .doesNotContain("_index");

    // a wrong key fails loudly, both at start and on a row read back
    String stored = (String) guest.get("email");
    ContactCipher wrong =
        new ContactCipher(
            Map.of(cipher.currentKeyId(), ContactCipherTest.randomKey()),
            ContactCipherTest.randomKey());
    assertThatThrownBy(() -> wrong.decrypt(stored))
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("wrong");
    assertThatThrownBy(
            () ->
                new ContactKeyCheck(
                    jdbc,
                    wrong,
                    transactions,
                    new ContactEncryptionProperties(List.of(), null, false, Path.of("x"), 10)))
        .isInstanceOf(ContactDataException.class);
  }

  private static BookingRequest booking(
      Property house, LocalDate arrival, String name, String email, String phone) {
    return new BookingRequest(
        house.id(),
        "REF-" + UUID.randomUUID(),
        "direct",
        arrival,
        arrival.plusDays(2),
        null,
        2,
        null,
        new BookingRequest.GuestDetails(name, email, phone, "en"));
  }

  /** "table: row" for every row of every table whose text contains one of the needles. */
  private List<String> rowsMentioning(String... needles) {
    List<String> found = new java.util.ArrayList<>();
    for (String table :
        jdbc.sql(
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")
            .query(String.class)
            .list()) {
      for (String needle : needles) {
        jdbc.sql("select x::text from " + table + " x where x::text ilike ?")
            .param("%" + needle + "%")
            .query(String.class)
            .list()
            .forEach(row -> found.add(table + ": " + row));
      }
    }
    return found;
  }
}
