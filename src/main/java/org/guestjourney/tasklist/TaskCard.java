package org.guestjourney.tasklist;

import java.time.ZoneId;

/**
 * A task as a card in the tasklist (and in the alerts about it): a specific title ("It smells of
 * gas — Room 3 — Marco Rossi"), what kind of work it is, its category, urgency and an excerpt of
 * what the guest wrote, and its deadline in words and in the property's time zone. Every text is
 * shown escaped.
 *
 * @param task the task
 * @param title what, where and who, in one line
 * @param kind the kind of work, as the model labels it ("Handle guest request")
 * @param guestName who it is about (empty when nobody)
 * @param room the booking's room (empty when none)
 * @param propertyId the property it belongs to (null: none)
 * @param propertyName its name (empty when none)
 * @param zone the property's time zone (UTC without a property)
 * @param category e.g. "safety", "noise complaint", "inquiry" (empty when unknown)
 * @param urgency "urgent", "priority", "latent" (empty when unknown)
 * @param excerpt the start of what the guest wrote (empty when nothing)
 * @param sla the deadline in words ("due in 40 min", "overdue by 2 h 5 min", "no deadline")
 * @param due the deadline in the property's zone ("1 Dec 14:05 Europe/Rome"), empty without one
 * @param overdue whether the deadline has passed
 * @param bookingReference the booking's reference (empty when no booking)
 */
public record TaskCard(
    StaffTask task,
    String title,
    String kind,
    String guestName,
    String room,
    Long propertyId,
    String propertyName,
    ZoneId zone,
    String category,
    String urgency,
    String excerpt,
    String sla,
    String due,
    boolean overdue,
    String bookingReference) {

  public boolean urgent() {
    return TaskDetails.URGENT.equals(urgency);
  }

  public long id() {
    return task.id();
  }
}
