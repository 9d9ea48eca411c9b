package org.guestjourney.property;

import java.util.List;

/**
 * A block of a property's settings page contributed by another capability (e.g. the Twilio senders
 * of the SMS and WhatsApp channels), so that the property package does not need to know every
 * vendor. A section shows lines and, optionally, a form posted to {@link Section#action()}.
 */
public interface SettingsSection {

  /** The section for {@code propertyId}. */
  Section sectionFor(long propertyId);

  /** What the settings page shows. */
  record Section(String title, String help, List<Line> lines, String action, List<Field> fields) {}

  /** A fact, e.g. "SMS: on, from +393331234567". */
  record Line(String label, String value) {}

  /** A text field of the section's form. */
  record Field(String name, String label, String value, String placeholder) {}
}
