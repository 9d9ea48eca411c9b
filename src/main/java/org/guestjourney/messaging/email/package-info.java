/**
 * The e-mail channel: Spring Mail over SMTP. Without an SMTP server configured ({@code
 * spring.mail.host}) messages stay in the app, readable on the journey page, and nothing leaves the
 * machine.
 */
package org.guestjourney.messaging.email;
