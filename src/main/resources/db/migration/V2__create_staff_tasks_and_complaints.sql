-- Staff tasks: the user tasks of the journeys, as the tasklist shows them. The engine holds the
-- job; this table holds what people need to see, claim and complete it.
create table staff_task (
    id                   bigserial primary key,
    job_key              bigint      not null unique,
    process_instance_key bigint      not null,
    element_instance_key bigint      not null,
    process_id           text        not null,
    element_id           text        not null,
    name                 text        not null,
    form_key             text,
    candidate_groups     text        not null,
    assignee             text,
    due_at               timestamptz,
    booking_id           bigint references booking (id),
    complaint_id         bigint,
    state                text        not null check (state in ('OPEN', 'COMPLETED', 'CANCELLED')),
    escalated_at         timestamptz,
    escalation_reason    text,
    completed_by         text,
    completed_at         timestamptz,
    result               text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);

create index staff_task_open on staff_task (state, due_at);
create index staff_task_instance on staff_task (process_instance_key, element_id);

-- Complaints and their service recovery, for the journey and for the KPIs.
create table complaint (
    id                    bigserial primary key,
    booking_id            bigint      not null references booking (id),
    source                text        not null,
    category              text        not null,
    description           text        not null,
    guest_in_house        boolean     not null,
    urgency               text,
    scope                 text,
    acknowledge_due_at    timestamptz,
    resolve_due_at        timestamptz,
    call_back_due_at      timestamptz,
    solution              text,
    compensation          text,
    compensation_detail   text,
    compensation_approved boolean,
    guest_satisfied       text,
    call_notes            text,
    status                text        not null check (status in ('OPEN', 'CLOSED')),
    process_instance_key  bigint,
    created_at            timestamptz not null,
    closed_at             timestamptz
);

create index complaint_booking on complaint (booking_id);
