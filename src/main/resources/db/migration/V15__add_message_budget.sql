-- The number of automated messages a stay should get (hosts' rule of thumb: 5-6). The journeys
-- respect it by merging steps their models say may ride together, and by leaving out optional ones.
alter table property add column message_budget int not null default 6 check (message_budget between 2 and 30);
