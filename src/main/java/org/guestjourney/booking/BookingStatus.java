package org.guestjourney.booking;

public enum BookingStatus {
  CONFIRMED,
  CANCELLED
}
