package org.guestjourney.guest;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A change of a profile: a null field stays as it is, an empty {@link Optional} clears it. {@code
 * tags} (when not null) replaces every tag.
 */
public record ProfileEdit(
    List<String> tags,
    Optional<String> preferences,
    Optional<String> allergies,
    Optional<String> specialNeeds,
    Optional<LocalDate> birthday,
    Optional<LocalDate> anniversary) {

  public static ProfileEdit none() {
    return new ProfileEdit(null, null, null, null, null, null);
  }

  public ProfileEdit withTags(List<String> value) {
    return new ProfileEdit(value, preferences, allergies, specialNeeds, birthday, anniversary);
  }
}
