-- A person answers what a guest wrote; the journey that carries it is kept for the link.
alter table inbound_message
    add column process_instance_key bigint,
    add column reply                text,
    add column replied_by           text,
    add column replied_at           timestamptz;
