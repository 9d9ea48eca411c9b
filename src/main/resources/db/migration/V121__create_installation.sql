-- This database's identity, one row. The embedded engine's directory records the same id: an
-- engine directory that ran with another database (its journeys point at bookings this database
-- does not have, and new bookings would reuse their ids) is refused at start (ADR 0083).
create table installation (
    single     boolean     primary key default true check (single),
    id         uuid        not null default gen_random_uuid(),
    created_at timestamptz not null default now()
);

insert into installation default values;
