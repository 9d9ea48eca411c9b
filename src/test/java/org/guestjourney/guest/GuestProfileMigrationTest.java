package org.guestjourney.guest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.guestjourney.privacy.ContactCipher;
import org.guestjourney.privacy.V56__Encrypt_contact_data;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An installation from before profiles is upgraded (V105, V106): guest rows of the same e-mail
 * become one guest, every other row its own, and a same phone number or name is suggested, not
 * merged. Runs on its own embedded PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuestProfileMigrationTest {

  private EmbeddedPostgres postgres;
  private DataSource db;
  private JdbcClient jdbc;

  @BeforeAll
  void startDatabase() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of("target/test-data/profiles-" + System.nanoTime()))
            .setCleanDataDirectory(true)
            .start();
    db = postgres.getPostgresDatabase();
    jdbc = JdbcClient.create(db);
  }

  @AfterAll
  void stopDatabase() throws Exception {
    postgres.close();
  }

  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private long guest(ContactCipher cipher, String name, String email, String phone) {
    return jdbc.sql(
            """
            insert into guest (full_name, email, phone, email_index, phone_index,
              preferred_language, created_at) values (?, ?, ?, ?, ?, 'en', now()) returning id
            """)
        .params(
            cipher.encrypt(name),
            cipher.encrypt(email),
            cipher.encrypt(phone),
            cipher.index(email),
            cipher.index(phone))
        .query(Long.class)
        .single();
  }

  private Long profileOf(long guest) {
    return jdbc.sql("select profile_id from guest where id = ?")
        .param(guest)
        .query(Long.class)
        .single();
  }

  @Test
  void guestsOfOneEmailBecomeOneProfileAndASamePhoneOrNameIsSuggested() {
    ContactCipher cipher = new ContactCipher(Map.of("k1", key()), key());
    Flyway.configure()
        .dataSource(db)
        .javaMigrations(new V56__Encrypt_contact_data(cipher))
        .target("80")
        .load()
        .migrate();
    long anna1 = guest(cipher, "Anna Rossi", "anna@example.com", "+393331234567");
    long anna2 = guest(cipher, "Anna Rossi", "ANNA@example.com ", null);
    long samePhone = guest(cipher, "A. Rossi", "a.rossi@work.example", "+393331234567");
    long sameName = guest(cipher, "anna  rossi", "other@example.com", null);
    long stranger = guest(cipher, "Bo Chen", "bo@example.com", "+8613800000000");

    Flyway.configure()
        .dataSource(db)
        .javaMigrations(
            new V56__Encrypt_contact_data(cipher), new V106__Link_guests_to_profiles(cipher))
        .load()
        .migrate();

    assertThat(profileOf(anna1)).isNotNull().isEqualTo(profileOf(anna2));
    assertThat(List.of(profileOf(samePhone), profileOf(sameName), profileOf(stranger)))
        .doesNotHaveDuplicates()
        .doesNotContain(profileOf(anna1));
    assertThat(
            jdbc.sql("select name_index from guest where id = ?")
                .param(sameName)
                .query(String.class)
                .single())
        .isEqualTo(GuestRepository.nameIndex(cipher, "Anna Rossi"));
    List<Map<String, Object>> suggestions =
        jdbc.sql(
                "select profile_id, other_profile_id, reason, state from guest_profile_suggestion"
                    + " order by reason")
            .query()
            .listOfRows();
    assertThat(suggestions).hasSize(2);
    assertThat(suggestions.get(0))
        .containsEntry("reason", "SAME_NAME")
        .containsEntry("state", "OPEN")
        .containsEntry("profile_id", Math.min(profileOf(anna1), profileOf(sameName)))
        .containsEntry("other_profile_id", Math.max(profileOf(anna1), profileOf(sameName)));
    assertThat(suggestions.get(1))
        .containsEntry("reason", "SAME_PHONE")
        .containsEntry("profile_id", Math.min(profileOf(anna1), profileOf(samePhone)));
  }
}
