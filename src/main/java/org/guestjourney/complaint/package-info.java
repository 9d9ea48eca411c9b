/**
 * Complaint escalation and service recovery: a complaint (from a guest, a staff entry or a survey)
 * is classified by the {@code complaint-classification} DMN table and the journey branches on its
 * urgency: urgent means calling the guest now under a short SLA, priority a contact under
 * acknowledge and resolve SLAs, a latent need an evaluation by the manager. A compensation waits
 * for the manager's approval under its own SLA; a rejection goes back to the front desk to propose
 * something else or tell the guest. A call-back confirms the guest is satisfied, a guest who is not
 * goes to the manager, and the outcome is kept for the KPIs. The flow is {@code
 * bpmn/complaint.bpmn}; the code reacts to the tasks' kinds ({@link
 * org.guestjourney.complaint.ComplaintJourney}), never to element ids.
 */
package org.guestjourney.complaint;
