"""What the cases app adds to the 360° pages of a talent and of an enterprise (see
core.timeline): the cases raised for or about them (opened, resolved, with the requester's
rating), the grid team's visits to an enterprise and the leaders' visits to an expert."""

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .models import Case, LiaisonVisit, Visit


def _cases(about: Q, user) -> Iterator[timeline.Entry]:
    cases = list(Case.objects.filter(about).select_related("category").order_by())
    readable = set(
        queries.visible_cases(user)
        .filter(pk__in=[case.pk for case in cases])
        .values_list("pk", flat=True)
    )
    for case in cases:
        url = reverse("cases:detail", args=[case.pk]) if case.pk in readable else ""
        status = f"{case.get_status_display()} · {case.get_level_display()}"
        yield timeline.Entry(
            case.opened_on,
            _("Case"),
            str(case),
            status=status,
            detail=f"{case.category} · {case.get_source_display()}",
            url=url,
        )
        if case.resolved_at:
            detail = Truncator(case.resolution).chars(80)
            if case.rating:
                detail = _("Rated %(rating)s/5 · %(resolution)s") % {
                    "rating": case.rating,
                    "resolution": detail,
                }
            yield timeline.Entry(
                case.resolved_at,
                _("Case resolved"),
                str(case),
                status=case.get_status_display(),
                detail=detail,
                url=url,
            )


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    yield from _cases(Q(talent=talent), user)
    for visit in (
        LiaisonVisit.objects.filter(liaison__expert=talent)
        .select_related("liaison__leader")
        .order_by()
    ):
        yield timeline.Entry(
            visit.visited_on,
            _("Leader's visit"),
            _("Visited by %(leader)s") % {"leader": visit.liaison.leader},
            detail=Truncator(visit.notes).chars(80),
        )


def enterprise_entries(enterprise, user) -> Iterator[timeline.Entry]:
    yield from _cases(Q(enterprise=enterprise), user)
    for visit in Visit.objects.filter(enterprise=enterprise).select_related("team").order_by():
        yield timeline.Entry(
            visit.visited_on,
            _("Grid visit"),
            _("Visited by %(team)s") % {"team": visit.team},
            detail=" · ".join(
                part
                for part in (visit.met and _("met %(met)s") % {"met": visit.met}, visit.notes)
                if part
            )[:120],
        )


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="cases",
            label=gettext_lazy("Cases"),
            talent=talent_entries,
            enterprise=enterprise_entries,
            order=60,
        )
    )
