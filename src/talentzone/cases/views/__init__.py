"""The case desk's pages under /cases/ (URL names `cases:<name>`), one module a group:

- common.py: finding what the reader may see, who may do what, lists;
- desk.py: the queue per team and department, my cases, raising a case, a case's page with its
  timeline and the actions the reader may take, attachments;
- consultation.py: the joint consultation of level 3 (schedule, record with tasks, task done);
- visits.py: the grid teams' visits due and overdue, recording a visit with its findings, the
  visit interval per team;
- liaison.py: leaders and the experts they look after, recording a leader's visit;
- overview.py: the table of grids (enterprises, open, overdue, solved, days to solve).

Reads go through `queries` (out of scope answers 404); writes through `services` (not permitted
answers 403; a refused step shows its reason beside the field, HTTP 400).
"""
