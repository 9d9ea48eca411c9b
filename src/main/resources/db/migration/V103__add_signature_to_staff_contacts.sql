-- How a staff member signs replies to guests (several lines: name, role, house); none = "Warm
-- regards, <display name>, <house>".
alter table staff_contact
    add column signature text check (signature is null or length(signature) between 1 and 300);
