-- Decision tables (DMN) deployed by the app, every version with who, when and why: the latest one
-- of each file is deployed again at start; a packaged file only when its content is new (ADR 0074,
-- the rule of ADR 0070 for journeys).
create table decision_model (
    deployed_seq  bigint generated always as identity primary key,
    resource_name text        not null,
    xml           text        not null,
    version       int         not null,
    deployed_at   timestamptz not null,
    origin        text        not null check (origin in ('packaged', 'studio')),
    deployed_by   text,
    comment       text
);
create index decision_model_latest on decision_model (resource_name, deployed_seq desc);

-- Forms (form-js JSON) a manager deployed in the studio; a form without a row here is the one
-- packaged in forms/.
create table form_version (
    deployed_seq bigint generated always as identity primary key,
    form_key     text        not null,
    schema       text        not null,
    version      int         not null,
    deployed_at  timestamptz not null,
    deployed_by  text        not null,
    comment      text
);
create index form_version_latest on form_version (form_key, deployed_seq desc);

-- A manager's unfinished edit of a decision table or a form: one draft per file.
create table studio_draft (
    kind     text        not null check (kind in ('rules', 'form')),
    name     text        not null,
    content  text        not null,
    saved_by text        not null,
    saved_at timestamptz not null,
    primary key (kind, name)
);

-- "Send a test to me" of a message text is its own kind of audit entry.
alter table audit_event drop constraint audit_event_action_check;
alter table audit_event add constraint audit_event_action_check
    check (action in ('READ', 'CHANGE', 'EXPORT', 'ERASE', 'DEPLOY', 'SEND'));
