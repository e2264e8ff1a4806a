"""recruiting's pages under /recruiting/ (URL names `recruiting:<name>`), one module a group:

- demands.py: the demand board, a demand's page, its form (requirements and skills, each
  required or preferred), closing and reopening;
- matches.py: a demand's match list (score bars by part, misses, "why not higher", refer), one
  candidate explained against one demand, the demands that fit a candidate ("jobs for me");
- referrals.py: the pipeline board, a referral's page and every step on it;
- candidates.py: the talent's own profile, an agency's pool and registering a candidate;
- office.py: projects, the skills list, agency performance.

Reads go through `queries` and `search` (out of scope answers 404); writes through `services`
(not permitted answers 403; a refused step shows its reason beside the form, HTTP 400).
"""
