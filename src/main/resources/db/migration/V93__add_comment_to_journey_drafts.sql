-- A draft carries the manager's note on what they are changing, like a deployed version.
alter table journey_draft add column comment text;
