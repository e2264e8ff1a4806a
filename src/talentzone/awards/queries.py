"""What each user may read of the evaluations (the pages and the API both list through here).

- rounds: everyone signed in sees every round but drafts, which only the office sees;
- nominations: the office and leaders all of them; an enterprise's HR those its enterprises
  made; a talent their own;
- assignments: an expert only their own (scoring is blind: no expert reads another's scores);
- the ranking with its breakdown: the office and leaders (`awards.view_ranking`); the public
  notice (the names on notice and the winners) is for everyone signed in.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import has_role
from talentzone.directory.queries import member_ids

from .choices import EntryStatus, NominationStatus, RoundStatus
from .models import Assignment, Nomination, RankingEntry, Round


def rounds_for(user) -> QuerySet[Round]:
    rounds = Round.objects.select_related("reward_policy", "budget_line")
    if has_role(user, Role.OFFICE_ADMIN):
        return rounds
    return rounds.exclude(status=RoundStatus.DRAFT)


def nominations_for(user) -> QuerySet[Nomination]:
    nominations = Nomination.objects.select_related(
        "round", "talent", "talent__tier", "enterprise", "nominated_by"
    )
    if has_role(user, Role.OFFICE_ADMIN, Role.LEADER):
        return nominations
    scope = Q(pk__in=[])
    if has_role(user, Role.ENTERPRISE_HR):
        scope |= Q(enterprise_id__in=member_ids(user, "enterprise"))
    if has_role(user, Role.TALENT):
        scope |= Q(talent__user=user)
    return nominations.filter(scope)


def assignments_for(user) -> QuerySet[Assignment]:
    """The expert's own assignments (none for anyone else)."""
    return Assignment.objects.filter(expert__user=user).select_related(
        "round", "nomination", "nomination__talent", "nomination__enterprise", "expert"
    )


def to_score(user) -> QuerySet[Assignment]:
    """The expert's assignments still to score in rounds that are being scored."""
    return assignments_for(user).filter(
        round__status=RoundStatus.SCORING, conflict="", submitted_at__isnull=True
    )


def ranking(round_) -> QuerySet[RankingEntry]:
    return RankingEntry.objects.filter(round=round_).select_related(
        "nomination", "nomination__talent", "nomination__enterprise", "reward_application"
    )


def on_notice(round_=None) -> QuerySet[RankingEntry]:
    """The nominees on public notice (every round, or one)."""
    entries = RankingEntry.objects.filter(status=EntryStatus.NOTICE).select_related(
        "round", "nomination", "nomination__talent", "nomination__enterprise"
    )
    return entries.filter(round=round_) if round_ is not None else entries


def scoring_progress(round_) -> dict:
    """How far the panel has got: assignments to score (unconflicted), submitted, and per expert
    (id → (submitted, total)), without any score."""
    rows = (
        Assignment.objects.filter(round=round_, conflict="")
        .values("expert_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(submitted_at__isnull=False)))
    )
    per_expert = {row["expert_id"]: (row["done"], row["total"]) for row in rows}
    total = sum(t for _d, t in per_expert.values())
    done = sum(d for d, _t in per_expert.values())
    return {"done": done, "total": total, "per_expert": per_expert}


def unscreened(round_) -> QuerySet[Nomination]:
    return Nomination.objects.filter(round=round_, status=NominationStatus.SUBMITTED)


# Figures (see figures.py): zone-wide, every record counted, whoever reads them ---------------


def nominations_by_round(period: Period) -> FigureData:
    """The rounds of the period's years (drafts left out) that had opened for nominations by its
    last day, in the order nominations opened; per round, at the end of that day: nominations
    made (withdrawn ones left out), those admitted at screening, and the winners named when the
    round was announced (in a recommendation, those recommended)."""
    end = timezone.make_aware(
        datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min)
    )
    rounds = list(
        Round.objects.exclude(status=RoundStatus.DRAFT)
        .filter(
            year__range=(period.start.year, period.end.year),
            nominations_open__lte=period.end,
        )
        .annotate(
            nominated=Count(
                "nominations",
                filter=Q(nominations__created_at__lt=end)
                & ~Q(nominations__status=NominationStatus.WITHDRAWN),
            ),
            admitted=Count(
                "nominations",
                filter=Q(
                    nominations__status=NominationStatus.ADMITTED,
                    nominations__screened_at__lt=end,
                ),
            ),
        )
        .order_by("nominations_open", "pk")
    )
    named = dict(
        RankingEntry.objects.filter(
            round__in=[round_.pk for round_ in rounds],
            status=EntryStatus.NAMED,
            round__announced_on__lte=period.end,
        )
        .order_by()
        .values_list("round")
        .annotate(n=Count("pk"))
    )
    return FigureData(
        categories=[str(round_) for round_ in rounds],
        keys=[str(round_.pk) for round_ in rounds],
        series=[
            Series("nominated", _("Nominated"), [round_.nominated for round_ in rounds]),
            Series("admitted", _("Admitted"), [round_.admitted for round_ in rounds]),
            Series("named", _("Winners"), [named.get(round_.pk, 0) for round_ in rounds]),
        ],
    )
