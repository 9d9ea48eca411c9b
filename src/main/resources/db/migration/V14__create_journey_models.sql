-- The XML of every process version the app deployed, by the engine's process definition key: the
-- app reads a running journey's own model (its timers, its steps) instead of keeping a plan.
create table journey_model (
    process_definition_key bigint      primary key,
    bpmn_process_id        text        not null,
    version                int         not null,
    resource_name          text        not null,
    xml                    text        not null,
    deployed_at            timestamptz not null
);

create index journey_model_latest on journey_model (bpmn_process_id, version desc);
