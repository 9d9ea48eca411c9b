package org.guestjourney.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Export and erasure of one guest, and the retention rule per property. The database is the system
 * of record: the journeys' process variables carry ids and flags only, so erasing here leaves
 * nothing personal in the engine.
 */
@Service
public class GuestPrivacyService {

  static final String ERASED = "[erased]";
  private static final Logger log = LoggerFactory.getLogger(GuestPrivacyService.class);

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final ContactCipher cipher;

  GuestPrivacyService(JdbcClient jdbc, ObjectMapper json, Clock clock, ContactCipher cipher) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.cipher = cipher;
  }

  /** A guest as a manager finds them: id, name, contacts, and their bookings' properties. */
  public record GuestMatch(
      long id,
      String fullName,
      String email,
      String phone,
      List<Long> propertyIds,
      boolean erased) {}

  public List<GuestMatch> find(String emailOrPhone) {
    String q = emailOrPhone == null ? "" : emailOrPhone.strip();
    if (q.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select g.id, g.full_name, g.email, g.phone, g.erased_at,
                   array(select distinct b.property_id from booking b where b.guest_id = g.id)
                     as property_ids
              from guest g where g.email_index = ? or g.phone_index = ? order by g.id
            """)
        .params(cipher.index(q), cipher.index(q))
        .query(
            (rs, n) ->
                new GuestMatch(
                    rs.getLong("id"),
                    cipher.decrypt(rs.getString("full_name")),
                    cipher.decrypt(rs.getString("email")),
                    cipher.decrypt(rs.getString("phone")),
                    List.of((Long[]) rs.getArray("property_ids").getArray()),
                    rs.getTimestamp("erased_at") != null))
        .list();
  }

  /** The properties whose bookings the guest has (who may export or erase them). */
  public List<Long> propertiesOf(long guestId) {
    exists(guestId);
    return jdbc.sql("select distinct property_id from booking where guest_id = any(?) order by 1")
        .param(members(guestId).toArray(Long[]::new))
        .query(Long.class)
        .list();
  }

  /** Everything held about the guest, as JSON. */
  public JsonNode export(long guestId) {
    exists(guestId);
    Long[] guests = members(guestId).toArray(Long[]::new);
    List<String> addresses =
        jdbc
            .sql("select email_index, phone_index from guest where id = any(?)")
            .param(guests)
            .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2)))
            .list()
            .stream()
            .flatMap(List::stream)
            .filter(java.util.Objects::nonNull)
            .distinct()
            .toList();
    String document =
        jdbc.sql(
                """
                with recursive
                     gs as (select id from guest where id = any(:guests)),
                     fam(id) as (select profile_id from guest where id = :g
                                 union select p.id from guest_profile p join fam on p.merged_into = fam.id),
                     b as (select id from booking where guest_id in (select id from gs)),
                     d as (select id from message_delivery where booking_id in (select id from b))
                select json_build_object(
                  'guest', (select row_to_json(x) from guest x where x.id = :g),
                  'guestRecords', (select coalesce(json_agg(x order by x.id), '[]') from guest x
                                    where x.id in (select id from gs)),
                  'profile', (select coalesce(json_agg(x order by x.id), '[]') from guest_profile x
                               where x.id in (select id from fam)),
                  'tags', (select coalesce(json_agg(x order by x.tag), '[]') from guest_profile_tag x
                            where x.profile_id in (select id from fam)),
                  'merges', (select coalesce(json_agg(x order by x.id), '[]') from guest_profile_merge x
                              where x.kept_profile_id in (select id from fam)
                                 or x.merged_profile_id in (select id from fam)),
                  'bookings', (select coalesce(json_agg(x order by x.id), '[]') from booking x
                                where x.id in (select id from b)),
                  'messages', (select coalesce(json_agg(x order by x.id), '[]')
                                 from message_delivery x where x.id in (select id from d)),
                  'messageHistory', (select coalesce(json_agg(x order by x.id), '[]')
                                 from message_delivery_event x where x.delivery_id in (select id from d)),
                  'guestMessages', (select coalesce(json_agg(x order by x.id), '[]')
                                 from inbound_message x
                                where x.guest_id in (select id from gs)
                                   or x.booking_id in (select id from b)),
                  'complaints', (select coalesce(json_agg(x order by x.id), '[]') from complaint x
                                where x.booking_id in (select id from b)),
                  'requests', (select coalesce(json_agg(x order by x.id), '[]') from guest_request x
                                where x.booking_id in (select id from b)),
                  'inquiries', (select coalesce(json_agg(x order by x.id), '[]') from inquiry x
                                where x.booking_id in (select id from b)),
                  'surveys', (select coalesce(json_agg(json_build_object('id', x.id, 'bookingId',
                                 x.booking_id, 'kind', x.kind, 'answeredAt', x.answered_at,
                                 'answers', x.answers) order by x.id), '[]')
                                 from survey_invitation x where x.booking_id in (select id from b)),
                  'feedback', (select coalesce(json_agg(x order by x.id), '[]') from feedback x
                                where x.booking_id in (select id from b)),
                  'optOuts', (select coalesce(json_agg(x), '[]') from contact_opt_out x
                               where x.address in (:addresses))
                )::text
                """)
            .param("g", guestId)
            .param("guests", guests)
            .param("addresses", addresses.isEmpty() ? List.of("") : addresses)
            .query(String.class)
            .single();
    try {
      ObjectNode node = (ObjectNode) json.readTree(document);
      readable(node);
      node.put("exportedAt", clock.instant().toString());
      return node;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The export is not JSON", e);
    }
  }

  /**
   * Erases the guest: name, contacts, what they wrote and what was written to them are removed or
   * replaced by "[erased]"; scheduled messages are cancelled; states, counts, dates, categories and
   * survey scores stay, so the numbers still add up. Repeating it changes nothing more.
   */
  @Transactional
  public void erase(long guestId, String reason) {
    List<Long> guests = members(guestId);
    for (long id : guests) {
      eraseOne(id);
    }
    // the profile the guest rows make up (ADR 0062), and the profiles merged into it
    String family =
        """
        with recursive fam(id) as (select profile_id from guest where id = ?
          union select p.id from guest_profile p join fam on p.merged_into = fam.id)
        """;
    jdbc.sql(
            family
                + """
                update guest_profile set preferences = null, allergies = null,
                  special_needs = null, birthday = null, anniversary = null
                 where id in (select id from fam)
                """)
        .param(guestId)
        .update();
    jdbc.sql(family + "delete from guest_profile_tag where profile_id in (select id from fam)")
        .param(guestId)
        .update();
    jdbc.sql(
            family
                + """
                update guest_profile_merge set copied = '{}'
                 where kept_profile_id in (select id from fam)
                    or merged_profile_id in (select id from fam)
                """)
        .param(guestId)
        .update();
    log.info(
        "Guest {} erased with the {} records of their profile ({})",
        guestId,
        guests.size(),
        reason);
  }

  /**
   * The guest rows of the same person: every row of the guest's profile (one per booking), and the
   * guest itself.
   */
  private List<Long> members(long guestId) {
    return jdbc.sql(
            """
            select id from guest where profile_id = (select profile_id from guest where id = :g)
            union select id from guest where id = :g order by 1
            """)
        .param("g", guestId)
        .query(Long.class)
        .list();
  }

  private void eraseOne(long guestId) {
    Map<String, Object> guest =
        jdbc
            .sql("select email_index, phone_index from guest where id = ?")
            .param(guestId)
            .query()
            .listOfRows()
            .stream()
            .findFirst()
            .orElseThrow(() -> new NotFoundException("No guest " + guestId));
    Object email = guest.get("email_index");
    Object phone = guest.get("phone_index");
    Timestamp now = Timestamp.from(clock.instant());
    String bookings = "select id from booking where guest_id = :g";
    String deliveries = "select id from message_delivery where booking_id in (" + bookings + ")";
    run(
        """
        update message_delivery set state = 'CANCELLED', reason = 'guest erased', updated_at = :now
         where state = 'SCHEDULED' and booking_id in (%s)
        """
            .formatted(bookings),
        guestId,
        now);
    run(
        """
        update message_delivery set recipient = null, subject = null, body = null,
          edited_subject = null, edited_body = null, provider_error = null
         where booking_id in (%s)
        """
            .formatted(bookings),
        guestId,
        now);
    run(
        "update message_delivery_event set reason = null where delivery_id in (%s)"
            .formatted(deliveries),
        guestId,
        now);
    run(
        """
        update inbound_message set body = '[erased]', from_address = '[erased]', to_address = null,
          subject = case when subject is null then null else '[erased]' end,
          reply = case when reply is null then null else '[erased]' end
         where guest_id = :g or booking_id in (%s)
        """
            .formatted(bookings),
        guestId,
        now);
    run(
        """
        update complaint set description = '[erased]', solution = null, call_notes = null,
          compensation_detail = null where booking_id in (%s)
        """
            .formatted(bookings),
        guestId,
        now);
    run(
        """
        update guest_request set description = '[erased]', action_taken = null,
          new_deadline = null where booking_id in (%s)
        """
            .formatted(bookings),
        guestId,
        now);
    run(
        "update feedback set text = '[erased]' where booking_id in (%s)".formatted(bookings),
        guestId,
        now);
    run(
        """
        update inquiry set full_name = '[erased]', email = '[erased]', email_index = null,
          phone = null,
          message = '[erased]', answer = null, travel_purpose = null, party_composition = null
         where booking_id in (%s)
        """
            .formatted(bookings),
        guestId,
        now);
    run("update booking set special_requests = null where guest_id = :g".formatted(), guestId, now);
    run(
        "update staff_task set result = null where booking_id in (%s)".formatted(bookings),
        guestId,
        now);
    eraseSurveyTexts(guestId);
    if (email != null) {
      jdbc.sql(
              """
              update mail_feedback set address = '[erased]', address_index = null, detail = null
               where address_index = ?
              """)
          .param(email)
          .update();
    }
    jdbc.sql(
            """
            update guest set full_name = '[erased]', email = null, phone = null, email_index = null,
              phone_index = null, name_index = null, time_zone = null,
              erased_at = coalesce(erased_at, ?) where id = ?
            """)
        .params(now, guestId)
        .update();
    // opt-outs and unsubscribes stay: they are what keeps an address from being messaged again
    if (phone == null && email == null) {
      return;
    }
  }

  /**
   * The export as a person reads it: encrypted contact data decrypted, blind indexes left out
   * (opt-outs keep only theirs: an opaque value that says nothing about the address).
   */
  private void readable(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> names = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (name.endsWith("_index")) {
          object.remove(name);
        } else if (value.isTextual() && ContactCipher.isEncrypted(value.asText())) {
          object.put(name, cipher.decrypt(value.asText()));
        } else {
          readable(value);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(this::readable);
    }
  }

  /** Survey answers keep their scores and choices; what the guest typed is removed. */
  private void eraseSurveyTexts(long guestId) {
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select id, answers from survey_invitation where booking_id in"
                    + " (select id from booking where guest_id = ?) and answers is not null")
            .param(guestId)
            .query()
            .listOfRows();
    for (Map<String, Object> row : rows) {
      String kept;
      try {
        JsonNode answers = json.readTree(String.valueOf(row.get("answers")));
        if (answers instanceof ObjectNode object) {
          java.util.List<String> texts = new java.util.ArrayList<>();
          object
              .properties()
              .forEach(
                  e -> {
                    if (e.getValue().isTextual()
                        && !e.getValue().asText().matches("[A-Za-z0-9_-]{0,40}")) {
                      texts.add(e.getKey());
                    }
                  });
          texts.forEach(k -> object.put(k, ERASED));
          kept = json.writeValueAsString(object);
        } else {
          kept = null;
        }
      } catch (java.io.IOException e) {
        kept = null;
      }
      jdbc.sql("update survey_invitation set answers = ?, draft = null where id = ?")
          .params(kept, row.get("id"))
          .update();
    }
  }

  private void run(String sql, long guestId, Timestamp now) {
    jdbc.sql(sql).param("g", guestId).param("now", now).update();
  }

  /** Sets how long a property keeps contact data after departure (null: until erased by hand). */
  public void setRetention(long propertyId, Integer months) {
    if (months != null && (months < 1 || months > 120)) {
      throw InvalidRequestException.of("months", "must be between 1 and 120, or empty");
    }
    if (jdbc.sql("update property set contact_retention_months = ? where id = ?")
            .params(months, propertyId)
            .update()
        == 0) {
      throw new NotFoundException("No property " + propertyId);
    }
  }

  public Integer retention(long propertyId) {
    return jdbc.sql("select contact_retention_months from property where id = ?")
        .param(propertyId)
        .query(Integer.class)
        .optional()
        .orElse(null);
  }

  /**
   * Erases every guest whose last departure, at every property they stayed with, lies further back
   * than that property's retention. The number erased.
   */
  public int eraseExpired() {
    Instant now = clock.instant();
    List<Long> due =
        jdbc.sql(
                """
                select g.id from guest g
                 where g.erased_at is null
                   and exists (select 1 from booking b where b.guest_id = g.id)
                   and not exists (
                     select 1 from booking b join property p on p.id = b.property_id
                      join guest same on same.id = b.guest_id
                      where (same.id = g.id or same.profile_id = g.profile_id)
                        and (p.contact_retention_months is null
                             or b.departure_date + make_interval(months => p.contact_retention_months)
                                >= cast(? as date)))
                """)
            .param(Timestamp.from(now))
            .query(Long.class)
            .list();
    java.util.Set<Long> done = new java.util.HashSet<>();
    for (Long id : due) {
      if (done.add(id)) {
        done.addAll(members(id));
        erase(id, "retention");
      }
    }
    return due.size();
  }

  private void exists(long guestId) {
    if (jdbc.sql("select count(*) from guest where id = ?")
            .param(guestId)
            .query(Long.class)
            .single()
        == 0) {
      throw new NotFoundException("No guest " + guestId);
    }
  }
}
