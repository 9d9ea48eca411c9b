package org.guestjourney.security;

import java.util.List;

/**
 * The houses access can be given to. Implemented where properties are kept ({@code property}), so
 * that access rules depend on no capability above them.
 */
public interface KnownProperties {

  /** A house as the access forms name it. */
  record Known(long id, String name) {}

  /** Every property, in the order the pages list them. */
  List<Known> known();

  /** The ids of every property. */
  default java.util.Set<Long> ids() {
    return known().stream().map(Known::id).collect(java.util.stream.Collectors.toSet());
  }
}
