package org.guestjourney.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.privacy.GuestPrivacyService;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One guest across bookings on the real database (ADR 0062): the same e-mail joins a profile at any
 * house, a same phone or name is only suggested, a merge moves the stays and can be undone, staff
 * of one house see only that house's stays, and erasure takes the whole person.
 */
class GuestProfilesTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired GuestPrivacyService privacy;
  @Autowired ObjectMapper json;
  @Autowired org.guestjourney.security.StaffAccountService accounts;

  static String phone() {
    return "+3934" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
  }

  Booking book(Property house, String name, String email, String phone, int inDays) {
    LocalDate arrival = LocalDate.ofInstant(engine.now(), house.timeZone()).plusDays(inDays);
    return data.book(
        new BookingRequest(
            house.id(),
            "REF-" + UUID.randomUUID(),
            "direct",
            arrival,
            arrival.plusDays(2),
            "3",
            2,
            null,
            new GuestDetails(name, email, phone, "en")));
  }

  long profileOf(Booking b) {
    return jdbc.sql("select profile_id from guest where id = ?")
        .param(b.guestId())
        .query(Long.class)
        .single();
  }

  JsonNode get(TestRestTemplate api, String path) throws Exception {
    ResponseEntity<String> answer = api.getForEntity(path, String.class);
    assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }

  ResponseEntity<String> patch(TestRestTemplate api, long profile, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return api.exchange(
        "/api/guests/" + profile, HttpMethod.PATCH, new HttpEntity<>(body, headers), String.class);
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 6);
  }

  @Test
  void bookingsWithTheSameEmailAreOneGuestWithBothStaysAtEveryHouse() throws Exception {
    Property rome = data.property("Europe/Rome", "en");
    Property hangzhou = data.property("Asia/Shanghai", "en");
    String email = data.uniqueEmail();
    Booking first = book(rome, "Marta Bianchi " + unique(), email, phone(), 10);
    Booking second = book(hangzhou, "Marta Bianchi", email.toUpperCase(), null, 40);

    assertThat(profileOf(second)).isEqualTo(profileOf(first));
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(rome, hangzhou));
    JsonNode guest = get(api, "/api/guests/" + profileOf(first));
    assertThat(guest.path("stays")).hasSize(2);
    assertThat(guest.path("automaticTags").toString()).contains("returning");
    assertThat(guest.path("stays").get(0).path("stage").asText()).isEqualTo("UPCOMING");
    assertThat(get(api, "/api/guests?q=" + email).path("guests")).hasSize(1);
    assertThat(
            jdbc.sql(
                    "select count(*) from guest_profile_suggestion where profile_id = ? or"
                        + " other_profile_id = ?")
                .params(profileOf(first), profileOf(first))
                .query(Long.class)
                .single())
        .as("nothing to suggest: they are one guest already")
        .isZero();
  }

  @Test
  void aSamePhoneIsOnlySuggestedAndAMergeMovesTheStayAndCanBeUndone() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String phone = phone();
    String name = "Paolo Verdi " + unique();
    Booking first = book(house, name, data.uniqueEmail(), phone, 10);
    Booking second = book(house, "P. Verdi", data.uniqueEmail(), phone, 30);
    long kept = profileOf(first);
    long other = profileOf(second);
    assertThat(kept).isNotEqualTo(other);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    JsonNode suggestion = null;
    for (JsonNode s : get(api, "/api/guests/suggestions")) {
      if (s.path("profileId").asLong() == kept && s.path("otherProfileId").asLong() == other) {
        suggestion = s;
      }
    }
    assertThat(suggestion).isNotNull();
    assertThat(suggestion.path("reason").asText()).isEqualTo("SAME_PHONE");

    // the other profile knows a birthday and is a VIP
    assertThat(
            patch(api, other, "{\"tags\": [\"vip\", \"cyclist\"], \"birthday\": \"1980-02-29\"}")
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> merged =
        api.postForEntity(
            "/api/guests/" + kept + "/merge", Map.of("otherGuestId", other), String.class);
    assertThat(merged.getStatusCode()).isEqualTo(HttpStatus.OK);
    long mergeId = json.readTree(merged.getBody()).path("id").asLong();
    JsonNode together = get(api, "/api/guests/" + kept);
    assertThat(together.path("stays")).hasSize(2);
    assertThat(together.path("tags").toString()).contains("VIP").contains("cyclist");
    assertThat(together.path("birthday").asText()).isEqualTo("1980-02-29");
    assertThat(together.path("merges").get(0).path("guestRecords").toString())
        .contains(String.valueOf(second.guestId()));
    assertThat(api.getForEntity("/api/guests/" + other, String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(profileOf(second)).isEqualTo(kept);
    assertThat(
            api.postForEntity(
                    "/api/guests/" + kept + "/merge", Map.of("otherGuestId", other), String.class)
                .getStatusCode())
        .as("merged already")
        .isEqualTo(HttpStatus.CONFLICT);

    assertThat(
            api.postForEntity("/api/guests/merges/" + mergeId + "/undo", null, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(profileOf(second)).isEqualTo(other);
    JsonNode apart = get(api, "/api/guests/" + kept);
    assertThat(apart.path("stays")).hasSize(1);
    assertThat(apart.path("tags")).isEmpty();
    assertThat(apart.path("birthday").isMissingNode() || apart.path("birthday").isNull())
        .as("birthday")
        .isTrue();
    assertThat(apart.path("merges").get(0).path("undone").asBoolean()).isTrue();
    JsonNode back = get(api, "/api/guests/" + other);
    assertThat(back.path("stays")).hasSize(1);
    assertThat(back.path("tags").toString()).contains("VIP");
    assertThat(
            jdbc.sql("select state from guest_profile_suggestion where id = ?")
                .param(suggestion.path("id").asLong())
                .query(String.class)
                .single())
        .isEqualTo("KEPT_APART");
  }

  @Test
  void aNameSharedByManyGuestsSuggestsNothingMore() {
    Property house = data.property("Europe/Rome", "en");
    String name = "Maria Rossi " + unique();
    List<Booking> stays = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      stays.add(book(house, name, data.uniqueEmail(), null, 10 + i));
    }
    // the first six share the name with at most five others: each pair is suggested once
    assertThat(suggestionsOf(stays.get(5))).isEqualTo(5);
    // the seventh and eighth come when the name is shared by more: no sign of one person any more
    assertThat(suggestionsOf(stays.get(6))).isZero();
    assertThat(suggestionsOf(stays.get(7))).isZero();
  }

  private int suggestionsOf(Booking booking) {
    long profile = profileOf(booking);
    return jdbc.sql(
            "select count(*) from guest_profile_suggestion where profile_id = ? or"
                + " other_profile_id = ?")
        .params(profile, profile)
        .query(Integer.class)
        .single();
  }

  @Test
  void aSameNameWithAnotherEmailIsSuggestedAndAManagerKeepsThemApart() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String name = "Lin Wei " + unique();
    Booking first = book(house, name, data.uniqueEmail(), null, 10);
    Booking second = book(house, "  " + name.toLowerCase() + " ", data.uniqueEmail(), null, 20);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    JsonNode suggestion = null;
    for (JsonNode s : get(api, "/api/guests/suggestions")) {
      if (s.path("profileId").asLong() == profileOf(first)) {
        suggestion = s;
      }
    }
    assertThat(suggestion).isNotNull();
    assertThat(suggestion.path("reason").asText()).isEqualTo("SAME_NAME");
    assertThat(suggestion.path("otherProfileId").asLong()).isEqualTo(profileOf(second));

    assertThat(
            api.postForEntity(
                    "/api/guests/suggestions/" + suggestion.path("id").asLong() + "/keep-apart",
                    null,
                    String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(get(api, "/api/guests/suggestions").toString())
        .doesNotContain("\"profileId\":" + profileOf(first) + ",");
    // a third booking of the same name does not bring the decided pair back
    book(house, name, data.uniqueEmail(), null, 30);
    assertThat(
            jdbc.sql(
                    "select state from guest_profile_suggestion where profile_id = ? and"
                        + " other_profile_id = ?")
                .params(profileOf(first), profileOf(second))
                .query(String.class)
                .single())
        .isEqualTo("KEPT_APART");
  }

  @Test
  void staffOfOneHouseSeeOnlyThatHousesStaysAndCannotMergeAcrossHouses() throws Exception {
    Property mine = data.property("Europe/Rome", "en");
    Property theirs = data.property("Europe/Rome", "en");
    Property elsewhere = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    String phone = phone();
    Booking here = book(mine, "Sofia Neri " + unique(), email, phone, 10);
    Booking there = book(theirs, "Sofia Neri", email, phone, 30);
    Booking onlyThere = book(theirs, "S. Neri", data.uniqueEmail(), phone, 50);
    long profile = profileOf(here);
    TestRestTemplate local = SignedIn.withKey(anonymous, data.writeKey(mine));

    JsonNode seen = get(local, "/api/guests/" + profile);
    assertThat(seen.path("stays")).hasSize(1);
    assertThat(seen.path("stays").get(0).path("bookingId").asLong()).isEqualTo(here.id());
    assertThat(seen.toString()).doesNotContain(there.externalReference());
    assertThat(
            SignedIn.withKey(anonymous, data.writeKey(elsewhere))
                .getForEntity("/api/guests/" + profile, String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(
            SignedIn.withKey(anonymous, data.writeKey(elsewhere))
                .getForEntity("/api/guests/" + profileOf(onlyThere), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get(local, "/api/guests/suggestions").toString())
        .as("a suggestion with a guest of another house is not theirs to decide")
        .doesNotContain("\"otherProfileId\":" + profileOf(onlyThere));

    ResponseEntity<String> refused =
        local.postForEntity(
            "/api/guests/" + profile + "/merge",
            Map.of("otherGuestId", profileOf(onlyThere)),
            String.class);
    assertThat(refused.getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
    assertThat(profileOf(onlyThere)).isNotEqualTo(profile);
    // the housekeeping-free manager of every house sees both stays on the page
    String page =
        SignedIn.as(anonymous, "manager").getForObject("/guests/" + profile, String.class);
    assertThat(page).contains("data-booking=\"" + here.id() + "\"");
    assertThat(page).contains("data-booking=\"" + there.id() + "\"");
  }

  @Test
  void aChangeWithABadFieldIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    Booking b = book(house, "Ada Gialli " + unique(), data.uniqueEmail(), null, 10);
    long profile = profileOf(b);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));

    ResponseEntity<String> refused =
        patch(
            api,
            profile,
            "{\"tags\": [\"VIP\", \"returning\"], \"birthday\": \"23/04/1985\","
                + " \"allergies\": \"nuts\", \"fullName\": \"X\"}");
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(refused.getBody()).contains("birthday").contains("fullName");
    ResponseEntity<String> returning = patch(api, profile, "{\"tags\": [\"returning\"]}");
    assertThat(returning.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(returning.getBody()).contains("\"tags\"");
    ResponseEntity<String> future =
        patch(api, profile, "{\"anniversary\": \"" + LocalDate.now().plusYears(2) + "\"}");
    assertThat(future.getBody()).contains("anniversary");
    JsonNode unchanged = get(api, "/api/guests/" + profile);
    assertThat(unchanged.path("tags")).isEmpty();
    assertThat(unchanged.path("allergies").isMissingNode() || unchanged.path("allergies").isNull())
        .as("allergies")
        .isTrue();

    ResponseEntity<String> fine =
        patch(
            api,
            profile,
            "{\"tags\": [\"family\"], \"allergies\": \"<b>nuts</b>\", \"anniversary\":"
                + " \"2001-06-30\"}");
    assertThat(fine.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(patch(api, profile, "{\"allergies\": null}").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    JsonNode changed = get(api, "/api/guests/" + profile);
    assertThat(changed.path("tags").toString()).contains("family");
    assertThat(changed.path("allergies").isMissingNode() || changed.path("allergies").isNull())
        .as("allergies")
        .isTrue();
    assertThat(changed.path("anniversary").asText()).isEqualTo("2001-06-30");
    assertThat(
            SignedIn.withKey(
                    anonymous, data.apiKey(org.guestjourney.security.ApiKey.Scope.READ, house))
                .exchange(
                    "/api/guests/" + profile,
                    HttpMethod.PATCH,
                    new HttpEntity<>("{\"tags\": []}", jsonHeaders()),
                    String.class)
                .getStatusCode())
        .as("a read-only key changes nothing")
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  @Test
  void aSegmentOfATagCountsAndListsItsGuests() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String tag = "golf-" + unique();
    Booking a = book(house, "Golfer One", data.uniqueEmail(), null, 10);
    Booking b = book(house, "Golfer Two", data.uniqueEmail(), null, 12);
    book(house, "Not A Golfer", data.uniqueEmail(), null, 14);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    patch(api, profileOf(a), "{\"tags\": [\"" + tag + "\"]}");
    patch(api, profileOf(b), "{\"tags\": [\"" + tag.toUpperCase() + "\", \"VIP\"]}");

    JsonNode tagged = get(api, "/api/guests?tag=" + tag);
    assertThat(tagged.path("total").asLong()).isEqualTo(2);
    ResponseEntity<String> created =
        api.postForEntity(
            "/api/guest-segments", Map.of("name", "Golfers " + tag, "tag", tag), String.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String location = created.getHeaders().getLocation().toString();
    JsonNode segment = get(api, location);
    assertThat(segment.path("count").asLong()).isEqualTo(2);
    assertThat(segment.path("members").findValuesAsText("id"))
        .containsExactlyInAnyOrder(String.valueOf(profileOf(a)), String.valueOf(profileOf(b)));
    ResponseEntity<String> twice =
        api.postForEntity(
            "/api/guest-segments", Map.of("name", "golfers " + tag, "tag", ""), String.class);
    assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(twice.getBody()).contains("\"tag\"");
  }

  @Test
  void erasingAGuestErasesEveryStayAndEverythingTheProfileKnew() throws Exception {
    Property house = data.property("Europe/Rome", "en");
    String email = data.uniqueEmail();
    String name = "Erika Rosa " + unique();
    Booking first = book(house, name, email, phone(), 10);
    Booking second = book(house, name, email, null, 40);
    long profile = profileOf(first);
    TestRestTemplate api = SignedIn.withKey(anonymous, data.writeKey(house));
    patch(
        api,
        profile,
        "{\"tags\": [\"VIP\"], \"allergies\": \"shellfish\", \"birthday\": \"1970-01-02\"}");

    String export = privacy.export(first.guestId()).toString();
    assertThat(export)
        .contains(first.externalReference())
        .contains(second.externalReference())
        .contains("shellfish")
        .contains("VIP");

    privacy.erase(second.guestId(), "test");
    for (Booking b : List.of(first, second)) {
      assertThat(
              jdbc.sql("select full_name, email_index, name_index from guest where id = ?")
                  .param(b.guestId())
                  .query()
                  .singleRow())
          .containsEntry("full_name", "[erased]")
          .containsEntry("email_index", null)
          .containsEntry("name_index", null);
    }
    assertThat(
            jdbc.sql(
                    "select count(*) from guest_profile where id = ? and (allergies is not null or"
                        + " birthday is not null)")
                .param(profile)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("select count(*) from guest_profile_tag where profile_id = ?")
                .param(profile)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(privacy.export(first.guestId()).toString())
        .doesNotContain("shellfish")
        .doesNotContain(email)
        .doesNotContain(name);
  }

  @Test
  void theFrontDeskOfOneHouseSeesOnlyItsStaysOnThePagesAndNamesStayText() {
    Property mine = data.property("Europe/Rome", "en");
    Property theirs = data.property("Europe/Rome", "en");
    String u = unique();
    String email = data.uniqueEmail();
    Booking here = book(mine, "Nina <b>Blu</b> " + u, email, null, 10);
    Booking there = book(theirs, "Nina Blu", email, null, 30);
    Booking other = book(theirs, "Otto Nero " + u, data.uniqueEmail(), null, 20);
    String frontDesk = "fd-" + u;
    accounts.create(
        frontDesk,
        "a-long-password-1234",
        org.guestjourney.security.StaffRole.FRONT_DESK,
        false,
        java.util.Set.of(mine.id()),
        "test");
    TestRestTemplate desk = SignedIn.as(anonymous, frontDesk, "a-long-password-1234");

    String page = desk.getForObject("/guests/" + profileOf(here), String.class);
    assertThat(page)
        .contains("data-booking=\"" + here.id() + "\"")
        .doesNotContain("data-booking=\"" + there.id() + "\"")
        .doesNotContain(there.externalReference())
        .contains("Nina &lt;b&gt;Blu&lt;/b&gt; " + u)
        .doesNotContain("<b>Blu</b>");
    assertThat(desk.getForEntity("/guests/" + profileOf(other), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(desk.getForEntity("/guests/of-booking/" + there.id(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(desk.getForObject("/guests?q=" + email, String.class))
        .contains("data-guest=\"" + profileOf(here) + "\"");
    assertThat(desk.getForObject("/guests", String.class))
        .doesNotContain("data-guest=\"" + profileOf(other) + "\"");
    assertThat(
            desk.postForEntity("/guests/suggestions/1/merge", null, String.class).getStatusCode())
        .as("merging is a manager's")
        .isEqualTo(HttpStatus.FORBIDDEN);
    TestRestTemplate housekeeping = SignedIn.as(anonymous, "housekeeping");
    for (String path : List.of("/guests/" + profileOf(here), "/api/guests/" + profileOf(here))) {
      assertThat(housekeeping.getForEntity(path, String.class).getStatusCode())
          .as("housekeeping reads no guest profile: " + path)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
  }
}
