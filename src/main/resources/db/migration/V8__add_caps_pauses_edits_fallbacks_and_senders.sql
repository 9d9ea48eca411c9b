-- Frequency caps: surveys and review requests are held back once a guest has had this many
-- messages on the same (local) day, and skipped once the stay has had this many in all.
-- WhatsApp messages not delivered within whatsapp_fallback_minutes go again by SMS.
alter table property
    add column max_messages_per_day      int not null default 3  check (max_messages_per_day between 1 and 20),
    add column max_messages_per_stay     int not null default 12 check (max_messages_per_stay between 1 and 60),
    add column whatsapp_fallback_minutes int not null default 10 check (whatsapp_fallback_minutes between 1 and 240);

-- A member of staff paused the automatic messages of one booking (the guest asked for calm,
-- a sensitive situation, ...). Hand-written replies still go.
create table automation_pause (
    booking_id bigint      primary key references booking (id),
    paused_by  text        not null,
    note       text,
    paused_at  timestamptz not null
);

-- A scheduled message whose text staff rewrote: the edited text replaces the template's.
-- A message sent again on another channel points at the one it stands in for.
alter table message_delivery
    add column edited_subject text,
    add column edited_body    text,
    add column edited_by      text,
    add column fallback_for   bigint references message_delivery (id);

create unique index message_delivery_one_fallback on message_delivery (fallback_for);
create index message_delivery_whatsapp_pending on message_delivery (sent_at)
    where channel = 'WHATSAPP' and state = 'SENT';

-- The Twilio account and senders of a property; its auth token comes from the environment.
create table twilio_sender (
    property_id           bigint      primary key references property (id),
    account_sid           text        not null,
    sms_from              text,
    whatsapp_from         text,
    messaging_service_sid text,
    updated_at            timestamptz not null
);

-- E-mail the mail provider could not deliver, or that the guest reported as spam.
create table mail_feedback (
    id          bigserial primary key,
    kind        text        not null check (kind in ('BOUNCE', 'COMPLAINT')),
    address     text        not null,
    message_id  text,
    delivery_id bigint references message_delivery (id),
    permanent   boolean     not null,
    detail      text,
    provider    text        not null,
    event_id    text unique,
    received_at timestamptz not null
);
