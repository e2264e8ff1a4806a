"""The talent apartments' pages under /housing/ (URL names `housing:<name>`), one module a group:

- common.py: who reads what, lists;
- household.py: a talent's "My apartment" — the housing application, the queue (score with the
  formula's parts, position per layout), an offer to accept or decline, the lease, school places;
- office.py: the flats' board, the queue per scheme with "run a round", a round's report, the
  offers and leases with their actions (sign, renew, end early, move-out inspection, repaired);
- schooling.py: schooling requests and recording the school assigned.

Writes go through `services` / `leases` (not permitted answers 403; a refused step shows its
reason beside the field, HTTP 400).
"""
