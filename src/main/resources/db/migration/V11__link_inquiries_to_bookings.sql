-- A question asked before booking, linked to the booking the same person made afterwards.
alter table inquiry add column booking_id bigint references booking (id);
create index inquiry_email on inquiry (property_id, lower(email));
