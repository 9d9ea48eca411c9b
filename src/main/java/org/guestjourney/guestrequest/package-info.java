/**
 * Requests guests make during their stay (towels, a broken kettle, noise): each becomes a staff
 * task whose deadline depends on its urgency ({@code guest-request-sla} DMN table); when it cannot
 * be solved at once the guest is told the progress and a concrete deadline.
 */
package org.guestjourney.guestrequest;
