-- A manager's own text of a message for one property and language (the studio's message editor):
-- it replaces the packaged template of that message for that house. Plain text with {{variables}};
-- every value is escaped when the e-mail is rendered.
create table message_text (
    property_id   bigint      not null references property (id),
    message_key   text        not null,
    language      text        not null,
    email_subject text,
    email_body    text,
    sms_text      text,
    updated_by    text        not null,
    updated_at    timestamptz not null,
    primary key (property_id, message_key, language)
);
