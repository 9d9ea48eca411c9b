-- What an outbox entry is about besides its booking (a guest request, an inquiry, a conversation):
-- the handler of its kind reads it to start that thing's process.
alter table engine_outbox add column subject_id bigint;
