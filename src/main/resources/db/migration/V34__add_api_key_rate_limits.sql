-- Per-key rate limit: requests per minute, counted per minute window in PostgreSQL (all replicas).
alter table api_key add column requests_per_minute int not null default 300
    check (requests_per_minute between 1 and 100000);

create table api_key_usage (
    api_key_id   bigint      not null references api_key (id) on delete cascade,
    window_start timestamptz not null,
    requests     int         not null,
    primary key (api_key_id, window_start)
);
