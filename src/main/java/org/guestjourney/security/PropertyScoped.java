package org.guestjourney.security;

/** A signed-in principal that works for some properties only. */
public interface PropertyScoped {

  /** Whether they work for every property. */
  boolean allProperties();

  /** Whether they work for this property. */
  boolean worksFor(long propertyId);
}
