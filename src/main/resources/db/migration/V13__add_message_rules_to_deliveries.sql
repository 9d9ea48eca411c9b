-- A message's rules come from the journey model (the send step's headers), so a step a manager adds
-- in the modeler is recorded with its own label, purpose and quiet-hours rule.
alter table message_delivery add column step_label text;
alter table message_delivery add column purpose text check (purpose in ('service', 'survey', 'review', 'marketing'));
alter table message_delivery add column waits_for_quiet_hours boolean;
