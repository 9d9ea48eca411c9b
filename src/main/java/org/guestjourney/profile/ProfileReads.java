package org.guestjourney.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the profile pages read of the stays, read-only and always limited to the houses the caller
 * works for ({@code houses}): bookings, survey answers, complaints, contacts and opt-outs. Contact
 * data is decrypted here; lookups compare blind indexes only (ADR 0031).
 */
@Component
class ProfileReads {

  private final JdbcClient jdbc;
  private final ContactCipher cipher;
  private final ObjectMapper json;

  ProfileReads(JdbcClient jdbc, ContactCipher cipher, ObjectMapper json) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
  }

  private static Long[] array(List<Long> ids) {
    return ids.toArray(Long[]::new);
  }

  Optional<Long> profileOfBooking(long bookingId) {
    return jdbc.sql(
            "select g.profile_id from booking b join guest g on g.id = b.guest_id where b.id = ?")
        .param(bookingId)
        .query(Long.class)
        .optional();
  }

  /** The houses with a booking of the profile (who may see or merge it). */
  List<Long> housesOf(long profileId) {
    return jdbc.sql(
            """
            select distinct b.property_id from booking b join guest g on g.id = b.guest_id
             where g.profile_id = ? order by 1
            """)
        .param(profileId)
        .query(Long.class)
        .list();
  }

  /** A line of the guest list. */
  record Line(
      long id,
      String fullName,
      String email,
      String phone,
      int stays,
      LocalDate lastArrival,
      List<String> tags,
      boolean returning) {}

  record Page(List<Line> lines, long total) {}

  /**
   * Profiles with a booking at {@code houses}, latest arrival first; {@code q} finds an e-mail
   * address, phone number or full name exactly (equality is all encrypted data allows), {@code tag}
   * a tag ("returning": more than one stay).
   */
  Page search(String q, String tag, List<Long> houses, int page, int size) {
    String query = q == null || q.isBlank() ? null : q.strip();
    String where =
        """
          from (select g.profile_id, count(*) filter (where b.status <> 'CANCELLED') as stays,
                       max(b.arrival_date) as last_arrival, max(g.id) as latest_guest
                  from booking b join guest g on g.id = b.guest_id
                 where b.property_id = any(:houses) and g.profile_id is not null
                 group by g.profile_id) v
          join guest_profile p on p.id = v.profile_id and p.merged_into is null
         where (cast(:tag as text) is null
                or (lower(cast(:tag as text)) = 'returning' and v.stays >= 2)
                or exists (select 1 from guest_profile_tag t where t.profile_id = v.profile_id
                            and lower(t.tag) = lower(cast(:tag as text))))
           and (cast(:q as text) is null
                or exists (select 1 from guest x join booking xb on xb.guest_id = x.id
                            where x.profile_id = v.profile_id and xb.property_id = any(:houses)
                              and (x.email_index = :q or x.phone_index = :q
                                   or x.name_index = :name)))
        """;
    String t = tag == null || tag.isBlank() ? null : tag.strip();
    String qIndex = query == null ? null : cipher.index(query);
    String nameIndex = query == null ? null : GuestRepository.nameIndex(cipher, query);
    long total =
        jdbc.sql("select count(*) " + where)
            .param("houses", array(houses))
            .param("tag", t)
            .param("q", qIndex)
            .param("name", nameIndex)
            .query(Long.class)
            .single();
    List<Line> lines =
        jdbc.sql(
                "select v.*, g.full_name, g.email, g.phone "
                    + where.replace(
                        "join guest_profile p",
                        "join guest g on g.id = v.latest_guest join guest_profile p")
                    + " order by v.last_arrival desc, v.profile_id desc limit :size offset :offset")
            .param("houses", array(houses))
            .param("tag", t)
            .param("q", qIndex)
            .param("name", nameIndex)
            .param("size", size)
            .param("offset", (long) (Math.max(page, 1) - 1) * size)
            .query(
                (rs, n) -> {
                  long id = rs.getLong("profile_id");
                  int stays = rs.getInt("stays");
                  return new Line(
                      id,
                      cipher.decrypt(rs.getString("full_name")),
                      cipher.decrypt(rs.getString("email")),
                      cipher.decrypt(rs.getString("phone")),
                      stays,
                      rs.getDate("last_arrival").toLocalDate(),
                      tags(id),
                      stays >= 2);
                })
            .list();
    return new Page(lines, total);
  }

  List<String> tags(long profileId) {
    return jdbc.sql("select tag from guest_profile_tag where profile_id = ? order by lower(tag)")
        .param(profileId)
        .query(String.class)
        .list();
  }

  /** A booking of the profile at one of {@code houses}. */
  record StayRow(
      long bookingId,
      long propertyId,
      String propertyName,
      String timeZone,
      String reference,
      LocalDate arrival,
      LocalDate departure,
      String room,
      String status) {}

  List<StayRow> stays(long profileId, List<Long> houses) {
    return jdbc.sql(
            """
            select b.id, b.property_id, p.name, p.time_zone, b.external_reference, b.arrival_date,
                   b.departure_date, b.room, b.status
              from booking b join guest g on g.id = b.guest_id join property p on p.id = b.property_id
             where g.profile_id = ? and b.property_id = any(?)
             order by b.arrival_date desc, b.id desc
            """)
        .params(profileId, array(houses))
        .query(
            (rs, n) ->
                new StayRow(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getDate(6).toLocalDate(),
                    rs.getDate(7).toLocalDate(),
                    rs.getString(8),
                    rs.getString(9)))
        .list();
  }

  /** An answered survey: its answers as the guest gave them (scores, choices, their words). */
  record SurveyRow(
      long bookingId,
      String kind,
      Instant answeredAt,
      String timeZone,
      Map<String, String> answers) {}

  List<SurveyRow> surveys(long profileId, List<Long> houses) {
    return jdbc.sql(
            """
            select s.booking_id, s.kind, s.answered_at, s.answers, p.time_zone
              from survey_invitation s join booking b on b.id = s.booking_id
              join guest g on g.id = b.guest_id join property p on p.id = b.property_id
             where g.profile_id = ? and b.property_id = any(?) and s.answered_at is not null
             order by s.answered_at desc
            """)
        .params(profileId, array(houses))
        .query(
            (rs, n) ->
                new SurveyRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getString(5),
                    answers(rs.getString(4))))
        .list();
  }

  private Map<String, String> answers(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    try {
      JsonNode node = json.readTree(text);
      node.properties()
          .forEach(
              e ->
                  out.put(
                      e.getKey(),
                      e.getValue().isValueNode()
                          ? e.getValue().asText()
                          : e.getValue().toString()));
    } catch (java.io.IOException e) {
      out.put("answers", text);
    }
    return out;
  }

  record ComplaintRow(
      long id,
      long bookingId,
      String category,
      String urgency,
      String status,
      String description,
      Instant createdAt,
      String timeZone) {}

  List<ComplaintRow> complaints(long profileId, List<Long> houses) {
    return jdbc.sql(
            """
            select c.id, c.booking_id, c.category, c.urgency, c.status, c.description, c.created_at,
                   p.time_zone
              from complaint c join booking b on b.id = c.booking_id
              join guest g on g.id = b.guest_id join property p on p.id = b.property_id
             where g.profile_id = ? and b.property_id = any(?)
             order by c.created_at desc
            """)
        .params(profileId, array(houses))
        .query(
            (rs, n) ->
                new ComplaintRow(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant(),
                    rs.getString(8)))
        .list();
  }

  /** A guest row of the profile (the contacts given with one booking), decrypted. */
  record ContactRow(
      long guestId,
      String fullName,
      String email,
      String phone,
      String emailIndex,
      String phoneIndex,
      String language,
      String channel,
      String timeZone,
      boolean erased) {}

  /** The profile's guest rows with a booking at {@code houses}, latest first. */
  List<ContactRow> contacts(long profileId, List<Long> houses) {
    return jdbc.sql(
            """
            select g.* from guest g where g.profile_id = ?
               and exists (select 1 from booking b where b.guest_id = g.id and b.property_id = any(?))
             order by g.id desc
            """)
        .params(profileId, array(houses))
        .query(
            (rs, n) ->
                new ContactRow(
                    rs.getLong("id"),
                    cipher.decrypt(rs.getString("full_name")),
                    cipher.decrypt(rs.getString("email")),
                    cipher.decrypt(rs.getString("phone")),
                    rs.getString("email_index"),
                    rs.getString("phone_index"),
                    rs.getString("preferred_language"),
                    rs.getString("preferred_channel"),
                    rs.getString("time_zone"),
                    rs.getTimestamp("erased_at") != null))
        .list();
  }

  /** The opt-outs recorded for these addresses (blind indexes): channel → since when. */
  Map<String, Instant> optOuts(List<String> addressIndexes) {
    Map<String, Instant> out = new LinkedHashMap<>();
    if (addressIndexes.isEmpty()) {
      return out;
    }
    jdbc.sql(
            """
            select channel, max(updated_at) from contact_opt_out
             where address = any(?) and opted_out group by channel order by channel
            """)
        .param(addressIndexes.toArray(String[]::new))
        .query(
            rs -> {
              out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            });
    return out;
  }

  /** When one of these e-mail addresses used the unsubscribe link of a survey or review e-mail. */
  Optional<Instant> unsubscribed(List<String> emailIndexes) {
    if (emailIndexes.isEmpty()) {
      return Optional.empty();
    }
    return jdbc
        .sql("select min(unsubscribed_at) from email_unsubscribe where address = any(?)")
        .param(emailIndexes.toArray(String[]::new))
        .query(Timestamp.class)
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(Timestamp::toInstant);
  }

  /** Names of profiles, for the suggestion and merge lines (the latest guest row of each). */
  String nameOf(long profileId) {
    return jdbc.sql("select full_name from guest where profile_id = ? order by id desc limit 1")
        .param(profileId)
        .query(String.class)
        .optional()
        .map(cipher::decrypt)
        .orElse("?");
  }

  /** The name of the latest of these guest rows (what a merge moved). */
  String nameOfGuests(List<Long> guestIds) {
    return jdbc.sql("select full_name from guest where id = any(?) order by id desc limit 1")
        .param(array(guestIds))
        .query(String.class)
        .optional()
        .map(cipher::decrypt)
        .orElse("?");
  }

  static List<String> nonNull(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null && !out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }
}
