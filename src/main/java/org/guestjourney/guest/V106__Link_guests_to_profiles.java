package org.guestjourney.guest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.stereotype.Component;

/**
 * Gives the guest rows stored before profiles existed (one per booking) their profile (ADR 0062):
 * fills the name index (it needs the configured {@link ContactCipher}, hence a Java migration and a
 * bean), puts the rows of one e-mail address on one profile and every other row on its own, then
 * suggests profiles that share a phone number or a name. Runs once, in Flyway's transaction.
 */
@Component
public class V106__Link_guests_to_profiles extends BaseJavaMigration {

  private final ContactCipher cipher;

  public V106__Link_guests_to_profiles(ContactCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    Map<String, Long> byEmail = new HashMap<>();
    try (Statement read = connection.createStatement();
        ResultSet rows =
            read.executeQuery(
                "select id, full_name, email_index, erased_at from guest"
                    + " where profile_id is null order by id");
        PreparedStatement profile =
            connection.prepareStatement(
                "insert into guest_profile (created_at, updated_at) values (now(), now())"
                    + " returning id");
        PreparedStatement write =
            connection.prepareStatement(
                "update guest set profile_id = ?, name_index = ? where id = ?")) {
      while (rows.next()) {
        String email = rows.getString("email_index");
        boolean erased = rows.getTimestamp("erased_at") != null;
        Long profileId = email == null || erased ? null : byEmail.get(email);
        if (profileId == null) {
          try (ResultSet created = profile.executeQuery()) {
            created.next();
            profileId = created.getLong(1);
          }
          if (email != null && !erased) {
            byEmail.put(email, profileId);
          }
        }
        write.setLong(1, profileId);
        write.setString(
            2,
            erased
                ? null
                : GuestRepository.nameIndex(cipher, cipher.decrypt(rows.getString("full_name"))));
        write.setLong(3, rows.getLong("id"));
        write.addBatch();
      }
      write.executeBatch();
    }
    for (String[] kind :
        new String[][] {{"SAME_PHONE", "phone_index"}, {"SAME_NAME", "name_index"}}) {
      try (PreparedStatement suggest =
          connection.prepareStatement(
              GuestProfileRepository.SUGGEST
                  .formatted(kind[0], kind[1])
                  .replace("cast(:now as timestamptz)", "now()")
                  .replace("cast(:profiles as bigint[])", "cast(null as bigint[])"))) {
        suggest.executeUpdate();
      }
    }
  }
}
