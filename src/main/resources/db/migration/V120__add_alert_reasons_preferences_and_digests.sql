-- More reasons to alert staff (ADR 0065): a new task for the team, a task given to someone by a
-- colleague, a deadline about to pass, besides an urgent task and a passed deadline.
-- "subject" tells apart alerts of one reason about one task that go to different people: the
-- person a task was given to (ASSIGNED); empty for the other reasons.
alter table staff_task_alert drop constraint staff_task_alert_reason_check;
alter table staff_task_alert add constraint staff_task_alert_reason_check
    check (reason in ('NEW_TASK', 'ASSIGNED', 'DUE_SOON', 'URGENT', 'BREACH'));
alter table staff_task_alert add column subject text not null default '';
alter table staff_task_alert drop constraint staff_task_alert_pkey;
alter table staff_task_alert add primary key (task_id, reason, subject);

alter table staff_notification drop constraint staff_notification_reason_check;
alter table staff_notification add constraint staff_notification_reason_check
    check (reason in ('NEW_TASK', 'ASSIGNED', 'DUE_SOON', 'URGENT', 'BREACH'));

-- Each person's choice per reason: which channels, and at once or in their digest. No row: the
-- defaults (StaffAlertPreferences.DEFAULTS). URGENT and BREACH always go at once, by at least one
-- channel.
create table staff_alert_preference (
    staff_account_id bigint  not null references staff_account (id) on delete cascade,
    reason           text    not null
        check (reason in ('NEW_TASK', 'ASSIGNED', 'DUE_SOON', 'URGENT', 'BREACH')),
    email            boolean not null,
    sms              boolean not null,
    digest           boolean not null,
    primary key (staff_account_id, reason),
    check (not digest or reason in ('NEW_TASK', 'ASSIGNED', 'DUE_SOON')),
    check (email or sms or reason in ('NEW_TASK', 'ASSIGNED', 'DUE_SOON'))
);

-- When a person's digest goes: every hour (on the hour) or once a day at a time of day, in the
-- time zone of the house they work for. No row: once a day at 08:00.
create table staff_digest_schedule (
    staff_account_id bigint primary key references staff_account (id) on delete cascade,
    every            text   not null check (every in ('HOUR', 'DAY')),
    at_time          time   not null,
    updated_at       timestamptz not null
);

-- One digest e-mail per person and moment: the row is the claim (unique per person and moment),
-- then an outbox row sent with a lease like staff_notification.
create table staff_digest (
    id               bigserial primary key,
    staff_account_id bigint      not null references staff_account (id) on delete cascade,
    due_moment       timestamptz not null,
    state            text        not null check (state in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    unique (staff_account_id, due_moment)
);

-- What waits for a person's next digest: one row per person, task and reason; digest_id is set
-- when a digest takes it (in the same transaction that claims the digest).
create table staff_digest_item (
    id               bigserial primary key,
    staff_account_id bigint      not null references staff_account (id) on delete cascade,
    task_id          bigint      not null references staff_task (id),
    reason           text        not null check (reason in ('NEW_TASK', 'ASSIGNED', 'DUE_SOON')),
    created_at       timestamptz not null,
    digest_id        bigint references staff_digest (id),
    unique (staff_account_id, task_id, reason)
);

create index staff_digest_item_waiting on staff_digest_item (staff_account_id, created_at)
    where digest_id is null;
create index staff_digest_due on staff_digest (state, next_attempt_at);
