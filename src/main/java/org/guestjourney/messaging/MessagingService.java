package org.guestjourney.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.booking.BookingStatus;
import org.guestjourney.guest.Guest;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Plans, sends and explains guest messages. Sending applies the send-time rules (booking still on,
 * not stale, a way to reach the guest) and then hands the message to a channel exactly once: the
 * delivery record is claimed before the channel is called, and a message in a final state is never
 * sent again.
 */
@Service
public class MessagingService {

  private static final Logger log = LoggerFactory.getLogger(MessagingService.class);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final DeliveryRepository deliveries;
  private final BookingRepository bookings;
  private final GuestRepository guests;
  private final PropertyRepository properties;
  private final MessageRenderer renderer;
  private final ChannelChooser channels;
  private final OptOuts optOuts;
  private final Unsubscribes unsubscribes;
  private final MessagingProperties settings;
  private final AutomationPauses pauses;
  private final Clock clock;

  MessagingService(
      DeliveryRepository deliveries,
      BookingRepository bookings,
      GuestRepository guests,
      PropertyRepository properties,
      MessageRenderer renderer,
      ChannelChooser channels,
      OptOuts optOuts,
      Unsubscribes unsubscribes,
      MessagingProperties settings,
      AutomationPauses pauses,
      Clock clock) {
    this.deliveries = deliveries;
    this.bookings = bookings;
    this.guests = guests;
    this.properties = properties;
    this.renderer = renderer;
    this.channels = channels;
    this.optOuts = optOuts;
    this.unsubscribes = unsubscribes;
    this.settings = settings;
    this.pauses = pauses;
    this.clock = clock;
  }

  /**
   * Records the planned messages; ones already recorded under the same key are left as they are.
   */
  public void recordPlan(long bookingId, List<PlannedMessage> plan) {
    Instant now = clock.instant();
    for (PlannedMessage message : plan) {
      deliveries.insertIfAbsent(bookingId, message, ChannelType.EMAIL, now);
    }
  }

  /** Cancels the booking's messages that have not gone out and match {@code which}. */
  public int cancelOpen(long bookingId, Predicate<MessageDelivery> which, String reason) {
    Instant now = clock.instant();
    int cancelled = 0;
    for (MessageDelivery d : deliveries.findOpenByBooking(bookingId)) {
      if (which.test(d) && deliveries.cancel(d.id(), reason, now)) {
        cancelled++;
      }
    }
    return cancelled;
  }

  /** Skips a planned message that will not go, with the reason; no-op if it already went. */
  public void skip(String idempotencyKey, String reason) {
    deliveries
        .findByKey(idempotencyKey)
        .ifPresent(d -> deliveries.skip(d.id(), reason, clock.instant()));
  }

  public Optional<MessageDelivery> find(String idempotencyKey) {
    return deliveries.findByKey(idempotencyKey);
  }

  public Optional<MessageDelivery> find(long deliveryId) {
    return deliveries.findById(deliveryId);
  }

  public List<MessageDelivery> forBooking(long bookingId) {
    return deliveries.findByBooking(bookingId);
  }

  public List<DeliveryEvent> history(long deliveryId) {
    return deliveries.history(deliveryId);
  }

  /**
   * Sends the planned message now, unless a send-time rule stops it (recorded with the reason).
   * Calling it again for a message that went out, was skipped or cancelled does nothing.
   *
   * @throws SendFailedException when the channel failed; the message is kept for a retry
   */
  public Optional<MessageDelivery> send(GuestMessageRequest request) {
    return deliver(
        request.idempotencyKey(),
        request.step(),
        audience(request.bookingId()),
        request.model(),
        request.requestedBy() != null,
        request.via(),
        false);
  }

  /**
   * Sends a journey step's message now that the engine asked for it, and says what became of it:
   * done (sent, skipped with its reason, or settled earlier), held until a moment, or — when {@code
   * reportUnreachable} and no channel reaches the guest for a service message — unreachable, so
   * that the model can hand it to a person.
   *
   * @throws SendFailedException when the channel failed; the message is kept for a retry
   */
  public SendOutcome sendStep(GuestMessageRequest request, boolean reportUnreachable) {
    try {
      return new SendOutcome.Done(
          deliver(
              request.idempotencyKey(),
              request.step(),
              audience(request.bookingId()),
              request.model(),
              false,
              request.via(),
              reportUnreachable));
    } catch (GuestUnreachable e) {
      return new SendOutcome.Unreachable(e.getMessage());
    } catch (SendFailedException e) {
      if (e.retryAt().isPresent()) {
        return new SendOutcome.Held(e.retryAt().get(), e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Records a journey step's message as due at {@code dueAt} (the model's moment), unless it is
   * recorded already under the same key.
   */
  public void plan(long bookingId, MessageStep step, String key, Instant dueAt) {
    if (!deliveries.insertIfAbsent(
        bookingId,
        PlannedMessage.scheduled(step, key, dueAt),
        ChannelType.EMAIL,
        clock.instant())) {
      // opened ahead (by staff) for an earlier moment: it is due when the model says
      deliveries.findByKey(key).ifPresent(d -> deliveries.notBefore(d.id(), dueAt));
    }
  }

  /** Records that a step's content goes with another message, so it does not go on its own. */
  public void recordCarried(
      long bookingId, MessageStep step, String key, Instant dueAt, String reason) {
    Instant now = clock.instant();
    if (!deliveries.insertIfAbsent(
        bookingId, PlannedMessage.skipped(step, key, dueAt, reason), ChannelType.EMAIL, now)) {
      deliveries
          .findByKey(key)
          .filter(MessageDelivery::isOpen)
          .ifPresent(d -> deliveries.skip(d.id(), reason, now));
    }
  }

  /** No channel reaches the guest: raised only for callers that asked to hear of it. */
  private static final class GuestUnreachable extends RuntimeException {
    GuestUnreachable(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Sends a planned message to someone who has no booking (yet), e.g. the author of an inquiry. The
   * same rules apply as to {@link #send}, except those about a booking.
   */
  public Optional<MessageDelivery> sendWithoutBooking(
      String idempotencyKey,
      MessageStep step,
      Guest recipient,
      Property property,
      Map<String, Object> model) {
    return deliver(
        idempotencyKey, step, new Audience(recipient, property, null), model, false, null, false);
  }

  /** Records a planned message of an inquiry (no booking). */
  public void recordInquiryPlan(long inquiryId, PlannedMessage message) {
    deliveries.insertIfAbsentForInquiry(inquiryId, message, ChannelType.EMAIL, clock.instant());
  }

  public List<MessageDelivery> forInquiry(long inquiryId) {
    return deliveries.findByInquiry(inquiryId);
  }

  /**
   * Replaces the text of a message that has not gone out with one a member of staff wrote; false if
   * it went out (or was stopped) meanwhile.
   */
  public boolean edit(long deliveryId, String subject, String text, String by) {
    return deliveries.edit(
        deliveryId,
        subject == null || subject.isBlank() ? null : subject.strip(),
        text.strip(),
        by,
        clock.instant());
  }

  /** Makes a message that has not gone out due now, before "send now"; false if it went. */
  public boolean bringForward(long deliveryId, String by) {
    return deliveries.bringForward(deliveryId, "Send now requested by " + by, clock.instant());
  }

  /**
   * The message as plain text in the guest's language, the way SMS and WhatsApp would carry it:
   * what staff start from when they rewrite a message.
   */
  public RenderedMessage previewText(long bookingId, MessageStep step, Map<String, Object> extra) {
    return render(step, audience(bookingId), extra, ChannelType.SMS);
  }

  /**
   * Sends a WhatsApp message that did not reach the guest again by SMS, with the very text that
   * went by WhatsApp. Only one instance of the app plans the fallback; a fallback that cannot go
   * (no phone, SMS off, opted out, paused, too late) is recorded as skipped with the reason.
   *
   * @param why what the original message's trouble was, for its history
   */
  public void sendFallback(MessageDelivery original, String why) {
    Instant now = clock.instant();
    if (original.bookingId() == null || original.body() == null) {
      return;
    }
    Optional<Long> planned = deliveries.insertFallback(original, ChannelType.SMS, now);
    if (planned.isEmpty()) {
      return; // planned already, here or by another instance
    }
    deliveries.note(
        original.id(), why + "; sent again by SMS (message " + planned.get() + ")", now);
    retryFallback(deliveries.findById(planned.get()).orElseThrow());
  }

  /** Tries a planned (or failed) fallback message again; a no-op once it is settled. */
  public void retryFallback(MessageDelivery fallback) {
    Instant now = clock.instant();
    if (fallback.isSettled()) {
      return;
    }
    Audience to = audience(fallback.bookingId());
    Optional<String> stop =
        sendTimeRule(fallback.step(), fallback, to.booking(), to.property(), now)
            .or(() -> pausedRule(fallback.step(), to));
    Either choice = channels.on(ChannelType.SMS, to.guest(), fallback.step(), to.property().id());
    if (stop.isEmpty() && choice.route() == null) {
      stop = Optional.of(choice.whyNot());
    }
    if (stop.isPresent()) {
      deliveries.skip(fallback.id(), "No SMS fallback: " + stop.get(), now);
      return;
    }
    transmit(fallback, choice.route(), to, fallback.step(), Map.of(), now);
  }

  /** Who a message goes to and what it is about; {@code booking} is null for inquiries. */
  private record Audience(Guest guest, Property property, Booking booking) {}

  /** The booking's guest and property. */
  private Audience audience(long bookingId) {
    Booking booking = bookings.findById(bookingId).orElseThrow();
    return new Audience(
        guests.findById(booking.guestId()).orElseThrow(),
        properties.findById(booking.propertyId()).orElseThrow(),
        booking);
  }

  private Optional<MessageDelivery> deliver(
      String key,
      MessageStep step,
      Audience to,
      Map<String, Object> extra,
      boolean byStaff,
      ChannelType via,
      boolean reportUnreachable) {
    Instant now = clock.instant();
    Optional<MessageDelivery> planned = deliveries.findByKey(key);
    if (planned.isEmpty()) {
      // not (or no longer) part of the plan, e.g. a timer of old dates racing a date change
      log.info("Nothing planned under {}; nothing sent", key);
      return Optional.empty();
    }
    MessageDelivery delivery = planned.get();
    if (delivery.isSettled()) {
      return planned;
    }
    Optional<String> stop = sendTimeRule(step, delivery, to.booking(), to.property(), now);
    if (stop.isEmpty()) {
      stop = pausedRule(step, to);
    }
    // the property's rules, read once for this message
    JourneySettings rules = properties.settings(to.property().id());
    if (stop.isEmpty()) {
      stop = stayCapRule(step, to, rules);
    }
    Route route = null;
    boolean unreachable = false;
    if (stop.isEmpty()) {
      Either choice = channels.choose(to.guest(), step, via, to.property().id());
      if (choice.route() == null) {
        stop = Optional.of(choice.whyNot());
        unreachable = step.transactional();
      } else {
        route = choice.route();
      }
    }
    if (stop.isPresent()) {
      deliveries.skip(delivery.id(), stop.get(), now);
      log.info("Skipped {}: {}", key, stop.get());
      if (unreachable && reportUnreachable) {
        throw new GuestUnreachable(stop.get());
      }
      return deliveries.findById(delivery.id());
    }
    if (byStaff) {
      // a person decided, looking at the guest's local time: no quiet hours, spacing or daily cap
      return Optional.of(transmit(delivery, route, to, step, extra, now));
    }
    ZoneId guestZone = guestZone(to, now);
    Optional<Instant> quietUntil = quietHoursEnd(step, rules, guestZone, now);
    if (quietUntil.isPresent()) {
      String reason =
          "Waiting for the end of quiet hours: goes at "
              + local(quietUntil.get(), to.property().timeZone())
              + (guestZone.equals(to.property().timeZone())
                  ? ""
                  : " (" + local(quietUntil.get(), guestZone) + " where the guest is)");
      deliveries.defer(delivery.id(), quietUntil.get(), reason, now);
      throw new SendFailedException(reason, null, quietUntil.get());
    }
    Optional<Instant> spacedUntil = spacing(step, to, now);
    if (spacedUntil.isPresent()) {
      String reason =
          "Spaced out: another message went to this guest a moment ago; goes at "
              + local(spacedUntil.get(), to.property().timeZone());
      deliveries.defer(delivery.id(), spacedUntil.get(), reason, now);
      throw new SendFailedException(reason, null, spacedUntil.get());
    }
    Optional<Instant> cappedUntil = dayCap(step, to, rules, now);
    if (cappedUntil.isPresent()) {
      String reason =
          "Frequency cap: "
              + rules.maxMessagesPerDay()
              + " messages already went to this guest today (the property's cap per day); goes at "
              + local(cappedUntil.get(), to.property().timeZone());
      deliveries.defer(delivery.id(), cappedUntil.get(), reason, now);
      throw new SendFailedException(reason, null, cappedUntil.get());
    }
    return Optional.of(transmit(delivery, route, to, step, extra, now));
  }

  /**
   * Hands a claimed-to-be-due message to the route's channel exactly once and records the outcome.
   */
  private MessageDelivery transmit(
      MessageDelivery delivery,
      Route route,
      Audience to,
      MessageStep step,
      Map<String, Object> extra,
      Instant now) {
    String key = delivery.idempotencyKey();
    OptionalInt claimed = deliveries.claim(delivery.id(), now, now.plus(settings.sendLease()));
    if (claimed.isEmpty()) {
      throw new SendFailedException("Message " + key + " is being sent by another worker", null);
    }
    int attempt = claimed.getAsInt();
    Channel channel = route.channel();
    boolean accepted = false;
    try {
      RenderedMessage content =
          delivery.isEdited()
              ? renderEdited(delivery, step, to, extra, channel.type())
              : render(step, to, extra, channel.type());
      deliveries.recordContent(
          delivery.id(),
          channel.type(),
          content.language(),
          route.address(),
          content.subject(),
          channel.type() == ChannelType.EMAIL ? content.htmlBody() : content.text());
      OutgoingMessage outgoing =
          new OutgoingMessage(
              key,
              route.address(),
              to.property().name(),
              to.property().contactEmail(),
              content,
              step.transactional() ? null : unsubscribes.urlFor(route.address()),
              to.property().id());
      Optional<Channel.Receipt> earlier =
          delivery.attempts() > 0
              ? channel.findAlreadySent(outgoing, delivery.plannedAt().minus(settings.staleAfter()))
              : Optional.empty();
      Channel.Receipt receipt = earlier.isPresent() ? earlier.get() : channel.send(outgoing);
      accepted = true;
      String detail =
          earlier.isPresent()
              ? "Found at the provider after an uncertain attempt; not sent again ("
                  + receipt.providerMessageId()
                  + ")"
              : receipt.detail();
      if (deliveries.markSent(
          delivery.id(), attempt, receipt.providerMessageId(), detail, clock.instant())) {
        log.info("Sent {} by {}", key, channel.type());
      } else {
        log.warn(
            "Sent {} by {}, but attempt {} had lost the message meanwhile",
            key,
            channel.type(),
            attempt);
      }
    } catch (ProviderRejection rejected) {
      if (rejected.recipientOptedOut()) {
        optOuts.record(
            route.address(),
            channel.type(),
            true,
            "provider error " + rejected.code(),
            clock.instant());
      }
      String reason =
          "Refused by the provider (error "
              + rejected.code()
              + "): "
              + rejected.getMessage()
              + (rejected.recipientOptedOut() ? "; the number is now marked as opted out" : "");
      deliveries.markRejected(delivery.id(), attempt, rejected.code(), reason, clock.instant());
      log.info("{}: {}", key, reason);
    } catch (Exception e) {
      if (accepted) {
        // the provider has it but "sent" could not be recorded: not a failure of the send; the
        // message stays with this attempt until its lease runs out
        throw new SendFailedException("Sent, but not recorded as sent: " + rootMessage(e), e);
      }
      String reason = channel.type().label() + " not sent: " + rootMessage(e);
      deliveries.markFailed(delivery.id(), attempt, reason, clock.instant());
      throw new SendFailedException(reason, e);
    }
    return deliveries.findById(delivery.id()).orElseThrow();
  }

  /** Staff paused the booking's automation: only hand-written replies go. */
  private Optional<String> pausedRule(MessageStep step, Audience to) {
    if (to.booking() == null || MessageStep.STAFF_REPLY.equals(step)) {
      return Optional.empty();
    }
    return pauses
        .of(to.booking().id())
        .map(
            p ->
                "Automation paused for this guest by "
                    + p.pausedBy()
                    + " on "
                    + local(p.pausedAt(), to.property().timeZone())
                    + (p.note() == null ? "" : " (" + p.note() + ")")
                    + "; not sent");
  }

  /**
   * Surveys and review requests are not worth a guest's patience once the stay has had the
   * property's {@code maxMessagesPerStay} messages; service messages always go.
   */
  private Optional<String> stayCapRule(MessageStep step, Audience to, JourneySettings rules) {
    if (step.transactional() || to.booking() == null) {
      return Optional.empty();
    }
    int cap = rules.maxMessagesPerStay();
    int sent = deliveries.countSent(to.booking().id());
    if (sent < cap) {
      return Optional.empty();
    }
    return Optional.of(
        "Frequency cap: "
            + sent
            + " messages already went to this guest during this stay (the property's cap is "
            + cap
            + " per stay); not sent");
  }

  /**
   * When a survey or review request may go, if the guest already had the property's {@code
   * maxMessagesPerDay} messages on this local day: the next morning, at the end of quiet hours.
   */
  private Optional<Instant> dayCap(
      MessageStep step, Audience to, JourneySettings rules, Instant now) {
    if (step.transactional() || to.booking() == null) {
      return Optional.empty();
    }
    var today = now.atZone(to.property().timeZone()).toLocalDate();
    Instant dayStart = today.atStartOfDay(to.property().timeZone()).toInstant();
    Instant nextDay = today.plusDays(1).atStartOfDay(to.property().timeZone()).toInstant();
    if (deliveries.countSent(to.booking().id(), dayStart, nextDay) < rules.maxMessagesPerDay()) {
      return Optional.empty();
    }
    return Optional.of(
        today
            .plusDays(1)
            .atTime(rules.quietHoursEnd())
            .atZone(to.property().timeZone())
            .toInstant());
  }

  private RenderedMessage renderEdited(
      MessageDelivery delivery,
      MessageStep step,
      Audience to,
      Map<String, Object> extra,
      ChannelType channel) {
    String language = to.property().languageFor(to.guest().preferredLanguage());
    if (channel != ChannelType.EMAIL) {
      return new RenderedMessage(language, null, null, delivery.editedBody());
    }
    String subject =
        delivery.editedSubject() != null && !delivery.editedSubject().isBlank()
            ? delivery.editedSubject()
            : render(step, to, extra, ChannelType.EMAIL).subject();
    return renderer.renderEditedEmail(language, subject, delivery.editedBody());
  }

  /** A channel and the guest's address on it. */
  record Route(Channel channel, String address) {}

  /** The chosen route, or why there is none. */
  record Either(Route route, String whyNot) {}

  /**
   * Guests feel watched when messages pile up: a proactive message waits until {@code
   * guest-journey.messaging.min-gap} after the last message to the same guest's booking.
   */
  private Optional<Instant> spacing(MessageStep step, Audience to, Instant now) {
    if (!step.waitsForQuietHours() || to.booking() == null) {
      return Optional.empty();
    }
    return deliveries
        .lastSentAt(to.booking().id())
        .map(last -> last.plus(settings.minGap()))
        .filter(next -> next.isAfter(now));
  }

  /** When a proactive message may go, if now is inside the property's quiet hours. */
  private Optional<Instant> quietHoursEnd(
      MessageStep step, JourneySettings quiet, ZoneId guestZone, Instant now) {
    if (!step.waitsForQuietHours()) {
      return Optional.empty();
    }
    var local = now.atZone(guestZone);
    if (!quiet.isQuiet(local.toLocalTime())) {
      return Optional.empty();
    }
    var end = local.with(quiet.quietHoursEnd());
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return Optional.of(end.toInstant());
  }

  /**
   * The guest's local clock: at the property during the stay (from the arrival day to the departure
   * day), else where the guest lives if we know it, else the property's.
   */
  private static ZoneId guestZone(Audience to, Instant now) {
    ZoneId property = to.property().timeZone();
    if (to.booking() != null) {
      var today = now.atZone(property).toLocalDate();
      if (!today.isBefore(to.booking().arrivalDate())
          && !today.isAfter(to.booking().departureDate())) {
        return property;
      }
    }
    return to.guest().homeZone().orElse(property);
  }

  /** Renders the message as the guest would read it, without sending or recording anything. */
  public RenderedMessage preview(long bookingId, MessageStep step, Map<String, Object> extra) {
    return render(step, audience(bookingId), extra);
  }

  private Optional<String> sendTimeRule(
      MessageStep step, MessageDelivery delivery, Booking booking, Property property, Instant now) {
    if (booking != null
        && booking.status() == BookingStatus.CANCELLED
        && !MessageStep.BOOKING_CANCELLATION.equals(step)) {
      return Optional.of("The booking was cancelled before this message was due");
    }
    Duration late = Duration.between(delivery.plannedAt(), now);
    if (late.compareTo(settings.staleAfter()) > 0) {
      return Optional.of(
          "Stale: due at "
              + local(delivery.plannedAt(), property.timeZone())
              + " but its turn came at "
              + local(now, property.timeZone())
              + " (more than "
              + human(settings.staleAfter())
              + " late); not sent late");
    }
    return Optional.empty();
  }

  private RenderedMessage render(MessageStep step, Audience to, Map<String, Object> extra) {
    return render(step, to, extra, ChannelType.EMAIL);
  }

  private RenderedMessage render(
      MessageStep step, Audience to, Map<String, Object> extra, ChannelType channel) {
    Map<String, Object> model = new HashMap<>(extra);
    model.putIfAbsent("carries", java.util.Set.of());
    model.put("guest", to.guest());
    model.put("property", to.property());
    if (to.booking() != null) {
      model.put("booking", to.booking());
      model.put("nights", to.booking().nights());
    }
    String language = to.property().languageFor(to.guest().preferredLanguage());
    return channel == ChannelType.EMAIL
        ? renderer.renderEmail(step, language, model)
        : renderer.renderText(step, language, model);
  }

  static String local(Instant instant, ZoneId zone) {
    return LOCAL.format(instant.atZone(zone));
  }

  private static String human(Duration d) {
    return d.toString().substring(2).toLowerCase();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
