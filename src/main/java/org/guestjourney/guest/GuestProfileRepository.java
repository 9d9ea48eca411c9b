package org.guestjourney.guest;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The profile tables: profiles, their tags, suggestions, merges and saved segments. */
@Repository
class GuestProfileRepository {

  /**
   * Suggestions for the profiles of {@code :profiles} (all profiles when the array is null): other
   * live profiles with a guest of the same phone number, or of the same name (their e-mail
   * addresses differ, or the bookings would share a profile already).
   */
  static final String SUGGEST =
      """
      insert into guest_profile_suggestion (profile_id, other_profile_id, reason, created_at)
      select distinct least(a.profile_id, b.profile_id), greatest(a.profile_id, b.profile_id),
             '%1$s', cast(:now as timestamptz)
        from guest a join guest b on a.%2$s = b.%2$s and a.profile_id <> b.profile_id
        join guest_profile pa on pa.id = a.profile_id and pa.merged_into is null
        join guest_profile pb on pb.id = b.profile_id and pb.merged_into is null
       where a.erased_at is null and b.erased_at is null
         and (cast(:profiles as bigint[]) is null or a.profile_id = any(cast(:profiles as bigint[])))
      on conflict (profile_id, other_profile_id) do nothing
      """;

  /**
   * A phone number or a name shared by more live profiles than this is no sign that two of them are
   * the same person (a common name, a company's switchboard): no suggestion is made from it.
   */
  static final int MOST_SHARING_A_SIGN = 5;

  /**
   * {@link #SUGGEST} for one profile, as each booking's intake runs it: it starts from the
   * profile's guests and looks the value up by its index, so it costs the same with 10 guests or
   * 100,000; a value shared by more than {@link #MOST_SHARING_A_SIGN} other profiles suggests
   * nothing (it would suggest every pair of them).
   */
  static final String SUGGEST_FOR_PROFILE =
      """
      insert into guest_profile_suggestion (profile_id, other_profile_id, reason, created_at)
      select distinct least(a.profile_id, b.profile_id), greatest(a.profile_id, b.profile_id),
             '%1$s', cast(:now as timestamptz)
        from guest a join guest b on b.%2$s = a.%2$s and b.profile_id <> a.profile_id
        join guest_profile pb on pb.id = b.profile_id and pb.merged_into is null
       where a.profile_id = :profile and a.%2$s is not null
         and a.erased_at is null and b.erased_at is null
         and (select count(*) from (select distinct g.profile_id from guest g
                where g.%2$s = a.%2$s and g.profile_id <> a.profile_id and g.erased_at is null
                limit :most + 1) sharing) <= :most
      on conflict (profile_id, other_profile_id) do nothing
      """;

  private final JdbcClient jdbc;

  GuestProfileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long create(Instant now) {
    return jdbc.sql("insert into guest_profile (created_at, updated_at) values (?, ?) returning id")
        .params(Timestamp.from(now), Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  record Indexes(Long profileId, String email, String phone, String name) {}

  Optional<Indexes> indexesOf(long guestId) {
    return jdbc.sql(
            "select profile_id, email_index, phone_index, name_index from guest where id = ?")
        .param(guestId)
        .query(
            (rs, n) ->
                new Indexes(
                    (Long) rs.getObject("profile_id"),
                    rs.getString("email_index"),
                    rs.getString("phone_index"),
                    rs.getString("name_index")))
        .optional();
  }

  /** Serialises matching of the same e-mail address (two bookings at once share one profile). */
  void lockAddress(String index) {
    jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
        .param("guest-profile:" + index)
        .query()
        .listOfRows();
  }

  /** The live profile of the latest other guest with this e-mail index, if any. */
  Optional<Long> profileOfEmail(String emailIndex, long exceptGuest) {
    return jdbc.sql(
            """
            select p.id from guest g join guest_profile p on p.id = g.profile_id
             where g.email_index = ? and g.id <> ? and g.erased_at is null
               and p.merged_into is null
             order by g.id desc limit 1
            """)
        .params(emailIndex, exceptGuest)
        .query(Long.class)
        .optional();
  }

  void setProfile(long guestId, long profileId) {
    jdbc.sql("update guest set profile_id = ? where id = ?").params(profileId, guestId).update();
  }

  void suggest(long profileId, Instant now) {
    for (String[] kind :
        new String[][] {{"SAME_PHONE", "phone_index"}, {"SAME_NAME", "name_index"}}) {
      jdbc.sql(SUGGEST_FOR_PROFILE.formatted(kind[0], kind[1]))
          .param("now", Timestamp.from(now))
          .param("profile", profileId)
          .param("most", MOST_SHARING_A_SIGN)
          .update();
    }
  }

  Optional<GuestProfile> find(long id) {
    return jdbc.sql("select * from guest_profile where id = ?")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  Optional<GuestProfile> lock(long id) {
    return jdbc.sql("select * from guest_profile where id = ? for update")
        .param(id)
        .query((rs, n) -> map(rs))
        .optional();
  }

  private GuestProfile map(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    return new GuestProfile(
        id,
        (Long) rs.getObject("merged_into"),
        rs.getString("preferences"),
        rs.getString("allergies"),
        rs.getString("special_needs"),
        date(rs, "birthday"),
        date(rs, "anniversary"),
        tags(id));
  }

  private static LocalDate date(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  List<String> tags(long profileId) {
    return jdbc.sql("select tag from guest_profile_tag where profile_id = ? order by lower(tag)")
        .param(profileId)
        .query(String.class)
        .list();
  }

  void update(GuestProfile p, Instant now) {
    jdbc.sql(
            """
            update guest_profile set preferences = ?, allergies = ?, special_needs = ?,
              birthday = ?, anniversary = ?, updated_at = ? where id = ?
            """)
        .params(
            p.preferences(),
            p.allergies(),
            p.specialNeeds(),
            p.birthday() == null ? null : Date.valueOf(p.birthday()),
            p.anniversary() == null ? null : Date.valueOf(p.anniversary()),
            Timestamp.from(now),
            p.id())
        .update();
  }

  boolean addTag(long profileId, String tag, String by, Instant now) {
    return jdbc.sql(
                """
                insert into guest_profile_tag (profile_id, tag, added_by, added_at)
                values (?, ?, ?, ?) on conflict (profile_id, lower(tag)) do nothing
                """)
            .params(profileId, tag, by, Timestamp.from(now))
            .update()
        > 0;
  }

  void removeTag(long profileId, String tag) {
    jdbc.sql("delete from guest_profile_tag where profile_id = ? and lower(tag) = lower(?)")
        .params(profileId, tag)
        .update();
  }

  List<Long> guestIds(long profileId) {
    return jdbc.sql("select id from guest where profile_id = ? order by id")
        .param(profileId)
        .query(Long.class)
        .list();
  }

  void moveGuests(List<Long> guestIds, long from, long to) {
    jdbc.sql("update guest set profile_id = ? where profile_id = ? and id = any(?)")
        .params(to, from, guestIds.toArray(Long[]::new))
        .update();
  }

  void setMergedInto(long profileId, Long into, Instant now) {
    jdbc.sql("update guest_profile set merged_into = ?, updated_at = ? where id = ?")
        .params(into, Timestamp.from(now), profileId)
        .update();
  }

  long logMerge(
      long kept,
      long merged,
      List<Long> guestIds,
      String copied,
      Long suggestion,
      String by,
      Instant now) {
    return jdbc.sql(
            """
            insert into guest_profile_merge (kept_profile_id, merged_profile_id, guest_ids, copied,
              suggestion_id, merged_by, merged_at) values (?, ?, ?, ?, ?, ?, ?) returning id
            """)
        .params(
            kept,
            merged,
            guestIds.toArray(Long[]::new),
            copied,
            suggestion,
            by,
            Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  Optional<ProfileMerge> merge(long id, boolean forUpdate) {
    return jdbc.sql(
            "select * from guest_profile_merge where id = ?" + (forUpdate ? " for update" : ""))
        .param(id)
        .query((rs, n) -> mapMerge(rs))
        .optional();
  }

  List<ProfileMerge> mergesInto(long profileId) {
    return jdbc.sql(
            "select * from guest_profile_merge where kept_profile_id = ? order by merged_at desc, id desc")
        .param(profileId)
        .query((rs, n) -> mapMerge(rs))
        .list();
  }

  void markUndone(long mergeId, String by, Instant now) {
    jdbc.sql("update guest_profile_merge set undone_by = ?, undone_at = ? where id = ?")
        .params(by, Timestamp.from(now), mergeId)
        .update();
  }

  private static ProfileMerge mapMerge(ResultSet rs) throws SQLException {
    Timestamp undone = rs.getTimestamp("undone_at");
    return new ProfileMerge(
        rs.getLong("id"),
        rs.getLong("kept_profile_id"),
        rs.getLong("merged_profile_id"),
        Arrays.asList((Long[]) rs.getArray("guest_ids").getArray()),
        rs.getString("copied"),
        (Long) rs.getObject("suggestion_id"),
        rs.getString("merged_by"),
        rs.getTimestamp("merged_at").toInstant(),
        rs.getString("undone_by"),
        undone == null ? null : undone.toInstant());
  }

  /** Open suggestions between two live profiles. */
  List<ProfileSuggestion> openSuggestions() {
    return jdbc.sql(
            """
            select s.* from guest_profile_suggestion s
              join guest_profile a on a.id = s.profile_id and a.merged_into is null
              join guest_profile b on b.id = s.other_profile_id and b.merged_into is null
             where s.state = 'OPEN' order by s.id
            """)
        .query((rs, n) -> mapSuggestion(rs))
        .list();
  }

  Optional<ProfileSuggestion> suggestion(long id) {
    return jdbc.sql("select * from guest_profile_suggestion where id = ? for update")
        .param(id)
        .query((rs, n) -> mapSuggestion(rs))
        .optional();
  }

  Optional<ProfileSuggestion> suggestionBetween(long a, long b) {
    return jdbc.sql(
            "select * from guest_profile_suggestion where profile_id = ? and other_profile_id = ?")
        .params(Math.min(a, b), Math.max(a, b))
        .query((rs, n) -> mapSuggestion(rs))
        .optional();
  }

  void decide(long suggestionId, String state, String by, Instant now) {
    jdbc.sql(
            "update guest_profile_suggestion set state = ?, decided_by = ?, decided_at = ? where id = ?")
        .params(state, by, Timestamp.from(now), suggestionId)
        .update();
  }

  private static ProfileSuggestion mapSuggestion(ResultSet rs) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new ProfileSuggestion(
        rs.getLong("id"),
        rs.getLong("profile_id"),
        rs.getLong("other_profile_id"),
        rs.getString("reason"),
        rs.getString("state"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("decided_by"),
        decided == null ? null : decided.toInstant());
  }

  long createSegment(String name, String tag, String by, Instant now) {
    return jdbc.sql(
            """
            insert into guest_segment (name, tag, created_by, created_at) values (?, ?, ?, ?)
            on conflict (lower(name)) do nothing returning id
            """)
        .params(name, tag, by, Timestamp.from(now))
        .query(Long.class)
        .optional()
        .orElse(-1L);
  }

  List<GuestSegment> segments() {
    return jdbc.sql("select * from guest_segment order by lower(name)")
        .query((rs, n) -> mapSegment(rs))
        .list();
  }

  Optional<GuestSegment> segment(long id) {
    return jdbc.sql("select * from guest_segment where id = ?")
        .param(id)
        .query((rs, n) -> mapSegment(rs))
        .optional();
  }

  void deleteSegment(long id) {
    jdbc.sql("delete from guest_segment where id = ?").param(id).update();
  }

  private static GuestSegment mapSegment(ResultSet rs) throws SQLException {
    return new GuestSegment(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("tag"),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
