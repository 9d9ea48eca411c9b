package org.guestjourney.guest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class GuestRepository {

  private final JdbcClient jdbc;
  private final ContactCipher cipher;

  GuestRepository(JdbcClient jdbc, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  public long insert(
      String fullName,
      String email,
      String phone,
      String language,
      String channel,
      String timeZone,
      Instant now) {
    return jdbc.sql(
            """
            insert into guest (full_name, email, phone, email_index, phone_index, name_index,
              preferred_language, preferred_channel, time_zone, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
            """)
        .params(
            cipher.encrypt(fullName),
            cipher.encrypt(email),
            cipher.encrypt(phone),
            cipher.index(email),
            cipher.index(phone),
            nameIndex(cipher, fullName),
            language,
            channel,
            timeZone,
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  /**
   * The blind index of a name (ADR 0062): as contacts are indexed, with runs of blanks as one, so
   * that "Anna Rossi " finds "anna rossi". Null for none or an erased name.
   */
  public static String nameIndex(ContactCipher cipher, String fullName) {
    if (fullName == null || ContactCipher.ERASED.equals(fullName)) {
      return null;
    }
    return cipher.index(fullName.replaceAll("\\s+", " "));
  }

  public Optional<Guest> findById(long id) {
    return jdbc.sql("select * from guest where id = ?")
        .param(id)
        .query((rs, n) -> fromRow(rs))
        .optional();
  }

  /** A guest (contact data decrypted) from a row of {@code guest} or a joined read. */
  public Guest fromRow(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Guest(
        rs.getLong("id"),
        cipher.decrypt(rs.getString("full_name")),
        cipher.decrypt(rs.getString("email")),
        cipher.decrypt(rs.getString("phone")),
        rs.getString("preferred_language"),
        rs.getString("preferred_channel"),
        rs.getString("time_zone"));
  }
}
