-- Who answers a conversation (a booking's messages), chosen on the inbox page.
create table inbox_assignment (
    booking_id       bigint primary key references booking (id),
    staff_account_id bigint      not null references staff_account (id) on delete cascade,
    assigned_by      text        not null,
    assigned_at      timestamptz not null
);

-- Replies a house uses again and again, kept by its managers.
create table saved_reply (
    id          bigserial primary key,
    property_id bigint      not null references property (id),
    title       text        not null check (length(title) between 1 and 80),
    body        text        not null check (length(body) between 1 and 1000),
    created_by  text        not null,
    created_at  timestamptz not null
);
create index saved_reply_property on saved_reply (property_id);
