package org.guestjourney.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.guestjourney.privacy.ContactCipherTest.INDEX_KEY;
import static org.guestjourney.privacy.ContactCipherTest.randomKey;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An installation from before encryption is upgraded: the Flyway Java migration V56 encrypts what
 * was stored in plain text and fills the blind indexes; later a key is rotated, the old rows are
 * re-encrypted at start, and the old key can go. Runs on its own embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactDataMigrationTest {

  private EmbeddedPostgres postgres;
  private DataSource db;
  private JdbcClient jdbc;
  private final byte[] k1 = randomKey();
  private final byte[] k2 = randomKey();

  @BeforeAll
  void startDatabase() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of("target/test-data/migration-" + System.nanoTime()))
            .setCleanDataDirectory(true)
            .start();
    db = postgres.getPostgresDatabase();
    jdbc = JdbcClient.create(db);
  }

  @AfterAll
  void stopDatabase() throws Exception {
    postgres.close();
  }

  private static ContactCipher cipher(Object... idsAndKeys) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (int i = 0; i < idsAndKeys.length; i += 2) {
      keys.put((String) idsAndKeys[i], (byte[]) idsAndKeys[i + 1]);
    }
    return new ContactCipher(keys, INDEX_KEY);
  }

  private ContactKeyCheck check(ContactCipher cipher) {
    return new ContactKeyCheck(
        jdbc,
        cipher,
        new TransactionTemplate(new DataSourceTransactionManager(db)),
        new ContactEncryptionProperties(List.of(), null, false, Path.of("unused"), 2));
  }

  @Test
  void plainRowsAreEncryptedByTheMigrationAndOldKeysRotateOut() {
    Flyway.configure().dataSource(db).target("55").load().migrate();
    long property =
        jdbc.sql(
                """
                insert into property (code, name, time_zone, default_language, languages)
                values ('old', 'Old House', 'Europe/Rome', 'en', 'en') returning id
                """)
            .query(Long.class)
            .single();
    long guest =
        jdbc.sql(
                """
                insert into guest (full_name, email, phone, preferred_language, created_at)
                values ('Anna Rossi', 'Anna.Rossi@example.com', '+393331234567', 'en', now())
                returning id
                """)
            .query(Long.class)
            .single();
    long booking =
        jdbc.sql(
                """
                insert into booking (property_id, guest_id, external_reference, source_channel,
                  arrival_date, departure_date, status, created_at, updated_at)
                values (?, ?, 'R1', 'direct', '2026-06-01', '2026-06-03', 'CONFIRMED', now(), now())
                returning id
                """)
            .params(property, guest)
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into inquiry (property_id, full_name, email, phone, preferred_language, message,
              status, received_at)
            values (?, 'Anna Rossi', 'anna.rossi@example.com', '+393331234567', 'en', 'Parking?',
              'OPEN', now())
            """)
        .param(property)
        .update();
    jdbc.sql(
            """
            insert into message_delivery (booking_id, step, idempotency_key, channel, planned_at,
              state, recipient, subject, body, created_at, updated_at)
            values (?, 'booking-confirmation', 'k-1', 'EMAIL', now(), 'SENT',
              'anna.rossi@example.com', 'Your stay', '<p>Dear Anna Rossi,</p>', now(), now())
            """)
        .param(booking)
        .update();
    jdbc.sql(
            """
            insert into inbound_message (channel, from_address, body, guest_id, booking_id, kind,
              received_at) values ('SMS', '+393331234567', 'See you soon', ?, ?, 'REPLY', now())
            """)
        .params(guest, booking)
        .update();
    jdbc.sql(
            """
            insert into mail_feedback (kind, address, permanent, provider, received_at)
            values ('BOUNCE', 'anna.rossi@example.com', true, 'test', now())
            """)
        .update();
    jdbc.sql(
            """
            insert into contact_opt_out (address, channel, opted_out, source, updated_at)
            values ('+393331234567', 'SMS', true, 'STOP', now())
            """)
        .update();
    jdbc.sql(
            "insert into email_unsubscribe (address, unsubscribed_at) values ('anna.rossi@example.com', now())")
        .update();

    ContactCipher cipher = cipher("k1", k1);
    Flyway.configure()
        .dataSource(db)
        .javaMigrations(new V56__Encrypt_contact_data(cipher))
        .load()
        .migrate();

    assertThat(plaintextRows()).as("rows holding the plain name, e-mail or phone").isZero();
    Map<String, Object> row =
        jdbc.sql("select * from guest where id = ?").param(guest).query().singleRow();
    assertThat(cipher.decrypt((String) row.get("full_name"))).isEqualTo("Anna Rossi");
    assertThat(cipher.decrypt((String) row.get("email"))).isEqualTo("Anna.Rossi@example.com");
    assertThat(row.get("email_index")).isEqualTo(cipher.index("anna.rossi@example.com"));
    assertThat(row.get("phone_index")).isEqualTo(cipher.index("+393331234567"));
    assertThat(
            jdbc.sql("select count(*) from inquiry where email_index = ?")
                .param(cipher.index("ANNA.ROSSI@example.com"))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from contact_opt_out where address = ?")
                .param(cipher.index("+393331234567"))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from email_unsubscribe where address = ?")
                .param(cipher.index("anna.rossi@example.com"))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            cipher.decrypt(
                jdbc.sql("select body from message_delivery").query(String.class).single()))
        .isEqualTo("<p>Dear Anna Rossi,</p>");

    // first start with k1: the checks are written
    check(cipher);
    assertThatThrownBy(() -> check(cipher("k1", randomKey())))
        .as("another key under the same id")
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("'k1'")
        .hasMessageContaining("wrong");
    assertThatThrownBy(() -> check(new ContactCipher(Map.of("k1", k1), randomKey())))
        .as("another blind index key")
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("index key");
    assertThatThrownBy(() -> check(cipher("k2", k2)))
        .as("k1 dropped before the rows were re-encrypted")
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("still encrypted with key 'k1'");

    // rotation: k2 first, k1 kept for reading; the start-up step rewrites the old rows
    ContactCipher rotated = cipher("k2", k2, "k1", k1);
    ContactKeyCheck rotating = check(rotated);
    assertThat(rotated.decrypt(encryptedGuestEmail(guest))).isEqualTo("Anna.Rossi@example.com");
    assertThat(rotating.reencrypt()).as("values rewritten (in batches of 2)").isEqualTo(10);
    assertThat(rotating.reencrypt()).as("nothing left to rewrite").isZero();
    assertThat(encryptedGuestEmail(guest)).startsWith("gjc1.k2.");

    // k1 can go now; its check is removed, and the data reads with k2 alone
    ContactCipher k2Only = cipher("k2", k2);
    check(k2Only);
    assertThat(k2Only.decrypt(encryptedGuestEmail(guest))).isEqualTo("Anna.Rossi@example.com");
    assertThat(
            jdbc.sql("select count(*) from app_secret where name = 'contact-key:k1'")
                .query(Long.class)
                .single())
        .isZero();
    assertThat(plaintextRows()).isZero();
  }

  private String encryptedGuestEmail(long guest) {
    return jdbc.sql("select email from guest where id = ?")
        .param(guest)
        .query(String.class)
        .single();
  }

  /** Rows of any table whose text mentions the name, the e-mail address or the phone number. */
  private long plaintextRows() {
    long found = 0;
    for (String table :
        jdbc.sql(
                "select table_name from information_schema.tables where table_schema = 'public'"
                    + " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")
            .query(String.class)
            .list()) {
      found +=
          jdbc.sql(
                  "select count(*) from "
                      + table
                      + " x where x::text ilike '%rossi%' or x::text like '%3331234567%'")
              .query(Long.class)
              .single();
    }
    return found;
  }
}
