package org.guestjourney.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.guestjourney.conversation.ConversationService;
import org.guestjourney.inbox.InboxRepository.ConversationRow;
import org.guestjourney.inbox.InboxRepository.Filter;
import org.guestjourney.inbox.InboxRepository.SavedReply;
import org.guestjourney.inbox.InboxRepository.UnmatchedRow;
import org.guestjourney.privacy.ContactCipher;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.security.PropertyOf;
import org.guestjourney.security.StaffUser;
import org.guestjourney.staffalert.StaffContact;
import org.guestjourney.staffalert.StaffContacts;
import org.guestjourney.web.ForbiddenException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox, for the signed-in staff member: only the houses they work for (messages of no house
 * only for staff of every house); a booking of another house is "not found".
 */
@Service
public class InboxService {

  /** The most conversations (and unmatched messages) one list shows. */
  static final int PAGE = 100;

  static final Set<String> CHANNELS = Set.of("EMAIL", "SMS", "WHATSAPP");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final InboxRepository repository;
  private final PropertyService properties;
  private final PropertyAccess access;
  private final PropertyOf propertyOf;
  private final ContactCipher cipher;
  private final ConversationService conversations;
  private final StaffContacts staff;
  private final Clock clock;

  InboxService(
      InboxRepository repository,
      PropertyService properties,
      PropertyAccess access,
      PropertyOf propertyOf,
      ContactCipher cipher,
      ConversationService conversations,
      StaffContacts staff,
      Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.access = access;
    this.propertyOf = propertyOf;
    this.cipher = cipher;
    this.conversations = conversations;
    this.staff = staff;
    this.clock = clock;
  }

  /** A conversation in the list. */
  public record Conversation(
      long bookingId,
      String house,
      String guestName,
      String room,
      String lastAt,
      int unread,
      List<String> channels,
      String excerpt,
      String assignee,
      String assigneeName) {}

  /** A message no booking matched. */
  public record Unmatched(
      long id,
      String house,
      String channel,
      String from,
      String subject,
      String body,
      String receivedAt,
      boolean unread) {}

  /** The list's filters (null: any). */
  public record Query(boolean unread, boolean mine, Long house, String channel) {}

  public List<Property> houses() {
    return properties.all().stream().filter(p -> access.canRead(p.id())).toList();
  }

  private Set<Long> houseIds(Long only) {
    return houses().stream()
        .map(Property::id)
        .filter(id -> only == null || id.equals(only))
        .collect(Collectors.toSet());
  }

  private String channelOf(Query q) {
    if (q.channel() == null || q.channel().isBlank()) {
      return null;
    }
    String c = q.channel().toUpperCase(Locale.ROOT);
    if (!CHANNELS.contains(c)) {
      throw org.guestjourney.web.InvalidRequestException.of(
          "channel", "must be email, sms or whatsapp");
    }
    return c;
  }

  public List<Conversation> conversations(StaffUser me, Query q) {
    Filter f =
        new Filter(
            houseIds(q.house()), false, q.unread(), q.mine() ? me.username() : null, channelOf(q));
    return repository.conversations(f, PAGE).stream().map(this::toConversation).toList();
  }

  private Conversation toConversation(ConversationRow r) {
    String last = r.lastText() == null ? "" : r.lastText().replaceAll("\\s+", " ").strip();
    return new Conversation(
        r.bookingId(),
        r.propertyName(),
        cipher.decrypt(r.guestName()),
        r.room(),
        at(r.lastAt(), r.zone()),
        r.unread(),
        r.channels().stream().sorted().toList(),
        last.length() > 120 ? last.substring(0, 120) + " …" : last,
        r.assignee(),
        r.assigneeName() == null ? r.assignee() : r.assigneeName());
  }

  public List<Unmatched> unmatched(StaffUser me, Query q) {
    if (q.mine()) {
      return List.of(); // nobody is assigned a message that belongs to no booking
    }
    Filter f =
        new Filter(
            houseIds(q.house()),
            q.house() == null && access.allProperties(),
            q.unread(),
            null,
            channelOf(q));
    return repository.unmatched(f, PAGE).stream().map(this::toUnmatched).toList();
  }

  private Unmatched toUnmatched(UnmatchedRow r) {
    return new Unmatched(
        r.id(),
        r.propertyName(),
        r.channel(),
        cipher.decrypt(r.from()),
        r.subject(),
        r.body(),
        at(r.receivedAt(), r.zone()),
        r.unread());
  }

  /** How many guest messages wait unread for this staff member's houses. */
  public int unread() {
    return repository.unread(houseIds(null), access.allProperties());
  }

  /** A line of the thread, its time in the house's zone. */
  public record Line(
      boolean fromGuest,
      String channel,
      String subject,
      String text,
      String author,
      String at,
      String status) {}

  /** A booking's conversation as the thread page shows it. */
  public record Thread(
      long bookingId,
      long propertyId,
      String house,
      String zone,
      String guestName,
      String room,
      List<Line> lines,
      String assignee,
      List<StaffContact> staff,
      List<SavedReply> savedReplies) {}

  public Thread thread(long bookingId) {
    long propertyId = checkBooking(bookingId);
    Property house = properties.get(propertyId);
    ZoneId zone = house.timeZone();
    Map<Instant, String> subjects = repository.subjects(bookingId);
    List<Line> lines =
        conversations.of(bookingId).stream()
            .map(
                e ->
                    new Line(
                        e.fromGuest(),
                        e.channel(),
                        e.fromGuest() ? subjects.get(e.at()) : null,
                        e.text(),
                        e.author(),
                        at(e.at(), zone),
                        e.status()))
            .toList();
    ConversationRow row =
        repository
            .conversations(new Filter(Set.of(propertyId), false, false, null, null), 1000)
            .stream()
            .filter(r -> r.bookingId() == bookingId)
            .findFirst()
            .orElse(null);
    return new Thread(
        bookingId,
        propertyId,
        house.name(),
        zone.getId(),
        row == null ? null : cipher.decrypt(row.guestName()),
        row == null ? null : row.room(),
        lines,
        repository.assignee(bookingId).orElse(null),
        answerers(propertyId),
        repository.savedReplies(Set.of(propertyId)));
  }

  /** Who may be given a house's conversations: its managers and front desk. */
  private List<StaffContact> answerers(long propertyId) {
    return staff.workingFor(propertyId).stream()
        .filter(c -> "MANAGER".equals(c.role()) || "FRONT_DESK".equals(c.role()))
        .toList();
  }

  /** The booking's house, if the caller works for it; "not found" otherwise. */
  private long checkBooking(long bookingId) {
    Long propertyId = propertyOf.booking(bookingId).orElse(null);
    if (propertyId == null || !access.canRead(propertyId)) {
      throw new NotFoundException("No conversation for booking " + bookingId);
    }
    return propertyId;
  }

  public Unmatched unmatchedMessage(long id) {
    UnmatchedRow row =
        repository
            .unmatchedMessage(id)
            .filter(
                r ->
                    r.propertyId() == null
                        ? access.allProperties()
                        : access.canRead(r.propertyId()))
            .orElseThrow(() -> new NotFoundException("No unmatched message " + id));
    return toUnmatched(row);
  }

  @Transactional
  public int markRead(long bookingId, StaffUser me) {
    checkBooking(bookingId);
    return repository.markBookingRead(bookingId, me.username(), clock.instant());
  }

  @Transactional
  public void markUnmatchedRead(long id, StaffUser me) {
    unmatchedMessage(id);
    repository.markMessageRead(id, me.username(), clock.instant());
  }

  /** Gives the conversation to a named member of the house's staff (blank: to nobody). */
  @Transactional
  public String assign(long bookingId, String username, StaffUser me) {
    long propertyId = checkBooking(bookingId);
    if (username == null || username.isBlank()) {
      repository.unassign(bookingId);
      return null;
    }
    StaffContact to =
        answerers(propertyId).stream()
            .filter(c -> c.username().equals(username))
            .findFirst()
            .orElseThrow(
                () ->
                    org.guestjourney.web.InvalidRequestException.of(
                        "assignee", "must be a manager or front desk member of this house"));
    repository.assign(bookingId, to.staffAccountId(), me.username(), clock.instant());
    return to.name();
  }

  /**
   * Answers the guest from the thread, on the channel they last wrote from; the conversation counts
   * as read.
   */
  public String reply(long bookingId, String text, String formKey, StaffUser me) {
    checkBooking(bookingId);
    String outcome = conversations.replyByHand(bookingId, text, me, formKey, null);
    repository.markBookingRead(bookingId, me.username(), clock.instant());
    return outcome;
  }

  public List<SavedReply> savedReplies() {
    return repository.savedReplies(houseIds(null));
  }

  /** A manager keeps a reply for the house; nothing is kept when a value is wrong. */
  @Transactional
  public long addSavedReply(Long propertyId, String title, String body, StaffUser me) {
    requireManager(me);
    Violations v = new Violations();
    if (v.required(propertyId, "propertyId")) {
      v.check(access.canRead(propertyId), "propertyId", "must be a house you work for");
    }
    String t = title == null ? null : title.strip();
    String b = body == null ? null : body.strip().replace("\r\n", "\n");
    if (v.required(t == null || t.isEmpty() ? null : t, "title")) {
      v.maxLength(t, 80, "title");
      v.check(
          !org.guestjourney.web.ControlCharacters.presentInLine(t), "title", "must be one line");
    }
    if (v.required(b == null || b.isEmpty() ? null : b, "body")) {
      v.maxLength(b, 1000, "body");
    }
    v.throwIfAny();
    return repository.addSavedReply(propertyId, t, b, me.username(), clock.instant());
  }

  @Transactional
  public void deleteSavedReply(long id, StaffUser me) {
    requireManager(me);
    SavedReply reply =
        repository
            .savedReply(id)
            .filter(r -> access.canRead(r.propertyId()))
            .orElseThrow(() -> new NotFoundException("No saved reply " + id));
    repository.deleteSavedReply(reply.id());
  }

  private static void requireManager(StaffUser me) {
    if (!me.isManager()) {
      throw new ForbiddenException("Only managers keep saved replies");
    }
  }

  private static String at(Instant instant, ZoneId zone) {
    return TIME.format(instant.atZone(zone)) + " " + zone.getId();
  }
}
