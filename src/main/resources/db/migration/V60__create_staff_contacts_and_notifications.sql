-- How a staff member is reached when something urgent waits (their own settings), and who is the
-- manager on duty of each property. Both optional: without an address nobody is e-mailed.
create table staff_contact (
    staff_account_id bigint primary key references staff_account (id) on delete cascade,
    display_name     text check (display_name is null or length(display_name) between 1 and 100),
    email            text check (email is null or length(email) between 3 and 254),
    phone            text check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
    updated_at       timestamptz not null
);

create table manager_on_duty (
    property_id      bigint primary key references property (id),
    staff_account_id bigint not null references staff_account (id) on delete cascade,
    since            timestamptz not null
);

-- One row per task and reason (URGENT when an urgent task appears, BREACH when its deadline has
-- passed): the claim that makes every app replica raise an alert only once.
create table staff_task_alert (
    task_id   bigint      not null references staff_task (id),
    reason    text        not null check (reason in ('URGENT', 'BREACH')),
    raised_at timestamptz not null,
    primary key (task_id, reason)
);

-- The e-mails and text messages an alert sends, one per person and channel, sent by whichever
-- replica claims the row first (a lease, so that a replica that died mid-send is taken over).
create table staff_notification (
    id               bigserial primary key,
    task_id          bigint      not null references staff_task (id),
    reason           text        not null check (reason in ('URGENT', 'BREACH')),
    staff_account_id bigint      not null references staff_account (id) on delete cascade,
    channel          text        not null check (channel in ('EMAIL', 'SMS')),
    recipient        text        not null,
    state            text        not null check (state in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    unique (task_id, reason, staff_account_id, channel)
);

create index staff_notification_due on staff_notification (state, next_attempt_at);
create index staff_task_breach_sweep on staff_task (state, due_at) where due_at is not null;
