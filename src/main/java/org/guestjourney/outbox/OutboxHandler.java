package org.guestjourney.outbox;

/**
 * Sends the outbox entries of one kind to the engine (e.g. starting a booking's journey). Called
 * outside any transaction; throwing leaves the entry for a retry with backoff.
 */
public interface OutboxHandler {

  String kind();

  void send(OutboxEntry entry);
}
