-- What guests wrote in their own words (a survey's free text, a complaint), with its class: set by
-- the feedback-classification DMN table ('rules') or corrected by a staff member (their username).
create table feedback (
    id                   bigserial primary key,
    booking_id           bigint      not null references booking (id),
    source               text        not null check (source in ('survey', 'complaint')),
    survey_invitation_id bigint unique references survey_invitation (id),
    complaint_id         bigint unique references complaint (id),
    text                 text        not null,
    type                 text        check (type in ('room', 'cleanliness', 'noise', 'staff', 'breakfast', 'facilities', 'value', 'other')),
    urgency              text        check (urgency in ('urgent', 'priority', 'latent')),
    suggestion           boolean     not null default false,
    classified_by        text,
    corrected_at         timestamptz,
    adopted_at           timestamptz,
    adopted_by           text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    constraint feedback_has_one_origin check ((survey_invitation_id is null) <> (complaint_id is null))
);

create index feedback_booking on feedback (booking_id);
create index feedback_type on feedback (type, created_at);

-- A problem of one type that kept coming back at a property, raised to the manager as a task.
-- covered_until_feedback_id: the feedback this alert already counted; the next alert of the same
-- property and type counts only newer feedback, so one run of problems raises one alert.
create table recurring_problem_alert (
    id                        bigserial primary key,
    property_id               bigint      not null references property (id),
    type                      text        not null,
    rule                      text        not null check (rule in ('consecutive-stays', 'within-period')),
    threshold                 int         not null,
    period                    text,
    feedback_ids              text        not null,
    covered_until_feedback_id bigint      not null,
    process_instance_key      bigint,
    raised_at                 timestamptz not null,
    handled_by                text,
    handled_at                timestamptz,
    action_taken              text,
    constraint recurring_problem_alert_once unique (property_id, type, covered_until_feedback_id)
);

-- A survey answer typed but not yet sent: kept, and restored when the guest opens the link again.
alter table survey_invitation
    add column draft          text,
    add column draft_saved_at timestamptz;

-- When a task was first claimed (claiming a complaint's first task acknowledges the complaint).
alter table staff_task add column claimed_at timestamptz;
