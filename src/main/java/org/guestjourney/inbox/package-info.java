/**
 * One inbox for what guests write, by e-mail, SMS or WhatsApp: a conversation per booking (and the
 * messages no booking matched) per house, with unread counts, assignment to a named staff member,
 * the thread in order, a reply on the guest's own channel (through {@code conversation}), saved
 * replies per house and each person's reply signature. Words in {@code i18n/inbox}.
 */
package org.guestjourney.inbox;
