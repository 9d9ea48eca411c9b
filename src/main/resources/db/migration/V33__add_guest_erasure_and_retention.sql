-- Erasure: a guest's personal data removed or anonymised; counts and states stay for the numbers.
alter table guest add column erased_at timestamptz;

-- Retention per property: contact data erased this many months after the guest's last departure
-- (null: kept until a manager erases it).
alter table property add column contact_retention_months int
    check (contact_retention_months between 1 and 120);
