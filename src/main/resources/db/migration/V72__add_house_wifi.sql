-- The house's Wi-Fi (network and password, or where to find them), editable with the rest of the
-- house information and used by the messages that are rendered after the change.
alter table property add column wifi_details text;
