-- "Has this guest stayed with us before?" matches guests on their e-mail address (one guest row per
-- booking): these indexes keep that question cheap on the journey page and the manager's numbers.
create index guest_email_lower on guest (lower(email));
create index booking_guest on booking (guest_id);
create index staff_task_booking on staff_task (booking_id);
