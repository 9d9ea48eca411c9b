/**
 * Conversations with guests: what a guest writes back (that is not STOP, START or HELP) becomes a
 * task for the front desk, whose answer goes back to the guest. The flow is {@code
 * bpmn/guest-reply.bpmn}.
 */
package org.guestjourney.conversation;
