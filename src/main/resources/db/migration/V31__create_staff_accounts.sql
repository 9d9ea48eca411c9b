-- Staff accounts: one role each, working for all properties or for the ones listed.
-- Passwords are stored in Spring Security's delegating format ({bcrypt}$2a$...).
create table staff_account (
    id             bigserial primary key,
    username       text        not null unique check (length(username) between 1 and 60),
    password_hash  text        not null,
    role           text        not null check (role in ('MANAGER', 'FRONT_DESK', 'HOUSEKEEPING')),
    all_properties boolean     not null,
    enabled        boolean     not null default true,
    created_by     text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create table staff_account_property (
    staff_account_id bigint not null references staff_account (id) on delete cascade,
    property_id      bigint not null references property (id),
    primary key (staff_account_id, property_id)
);
