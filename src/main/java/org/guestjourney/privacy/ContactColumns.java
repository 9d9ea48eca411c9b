package org.guestjourney.privacy;

import java.util.List;

/** Every column that holds guest contact data, and how it is protected (ADR 0031). */
final class ContactColumns {

  private ContactColumns() {}

  /** An encrypted column, with the blind index column that finds rows by it, if any. */
  record Encrypted(String table, String column, String indexColumn) {}

  /** Encrypted with {@link ContactCipher#encrypt}; all tables have an {@code id} key. */
  static final List<Encrypted> ENCRYPTED =
      List.of(
          new Encrypted("guest", "full_name", null),
          new Encrypted("guest", "email", "email_index"),
          new Encrypted("guest", "phone", "phone_index"),
          new Encrypted("inquiry", "full_name", null),
          new Encrypted("inquiry", "email", "email_index"),
          new Encrypted("inquiry", "phone", null),
          new Encrypted("message_delivery", "recipient", null),
          // rendered messages greet the guest by name
          new Encrypted("message_delivery", "body", null),
          new Encrypted("message_delivery", "edited_body", null),
          new Encrypted("inbound_message", "from_address", null),
          new Encrypted("mail_feedback", "address", "address_index"));

  /** Tables whose {@code address} column holds only the blind index (no value to read back). */
  static final List<String> INDEX_ONLY = List.of("contact_opt_out", "email_unsubscribe");
}
