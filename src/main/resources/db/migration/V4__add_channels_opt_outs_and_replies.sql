-- How each guest prefers to be reached; null = the property's default order.
alter table guest add column preferred_channel text check (preferred_channel in ('EMAIL', 'SMS', 'WHATSAPP'));

-- The provider's view of a sent message (queued, sent, delivered, undelivered, failed, read).
alter table message_delivery add column provider_status text;
alter table message_delivery add column provider_error text;

-- Opt-outs by address (phone number or e-mail) and channel; the latest word of the guest wins.
create table contact_opt_out (
    address    text        not null,
    channel    text        not null,
    opted_out  boolean     not null,
    source     text        not null,
    updated_at timestamptz not null,
    primary key (address, channel)
);

-- What guests write back (SMS, WhatsApp), kept with their conversation.
create table inbound_message (
    id           bigserial primary key,
    channel      text        not null,
    from_address text        not null,
    to_address   text,
    body         text        not null,
    provider_id  text unique,
    guest_id     bigint references guest (id),
    booking_id   bigint references booking (id),
    kind         text        not null check (kind in ('OPT_OUT', 'OPT_IN', 'HELP', 'REPLY')),
    received_at  timestamptz not null
);

-- Quiet hours at the property (local time): non-urgent messages wait for the morning.
alter table property
    add column quiet_hours_start time not null default '21:00',
    add column quiet_hours_end   time not null default '09:00';
