/**
 * The send-time rules: one small class per rule, each a {@link
 * org.guestjourney.messaging.rules.SendRule} bean with an explicit order, each deciding from a
 * {@link org.guestjourney.messaging.rules.SendContext} whether a due message goes now, waits until
 * a moment, or is skipped with a reason. {@code MessagingService} asks them in order and acts on
 * the first that does not say "send". The few facts a rule reads beyond its context (messages
 * already sent, a staff pause) come through narrow interfaces, so each rule is tested without
 * Spring or a database.
 */
package org.guestjourney.messaging.rules;
