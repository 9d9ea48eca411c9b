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
              PreArrivalJourney.PROCESS_ID,
              PreArrivalJourney.RESOURCE,
              "Pre-arrival",
              "Booking confirmation, check-in guide, day-before reminder; re-plans on date changes"
                  + " and stops on cancellation"));

  private JourneyCatalogue() {}
}
