-- Integration API keys: named, scoped to read or write and to properties (or all), revocable.
-- Only a SHA-256 of the token is stored; the token itself is shown once when the key is created.
create table api_key (
    id            bigserial primary key,
    name          text        not null check (length(name) between 1 and 100),
    token_prefix  text        not null unique,
    token_hash    text        not null,
    scope         text        not null check (scope in ('READ', 'WRITE')),
    all_properties boolean    not null,
    created_by    text        not null,
    created_at    timestamptz not null,
    revoked_by    text,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

create table api_key_property (
    api_key_id  bigint not null references api_key (id) on delete cascade,
    property_id bigint not null references property (id),
    primary key (api_key_id, property_id)
);

-- Failed sign-ins per account ('account:<name>') and per address ('address:<ip>'), shared by all
-- replicas: after too many, sign-in is refused until locked_until (doubling with each further miss).
create table login_throttle (
    subject         text        primary key,
    failures        int         not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);
