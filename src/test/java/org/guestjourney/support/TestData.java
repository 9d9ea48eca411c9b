package org.guestjourney.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.booking.BookingService;
import org.guestjourney.messaging.DeliveryState;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRequest;
import org.guestjourney.property.PropertyService;
import org.springframework.boot.test.context.TestComponent;

/** Creates properties and bookings the way an integrator would, and reads their messages. */
@TestComponent
public class TestData {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final PropertyService properties;
  private final BookingService bookings;
  private final BookingRepository bookingRepository;
  private final MessagingService messaging;
  private final java.time.Clock clock;
  private final org.guestjourney.journey.JourneyPlan plan;
  private final org.guestjourney.security.ApiKeyService apiKeys;

  /** The test data helper of an application context started by hand. */
  public static TestData of(org.springframework.context.ApplicationContext context) {
    return new TestData(
        context.getBean(PropertyService.class),
        context.getBean(BookingService.class),
        context.getBean(BookingRepository.class),
        context.getBean(MessagingService.class),
        context.getBean(org.guestjourney.journey.JourneyPlan.class),
        context.getBean(java.time.Clock.class),
        context.getBean(org.guestjourney.security.ApiKeyService.class));
  }

  TestData(
      PropertyService properties,
      BookingService bookings,
      BookingRepository bookingRepository,
      MessagingService messaging,
      org.guestjourney.journey.JourneyPlan plan,
      java.time.Clock clock,
      org.guestjourney.security.ApiKeyService apiKeys) {
    this.plan = plan;
    this.apiKeys = apiKeys;
    this.properties = properties;
    this.bookings = bookings;
    this.bookingRepository = bookingRepository;
    this.messaging = messaging;
    this.clock = clock;
  }

  /**
   * Sets the house's message budget (automated messages per stay), through the same service as the
   * settings page and API.
   */
  public void messageBudget(Property property, int budget) {
    properties.updateSettings(
        property.id(), properties.settings(property.id()).withMessageBudget(budget));
  }

  public Property property(String timeZone, String... languages) {
    return property(timeZone, LocalTime.of(10, 0), languages);
  }

  /** A property whose check-in guide goes out at {@code guideTime}, local. */
  public Property property(String timeZone, LocalTime guideTime, String... languages) {
    return property(timeZone, guideTime, 3, languages);
  }

  /** A property whose check-in guide goes out {@code daysBefore} arrival at {@code guideTime}. */
  public Property property(
      String timeZone, LocalTime guideTime, int daysBefore, String... languages) {
    String code =
        "test-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    return properties.register(
        new PropertyRequest(
            code,
            "Test House " + code,
            timeZone,
            languages[0],
            List.of(languages),
            LocalTime.of(15, 0),
            LocalTime.of(11, 0),
            "host@" + code + ".example",
            "+390612345678",
            LocalTime.of(8, 0),
            LocalTime.of(20, 0),
            "Via Roma 1",
            "Tram 8 to the last stop",
            "Key box left of the door",
            "Bakery at the corner",
            "30% deposit",
            "City tax 3 EUR",
            "Free cancellation until 7 days before arrival",
            null,
            daysBefore,
            guideTime,
            LocalTime.of(10, 0)));
  }

  /** A new API key's token: read-write for {@code properties} (all when none are named). */
  public String writeKey(Property... properties) {
    return apiKey(org.guestjourney.security.ApiKey.Scope.WRITE, properties);
  }

  /** A new API key's token with {@code scope} for {@code properties} (all when none are named). */
  public String apiKey(org.guestjourney.security.ApiKey.Scope scope, Property... properties) {
    java.util.Set<Long> ids =
        java.util.Arrays.stream(properties)
            .map(Property::id)
            .collect(java.util.stream.Collectors.toSet());
    return apiKeys
        .create("test key " + SEQUENCE.incrementAndGet(), scope, ids.isEmpty(), ids, "test")
        .token();
  }

  public String uniqueEmail() {
    return "guest-"
        + SEQUENCE.incrementAndGet()
        + "-"
        + UUID.randomUUID().toString().substring(0, 6)
        + "@example.com";
  }

  public BookingRequest request(
      Property property, LocalDate arrival, int nights, String email, String language) {
    return new BookingRequest(
        property.id(),
        "REF-" + UUID.randomUUID(),
        "direct",
        arrival,
        arrival.plusDays(nights),
        "Garden room",
        2,
        null,
        new GuestDetails("Anna Test", email, "+393401234567", language));
  }

  /**
   * Books two nights for {@code email} (English) arriving {@code days} days after today at the
   * property, as {@link #book} does.
   */
  public Booking bookArrivingIn(Property property, int days, String email) {
    return book(
        request(
            property,
            java.time.LocalDate.ofInstant(clock.instant(), property.timeZone()).plusDays(days),
            2,
            email,
            "en"));
  }

  /**
   * Marco Rossi (with a phone) in room 3 of {@code property}, arriving today for two nights: a
   * guest in the house, whose requests become tasks with a room on the card.
   */
  public Booking bookInRoom3Today(Property property) {
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), property.timeZone());
    return book(
        new BookingRequest(
            property.id(),
            "REF-" + java.util.UUID.randomUUID(),
            "direct",
            today,
            today.plusDays(2),
            "3",
            2,
            null,
            new BookingRequest.GuestDetails("Marco Rossi", uniqueEmail(), "+393401234567", "en")));
  }

  /**
   * Books, and waits until the journey has made its first move: the confirmation was attempted
   * (sent, skipped or failed). Tests that move time right after booking then do not race the
   * confirmation (proactive messages keep a gap to the previous one).
   */
  public Booking book(BookingRequest request) {
    Booking booking = bookings.create(request).booking();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              return messaging.forBooking(booking.id()).stream()
                  .anyMatch(
                      d ->
                          MessageStep.BOOKING_CONFIRMATION.equals(d.step())
                              && d.state() != DeliveryState.SCHEDULED
                              && d.state() != DeliveryState.SENDING);
            });
    return booking;
  }

  /** Waits until the booking's journey is running and returns its process instance key. */
  public long journeyOf(long bookingId) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> bookingRepository.findById(bookingId).orElseThrow().journeyInstanceKey(),
            key -> key != null && key > 0);
  }

  public Booking reload(long bookingId) {
    return bookingRepository.findById(bookingId).orElseThrow();
  }

  /**
   * The booking's latest message of {@code step}. A message the journey has not reached yet is
   * opened from the model's plan first, the way staff open a planned message on the journey page
   * (its moment is the one the model's timer gives for the booking).
   */
  public MessageDelivery message(long bookingId, MessageStep step) {
    return messaging.forBooking(bookingId).stream()
        .filter(d -> d.step().equals(step))
        .reduce((first, second) -> second) // the latest planned of that step
        .or(() -> plan.open(bookingId, step.code()))
        .orElseThrow(() -> new AssertionError("No " + step + " planned for booking " + bookingId));
  }

  /** The step of the booking's plan (from the deployed models) that sends {@code step}. */
  public org.guestjourney.journey.JourneyPlan.PlannedStep planned(
      long bookingId, MessageStep step) {
    return plan.of(bookingId).stream()
        .filter(s -> step.code().equals(s.message()))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("No " + step + " in the plan of " + bookingId));
  }

  /** The moment the deployed models give for {@code step} of the booking. */
  public Instant plannedAt(long bookingId, MessageStep step) {
    return planned(bookingId, step).at();
  }

  /** The reasons in a message's history, oldest first. */
  public List<String> history(long deliveryId) {
    return messaging.history(deliveryId).stream()
        .map(org.guestjourney.messaging.DeliveryEvent::reason)
        .toList();
  }

  public List<MessageDelivery> messages(long bookingId) {
    return messaging.forBooking(bookingId);
  }

  /** Waits until the booking's latest message of {@code step} reaches {@code state}. */
  public MessageDelivery awaitState(long bookingId, MessageStep step, DeliveryState state) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .ignoreExceptionsInstanceOf(AssertionError.class)
        .until(() -> message(bookingId, step), d -> d.state() == state);
  }
}
