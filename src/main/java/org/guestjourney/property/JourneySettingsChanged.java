package org.guestjourney.property;

/**
 * A manager changed a property's journey settings; published inside the transaction that stored
 * them, so that running journeys can be told in the same transaction (engine outbox).
 */
public record JourneySettingsChanged(long propertyId) {}
