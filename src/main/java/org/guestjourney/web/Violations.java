package org.guestjourney.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every problem of a request, so the caller learns about all bad fields at once. */
public final class Violations {

  /** E.164: a plus, a non-zero country digit, at most 15 digits in all. */
  public static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

  /** A practical e-mail check: local part, @, a domain with at least one dot, no spaces. */
  public static final Pattern EMAIL =
      Pattern.compile(
          "^[^@\\s<>\"()\\[\\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

  private final List<FieldViolation> found = new ArrayList<>();

  /** An IANA time zone such as {@code Europe/Rome} (not an offset like {@code +02:00}). */
  public static boolean isTimeZone(String value) {
    try {
      return value != null
          && (value.contains("/") || value.equals("UTC"))
          && java.time.ZoneId.of(value.strip()) != null;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  public Violations check(boolean ok, String field, String message) {
    if (!ok) {
      found.add(new FieldViolation(field, message));
    }
    return this;
  }

  public boolean required(Object value, String field) {
    boolean present = value != null && !(value instanceof String s && s.isBlank());
    check(present, field, "is required");
    return present;
  }

  public Violations maxLength(String value, int max, String field) {
    return check(
        value == null || value.length() <= max, field, "must be at most " + max + " characters");
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidRequestException(found);
    }
  }
}
