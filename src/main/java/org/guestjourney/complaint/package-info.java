/**
 * Complaint escalation and service recovery: a complaint (from a guest, a staff entry or, later, a
 * survey) is classified by the {@code complaint-classification} DMN table, handled by staff under
 * SLA timers that alert the manager, compensation is approved by a manager, a call-back confirms
 * the guest is satisfied, and the outcome is kept for the KPIs. The flow is {@code
 * bpmn/complaint.bpmn}.
 */
package org.guestjourney.complaint;
