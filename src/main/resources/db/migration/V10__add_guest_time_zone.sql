-- Where the guest is before and after the stay: quiet hours follow the guest's own clock then
-- (during the stay the guest is at the property). Null = the property's time zone.
alter table guest add column time_zone text;
