/**
 * The feedback loop: what guests write in their own words (a survey's free text, a complaint) is
 * kept as feedback and classified by the {@code feedback-classification} DMN table on keywords in
 * English and Simplified Chinese (type, urgency, suggestion); staff correct a class on the Feedback
 * page and a manager marks suggestions adopted. The same type coming back at a property (the {@code
 * recurring-problem-thresholds} DMN table says how often counts) raises one task for the manager
 * through the {@code recurring-problem} process.
 */
package org.guestjourney.feedback;
