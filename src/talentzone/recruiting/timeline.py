"""What the recruiting app adds to the 360° pages of a talent and of an enterprise (see
core.timeline): a talent's referrals, interviews, hires and projects; an enterprise's demands
(with their referrals and hires), its projects and the people it hired through referrals."""

from collections.abc import Iterable, Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core import timeline

from . import queries
from .choices import ReferralStatus
from .models import Demand, Interview, Project, Referral


def _readable(queryset, ids: Iterable[int]) -> set[int]:
    return set(queryset.filter(pk__in=list(ids)).values_list("pk", flat=True))


def _link(name: str, pk: int, readable: set[int]) -> str:
    return reverse(name, args=[pk]) if pk in readable else ""


def _projects(projects: list[Project], user) -> Iterator[timeline.Entry]:
    readable = _readable(queries.visible_projects(user), (p.pk for p in projects))
    for project in projects:
        yield timeline.Entry(
            project.starts_on,
            _("Project"),
            project.title,
            status=project.get_status_display(),
            detail=" · ".join(
                part for part in (project.get_kind_display(), project.partner) if part
            ),
            url=_link("recruiting:project-detail", project.pk, readable),
        )


def talent_entries(talent, user) -> Iterator[timeline.Entry]:
    referrals = list(
        Referral.objects.filter(talent=talent)
        .select_related("demand", "demand__enterprise", "agency")
        .order_by()
    )
    readable = _readable(queries.visible_referrals(user), (r.pk for r in referrals))
    by_pk = {referral.pk: referral for referral in referrals}
    for referral in referrals:
        url = _link("recruiting:referral-detail", referral.pk, readable)
        yield timeline.Entry(
            referral.created_at,
            _("Referral"),
            _("Referred for %(demand)s at %(enterprise)s")
            % {"demand": referral.demand.title, "enterprise": referral.demand.enterprise},
            status=referral.get_status_display(),
            detail=str(referral.agency) if referral.agency_id else "",
            url=url,
        )
        if referral.hired_on:
            yield timeline.Entry(
                referral.hired_on,
                _("Hire"),
                _("Hired by %(enterprise)s as %(demand)s")
                % {"demand": referral.demand.title, "enterprise": referral.demand.enterprise},
                status=ReferralStatus.HIRED.label,
                url=url,
            )
    interviews = Interview.objects.filter(referral__in=list(by_pk)).order_by()
    for interview in interviews:
        referral = by_pk[interview.referral_id]
        yield timeline.Entry(
            interview.starts_at,
            _("Interview"),
            _("Interview with %(enterprise)s for %(demand)s")
            % {"demand": referral.demand.title, "enterprise": referral.demand.enterprise},
            status=interview.get_outcome_display(),
            detail=interview.place,
            url=_link("recruiting:referral-detail", referral.pk, readable),
        )
    yield from _projects(list(Project.objects.filter(people=talent).order_by()), user)


def enterprise_entries(enterprise, user) -> Iterator[timeline.Entry]:
    demands = list(
        Demand.objects.filter(enterprise=enterprise)
        .annotate(referral_count=Count("referrals"))
        .order_by()
    )
    readable = _readable(queries.visible_demands(user), (d.pk for d in demands))
    for demand in demands:
        yield timeline.Entry(
            demand.created_at,
            _("Demand"),
            _("Posted the position %(demand)s") % {"demand": demand.title},
            status=demand.get_status_display(),
            detail=_("%(headcount)s wanted · %(referred)s referred · %(hired)s hired")
            % {
                "headcount": demand.headcount,
                "referred": demand.referral_count,
                "hired": demand.hired,
            },
            url=_link("recruiting:demand-detail", demand.pk, readable),
        )
    hires = list(
        Referral.objects.filter(demand__enterprise=enterprise, hired_on__isnull=False)
        .select_related("demand", "talent", "agency")
        .order_by()
    )
    hired = _readable(queries.visible_referrals(user), (r.pk for r in hires))
    for referral in hires:
        yield timeline.Entry(
            referral.hired_on,
            _("Hire"),
            _("Hired %(talent)s as %(demand)s")
            % {"talent": referral.talent, "demand": referral.demand.title},
            status=ReferralStatus.HIRED.label,
            detail=str(referral.agency) if referral.agency_id else "",
            url=_link("recruiting:referral-detail", referral.pk, hired),
        )
    yield from _projects(list(Project.objects.filter(Q(enterprise=enterprise)).order_by()), user)


def register_timeline() -> None:
    timeline.register(
        timeline.Source(
            key="recruiting",
            label=gettext_lazy("Recruiting"),
            talent=talent_entries,
            enterprise=enterprise_entries,
            order=30,
        )
    )
