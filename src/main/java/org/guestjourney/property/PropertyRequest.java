package org.guestjourney.property;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.guestjourney.web.Violations;

/** What an integrator or the demo loader sends to register a property. */
public record PropertyRequest(
    String code,
    String name,
    String timeZone,
    String defaultLanguage,
    List<String> languages,
    LocalTime checkInTime,
    LocalTime checkOutTime,
    String contactEmail,
    String contactPhone,
    LocalTime workingHoursStart,
    LocalTime workingHoursEnd,
    @org.guestjourney.web.MultiLine String address,
    @org.guestjourney.web.MultiLine String directions,
    @org.guestjourney.web.MultiLine String keyHandover,
    @org.guestjourney.web.MultiLine String localTips,
    @org.guestjourney.web.MultiLine String depositTerms,
    @org.guestjourney.web.MultiLine String extraFees,
    @org.guestjourney.web.MultiLine String cancellationPolicy,
    String houseManualUrl,
    Integer checkInGuideDaysBefore,
    LocalTime checkInGuideSendTime,
    LocalTime dayBeforeReminderSendTime) {

  List<String> languagesOrDefault() {
    return languages == null || languages.isEmpty() ? List.of(defaultLanguage) : languages;
  }

  LocalTime checkInTimeOrDefault() {
    return checkInTime != null ? checkInTime : LocalTime.of(15, 0);
  }

  LocalTime checkOutTimeOrDefault() {
    return checkOutTime != null ? checkOutTime : LocalTime.of(11, 0);
  }

  void validate(Violations v) {
    if (v.required(code, "code")) {
      v.check(
          code.matches("[a-z0-9][a-z0-9-]{1,62}"),
          "code",
          "must be lower-case letters, digits and dashes");
    }
    v.required(name, "name");
    v.maxLength(name, 200, "name");
    if (v.required(timeZone, "timeZone")) {
      v.check(isZone(timeZone), "timeZone", "must be an IANA time zone such as Europe/Rome");
    }
    if (v.required(defaultLanguage, "defaultLanguage")) {
      v.check(Languages.isSupported(defaultLanguage), "defaultLanguage", Languages.UNSUPPORTED);
    }
    if (languages != null) {
      for (int i = 0; i < languages.size(); i++) {
        v.check(
            Languages.isSupported(languages.get(i)), "languages[" + i + "]", Languages.UNSUPPORTED);
      }
      v.check(
          defaultLanguage == null || languages.isEmpty() || languages.contains(defaultLanguage),
          "languages",
          "must include the default language");
    }
    if (contactEmail != null) {
      v.check(
          Violations.EMAIL.matcher(contactEmail).matches(),
          "contactEmail",
          "is not a valid e-mail address");
    }
    if (contactPhone != null) {
      v.check(
          Violations.E164.matcher(contactPhone).matches(),
          "contactPhone",
          "must be in E.164 form, e.g. +390612345678");
    }
    if (checkInGuideDaysBefore != null) {
      v.check(
          checkInGuideDaysBefore >= 1 && checkInGuideDaysBefore <= 30,
          "checkInGuideDaysBefore",
          "must be between 1 and 30");
    }
    // house texts go into every message: bounded, so that no message grows without limit
    v.maxLength(address, 500, "address");
    v.maxLength(directions, 2000, "directions");
    v.maxLength(keyHandover, 2000, "keyHandover");
    v.maxLength(localTips, 2000, "localTips");
    v.maxLength(depositTerms, 1000, "depositTerms");
    v.maxLength(extraFees, 1000, "extraFees");
    v.maxLength(cancellationPolicy, 2000, "cancellationPolicy");
    v.maxLength(contactEmail, 254, "contactEmail");
    if (houseManualUrl != null && !houseManualUrl.isBlank()) {
      v.maxLength(houseManualUrl, 500, "houseManualUrl");
      v.check(
          isHttpUrl(houseManualUrl), "houseManualUrl", "must be an http:// or https:// address");
    }
    if (workingHoursStart != null && workingHoursEnd != null) {
      v.check(
          workingHoursEnd.isAfter(workingHoursStart),
          "workingHoursEnd",
          "must be after workingHoursStart");
    }
  }

  /**
   * The fields whose values differ from {@code stored} (for a repeated registration). Optional
   * settings left out of the request are not compared.
   */
  List<String> differences(Property stored) {
    List<String> out = new java.util.ArrayList<>();
    differ(out, "name", stored.name(), name);
    differ(out, "timeZone", stored.timeZone().getId(), timeZone);
    differ(out, "defaultLanguage", stored.defaultLanguage(), defaultLanguage);
    if (languages != null && !languages.isEmpty()) {
      differ(out, "languages", stored.languages(), languages);
    }
    differ(out, "contactEmail", stored.contactEmail(), contactEmail);
    differ(out, "contactPhone", stored.contactPhone(), contactPhone);
    differ(out, "address", stored.address(), address);
    differ(out, "directions", stored.directions(), directions);
    differ(out, "keyHandover", stored.keyHandover(), keyHandover);
    differ(out, "localTips", stored.localTips(), localTips);
    differ(out, "depositTerms", stored.depositTerms(), depositTerms);
    differ(out, "extraFees", stored.extraFees(), extraFees);
    differ(out, "cancellationPolicy", stored.cancellationPolicy(), cancellationPolicy);
    differ(out, "houseManualUrl", stored.houseManualUrl(), houseManualUrl);
    if (checkInTime != null) {
      differ(out, "checkInTime", stored.checkInTime(), checkInTime);
    }
    if (checkOutTime != null) {
      differ(out, "checkOutTime", stored.checkOutTime(), checkOutTime);
    }
    if (checkInGuideDaysBefore != null) {
      differ(
          out, "checkInGuideDaysBefore", stored.checkInGuideDaysBefore(), checkInGuideDaysBefore);
    }
    return out;
  }

  private static void differ(List<String> out, String field, Object stored, Object sent) {
    Object a = stored instanceof String s && s.isBlank() ? null : stored;
    Object b = sent instanceof String s && s.isBlank() ? null : sent;
    if (a instanceof String s) {
      a = s.strip();
    }
    if (b instanceof String s) {
      b = s.strip();
    }
    if (!java.util.Objects.equals(a, b)) {
      out.add(field);
    }
  }

  private static boolean isHttpUrl(String value) {
    try {
      java.net.URI uri = new java.net.URI(value.strip());
      return uri.getScheme() != null
          && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
          && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static boolean isZone(String id) {
    try {
      ZoneId.of(id);
      return id.contains("/") || id.equals("UTC");
    } catch (RuntimeException e) {
      return false;
    }
  }
}
