package org.guestjourney.journey;

import java.util.List;

/**
 * Every journey the product runs, in the order a stay goes through them. The in-stay, post-stay and
 * complaint journeys join this list as they are built.
 */
public final class JourneyCatalogue {

  /** A journey: its BPMN process id, where the model lives, and what it is for. */
  public record Journey(String processId, String resource, String name, String purpose) {}

  public static final List<Journey> JOURNEYS =
      List.of(
          new Journey(
              "inquiry",
              "bpmn/inquiry.bpmn",
              "Pre-booking inquiry",
              "A personal answer within the working-hours SLA; holding reply out of hours; manager"
                  + " alerted on a breach"),
          new Journey(
              PreArrivalJourney.PROCESS_ID,
              PreArrivalJourney.RESOURCE,
              "Pre-arrival",
              "Booking confirmation, check-in guide, day-before reminder asking the arrival time,"
                  + " a call when it is still unknown; re-plans on date changes, stops on"
                  + " cancellation"),
          new Journey(
              StayJourneys.IN_STAY,
              "bpmn/in-stay.bpmn",
              "In-stay",
              "Welcome, quick survey after the first night, courtesy check-in for longer stays,"
                  + " guest requests as staff tasks with SLAs"),
          new Journey(
              StayJourneys.POST_STAY,
              "bpmn/post-stay.bpmn",
              "Post-stay",
              "Thank-you, satisfaction survey with one reminder, review request to every guest,"
                  + " phone follow-up for high-value guests"),
          new Journey(
              "guest-reply",
              "bpmn/guest-reply.bpmn",
              "Guest wrote back",
              "A guest's SMS or WhatsApp reply becomes a front-desk task within the hour; the answer"
                  + " goes back to the guest"),
          new Journey(
              "complaint",
              "bpmn/complaint.bpmn",
              "Complaint escalation",
              "Classification by DMN, SLAs that alert the manager, compensation approval,"
                  + " call-back within days, outcome for the KPIs"));

  private JourneyCatalogue() {}
}
