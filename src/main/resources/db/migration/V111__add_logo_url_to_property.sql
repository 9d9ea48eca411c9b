-- The house's logo on the guest pages (survey, thanks, e-mail preferences): an https:// address of
-- an image; null shows the house's name only.
alter table property add column logo_url text;
