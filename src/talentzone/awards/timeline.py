"""What the awards app adds to the 360° pages of a talent and of an enterprise (see
core.timeline): nominations (the talent's, or those the enterprise made) and what became of
them — the rank, being named, a higher programme's decision."""

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .choices import EntryStatus, NominationStatus
from .models import Nomination, RankingEntry


def _entries(nominated: Q, user, *, by_enterprise: bool) -> Iterator[timeline.Entry]:
    nominations = list(
        Nomination.objects.filter(nominated)
        .select_related("round", "talent", "enterprise")
        .order_by()
    )
    ids = [nomination.pk for nomination in nominations]
    readable = set(queries.nominations_for(user).filter(pk__in=ids).values_list("pk", flat=True))
    rankings = {
        entry.nomination_id: entry
        for entry in RankingEntry.objects.filter(nomination__in=ids).order_by()
    }
    for nomination in nominations:
        round_ = nomination.round
        url = (
            reverse("awards:nomination", args=[nomination.pk]) if nomination.pk in readable else ""
        )
        title = (
            _("Nominated %(talent)s for %(round)s")
            % {"talent": nomination.talent.name, "round": round_.title}
            if by_enterprise
            else _("Nominated by %(enterprise)s for %(round)s")
            % {"enterprise": nomination.enterprise, "round": round_.title}
        )
        detail = ""
        if nomination.status == NominationStatus.REFUSED:
            detail = nomination.refusal_reason[:120]
        yield timeline.Entry(
            nomination.created_at,
            _("Nomination"),
            title,
            status=nomination.get_status_display(),
            detail=detail,
            url=url,
        )
        ranking = rankings.get(nomination.pk)
        if ranking is None:
            continue
        day = round_.announced_on or ranking.notice_ends_on or round_.ranked_on
        if day:
            yield timeline.Entry(
                day,
                _("Award"),
                (
                    _("Named in %(round)s")
                    if ranking.status == EntryStatus.NAMED
                    else _("Ranked in %(round)s")
                )
                % {"round": round_.title},
                status=ranking.get_status_display(),
                detail=_("Rank %(rank)s · score %(score)s")
                % {"rank": ranking.rank, "score": ranking.score},
                url=url,
            )
        if ranking.outcome_on:
            yield timeline.Entry(
                ranking.outcome_on,
                _("Programme decision"),
                round_.programme or round_.title,
                status=ranking.get_outcome_display(),
                detail=ranking.outcome_note,
                url=url,
            )


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    return _entries(Q(talent=talent), user, by_enterprise=False)


def enterprise_entries(enterprise, user) -> Iterator[timeline.Entry]:
    return _entries(Q(enterprise=enterprise), user, by_enterprise=True)


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="awards",
            label=gettext_lazy("Awards"),
            talent=talent_entries,
            enterprise=enterprise_entries,
            order=80,
        )
    )
