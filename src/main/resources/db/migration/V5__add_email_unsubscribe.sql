-- Guests who used the one-click unsubscribe (RFC 8058) of a survey or review e-mail. Booking
-- messages (confirmation, changes, check-in instructions) still reach them.
create table email_unsubscribe (
    address         text primary key,
    unsubscribed_at timestamptz not null
);

-- Secrets the application generates once and shares between its replicas.
create table app_secret (
    name  text primary key,
    value text not null
);
insert into app_secret (name, value)
values ('unsubscribe-links', md5(random()::text || clock_timestamp()::text) || md5(random()::text || clock_timestamp()::text));
