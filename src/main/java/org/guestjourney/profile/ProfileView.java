package org.guestjourney.profile;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A guest's profile as the caller may see it: the profile's own facts, and of the stays only those
 * at the houses the caller works for. Times are written with their zone.
 */
public record ProfileView(
    long id,
    String fullName,
    List<String> emails,
    List<String> phones,
    String language,
    String preferredChannel,
    String timeZone,
    List<String> tags,
    List<String> automaticTags,
    LocalDate birthday,
    LocalDate anniversary,
    String preferences,
    String allergies,
    String specialNeeds,
    List<Stay> stays,
    List<Survey> surveys,
    List<Complaint> complaints,
    List<Permission> messages,
    List<Merge> merges,
    List<Suggestion> suggestions) {

  public record Stay(
      long bookingId,
      String property,
      String reference,
      LocalDate arrival,
      LocalDate departure,
      int nights,
      String room,
      String stage,
      String stageLabel,
      String when) {}

  public record Survey(
      long bookingId, String kind, String answeredAt, Map<String, String> answers) {}

  public record Complaint(
      long id,
      long bookingId,
      String category,
      String urgency,
      String status,
      String description,
      String createdAt) {}

  /**
   * What may be sent to the guest, per channel or purpose: {@code allowed} false says they opted
   * out (since {@code since}).
   */
  public record Permission(String key, String what, boolean allowed, String since) {}

  public record Merge(
      long id,
      long mergedGuestId,
      String mergedName,
      List<Long> guestRecords,
      String copied,
      String mergedBy,
      String mergedAt,
      boolean undone,
      String undoneBy,
      String undoneAt) {}

  public record Suggestion(long id, long otherGuestId, String otherName, String reason) {}
}
