package org.guestjourney.messaging;

/** How a message reaches the guest. */
public enum ChannelType {
  EMAIL,
  SMS,
  WHATSAPP
}
