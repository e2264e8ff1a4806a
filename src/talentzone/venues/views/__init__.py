"""The venues pages under /venues/ (URL names `venues:<name>`), one module a group:

- calendar.py: the venue list, a venue's week calendar, the whole park's week, the iCal feed;
- bookings.py: the booking form, my bookings (cancel), a booking's page, the approval queue;
- finder.py: the free-room finder;
- office.py: the office's venue editor and closed days.

Reads go through `queries` (out of scope answers 404); writes through `services` (not permitted
answers 403; a refused booking shows its reason beside the field, HTTP 400).
"""
