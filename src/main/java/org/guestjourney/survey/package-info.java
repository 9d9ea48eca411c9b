/**
 * Guest surveys: the quick survey the morning after the first night and the satisfaction survey
 * after the stay. Each link carries an unguessable token for one guest that expires; the questions
 * are Camunda forms in {@code forms/} (one per language), answered on the guest's phone. An answer
 * reaches the guest's journey as a message, and a low score ({@code survey-follow-up} DMN table)
 * opens the complaint journey. Every guest still gets the review request: no gating. Answers typed
 * but not sent are kept as a draft and shown again; a draft is never an answer. The free text of an
 * answer is published as {@link org.guestjourney.survey.SurveyAnswered} for the feedback loop.
 */
package org.guestjourney.survey;
