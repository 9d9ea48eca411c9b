-- A manager's unfinished edit of a journey in the studio: one draft per journey, kept until it is
-- deployed or discarded. Deployed versions are in journey_model.
create table journey_draft (
    bpmn_process_id text        primary key,
    resource_name   text        not null,
    xml             text        not null,
    saved_by        text        not null,
    saved_at        timestamptz not null
);

-- Deployments of journeys (and refused ones) are their own kind of audit entry.
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check
    check (action in ('READ', 'CHANGE', 'EXPORT', 'ERASE', 'DEPLOY'));
