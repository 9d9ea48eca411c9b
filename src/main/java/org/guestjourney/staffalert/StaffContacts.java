package org.guestjourney.staffalert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.Violations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Staff members' own contact details, and who is the manager on duty of each property. */
@Service
public class StaffContacts {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private static final String SELECT =
      """
      select s.id, s.username, s.role, c.display_name, c.email, c.phone, c.signature
        from staff_account s left join staff_contact c on c.staff_account_id = s.id
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  StaffContacts(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<StaffContact> of(String username) {
    return jdbc.sql(SELECT + " where s.username = ?").param(username).query(this::map).optional();
  }

  /**
   * Saves the staff member's own details; nothing is saved when a value is wrong (each named by its
   * field). Blank values clear the detail.
   */
  public StaffContact save(String username, String displayName, String email, String phone) {
    List<FieldViolation> wrong = new ArrayList<>();
    String name = blankToNull(displayName);
    String mail = blankToNull(email);
    String tel = phone == null ? null : blankToNull(phone.replaceAll("[\\s()-]", ""));
    if (name != null && name.length() > 100) {
      wrong.add(new FieldViolation("displayName", "must be at most 100 characters"));
    }
    if (mail != null && (mail.length() > 254 || !EMAIL.matcher(mail).matches())) {
      wrong.add(new FieldViolation("email", "must be an e-mail address, e.g. anna@example.com"));
    }
    if (tel != null && !Violations.E164.matcher(tel).matches()) {
      wrong.add(
          new FieldViolation(
              "phone", "must be a phone number in international format, e.g. +393331234567"));
    }
    if (!wrong.isEmpty()) {
      throw new InvalidRequestException(wrong);
    }
    long id = of(username).orElseThrow().staffAccountId();
    jdbc.sql(
            """
            insert into staff_contact (staff_account_id, display_name, email, phone, updated_at)
            values (?, ?, ?, ?, ?)
            on conflict (staff_account_id) do update set display_name = excluded.display_name,
              email = excluded.email, phone = excluded.phone, updated_at = excluded.updated_at
            """)
        .params(id, name, mail, tel, Timestamp.from(clock.instant()))
        .update();
    return of(username).orElseThrow();
  }

  /**
   * Saves how the staff member appears to guests in replies: their display name and signature
   * (blank clears either); their alert addresses stay as they are. Nothing is saved when a value is
   * wrong.
   */
  public StaffContact saveReplyIdentity(String username, String displayName, String signature) {
    List<FieldViolation> wrong = new ArrayList<>();
    String name = blankToNull(displayName);
    String sign =
        signature == null ? null : blankToNull(signature.replace("\r\n", "\n").replace('\r', '\n'));
    if (name != null && name.length() > 100) {
      wrong.add(new FieldViolation("displayName", "must be at most 100 characters"));
    }
    if (name != null && org.guestjourney.web.ControlCharacters.presentInLine(name)) {
      wrong.add(new FieldViolation("displayName", "must be one line"));
    }
    if (sign != null && sign.length() > 300) {
      wrong.add(new FieldViolation("signature", "must be at most 300 characters"));
    }
    if (!wrong.isEmpty()) {
      throw new InvalidRequestException(wrong);
    }
    long id = of(username).orElseThrow().staffAccountId();
    jdbc.sql(
            """
            insert into staff_contact (staff_account_id, display_name, signature, updated_at)
            values (?, ?, ?, ?)
            on conflict (staff_account_id) do update set display_name = excluded.display_name,
              signature = excluded.signature, updated_at = excluded.updated_at
            """)
        .params(id, name, sign, Timestamp.from(clock.instant()))
        .update();
    return of(username).orElseThrow();
  }

  /** The manager on duty of the property, if one took the duty. */
  public Optional<StaffContact> managerOnDuty(long propertyId) {
    return jdbc.sql(
            SELECT
                + " join manager_on_duty d on d.staff_account_id = s.id"
                + " where d.property_id = ? and s.enabled")
        .param(propertyId)
        .query(this::map)
        .optional();
  }

  /** The manager takes the duty of the property (from whoever had it). */
  public void takeDuty(String username, long propertyId) {
    StaffContact me = of(username).orElseThrow();
    jdbc.sql(
            """
            insert into manager_on_duty (property_id, staff_account_id, since) values (?, ?, ?)
            on conflict (property_id) do update set staff_account_id = excluded.staff_account_id,
              since = excluded.since
            """)
        .params(propertyId, me.staffAccountId(), Timestamp.from(clock.instant()))
        .update();
  }

  /**
   * Enabled staff who work for the property (for no property: staff of every property), with
   * whatever contact details they gave.
   */
  public List<StaffContact> workingFor(Long propertyId) {
    if (propertyId == null) {
      return jdbc.sql(SELECT + " where s.enabled and s.all_properties").query(this::map).list();
    }
    return jdbc.sql(
            SELECT
                + """
                 where s.enabled and (s.all_properties or exists (select 1
                   from staff_account_property p where p.staff_account_id = s.id
                    and p.property_id = ?))
                """)
        .param(propertyId)
        .query(this::map)
        .list();
  }

  private StaffContact map(ResultSet rs, int n) throws SQLException {
    return new StaffContact(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("role"),
        rs.getString("display_name"),
        rs.getString("email"),
        rs.getString("phone"),
        rs.getString("signature"));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
