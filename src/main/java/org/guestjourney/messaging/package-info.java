/**
 * Messages to guests: what is planned for each journey step (one delivery record per step, keyed so
 * it can never go out twice), the send-time rules that decide whether it goes ({@code
 * messaging.rules}, one class per rule), rendering in the guest's language, and the channels that
 * carry it. Vendors sit behind {@link org.guestjourney.messaging.Channel}: e-mail in {@code
 * messaging.email}, SMS and WhatsApp later in {@code messaging.providers}.
 */
package org.guestjourney.messaging;
