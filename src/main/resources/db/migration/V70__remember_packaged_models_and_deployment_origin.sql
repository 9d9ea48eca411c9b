-- Every packaged model file (bpmn/ in the jar) the app deployed, by content. A packaged file is
-- deployed again only when its content was never deployed before, so a version a manager deployed
-- later stays the latest across restarts (ADR 0070). Old contents stay listed: a replica still
-- running an older jar during a rolling upgrade does not bring its older file back.
create table packaged_model (
    resource_name     text        not null,
    checksum          text        not null,
    first_deployed_at timestamptz not null,
    primary key (resource_name, checksum)
);

-- Where a deployed version came from (packaged file, the studio, or restored into an engine that
-- had forgotten it), who deployed it with which comment, and the order of deployments: the latest
-- version is the one deployed last, whatever number a restarted embedded engine gives it.
alter table journey_model
    add column deployed_seq bigint generated always as identity,
    add column origin       text not null default 'packaged',
    add column deployed_by  text,
    add column comment      text;

create index journey_model_latest_deployed on journey_model (bpmn_process_id, deployed_seq desc);
create index journey_model_latest_resource on journey_model (resource_name, deployed_seq desc);
