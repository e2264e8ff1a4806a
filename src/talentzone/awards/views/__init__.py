"""The yearly evaluations' pages under /awards/ (URL names `awards:<name>`), one module a group:

- common.py: who reads what, today's date, the round's stepper and its actions with reasons;
- rounds.py: the rounds list, a round's set-up (with its criteria), its page and its actions,
  the panel (draw, the assignment matrix with the conflicts, progress without scores);
- nominations.py: the HR's nomination form with the eligibility check clause by clause, a
  nomination's page (attach, withdraw), "my nominations", the office's screening list;
- scoring.py: an expert's assignments and the scoring page, one nominee at a time;
- ranking.py: the ranking with its breakdown, its Excel export, the public notice with the
  objections, and the programmes' outcomes.

Writes go through `services` (not permitted answers 403; a refusal shows its reason: beside the
field on a form, HTTP 400, or as a message after a button).
"""
