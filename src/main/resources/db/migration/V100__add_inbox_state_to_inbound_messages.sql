-- One inbox for what guests write (e-mail, SMS, WhatsApp): a message's house (also when no booking
-- matched it, so the house's staff see the "unmatched" ones), the e-mail subject, and when staff
-- read it.
alter table inbound_message
    add column property_id bigint references property (id),
    add column subject     text,
    add column read_at     timestamptz,
    add column read_by     text;

update inbound_message m set property_id = b.property_id from booking b where b.id = m.booking_id;
-- what was answered before the inbox existed counts as read
update inbound_message set read_at = coalesce(replied_at, received_at) where reply is not null;

create index inbound_message_unread on inbound_message (property_id) where read_at is null;
create index inbound_message_booking on inbound_message (booking_id);
