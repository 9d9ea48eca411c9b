-- The token in the Reply-To of guest e-mails (house-<property>+<token>@<inbound domain>): a reply
-- to it belongs to this booking's conversation, whatever its From header says.
create table email_reply_address (
    token      text primary key check (token ~ '^[a-z0-9]{16,40}$'),
    booking_id bigint      not null unique references booking (id),
    created_at timestamptz not null
);
