-- Engine commands that follow a database write (journey start, booking-modified, booking-cancelled):
-- written in the same transaction as the write, sent to the engine afterwards by the dispatcher of
-- any replica (rows are claimed with FOR UPDATE SKIP LOCKED and leased while being sent).
create table engine_outbox (
  id              bigserial primary key,
  kind            text        not null,
  booking_id      bigint,
  message_name    text,
  correlation_key text,
  -- the engine's message id: a command sent twice (a retry) is one message
  message_id      text unique,
  time_to_live_ms bigint,
  created_at      timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  attempts        int         not null default 0,
  last_error      text
);
create index engine_outbox_due on engine_outbox (next_attempt_at, id);
