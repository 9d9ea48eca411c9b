/**
 * Guest journeys: the booking journeys of {@code bpmn/} (pre-arrival, in-stay, post-stay) as the
 * app meets them — the facts a journey reads ({@link org.guestjourney.journey.StayFacts}), the
 * model-driven "send a guest message" step ({@link org.guestjourney.journey.JourneySteps}), the
 * whole stay's plan read from the deployed models ({@link org.guestjourney.journey.JourneyPlan})
 * with the message budget, the job workers the engine calls, the journey pages, and starting (or,
 * in the embedded default, restoring) a journey per booking. No moment is computed here: the
 * models' timers decide.
 */
package org.guestjourney.journey;
