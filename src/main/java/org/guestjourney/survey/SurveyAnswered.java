package org.guestjourney.survey;

/**
 * Published each time a guest sends a survey (again): what they wrote in their own words, for the
 * feedback loop. Drafts are never published.
 */
public record SurveyAnswered(
    long invitationId, long bookingId, SurveyKind kind, boolean first, String freeText) {}
