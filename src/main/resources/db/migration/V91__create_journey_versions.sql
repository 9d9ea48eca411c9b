-- The history of every journey as managers see it: each distinct model that became the journey
-- (packaged, deployed in the studio, rolled back), numbered per journey 1, 2, 3, ... with who, when
-- and why. Unlike journey_model (by the engine's process definition key, which the embedded engine
-- hands out afresh after a restart) a version is never replaced (ADR 0072).
create table journey_version (
    id              bigint generated always as identity primary key,
    bpmn_process_id text        not null,
    number          int         not null,
    resource_name   text        not null,
    xml             text        not null,
    checksum        text        not null,
    origin          text        not null,
    deployed_by     text,
    deployed_at     timestamptz not null,
    comment         text,
    unique (bpmn_process_id, number)
);

-- Which version each engine process definition is.
alter table journey_model add column version_id bigint references journey_version (id);

-- What was deployed before this migration: every recorded definition, in the order deployed.
insert into journey_version (bpmn_process_id, number, resource_name, xml, checksum, origin,
                             deployed_by, deployed_at, comment)
select bpmn_process_id,
       row_number() over (partition by bpmn_process_id order by deployed_seq),
       resource_name, xml, encode(sha256(convert_to(xml, 'UTF8')), 'hex'), origin,
       deployed_by, deployed_at, comment
  from journey_model
 order by deployed_seq;

update journey_model m
   set version_id = (select max(v.id) from journey_version v
                      where v.bpmn_process_id = m.bpmn_process_id and v.xml = m.xml);
