package org.guestjourney.property;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.guestjourney.messaging.Languages;
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
    String address,
    String directions,
    String keyHandover,
    String localTips,
    String depositTerms,
    String extraFees,
    String cancellationPolicy,
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
    if (workingHoursStart != null && workingHoursEnd != null) {
      v.check(
          workingHoursEnd.isAfter(workingHoursStart),
          "workingHoursEnd",
          "must be after workingHoursStart");
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
