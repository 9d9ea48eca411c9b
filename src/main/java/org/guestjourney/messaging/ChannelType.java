package org.guestjourney.messaging;

/** How a message reaches the guest. */
public enum ChannelType {
  EMAIL("E-mail"),
  SMS("SMS"),
  WHATSAPP("WhatsApp");

  private final String label;

  ChannelType(String label) {
    this.label = label;
  }

  /** The name people use for it. */
  public String label() {
    return label;
  }
}
