package org.guestjourney.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.guestjourney.property.Property;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.junit.jupiter.api.BeforeEach;
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
 * Managers and ADMIN keys create, list and revoke integration keys over {@code /api/keys}; no other
 * key, and no staff member who is not a manager, may touch keys.
 */
class ApiKeysApiTest extends JourneyIntegrationTest {

  @Autowired TestRestTemplate anonymous;
  @Autowired JdbcClient jdbc;
  @Autowired ObjectMapper json;
  @Autowired StaffAccountService staffAccounts;

  Property house;

  @BeforeEach
  void aHouse() {
    house = data.property("Europe/Rome", "en");
  }

  private static ResponseEntity<String> post(TestRestTemplate as, String url, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  private static void assertProblem(ResponseEntity<String> answer, HttpStatus status) {
    assertThat(answer.getStatusCode()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private long keyCount() {
    return jdbc.sql("select count(*) from api_key").query(Long.class).single();
  }

  @Test
  void aManagerCreatesAKeyShownOnceListsItAndRevokesIt() throws Exception {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager");

    ResponseEntity<String> created =
        post(
            manager,
            "/api/keys",
            Map.of(
                "name",
                "Channel manager",
                "scope",
                "WRITE",
                "propertyIds",
                List.of(house.id()),
                "requestsPerMinute",
                120));

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(created.getHeaders().getCacheControl()).contains("no-store");
    JsonNode body = json.readTree(created.getBody());
    String token = body.path("token").asText();
    long id = body.path("key").path("id").asLong();
    assertThat(token).startsWith("gjk_");
    assertThat(created.getHeaders().getLocation()).hasPath("/api/keys/" + id);
    assertThat(body.path("key").path("propertyIds").get(0).asLong()).isEqualTo(house.id());
    assertThat(created.getBody()).doesNotContain("hash");

    // the new key works for its house, and only there
    TestRestTemplate integration = SignedIn.withKey(anonymous, token);
    assertThat(
            integration.getForEntity("/api/properties/" + house.id(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ResponseEntity<String> list = manager.getForEntity("/api/keys", String.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).contains("Channel manager").doesNotContain(token);
    assertThat(manager.getForEntity("/api/keys/" + id, String.class).getBody())
        .as("the token is never shown again")
        .doesNotContain(token);

    ResponseEntity<String> revoked = post(manager, "/api/keys/" + id + "/revoke", Map.of());
    assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(revoked.getBody()).path("revokedAt").isMissingNode()).isFalse();
    assertProblem(
        integration.getForEntity("/api/properties/" + house.id(), String.class),
        HttpStatus.UNAUTHORIZED);

    // the audit trail names who did it and to which key
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_event where actor = 'manager' and action = 'CHANGE'"
                        + " and subject = 'key' and subject_id = ?")
                .param(id)
                .query(Long.class)
                .single())
        .as("creation and revocation")
        .isEqualTo(2);
  }

  @Test
  void badRequestsAreProblemsNamingTheFieldAndStoreNothing() throws Exception {
    TestRestTemplate manager = SignedIn.as(anonymous, "manager");
    long before = keyCount();

    Map<String, Object> noName = Map.of("scope", "READ", "allProperties", true);
    Map<String, Object> badScope = Map.of("name", "x", "scope", "OWNER", "allProperties", true);
    Map<String, Object> noProperties = Map.of("name", "x", "scope", "READ");
    Map<String, Object> unknownProperty =
        Map.of("name", "x", "scope", "READ", "propertyIds", List.of(987_654_321L));
    Map<String, Object> scopedAdmin =
        Map.of("name", "x", "scope", "ADMIN", "propertyIds", List.of(house.id()));
    Map<String, Object> tooFast =
        Map.of("name", "x", "scope", "READ", "allProperties", true, "requestsPerMinute", 0);
    for (var c :
        List.of(
            Map.entry(noName, "name"),
            Map.entry(badScope, "scope"),
            Map.entry(noProperties, "properties"),
            Map.entry(unknownProperty, "properties"),
            Map.entry(scopedAdmin, "allProperties"),
            Map.entry(tooFast, "requestsPerMinute"))) {
      ResponseEntity<String> answer = post(manager, "/api/keys", c.getKey());
      assertProblem(answer, HttpStatus.BAD_REQUEST);
      assertThat(answer.getBody()).as(c.toString()).contains("\"field\":\"" + c.getValue() + "\"");
    }
    assertProblem(manager.getForEntity("/api/keys/987654321", String.class), HttpStatus.NOT_FOUND);
    assertProblem(post(manager, "/api/keys/987654321/revoke", Map.of()), HttpStatus.NOT_FOUND);
    assertThat(keyCount()).isEqualTo(before);
  }

  @Test
  void readAndWriteKeysAndStaffWhoAreNotManagersCannotTouchKeys() {
    long before = keyCount();
    Map<String, Object> request =
        Map.of("name", "mine now", "scope", "WRITE", "allProperties", true);
    String victimKey = data.writeKey(house);
    long victimId = jdbc.sql("select max(id) from api_key").query(Long.class).single();

    for (String token :
        List.of(data.writeKey(), data.apiKey(ApiKey.Scope.READ), data.writeKey(house))) {
      TestRestTemplate key = SignedIn.withKey(anonymous, token);
      assertProblem(post(key, "/api/keys", request), HttpStatus.FORBIDDEN);
      assertProblem(key.getForEntity("/api/keys", String.class), HttpStatus.FORBIDDEN);
      assertProblem(post(key, "/api/keys/" + victimId + "/revoke", Map.of()), HttpStatus.FORBIDDEN);
    }
    for (String user : List.of("frontdesk", "housekeeping")) {
      TestRestTemplate staff = SignedIn.as(anonymous, user);
      assertProblem(post(staff, "/api/keys", request), HttpStatus.FORBIDDEN);
      assertProblem(staff.getForEntity("/api/keys", String.class), HttpStatus.FORBIDDEN);
    }
    assertProblem(post(anonymous, "/api/keys", request), HttpStatus.UNAUTHORIZED);
    assertProblem(anonymous.getForEntity("/api/keys", String.class), HttpStatus.UNAUTHORIZED);

    assertThat(keyCount()).as("only the keys this test made itself").isEqualTo(before + 4);
    assertThat(
            SignedIn.withKey(anonymous, victimKey)
                .getForEntity("/api/properties/" + house.id(), String.class)
                .getStatusCode())
        .as("the key nobody was allowed to revoke still works")
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void anAdminKeyManagesKeysButCannotMintAnotherAdminKey() throws Exception {
    TestRestTemplate admin = SignedIn.withKey(anonymous, data.apiKey(ApiKey.Scope.ADMIN));

    ResponseEntity<String> created =
        post(
            admin,
            "/api/keys",
            Map.of("name", "Website form", "scope", "WRITE", "propertyIds", List.of(house.id())));
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = json.readTree(created.getBody()).path("key").path("id").asLong();
    assertThat(json.readTree(created.getBody()).path("key").path("createdBy").asText())
        .startsWith("api-key:");
    assertThat(admin.getForEntity("/api/keys", String.class).getBody()).contains("Website form");
    assertThat(post(admin, "/api/keys/" + id + "/revoke", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    long before = keyCount();
    ResponseEntity<String> escalation =
        post(
            admin,
            "/api/keys",
            Map.of("name", "another admin", "scope", "ADMIN", "allProperties", true));
    assertProblem(escalation, HttpStatus.FORBIDDEN);
    assertThat(keyCount()).isEqualTo(before);
  }

  @Test
  void aManagerOfOneHouseHandsOutKeysForThatHouseOnly() {
    Property other = data.property("Europe/Rome", "en");
    String username = "mgr" + System.nanoTime() % 1_000_000_000L;
    staffAccounts.create(
        username,
        "a long first password",
        StaffRole.MANAGER,
        false,
        java.util.Set.of(house.id()),
        "test");
    TestRestTemplate manager = SignedIn.as(anonymous, username, "a long first password");
    long before = keyCount();

    assertProblem(
        post(manager, "/api/keys", Map.of("name", "all", "scope", "READ", "allProperties", true)),
        HttpStatus.BAD_REQUEST);
    ResponseEntity<String> otherHouse =
        post(
            manager,
            "/api/keys",
            Map.of("name", "other", "scope", "READ", "propertyIds", List.of(other.id())));
    assertProblem(otherHouse, HttpStatus.BAD_REQUEST);
    assertThat(otherHouse.getBody()).contains("\"field\":\"propertyIds\"");
    assertThat(keyCount()).isEqualTo(before);

    assertThat(
            post(
                    manager,
                    "/api/keys",
                    Map.of("name", "mine", "scope", "READ", "propertyIds", List.of(house.id())))
                .getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
  }

  @Test
  void aManagerOfOneHouseSeesAndRevokesOnlyKeysOfThatHouse() throws Exception {
    Property other = data.property("Europe/Rome", "en");
    String mine = data.apiKey(ApiKey.Scope.READ, house);
    String theirs = data.apiKey(ApiKey.Scope.READ, other);
    String everywhere = data.apiKey(ApiKey.Scope.READ);
    String username = "mgr" + System.nanoTime() % 1_000_000_000L;
    staffAccounts.create(
        username,
        "a long first password",
        StaffRole.MANAGER,
        false,
        java.util.Set.of(house.id()),
        "test");
    TestRestTemplate manager = SignedIn.as(anonymous, username, "a long first password");

    ResponseEntity<String> listed = manager.getForEntity("/api/keys", String.class);
    assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> prefixes = new java.util.ArrayList<>();
    json.readTree(listed.getBody()).forEach(k -> prefixes.add(k.path("prefix").asText()));
    assertThat(prefixes)
        .contains(prefixOf(mine))
        .doesNotContain(prefixOf(theirs), prefixOf(everywhere));

    long theirsId = idOf(theirs);
    assertProblem(
        manager.getForEntity("/api/keys/" + theirsId, String.class), HttpStatus.NOT_FOUND);
    assertProblem(
        post(manager, "/api/keys/" + theirsId + "/revoke", Map.of()), HttpStatus.NOT_FOUND);
    assertThat(keyRevoked(theirsId)).as("another house's key still works").isFalse();
    assertProblem(
        post(manager, "/api/keys/" + idOf(everywhere) + "/revoke", Map.of()), HttpStatus.NOT_FOUND);

    assertThat(post(manager, "/api/keys/" + idOf(mine) + "/revoke", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(keyRevoked(idOf(mine))).isTrue();
  }

  /** A token is gjk_<prefix>_<secret>; the prefix names the key. */
  private static String prefixOf(String token) {
    return token.split("_")[1];
  }

  private long idOf(String token) {
    return jdbc.sql("select id from api_key where token_prefix = ?")
        .param(prefixOf(token))
        .query(Long.class)
        .single();
  }

  private boolean keyRevoked(long id) {
    return jdbc.sql("select revoked_at is not null from api_key where id = ?")
        .param(id)
        .query(Boolean.class)
        .single();
  }
}
