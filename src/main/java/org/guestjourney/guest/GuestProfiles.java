package org.guestjourney.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.ControlCharacters;
import org.guestjourney.web.InvalidRequestException;
import org.guestjourney.web.NotFoundException;
import org.guestjourney.web.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One guest across bookings (ADR 0062). A new guest row joins the profile of an earlier guest with
 * the same e-mail address at any of the operator's houses; a same phone number or a same name (with
 * another e-mail address) only makes a "possibly the same guest" suggestion, which a manager merges
 * or keeps apart. A merge is logged with the guest rows it moved and what it copied, and can be
 * undone.
 */
@Service
public class GuestProfiles {

  static final int MAX_TAGS = 20;
  static final int MAX_TAG_LENGTH = 40;
  static final int MAX_TEXT = 1000;

  private static final Logger log = LoggerFactory.getLogger(GuestProfiles.class);

  private final GuestProfileRepository profiles;
  private final ObjectMapper json;
  private final Clock clock;

  GuestProfiles(GuestProfileRepository profiles, ObjectMapper json, Clock clock) {
    this.profiles = profiles;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Puts a newly stored guest row on its profile: the profile of the same e-mail address when there
   * is one, else a new profile; then suggests profiles with the same phone number or name. Returns
   * the profile id. Runs in the caller's transaction (the booking's intake).
   */
  @Transactional
  public long attach(long guestId) {
    GuestProfileRepository.Indexes guest =
        profiles.indexesOf(guestId).orElseThrow(() -> new NotFoundException("No guest " + guestId));
    if (guest.profileId() != null) {
      return guest.profileId();
    }
    Instant now = clock.instant();
    Optional<Long> same = Optional.empty();
    if (guest.email() != null) {
      profiles.lockAddress(guest.email());
      same = profiles.profileOfEmail(guest.email(), guestId);
    }
    long profileId = same.orElseGet(() -> profiles.create(now));
    profiles.setProfile(guestId, profileId);
    profiles.suggest(profileId, now);
    return profileId;
  }

  public Optional<GuestProfile> find(long profileId) {
    return profiles.find(profileId);
  }

  /** The profile, or "not found". */
  public GuestProfile get(long profileId) {
    return find(profileId).orElseThrow(() -> notFound(profileId));
  }

  /** The guest rows (one per booking) that make up the profile. */
  public List<Long> guestIds(long profileId) {
    return profiles.guestIds(profileId);
  }

  /** Changes what the edit names; validates every field first and stores nothing when one fails. */
  @Transactional
  public GuestProfile edit(long profileId, ProfileEdit edit, String by) {
    GuestProfile p = live(profiles.lock(profileId).orElseThrow(() -> notFound(profileId)));
    Violations v = new Violations();
    List<String> tags = edit.tags() == null ? null : tags(edit.tags(), v);
    text(edit.preferences(), "preferences", v);
    text(edit.allergies(), "allergies", v);
    text(edit.specialNeeds(), "specialNeeds", v);
    date(edit.birthday(), "birthday", v);
    date(edit.anniversary(), "anniversary", v);
    v.throwIfAny();
    Instant now = clock.instant();
    GuestProfile changed =
        new GuestProfile(
            p.id(),
            null,
            pick(edit.preferences(), p.preferences()),
            pick(edit.allergies(), p.allergies()),
            pick(edit.specialNeeds(), p.specialNeeds()),
            pick(edit.birthday(), p.birthday()),
            pick(edit.anniversary(), p.anniversary()),
            p.tags());
    profiles.update(changed, now);
    if (tags != null) {
      Set<String> wanted = new LinkedHashSet<>();
      tags.forEach(t -> wanted.add(t.toLowerCase(Locale.ROOT)));
      for (String old : p.tags()) {
        if (!wanted.contains(old.toLowerCase(Locale.ROOT))) {
          profiles.removeTag(p.id(), old);
        }
      }
      for (String t : tags) {
        profiles.addTag(p.id(), t, by, now);
      }
    }
    return get(profileId);
  }

  /** Adds one tag (the page's "add a tag"). */
  @Transactional
  public GuestProfile addTag(long profileId, String tag, String by) {
    GuestProfile p = live(profiles.lock(profileId).orElseThrow(() -> notFound(profileId)));
    List<String> tags = new ArrayList<>(p.tags());
    tags.add(tag == null ? "" : tag);
    return edit(profileId, ProfileEdit.none().withTags(tags), by);
  }

  @Transactional
  public GuestProfile removeTag(long profileId, String tag, String by) {
    GuestProfile p = live(profiles.lock(profileId).orElseThrow(() -> notFound(profileId)));
    profiles.removeTag(p.id(), tag == null ? "" : tag);
    return get(profileId);
  }

  /**
   * Merges {@code mergedId} into {@code keptId}: its guest rows (and so its bookings) move to the
   * kept profile, tags and facts the kept profile lacks are copied, and the merge is logged.
   */
  @Transactional
  public ProfileMerge merge(long keptId, long mergedId, String by) {
    if (keptId == mergedId) {
      throw InvalidRequestException.of("otherGuestId", "is this guest already");
    }
    // lock in id order, so two merges of the same pair cannot deadlock
    GuestProfile first = profiles.lock(Math.min(keptId, mergedId)).orElse(null);
    GuestProfile second = profiles.lock(Math.max(keptId, mergedId)).orElse(null);
    GuestProfile kept = first != null && first.id() == keptId ? first : second;
    GuestProfile merged = first != null && first.id() == mergedId ? first : second;
    if (kept == null) {
      throw notFound(keptId);
    }
    if (merged == null) {
      throw InvalidRequestException.of("otherGuestId", "is not a known guest");
    }
    live(kept);
    if (merged.mergedInto() != null) {
      throw new ConflictException(
          "Guest " + mergedId + " was already merged into guest " + merged.mergedInto());
    }
    Instant now = clock.instant();
    List<Long> moved = profiles.guestIds(mergedId);
    profiles.moveGuests(moved, mergedId, keptId);
    ObjectNode copied = json.createObjectNode();
    var copiedTags = copied.putArray("tags");
    for (String tag : merged.tags()) {
      if (profiles.addTag(keptId, tag, by, now)) {
        copiedTags.add(tag);
      }
    }
    GuestProfile together =
        new GuestProfile(
            keptId,
            null,
            fill(copied, "preferences", kept.preferences(), merged.preferences()),
            fill(copied, "allergies", kept.allergies(), merged.allergies()),
            fill(copied, "specialNeeds", kept.specialNeeds(), merged.specialNeeds()),
            fill(copied, "birthday", kept.birthday(), merged.birthday()),
            fill(copied, "anniversary", kept.anniversary(), merged.anniversary()),
            List.of());
    profiles.update(together, now);
    profiles.setMergedInto(mergedId, keptId, now);
    Optional<ProfileSuggestion> suggestion = profiles.suggestionBetween(keptId, mergedId);
    suggestion.ifPresent(s -> profiles.decide(s.id(), "MERGED", by, now));
    long id =
        profiles.logMerge(
            keptId,
            mergedId,
            moved,
            copied.toString(),
            suggestion.map(ProfileSuggestion::id).orElse(null),
            by,
            now);
    profiles.suggest(keptId, now);
    log.info("Guest profile {} merged into {} by {} ({} guest rows)", mergedId, keptId, by, moved);
    return profiles.merge(id, false).orElseThrow();
  }

  /**
   * Undoes a merge: the guest rows it moved go back, what it copied is removed from the kept
   * profile (unless changed since), and the two are kept apart from then on.
   */
  @Transactional
  public ProfileMerge undo(long mergeId, String by) {
    ProfileMerge m =
        profiles
            .merge(mergeId, true)
            .orElseThrow(() -> new NotFoundException("No merge " + mergeId));
    if (m.undone()) {
      return m;
    }
    GuestProfile kept = profiles.lock(m.keptProfileId()).orElseThrow();
    if (kept.mergedInto() != null) {
      throw new ConflictException(
          "Guest "
              + kept.id()
              + " was merged into guest "
              + kept.mergedInto()
              + " since; undo that merge first");
    }
    GuestProfile merged = profiles.lock(m.mergedProfileId()).orElseThrow();
    Instant now = clock.instant();
    profiles.moveGuests(m.guestIds(), kept.id(), merged.id());
    try {
      ObjectNode copied = (ObjectNode) json.readTree(m.copied());
      copied.path("tags").forEach(t -> profiles.removeTag(kept.id(), t.asText()));
      profiles.update(
          new GuestProfile(
              kept.id(),
              null,
              unfill(copied, "preferences", kept.preferences()),
              unfill(copied, "allergies", kept.allergies()),
              unfill(copied, "specialNeeds", kept.specialNeeds()),
              unfillDate(copied, "birthday", kept.birthday()),
              unfillDate(copied, "anniversary", kept.anniversary()),
              List.of()),
          now);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The merge log " + mergeId + " is not JSON", e);
    }
    profiles.setMergedInto(merged.id(), null, now);
    profiles.markUndone(mergeId, by, now);
    profiles.suggest(kept.id(), now);
    profiles
        .suggestionBetween(kept.id(), merged.id())
        .ifPresent(s -> profiles.decide(s.id(), "KEPT_APART", by, now));
    log.info(
        "Merge {} of guest profile {} into {} undone by {}", mergeId, merged.id(), kept.id(), by);
    return profiles.merge(mergeId, false).orElseThrow();
  }

  /** A manager says the two profiles are different people; the suggestion does not come back. */
  @Transactional
  public ProfileSuggestion keepApart(long suggestionId, String by) {
    ProfileSuggestion s = suggestion(suggestionId);
    if (!s.open()) {
      throw new ConflictException("This suggestion was already decided (" + s.state() + ")");
    }
    profiles.decide(s.id(), "KEPT_APART", by, clock.instant());
    return suggestion(suggestionId);
  }

  public ProfileSuggestion suggestion(long suggestionId) {
    return profiles
        .suggestion(suggestionId)
        .orElseThrow(() -> new NotFoundException("No suggestion " + suggestionId));
  }

  public List<ProfileSuggestion> openSuggestions() {
    return profiles.openSuggestions();
  }

  public List<ProfileMerge> mergesInto(long profileId) {
    return profiles.mergesInto(profileId);
  }

  public Optional<ProfileMerge> findMerge(long mergeId) {
    return profiles.merge(mergeId, false);
  }

  /** Saves a segment of the guests with {@code tag}. */
  @Transactional
  public GuestSegment createSegment(String name, String tag, String by) {
    Violations v = new Violations();
    if (v.required(name, "name")) {
      v.maxLength(name.strip(), 80, "name");
      v.check(
          !ControlCharacters.presentInLine(name),
          "name",
          "must be a single line: no line breaks, tabs or other control characters");
    }
    List<String> normalised = new ArrayList<>();
    if (v.required(tag, "tag")) {
      normalised = tags(List.of(tag), v, "tag", true);
    }
    v.throwIfAny();
    long id = profiles.createSegment(name.strip(), normalised.getFirst(), by, clock.instant());
    if (id < 0) {
      throw InvalidRequestException.of("name", "is the name of another segment already");
    }
    return profiles.segment(id).orElseThrow();
  }

  public List<GuestSegment> segments() {
    return profiles.segments();
  }

  public GuestSegment segment(long id) {
    return profiles.segment(id).orElseThrow(() -> new NotFoundException("No segment " + id));
  }

  @Transactional
  public void deleteSegment(long id) {
    segment(id);
    profiles.deleteSegment(id);
  }

  /** The canonical spelling of a tag (VIP, family, business as suggested; others as typed). */
  public static String canonicalTag(String tag) {
    String t = tag.strip().replaceAll("\\s+", " ");
    for (String known : GuestProfile.SUGGESTED_TAGS) {
      if (known.equalsIgnoreCase(t)) {
        return known;
      }
    }
    return GuestProfile.RETURNING.equalsIgnoreCase(t) ? GuestProfile.RETURNING : t;
  }

  private static List<String> tags(List<String> given, Violations v) {
    return tags(given, v, "tags", false);
  }

  private static List<String> tags(
      List<String> given, Violations v, String field, boolean returningAllowed) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    v.check(given.size() <= MAX_TAGS, field, "at most " + MAX_TAGS + " tags");
    for (String tag : given) {
      if (tag == null || tag.isBlank()) {
        v.check(false, field, "a tag cannot be empty");
        continue;
      }
      if (ControlCharacters.presentInLine(tag)) {
        v.check(
            false,
            field,
            "must be a single line: no line breaks, tabs or other control characters");
        continue;
      }
      String t = canonicalTag(tag);
      boolean wellFormed =
          t.length() <= MAX_TAG_LENGTH && t.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} &'._-]*");
      v.check(
          wellFormed,
          field,
          "a tag is up to "
              + MAX_TAG_LENGTH
              + " letters, digits, spaces, '-', '_', '.', '&' or apostrophes: \""
              + (t.length() > MAX_TAG_LENGTH ? t.substring(0, MAX_TAG_LENGTH) + "…" : t)
              + "\" is not");
      if (!wellFormed) {
        continue;
      }
      if (!returningAllowed && t.equals(GuestProfile.RETURNING)) {
        v.check(false, field, "\"returning\" follows from the stays and cannot be set by hand");
        continue;
      }
      if (seen.add(t.toLowerCase(Locale.ROOT))) {
        out.add(t);
      }
    }
    return out;
  }

  private static void text(Optional<String> value, String field, Violations v) {
    if (value != null && value.isPresent()) {
      v.maxLength(value.get(), MAX_TEXT, field);
      v.check(
          !ControlCharacters.present(value.get()),
          field,
          "must not contain control characters (such as NUL)");
    }
  }

  private void date(Optional<LocalDate> value, String field, Violations v) {
    if (value != null && value.isPresent()) {
      LocalDate d = value.get();
      v.check(
          !d.isBefore(LocalDate.of(1900, 1, 1))
              && !d.isAfter(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)),
          field,
          "must be a date between 1900-01-01 and today");
    }
  }

  private static <T> T pick(Optional<T> edit, T current) {
    if (edit == null) {
      return current;
    }
    return edit.map(v -> v instanceof String s && s.isBlank() ? null : v).orElse(null);
  }

  private static <T> T fill(ObjectNode copied, String field, T kept, T merged) {
    if (kept == null && merged != null) {
      copied.put(field, merged.toString());
      return merged;
    }
    return kept;
  }

  private static String unfill(ObjectNode copied, String field, String now) {
    return copied.has(field) && copied.get(field).asText().equals(now) ? null : now;
  }

  private static LocalDate unfillDate(ObjectNode copied, String field, LocalDate now) {
    return now != null && copied.has(field) && copied.get(field).asText().equals(now.toString())
        ? null
        : now;
  }

  private static GuestProfile live(GuestProfile p) {
    if (p.mergedInto() != null) {
      throw new ConflictException("Guest " + p.id() + " was merged into guest " + p.mergedInto());
    }
    return p;
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("No guest " + id);
  }
}
