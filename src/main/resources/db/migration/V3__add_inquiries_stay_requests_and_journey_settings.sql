-- Journey timings a manager tunes per property (defaults from the source documents).
alter table property
    add column inquiry_answer_within_minutes  int  not null default 60 check (inquiry_answer_within_minutes between 5 and 2880),
    add column quick_survey_send_time         time not null default '09:30',
    add column courtesy_check_in_send_time    time not null default '17:00',
    add column thank_you_hours_after_checkout int  not null default 3 check (thank_you_hours_after_checkout between 0 and 24),
    add column satisfaction_survey_send_time  time not null default '10:00',
    add column survey_reminder_after_days     int  not null default 3 check (survey_reminder_after_days between 1 and 14),
    add column review_request_after_days      int  not null default 2 check (review_request_after_days between 1 and 14),
    add column phone_follow_up_within_days    int  not null default 7 check (phone_follow_up_within_days between 1 and 30),
    add column review_url                     text;

-- The guest's expected arrival time (answer to the day-before question or a call).
alter table booking add column expected_arrival_time time;

-- Pre-booking inquiries: a prospective guest asks before booking.
create table inquiry (
    id                   bigserial primary key,
    property_id          bigint      not null references property (id),
    full_name            text        not null,
    email                text        not null,
    phone                text,
    preferred_language   text        not null,
    message              text        not null,
    status               text        not null check (status in ('OPEN', 'ANSWERED')),
    within_working_hours boolean,
    answer_due_at        timestamptz,
    answer               text,
    answered_by          text,
    answered_at          timestamptz,
    travel_purpose       text,
    party_composition    text,
    process_instance_key bigint,
    received_at          timestamptz not null
);

-- Messages may belong to an inquiry instead of a booking.
alter table message_delivery alter column booking_id drop not null;
alter table message_delivery add column inquiry_id bigint references inquiry (id);
alter table message_delivery add constraint message_delivery_has_owner
    check (booking_id is not null or inquiry_id is not null);

-- Requests guests make during their stay.
create table guest_request (
    id           bigserial primary key,
    booking_id   bigint      not null references booking (id),
    category     text        not null,
    description  text        not null,
    urgency      text,
    due_at       timestamptz,
    action_taken text,
    solved       boolean,
    new_deadline text,
    status       text        not null check (status in ('OPEN', 'HANDLED')),
    created_at   timestamptz not null,
    handled_at   timestamptz
);

create index guest_request_booking on guest_request (booking_id);

-- Tasks about a guest request link to it.
alter table staff_task add column request_id bigint references guest_request (id);
