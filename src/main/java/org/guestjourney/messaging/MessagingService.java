package org.guestjourney.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.guestjourney.booking.Booking;
import org.guestjourney.guest.Guest;
import org.guestjourney.messaging.rules.SendContext;
import org.guestjourney.messaging.rules.SendDecision;
import org.guestjourney.messaging.rules.SendRule;
import org.guestjourney.property.JourneySettings;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Plans, sends and explains guest messages. Sending asks the send-time rules ({@link SendRule}
 * beans in {@code messaging.rules}, in their order) and acts on the first that does not say "send":
 * a skip is recorded with its reason, a wait plans the message again for its moment. Otherwise the
 * message goes to a channel exactly once: the delivery record is claimed before the channel is
 * called, and a message in a final state is never sent again.
 */
@Service
public class MessagingService {

  private static final Logger log = LoggerFactory.getLogger(MessagingService.class);

  /** {@code provider_error} of a service message no channel reaches (failed for good). */
  public static final String UNREACHABLE = "unreachable";

  /** {@code provider_error} of a message whose attempts ran out (failed for good). */
  public static final String ATTEMPTS_EXHAUSTED = "attempts-exhausted";

  private final DeliveryRepository deliveries;
  private final PropertyRepository properties;
  private final MessageRenderer renderer;
  private final ChannelChooser channels;
  private final OptOuts optOuts;
  private final Unsubscribes unsubscribes;
  private final MessagingProperties settings;
  private final List<SendRule> rules;
  private final List<SendRule> fallbackRules;
  private final Clock clock;
  private final ReplyAddresses replyAddresses;
  private final StayReader stays;

  MessagingService(
      DeliveryRepository deliveries,
      PropertyRepository properties,
      MessageRenderer renderer,
      ChannelChooser channels,
      OptOuts optOuts,
      Unsubscribes unsubscribes,
      MessagingProperties settings,
      List<SendRule> rules,
      Clock clock,
      ReplyAddresses replyAddresses,
      StayReader stays) {
    this.replyAddresses = replyAddresses;
    this.stays = stays;
    this.deliveries = deliveries;
    this.properties = properties;
    this.renderer = renderer;
    this.channels = channels;
    this.optOuts = optOuts;
    this.unsubscribes = unsubscribes;
    this.settings = settings;
    this.rules = List.copyOf(rules); // in their @Order
    this.fallbackRules = rules.stream().filter(SendRule::appliesToFallbacks).toList();
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

  /** How many of the messages under {@code keys} are recorded (planned, sent or settled). */
  public long countRecorded(java.util.Collection<String> keys) {
    return keys.isEmpty() ? 0 : deliveries.countRecorded(keys);
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
   * reportUnreachable} and no channel reaches the guest for a service message, or the provider
   * refused it for good — unreachable, so that the model can hand it to a person. Such a message is
   * recorded as failed for good ({@link MessageDelivery#failedForGood}), not as skipped.
   *
   * @throws SendFailedException when the channel failed; the message is kept for a retry
   */
  public SendOutcome sendStep(GuestMessageRequest request, boolean reportUnreachable) {
    try {
      Optional<MessageDelivery> delivery =
          deliver(
              request.idempotencyKey(),
              request.step(),
              audience(request.bookingId()),
              request.model(),
              false,
              request.via(),
              reportUnreachable);
      if (reportUnreachable && delivery.filter(MessageDelivery::failedForGood).isPresent()) {
        // refused for good by the provider (or failed for good before): a person takes it on
        return new SendOutcome.Unreachable(delivery.get().reason());
      }
      return new SendOutcome.Done(delivery);
    } catch (GuestUnreachable e) {
      return new SendOutcome.Unreachable(e.getMessage());
    } catch (SendFailedException e) {
      if (e.retryAt().isPresent() && !(e instanceof SendInProgress)) {
        return new SendOutcome.Held(e.retryAt().get(), e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Gives up on a journey step's message whose attempts ran out: it is marked failed for good with
   * the reason and never sent again. False when it went out, was settled, or is being sent (an
   * attempt that may have reached the provider is not given up on).
   */
  public boolean giveUp(String idempotencyKey, String reason) {
    return deliveries
        .findByKey(idempotencyKey)
        .map(d -> deliveries.failForGood(d.id(), ATTEMPTS_EXHAUSTED, reason, clock.instant()))
        .orElse(false);
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
    Routing routing =
        new Routing(
            () -> channels.on(ChannelType.SMS, to.guest(), fallback.step(), to.property().id()));
    SendContext context =
        new SendContext(
            fallback.step(),
            fallback,
            to.booking(),
            to.guest(),
            to.property(),
            settingsOf(to),
            now,
            false,
            routing);
    // a fallback never waits: it is the same message, late already
    String stop =
        switch (decide(context, fallbackRules, routing)) {
          case SendDecision.Skip skip -> skip.reason();
          case SendDecision.WaitUntil wait -> wait.reason();
          case SendDecision.Send send -> null;
        };
    if (stop != null) {
      deliveries.skip(fallback.id(), "No SMS fallback: " + stop, now);
      return;
    }
    transmit(fallback, routing.choice().route(), to, fallback.step(), Map.of(), now);
  }

  /**
   * Why no channel would reach the booking's guest with {@code step} as things stand (addresses,
   * channels of the house, opt-outs, unsubscribes, consent), or empty when one would. Nothing is
   * sent or recorded: what the studio's simulation shows.
   */
  public Optional<String> whyNotReached(long bookingId, MessageStep step) {
    Audience to = audience(bookingId);
    return Optional.ofNullable(
        channels.choose(to.guest(), step, null, to.property().id()).whyNot());
  }

  /** The same for a guest made up in the studio, at house {@code propertyId}. */
  public Optional<String> whyNotReached(
      org.guestjourney.guest.Guest guest, long propertyId, MessageStep step) {
    return Optional.ofNullable(channels.choose(guest, step, null, propertyId).whyNot());
  }

  /**
   * Who a message goes to and what it is about; {@code booking} is null for inquiries, {@code
   * settings} read when first needed.
   */
  private record Audience(
      Guest guest, Property property, Booking booking, JourneySettings knownSettings) {
    Audience(Guest guest, Property property, Booking booking) {
      this(guest, property, booking, null);
    }
  }

  /** The house's journey settings: read with the stay, or now. */
  private JourneySettings settingsOf(Audience to) {
    return to.knownSettings() != null
        ? to.knownSettings()
        : properties.settings(to.property().id());
  }

  /**
   * Where the guest's answer to an e-mail goes: the booking's own reply address when replies reach
   * the app (the inbox), else the house's contact address.
   */
  private String replyTo(ChannelType channel, Audience to) {
    if (channel == ChannelType.EMAIL && to.booking() != null) {
      Optional<String> address = replyAddresses.replyTo(to.property().id(), to.booking().id());
      if (address.isPresent()) {
        return address.get();
      }
    }
    return to.property().contactEmail();
  }

  /** The booking, its guest, the house and its settings, in one read. */
  private Audience audience(long bookingId) {
    StayReader.Stay stay = stays.read(bookingId).orElseThrow();
    return new Audience(stay.guest(), stay.property(), stay.booking(), stay.settings());
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
    Routing routing = new Routing(() -> channels.choose(to.guest(), step, via, to.property().id()));
    SendContext context =
        new SendContext(
            step,
            delivery,
            to.booking(),
            to.guest(),
            to.property(),
            settingsOf(to),
            now,
            byStaff,
            routing);
    return switch (decide(context, rules, routing)) {
      case SendDecision.Skip skip -> {
        if (skip.guestUnreachable() && reportUnreachable) {
          // a service message the guest cannot get: failed for good, handed to a person
          deliveries.failForGood(delivery.id(), UNREACHABLE, skip.reason(), now);
          log.info("Failed for good {}: {}", key, skip.reason());
          throw new GuestUnreachable(skip.reason());
        }
        deliveries.skip(delivery.id(), skip.reason(), now);
        log.info("Skipped {}: {}", key, skip.reason());
        yield deliveries.findById(delivery.id());
      }
      case SendDecision.WaitUntil wait -> {
        deliveries.defer(delivery.id(), wait.until(), wait.reason(), now);
        throw new SendFailedException(wait.reason(), null, wait.until());
      }
      case SendDecision.Send send ->
          Optional.of(transmit(delivery, routing.choice().route(), to, step, extra, now));
    };
  }

  /**
   * The first decision of {@code rules} that is not "send"; "send" only when a channel was chosen
   * too (a rule set without the channel rule still never sends without a route).
   */
  private static SendDecision decide(SendContext context, List<SendRule> rules, Routing routing) {
    for (SendRule rule : rules) {
      SendDecision decision = rule.decide(context);
      if (!(decision instanceof SendDecision.Send)) {
        return decision;
      }
    }
    Either choice = routing.choice();
    return choice.route() != null
        ? SendDecision.SEND
        : new SendDecision.Skip(choice.whyNot(), context.step().transactional());
  }

  /** The channel chosen for one message, once, when a rule or the send first needs it. */
  private static final class Routing implements SendContext.Reach {
    private final Supplier<Either> chooser;
    private Either choice;

    Routing(Supplier<Either> chooser) {
      this.chooser = chooser;
    }

    Either choice() {
      if (choice == null) {
        choice = chooser.get();
      }
      return choice;
    }

    @Override
    public Optional<String> whyNot() {
      return Optional.ofNullable(choice().whyNot());
    }
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
      // another attempt holds it (a replica sending it, or a run killed while sending it, whose
      // job came back at this run's start): wait for its lease without using up a retry
      Optional<Instant> heldUntil = deliveries.heldUntil(delivery.id(), now);
      String why = "Message " + key + " is being sent by another attempt";
      if (heldUntil.isPresent()) {
        throw new SendInProgress(
            why + " (its lease runs until " + heldUntil.get() + ")", heldUntil.get());
      }
      throw new SendFailedException(why, null);
    }
    int attempt = claimed.getAsInt();
    Channel channel = route.channel();
    boolean accepted = false;
    MessageDelivery recorded = null;
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
              replyTo(channel.type(), to),
              content,
              step.transactional()
                  ? null
                  : unsubscribes.urlFor(route.address(), content.language(), to.property().id()),
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
      Optional<MessageDelivery> sent =
          deliveries.markSent(
              delivery.id(), attempt, receipt.providerMessageId(), detail, clock.instant());
      if (sent.isPresent()) {
        log.info("Sent {} by {}", key, channel.type());
        recorded = sent.get();
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
    // recorded as sent by this attempt: as it was written; otherwise as it is now
    return recorded != null ? recorded : deliveries.findById(delivery.id()).orElseThrow();
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
   * What a message about this booking is rendered with (guest, property, booking), for previews of
   * texts not saved yet (the studio's message editor); nothing is sent or recorded.
   */
  public Map<String, Object> renderingModel(long bookingId) {
    Audience to = audience(bookingId);
    Map<String, Object> model = new HashMap<>();
    model.put("guest", to.guest());
    model.put("property", to.property());
    model.put("booking", to.booking());
    model.put("language", to.property().languageFor(to.guest().preferredLanguage()));
    return model;
  }

  /** Renders the message as the guest would read it, without sending or recording anything. */
  public RenderedMessage preview(long bookingId, MessageStep step, Map<String, Object> extra) {
    return render(step, audience(bookingId), extra);
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
      model.putIfAbsent("stayDetail", to.booking().room());
      model.putIfAbsent("reviewUrl", settingsOf(to).reviewUrl());
    }
    String language = to.property().languageFor(to.guest().preferredLanguage());
    return channel == ChannelType.EMAIL
        ? renderer.renderEmail(step, language, model)
        : renderer.renderText(step, language, model);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
