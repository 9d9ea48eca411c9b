-- Properties (the B&B, guesthouse or small hotel) and their journey settings.
create table property (
    id                               bigserial primary key,
    code                             text        not null unique,
    name                             text        not null,
    time_zone                        text        not null,
    default_language                 text        not null,
    languages                        text        not null,
    check_in_time                    time        not null default '15:00',
    check_out_time                   time        not null default '11:00',
    contact_email                    text,
    contact_phone                    text,
    working_hours_start              time        not null default '08:00',
    working_hours_end                time        not null default '20:00',
    address                          text,
    directions                       text,
    key_handover                     text,
    local_tips                       text,
    deposit_terms                    text,
    extra_fees                       text,
    cancellation_policy              text,
    house_manual_url                 text,
    check_in_guide_days_before       int         not null default 3 check (check_in_guide_days_before between 1 and 30),
    check_in_guide_send_time         time        not null default '10:00',
    day_before_reminder_send_time    time        not null default '10:00',
    created_at                       timestamptz not null default now()
);

create table guest (
    id                 bigserial primary key,
    full_name          text        not null,
    email              text,
    phone              text,
    preferred_language text        not null,
    created_at         timestamptz not null default now()
);

create table booking (
    id                   bigserial primary key,
    property_id          bigint      not null references property (id),
    guest_id             bigint      not null references guest (id),
    external_reference   text        not null,
    source_channel       text        not null,
    arrival_date         date        not null,
    departure_date       date        not null,
    room                 text,
    party_size           int         not null default 1 check (party_size between 1 and 50),
    special_requests     text,
    status               text        not null check (status in ('CONFIRMED', 'CANCELLED')),
    revision             int         not null default 1,
    journey_instance_key bigint,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    cancelled_at         timestamptz,
    constraint booking_external_reference_unique unique (property_id, external_reference),
    constraint booking_departure_after_arrival check (departure_date > arrival_date)
);

create index booking_status_arrival on booking (status, arrival_date);

-- One row per message a journey step plans for a guest. The idempotency key makes a retried or
-- re-activated job unable to create or send a second copy.
create table message_delivery (
    id                bigserial primary key,
    booking_id        bigint      not null references booking (id),
    step              text        not null,
    idempotency_key   text        not null unique,
    channel           text        not null,
    planned_at        timestamptz not null,
    state             text        not null check (state in ('SCHEDULED', 'SENDING', 'SENT', 'SKIPPED', 'FAILED', 'CANCELLED')),
    reason            text,
    attempts          int         not null default 0,
    claimed_until     timestamptz,
    language          text,
    recipient         text,
    subject           text,
    body              text,
    provider_message_id text,
    sent_at           timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);

create index message_delivery_booking on message_delivery (booking_id, planned_at);

-- What happened to each message and why, in order: the answer to "why did (or didn't) it go out?".
create table message_delivery_event (
    id          bigserial primary key,
    delivery_id bigint      not null references message_delivery (id),
    state       text        not null,
    reason      text,
    occurred_at timestamptz not null
);

create index message_delivery_event_delivery on message_delivery_event (delivery_id, id);

-- The embedded default's "time machine": how far the application clock is ahead of real time.
create table app_clock (
    id            int primary key check (id = 1),
    offset_millis bigint not null
);
insert into app_clock (id, offset_millis) values (1, 0);
