"""The demo zone: a deterministic, fictional registry for demonstrations, tests and benchmarks.

`zone.seed_zone(scale)` builds it and `accounts.ensure_demo_accounts()` gives every role an
account; the `talentzone seed` and `talentzone demo_accounts` commands call them.
"""
