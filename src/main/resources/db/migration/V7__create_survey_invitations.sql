-- A survey link sent to one guest: the token itself is never stored, only its SHA-256.
create table survey_invitation (
    id          bigserial primary key,
    token_hash  text        not null unique,
    booking_id  bigint      not null references booking (id),
    kind        text        not null check (kind in ('QUICK', 'SATISFACTION')),
    language    text        not null,
    expires_at  timestamptz not null,
    created_at  timestamptz not null,
    answered_at timestamptz,
    answers     text
);

create index survey_invitation_booking on survey_invitation (booking_id, kind);
