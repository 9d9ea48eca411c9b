-- Guest contact data is encrypted at rest (ADR 0031): guest and inquiry names, e-mail addresses and
-- phone numbers, message recipients, senders of guest replies and bounced addresses. Lookups by
-- equality use keyed blind indexes (HMAC of the normalised address) instead of the values. Opt-outs
-- and unsubscribes keep only the blind index in their address column. V56 (a Java migration)
-- encrypts and indexes the rows that exist.
alter table guest add column email_index text, add column phone_index text;
alter table inquiry add column email_index text;
alter table mail_feedback add column address_index text;

drop index if exists guest_email_lower;
drop index if exists inquiry_email;
create index guest_email_index on guest (email_index);
create index guest_phone_index on guest (phone_index);
create index inquiry_email_index on inquiry (property_id, email_index);
create index mail_feedback_address_index on mail_feedback (address_index);
