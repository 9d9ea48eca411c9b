-- One guest across bookings (ADR 0062): every guest row (one per booking) belongs to a profile.
-- Bookings with the same e-mail share a profile on their own; a same phone or a same name makes a
-- suggestion that a manager merges or keeps apart. Merges are logged with what they moved and can
-- be undone.
create table guest_profile (
    id            bigserial primary key,
    merged_into   bigint references guest_profile (id),
    preferences   text,
    allergies     text,
    special_needs text,
    birthday      date,
    anniversary   date,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

alter table guest
    add column profile_id bigint references guest_profile (id),
    add column name_index text;
create index guest_profile_of on guest (profile_id);
create index guest_name_index on guest (name_index);

-- Tags staff give a guest (VIP, family, business or their own words); "returning" is never stored:
-- it follows from the stays.
create table guest_profile_tag (
    profile_id bigint      not null references guest_profile (id),
    tag        text        not null,
    added_by   text        not null,
    added_at   timestamptz not null
);
create unique index guest_profile_tag_once on guest_profile_tag (profile_id, lower(tag));
create index guest_profile_tag_by_tag on guest_profile_tag (lower(tag));

-- "Possibly the same guest": two profiles that share a phone number or a name.
create table guest_profile_suggestion (
    id               bigserial primary key,
    profile_id       bigint      not null references guest_profile (id),
    other_profile_id bigint      not null references guest_profile (id),
    reason           text        not null check (reason in ('SAME_PHONE', 'SAME_NAME')),
    state            text        not null default 'OPEN' check (state in ('OPEN', 'MERGED', 'KEPT_APART')),
    created_at       timestamptz not null,
    decided_by       text,
    decided_at       timestamptz,
    check (profile_id < other_profile_id),
    unique (profile_id, other_profile_id)
);

-- Every merge with what it moved, so that it can be undone.
create table guest_profile_merge (
    id                bigserial primary key,
    kept_profile_id   bigint      not null references guest_profile (id),
    merged_profile_id bigint      not null references guest_profile (id),
    guest_ids         bigint[]    not null,
    copied            text        not null,
    suggestion_id     bigint references guest_profile_suggestion (id),
    merged_by         text        not null,
    merged_at         timestamptz not null,
    undone_by         text,
    undone_at         timestamptz
);
create index guest_profile_merge_kept on guest_profile_merge (kept_profile_id);

-- Saved segments: the guests with a tag, for campaigns later (nothing is sent from them yet).
create table guest_segment (
    id         bigserial primary key,
    name       text        not null,
    tag        text        not null,
    created_by text        not null,
    created_at timestamptz not null
);
create unique index guest_segment_name on guest_segment (lower(name));
