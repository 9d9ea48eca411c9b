-- Which deployed version each journey of a booking runs on: recorded when the journey reads the
-- booking's facts (its first step), so the booking's journey page can say "version 3 of
-- 2026-12-01, 'Reminder at 18:00'" per phase. Ids only (ADR 0072).
create table booking_journey_run (
    booking_id             bigint      not null references booking (id) on delete cascade,
    bpmn_process_id        text        not null,
    process_instance_key   bigint      not null,
    process_definition_key bigint      not null,
    started_at             timestamptz not null,
    primary key (booking_id, bpmn_process_id)
);
