-- What kind of work a staff task is, from the model's "taskKind" task header (or its form key when
-- the task has none). Java matches tasks by kind, never by element id, so renaming or moving an
-- element in the modeler changes nothing.
alter table staff_task add column task_kind text;

-- Tasks recorded before had no header: their kind is their form key, as for any task without one
-- (the shipped kinds are the form keys, so tasks of instances of the old models keep counting).
update staff_task set task_kind = form_key;

create index staff_task_instance_kind on staff_task (process_instance_key, task_kind);
create index staff_task_complaint_kind on staff_task (complaint_id, task_kind);

-- The complaint's recovery paths: the manager's note on a rejected compensation (shown to the front
-- desk, who proposes something else), what the front desk told the guest instead, and the
-- manager's follow-up of a guest still unhappy after the call-back.
alter table complaint add column manager_note text;
alter table complaint add column alternative_note text;
alter table complaint add column manager_follow_up text;

-- Guest requests run as their own process (one per request), to the team the table chose.
alter table guest_request add column team text;
alter table guest_request add column process_instance_key bigint;
