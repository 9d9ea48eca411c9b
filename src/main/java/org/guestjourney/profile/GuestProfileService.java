package org.guestjourney.profile;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.booking.BookingStage;
import org.guestjourney.guest.GuestProfile;
import org.guestjourney.guest.GuestProfiles;
import org.guestjourney.guest.GuestSegment;
import org.guestjourney.guest.ProfileEdit;
import org.guestjourney.guest.ProfileMerge;
import org.guestjourney.guest.ProfileSuggestion;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ForbiddenException;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Guest profiles as the caller may see and change them (ADR 0062). A profile is visible to whoever
 * works for a house where the guest has a booking, with the stays, surveys and complaints of those
 * houses only; its own facts (tags, dates, allergies, preferences) are the guest's at every house.
 * Merging, undoing a merge and keeping apart need the caller to work for every house of both
 * profiles. Anything else is answered as "not found".
 */
@Service
public class GuestProfileService {

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final GuestProfiles profiles;
  private final ProfileReads reads;
  private final PropertyRepository properties;
  private final BookingRepository bookings;
  private final PropertyAccess access;
  private final Clock clock;

  GuestProfileService(
      GuestProfiles profiles,
      ProfileReads reads,
      PropertyRepository properties,
      BookingRepository bookings,
      PropertyAccess access,
      Clock clock) {
    this.profiles = profiles;
    this.reads = reads;
    this.properties = properties;
    this.bookings = bookings;
    this.access = access;
    this.clock = clock;
  }

  /** The houses the caller works for. */
  List<Long> houses() {
    return properties.findAll().stream().map(Property::id).filter(access::canRead).toList();
  }

  /** Where a merged profile's guest is now, if the caller may see that one. */
  Optional<Long> mergedInto(long profileId) {
    return profiles
        .find(profileId)
        .map(GuestProfile::mergedInto)
        .filter(into -> reads.housesOf(into).stream().anyMatch(access::canRead));
  }

  /** The profile, if it exists, is not merged away and has a stay at a house of the caller. */
  GuestProfile visible(long profileId) {
    GuestProfile p = profiles.find(profileId).orElseThrow(() -> notFound(profileId));
    if (p.mergedInto() != null || reads.housesOf(profileId).stream().noneMatch(access::canRead)) {
      throw notFound(profileId);
    }
    return p;
  }

  /** As {@link #visible}, and the caller works for every house of the profile. */
  private GuestProfile wholly(long profileId, String field) {
    GuestProfile p = profiles.find(profileId).orElse(null);
    if (p != null && p.mergedInto() != null && whollyReadable(p.mergedInto())) {
      throw new org.guestjourney.web.ConflictException(
          "Guest " + profileId + " was already merged into guest " + p.mergedInto());
    }
    List<Long> of = p == null ? List.of() : reads.housesOf(profileId);
    if (p == null || of.isEmpty() || !of.stream().allMatch(access::canRead)) {
      if (field != null) {
        throw InvalidRequestException.of(field, "is not a guest of the houses you work for");
      }
      throw notFound(profileId);
    }
    return p;
  }

  Optional<Long> profileOfBooking(long bookingId) {
    return bookings
        .findById(bookingId)
        .filter(b -> access.canRead(b.propertyId()))
        .flatMap(b -> reads.profileOfBooking(bookingId));
  }

  ProfileReads.Page list(String q, String tag, int page, int size) {
    List<Long> houses = houses();
    if (houses.isEmpty()) {
      return new ProfileReads.Page(List.of(), 0);
    }
    return reads.search(q, tag, houses, page, size);
  }

  public ProfileView view(long profileId) {
    GuestProfile p = visible(profileId);
    List<Long> houses = houses();
    List<ProfileReads.ContactRow> contacts = reads.contacts(profileId, houses);
    ProfileReads.ContactRow latest = contacts.getFirst();
    List<ProfileView.Stay> stays = new ArrayList<>();
    int counted = 0;
    List<ProfileReads.StayRow> stayRows = reads.stays(profileId, houses);
    for (ProfileReads.StayRow s : stayRows) {
      Booking booking = bookings.findById(s.bookingId()).orElseThrow();
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(s.timeZone()));
      BookingStage stage = BookingStage.of(booking, today);
      if (stage != BookingStage.CANCELLED) {
        counted++;
      }
      stays.add(
          new ProfileView.Stay(
              s.bookingId(),
              s.propertyName(),
              s.reference(),
              s.arrival(),
              s.departure(),
              booking.nights(),
              s.room(),
              stage.name(),
              stage.label(),
              switch (stage) {
                case UPCOMING -> "upcoming";
                case DEPARTED, CANCELLED -> "past";
                default -> "current";
              }));
    }
    List<String> automatic = counted >= 2 ? List.of(GuestProfile.RETURNING) : List.of();
    List<String> emailIndexes =
        ProfileReads.nonNull(contacts.stream().map(ProfileReads.ContactRow::emailIndex).toList());
    List<String> addressIndexes = new ArrayList<>(emailIndexes);
    addressIndexes.addAll(
        ProfileReads.nonNull(contacts.stream().map(ProfileReads.ContactRow::phoneIndex).toList()));
    Map<String, Instant> optOuts = reads.optOuts(addressIndexes);
    // opt-outs and merges are shown in the zone of the guest's latest stay
    ZoneId zone = stayRows.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(stayRows.getFirst().timeZone());
    List<ProfileView.Permission> permissions = new ArrayList<>();
    for (String channel : List.of("EMAIL", "SMS", "WHATSAPP")) {
      Instant since = optOuts.get(channel);
      permissions.add(
          new ProfileView.Permission(
              "channel." + channel.toLowerCase(Locale.ROOT),
              switch (channel) {
                case "EMAIL" -> "E-mail";
                case "SMS" -> "SMS";
                default -> "WhatsApp";
              },
              since == null,
              since == null ? null : when(since, zone)));
    }
    permissions.add(new ProfileView.Permission("purpose.service", "Booking and stay", true, null));
    Optional<Instant> unsubscribed = reads.unsubscribed(emailIndexes);
    permissions.add(
        new ProfileView.Permission(
            "purpose.feedback",
            "Surveys and review requests",
            unsubscribed.isEmpty(),
            unsubscribed.map(i -> when(i, zone)).orElse(null)));
    permissions.add(
        new ProfileView.Permission("purpose.marketing", "News and offers", false, null));
    return new ProfileView(
        p.id(),
        latest.fullName(),
        ProfileReads.nonNull(contacts.stream().map(ProfileReads.ContactRow::email).toList()),
        ProfileReads.nonNull(contacts.stream().map(ProfileReads.ContactRow::phone).toList()),
        latest.language(),
        latest.channel(),
        latest.timeZone(),
        p.tags(),
        automatic,
        p.birthday(),
        p.anniversary(),
        p.preferences(),
        p.allergies(),
        p.specialNeeds(),
        stays,
        reads.surveys(profileId, houses).stream()
            .map(
                s ->
                    new ProfileView.Survey(
                        s.bookingId(),
                        s.kind(),
                        when(s.answeredAt(), ZoneId.of(s.timeZone())),
                        s.answers()))
            .toList(),
        reads.complaints(profileId, houses).stream()
            .map(
                c ->
                    new ProfileView.Complaint(
                        c.id(),
                        c.bookingId(),
                        c.category(),
                        c.urgency(),
                        c.status(),
                        c.description(),
                        when(c.createdAt(), ZoneId.of(c.timeZone()))))
            .toList(),
        permissions,
        profiles.mergesInto(profileId).stream().map(m -> mergeLine(m, zone)).toList(),
        suggestionsOf(profileId));
  }

  private ProfileView.Merge mergeLine(ProfileMerge m, ZoneId zone) {
    return new ProfileView.Merge(
        m.id(),
        m.mergedProfileId(),
        reads.nameOfGuests(m.guestIds()),
        m.guestIds(),
        m.copied(),
        m.mergedBy(),
        when(m.mergedAt(), zone),
        m.undone(),
        m.undoneBy(),
        m.undoneAt() == null ? null : when(m.undoneAt(), zone));
  }

  /** Open "possibly the same guest" suggestions of the profile the caller may decide. */
  private List<ProfileView.Suggestion> suggestionsOf(long profileId) {
    List<ProfileView.Suggestion> out = new ArrayList<>();
    for (Pair pair : openSuggestions()) {
      if (pair.profileId() == profileId || pair.otherProfileId() == profileId) {
        long other = pair.profileId() == profileId ? pair.otherProfileId() : pair.profileId();
        String name = pair.profileId() == profileId ? pair.otherName() : pair.name();
        out.add(new ProfileView.Suggestion(pair.id(), other, name, pair.reason()));
      }
    }
    return out;
  }

  /** An open suggestion with the names of both guests. */
  public record Pair(
      long id, long profileId, String name, long otherProfileId, String otherName, String reason) {}

  /** Open suggestions between two guests the caller may see whole. */
  List<Pair> openSuggestions() {
    List<Pair> out = new ArrayList<>();
    for (ProfileSuggestion s : profiles.openSuggestions()) {
      if (whollyReadable(s.profileId()) && whollyReadable(s.otherProfileId())) {
        out.add(
            new Pair(
                s.id(),
                s.profileId(),
                reads.nameOf(s.profileId()),
                s.otherProfileId(),
                reads.nameOf(s.otherProfileId()),
                s.reason()));
      }
    }
    return out;
  }

  private boolean whollyReadable(long profileId) {
    List<Long> of = reads.housesOf(profileId);
    return !of.isEmpty() && of.stream().allMatch(access::canRead);
  }

  @Transactional
  public ProfileView edit(long profileId, ProfileEdit edit, String by) {
    visible(profileId);
    mayWrite();
    profiles.edit(profileId, edit, by);
    return view(profileId);
  }

  @Transactional
  public ProfileView addTag(long profileId, String tag, String by) {
    visible(profileId);
    mayWrite();
    profiles.addTag(profileId, tag, by);
    return view(profileId);
  }

  @Transactional
  public ProfileView removeTag(long profileId, String tag, String by) {
    visible(profileId);
    mayWrite();
    profiles.removeTag(profileId, tag, by);
    return view(profileId);
  }

  /** Merges {@code otherId} into {@code keptId}; both must be wholly the caller's. */
  @Transactional
  public ProfileMerge merge(long keptId, long otherId, String by) {
    wholly(keptId, null);
    wholly(otherId, "otherGuestId");
    mayWrite();
    return profiles.merge(keptId, otherId, by);
  }

  @Transactional
  public ProfileMerge undo(long mergeId, String by) {
    ProfileMerge m =
        profiles.findMerge(mergeId).orElseThrow(() -> new NotFoundException("No merge " + mergeId));
    // the merged profile's guest rows are in the kept one until the undo
    if (!whollyReadable(m.keptProfileId())) {
      throw new NotFoundException("No merge " + mergeId);
    }
    mayWrite();
    return profiles.undo(mergeId, by);
  }

  @Transactional
  public ProfileSuggestion keepApart(long suggestionId, String by) {
    ProfileSuggestion s = decidable(suggestionId);
    return profiles.keepApart(s.id(), by);
  }

  @Transactional
  public ProfileMerge mergeSuggested(long suggestionId, String by) {
    ProfileSuggestion s = decidable(suggestionId);
    return merge(s.profileId(), s.otherProfileId(), by);
  }

  private ProfileSuggestion decidable(long suggestionId) {
    ProfileSuggestion s = profiles.suggestion(suggestionId);
    if (!whollyReadable(s.profileId()) || !whollyReadable(s.otherProfileId())) {
      throw new NotFoundException("No suggestion " + suggestionId);
    }
    mayWrite();
    return s;
  }

  /** A saved segment with how many guests of the caller's houses it holds now. */
  public record SegmentLine(GuestSegment segment, long count) {}

  List<SegmentLine> segments() {
    return profiles.segments().stream()
        .map(s -> new SegmentLine(s, list(null, s.tag(), 1, 1).total()))
        .toList();
  }

  GuestSegment segment(long id) {
    return profiles.segment(id);
  }

  GuestSegment createSegment(String name, String tag, String by) {
    mayWrite();
    return profiles.createSegment(name, tag, by);
  }

  void deleteSegment(long id) {
    mayWrite();
    profiles.deleteSegment(id);
  }

  private void mayWrite() {
    if (!access.canWriteGuests()) {
      throw new ForbiddenException("This key or account may not change guests");
    }
  }

  static String when(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone)) + " " + zone.getId();
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("No guest " + id);
  }
}
