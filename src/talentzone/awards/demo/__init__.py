"""Seed the demo's yearly evaluations: the expert pool, the reward policies and a budget line a
year, three past zone rounds with their winners, last year's recommendation into a provincial
programme, and this year's two rounds (one open for nominations, one being scored).

`talentzone seed` calls `seed_awards` after the talent apartments, in the same transaction (and
skips it with `--registry-only`). The experts, the budget lines and the reward policies are what
the office enters in the admin (the policies through `policies.services.policy_save`); everything
else goes through `awards.services`, as the people who would have done it, on the day they would
have done it (`today=`, the clock set to that moment for what the services stamp themselves):

- the expert pool: the demo `expert` account's record (方振宇, a professor from outside the zone)
  and fourteen fictional experts, three of them working for zone enterprises (the demo HR
  account's among them), so conflicts of interest appear; one retired from the pool after the
  first round;
- (this year − 3) outstanding talents, (− 2) outstanding young talents (35 or younger when
  nominations close) and (− 1) outstanding talents: nominated by the enterprises' HR, a few
  refused at screening with the reason, a panel drawn with a seed, every unconflicted
  assignment scored, the ranking published, the public notice (last year one objection upheld,
  so the next nominee moved up, and one dismissed; one dismissed in the first round), and the
  announcement with its reward applications (granted on the round's budget line: paid for the
  older rounds, the first six of last year's) and the winners' award credentials;
- (− 1) the zone's recommendation into the provincial “擎峰英才” programme: announced, two
  nominees selected (a programme credential each), one not selected, one still awaited;
- this year's outstanding talents, open for nominations today: a few submitted (the demo HR
  account nominated the demo talent, with documents attached, and a colleague), one withdrawn;
- this year's young talents, being scored: the demo expert sits on the panel and has scored
  some of their nominees; the others are done, half-way or not started.

The same registry gives the same evaluations relative to the day of seeding: the draws come from
`random.Random` streams with fixed seeds. The scale is ignored: a zone names the same handful of
people whatever its size (the nominees are drawn from the registry, which grows with it).
"""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.awards.choices import EntryStatus, NominationStatus, RoundStatus
from talentzone.awards.models import (
    Assignment,
    Expert,
    Nomination,
    Objection,
    RankingEntry,
    Round,
    Score,
)

Report = Callable[[str], None]


def is_seeded() -> bool:
    """The demo's evaluations are there, or the office has entered its own: leave them alone."""
    return Round.objects.exists() or Expert.objects.exists()


def seed_awards(
    scale: float,
    report: Report = lambda line: None,
    now: datetime.datetime | None = None,
) -> bool:
    """Seed the evaluations; False (nothing written) when there are rounds or experts already.
    `scale` is the zone's and is not used (see above)."""
    if is_seeded():
        return False
    from .story import AwardsStory

    with transaction.atomic():
        AwardsStory(now or timezone.now(), report).seed()
    return True


def awards_counts() -> list[tuple[str, int]]:
    """Rows of the evaluations, for the seed's summary: rounds, nominations and ranking entries
    by status too."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (Expert, Round, Nomination, Assignment, Score, RankingEntry, Objection)
    ]
    for model, choices in (
        (Round, RoundStatus),
        (Nomination, NominationStatus),
        (RankingEntry, EntryStatus),
    ):
        by_status = dict(
            model.objects.values_list("status").annotate(n=Count("id")).order_by("status")
        )
        plural = model._meta.verbose_name_plural
        counts += [(f"{plural} · {c.label}", by_status.get(c.value, 0)) for c in choices]
    return counts
