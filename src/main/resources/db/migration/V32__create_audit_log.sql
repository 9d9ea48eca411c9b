-- Who read or changed guest data, settings, messages, journeys and staff accounts. Append-only:
-- the database refuses updates, deletes and truncation. Holds no guest data itself (ids only).
create table audit_event (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    actor       text        not null,
    action      text        not null check (action in ('READ', 'CHANGE', 'EXPORT', 'ERASE')),
    what        text        not null,
    subject     text,
    subject_id  bigint,
    property_id bigint,
    status      int
);

create index audit_event_time on audit_event (occurred_at desc);
create index audit_event_subject on audit_event (subject, subject_id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end
$$;

create trigger audit_event_no_change before update or delete on audit_event
    for each statement execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
