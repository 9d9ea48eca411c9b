package org.guestjourney.messaging;

/** A message exactly as the guest reads it. */
public record RenderedMessage(String language, String subject, String htmlBody) {}
