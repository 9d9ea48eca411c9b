package org.guestjourney.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.guestrequest.GuestRequestJourney;
import org.guestjourney.guestrequest.GuestRequestService;
import org.guestjourney.property.Property;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffRole;
import org.guestjourney.support.GuestRequests;
import org.guestjourney.support.JourneyIntegrationTest;
import org.guestjourney.support.SignedIn;
import org.guestjourney.support.Staff;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings.Redirects;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The bulk form as a browser posts it: it needs the page's CSRF token; a role that may not act on
 * several tasks is told so on the list and nothing changes; the poll the pages fall back on carries
 * the menu's counts (open, mine).
 */
class TaskBulkPageTest extends JourneyIntegrationTest {

  static final String PASSWORD = "a-long-password-1234";

  @Autowired TestRestTemplate http;
  @Autowired StaffAccountService accounts;
  @Autowired StaffTaskService tasks;
  @Autowired GuestRequestService requests;

  @Test
  void housekeepingIsToldOnTheListAndAPostWithoutTheTokenIsRefused() {
    Property house = data.property("Europe/Rome", "en");
    LocalDate today = LocalDate.ofInstant(engine.now(), house.timeZone());
    Booking booking =
        data.book(
            new BookingRequest(
                house.id(),
                "BULKPAGE-" + UUID.randomUUID(),
                "direct",
                today,
                today.plusDays(2),
                "9",
                1,
                null,
                new GuestDetails("Pia Page", data.uniqueEmail(), "+393401234522", "en")));
    StaffTask towels =
        new Staff(tasks)
            .awaitOpenTask(
                GuestRequests.started(requests, requests.raise(booking.id(), "amenities", "Towels"))
                    .processInstanceKey(),
                GuestRequestJourney.TASK_HANDLE_GUEST_REQUEST);
    String housekeeper = "hk-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(
        housekeeper, PASSWORD, StaffRole.HOUSEKEEPING, false, Set.of(house.id()), "test");

    TestRestTemplate signedIn =
        SignedIn.as(http, housekeeper, PASSWORD).withRedirects(Redirects.DONT_FOLLOW);
    // the list offers no bulk choice to housekeeping
    assertThat(signedIn.getForObject("/tasks", String.class))
        .contains("data-task=\"" + towels.id() + "\"")
        .doesNotContain("data-testid=\"bulk\"");

    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("task", String.valueOf(towels.id()));
    form.add("seen-" + towels.id(), "");
    form.add("action", "claim");
    form.add("back", "mine=true");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> refused =
        signedIn.postForEntity("/tasks/bulk", new HttpEntity<>(form, headers), String.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(302);
    assertThat(String.valueOf(refused.getHeaders().getLocation())).endsWith("/tasks?mine=true");
    assertThat(signedIn.getForObject("/tasks?mine=true", String.class))
        .contains("data-testid=\"bulk-problem\"")
        .contains("Your role cannot do this to several tasks at once");
    assertThat(tasks.get(towels.id(), Staff.MANAGER).assignee()).isNull();

    // a manager's session without the page's token: refused before anything runs
    String manager = "mgr-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.create(manager, PASSWORD, StaffRole.MANAGER, false, Set.of(house.id()), "test");
    SignedIn.Session session = SignedIn.session(http, manager, PASSWORD);
    HttpHeaders noToken = new HttpHeaders();
    noToken.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    noToken.add(HttpHeaders.COOKIE, session.cookie());
    ResponseEntity<String> forged =
        http.withRedirects(Redirects.DONT_FOLLOW)
            .exchange(
                "/tasks/bulk", HttpMethod.POST, new HttpEntity<>(form, noToken), String.class);
    assertThat(forged.getStatusCode().value()).isEqualTo(403);
    assertThat(tasks.get(towels.id(), Staff.MANAGER).assignee()).isNull();

    // with it, the manager takes it; the poll says one of the open tasks is theirs
    TestRestTemplate managerPages =
        SignedIn.as(http, manager, PASSWORD).withRedirects(Redirects.DONT_FOLLOW);
    assertThat(
            managerPages
                .postForEntity("/tasks/bulk", new HttpEntity<>(form, headers), String.class)
                .getStatusCode()
                .value())
        .isEqualTo(302);
    assertThat(tasks.get(towels.id(), Staff.MANAGER).assignee()).isEqualTo(manager);
    @SuppressWarnings("unchecked")
    Map<String, Object> pulse = managerPages.getForObject("/tasks/pulse", Map.class);
    assertThat(pulse).containsKeys("open", "mine", "version", "inbox");
    assertThat(pulse.get("mine")).isEqualTo(1);
    assertThat(managerPages.getForObject("/tasks?mine=true", String.class))
        .contains("data-testid=\"bulk-report\"")
        .contains("1 taken by you");
  }
}
