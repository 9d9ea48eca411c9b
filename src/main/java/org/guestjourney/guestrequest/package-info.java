/**
 * Requests guests make whenever their booking is live, from booking to departure (towels, a broken
 * kettle, noise, a smell of gas): each runs its own process ({@code bpmn/guest-request.bpmn}) whose
 * team and deadline come from the {@code guest-request-sla} DMN table; a safety request is seen by
 * the manager on duty as well; when it cannot be solved at once the guest is told the progress and
 * a concrete deadline.
 */
package org.guestjourney.guestrequest;
