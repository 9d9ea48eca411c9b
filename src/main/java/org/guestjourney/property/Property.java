package org.guestjourney.property;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** A property and the settings its journeys read. Times are local to {@link #timeZone()}. */
public record Property(
    long id,
    String code,
    String name,
    ZoneId timeZone,
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
    int checkInGuideDaysBefore,
    LocalTime checkInGuideSendTime,
    LocalTime dayBeforeReminderSendTime,
    String wifiDetails) {

  /** The language to write to a guest in: theirs if the property speaks it, else the default. */
  public String languageFor(String guestLanguage) {
    return languages.contains(guestLanguage) ? guestLanguage : defaultLanguage;
  }
}
