"""events' pages under /events/ (URL names `events:<name>`), one module a group:

- talents.py: upcoming events (followed stations first), an event's page with register and
  cancel, my registrations (status, place on the waiting list, the QR code and the typed code),
  my certificates (PDF), following a station;
- organisers.py: the organisers' event list with its figures, the event form (quotas, sessions,
  demands), publishing and cancelling, the registrations list and its Excel export, issuing
  certificates, attendance per event and per station;
- checkin.py: the door check-in page (a USB QR scanner types into its one field; a camera scan
  through the browser's BarcodeDetector where there is one), per session for trainings.

Reads go through `queries` (out of scope answers 404); writes through `services` (not permitted
answers 403; a refused step shows its reason, HTTP 400).
"""
