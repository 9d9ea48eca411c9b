/**
 * SMS and WhatsApp through Twilio. {@link
 * org.guestjourney.messaging.providers.twilio.TwilioGateway} is the only class that calls Twilio's
 * REST API, over a transport that makes one attempt per call, so that a message is never sent twice
 * behind the app's back; after an attempt with no answer, Twilio's own record is read before
 * anything is sent again. {@link
 * org.guestjourney.messaging.providers.twilio.TwilioWebhookController} takes Twilio's delivery
 * receipts and guests' replies, and believes only requests Twilio signed. Without an account
 * configured nothing here calls Twilio or accepts a webhook.
 */
package org.guestjourney.messaging.providers.twilio;
