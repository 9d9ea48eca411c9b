-- An integration key may manage keys only with the explicit ADMIN scope (ADR 0032): read, write and
-- create, list and revoke keys over /api/keys. Such a key always covers every property.
alter table api_key drop constraint api_key_scope_check;
alter table api_key add constraint api_key_scope_check check (scope in ('READ', 'WRITE', 'ADMIN'));
alter table api_key add constraint api_key_admin_covers_all check (scope <> 'ADMIN' or all_properties);
