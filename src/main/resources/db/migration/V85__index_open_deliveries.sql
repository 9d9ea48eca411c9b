-- The time machine asks, many times a second while it settles, which messages are due and not
-- sent yet, and where the next planned moment is: only open messages, by their moment.
create index message_delivery_open on message_delivery (state, planned_at)
    where state in ('SCHEDULED', 'SENDING');
