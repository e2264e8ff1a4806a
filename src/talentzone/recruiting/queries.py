"""Reads of recruiting, scoped to the reader (outside the scope: 404), shared by pages, API and
reports.

* Demands: the office, leaders and agencies see every demand; an enterprise's HR every demand of
  its own enterprise; anyone with a role the open ones; a talent also those they were referred to.
* Referrals: an agency its own, enterprise HR those to its demands, a talent those about them,
  the office and leaders all.
* Candidates one may refer (`pool_candidates`): the pools `search.pools_for` gives the user —
  an agency never sees another agency's pool.
"""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import has_role, roles_of
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Agency, Talent
from talentzone.directory.queries import member_ids

from .choices import DemandStatus, ReferralStatus
from .models import Demand, Interview, Project, Referral

OVERSEES = (Role.OFFICE_ADMIN, Role.LEADER)
NOTHING = Q(pk__in=[])


# Demands and projects ------------------------------------------------------------------------


def demand_scope(user) -> Q | None:
    """The demands `user` sees as a filter; None for every demand."""
    if not user.is_authenticated:
        return NOTHING
    if has_role(user, *OVERSEES, Role.AGENCY_STAFF):
        return None
    scope = Q(status=DemandStatus.OPEN) if roles_of(user) else NOTHING
    if has_role(user, Role.ENTERPRISE_HR):
        scope |= Q(enterprise__in=member_ids(user, "enterprise"))
    scope |= Q(pk__in=Referral.objects.filter(talent__user=user).values("demand"))
    return scope


def visible_demands(user) -> QuerySet[Demand]:
    demands = Demand.objects.select_related("enterprise", "project", "min_tier", "posted_by")
    scope = demand_scope(user)
    return demands if scope is None else demands.filter(scope)


def open_demands() -> QuerySet[Demand]:
    return Demand.objects.filter(status=DemandStatus.OPEN).select_related(
        "enterprise", "project", "min_tier"
    )


def visible_projects(user) -> QuerySet[Project]:
    """The office and leaders see every project; an enterprise's HR its enterprise's; anyone
    the projects of the demands they see."""
    projects = Project.objects.select_related("enterprise")
    if not user.is_authenticated:
        return projects.none()
    if has_role(user, *OVERSEES):
        return projects
    scope = Q(pk__in=visible_demands(user).filter(project__isnull=False).values("project"))
    if has_role(user, Role.ENTERPRISE_HR):
        scope |= Q(enterprise__in=member_ids(user, "enterprise"))
    return projects.filter(scope)


# Referrals -----------------------------------------------------------------------------------


def referral_scope(user) -> Q | None:
    """The referrals `user` sees as a filter; None for every referral."""
    if not user.is_authenticated:
        return NOTHING
    if has_role(user, *OVERSEES):
        return None
    scope = Q(talent__user=user)
    if has_role(user, Role.AGENCY_STAFF):
        scope |= Q(agency__in=member_ids(user, "agency"))
    if has_role(user, Role.ENTERPRISE_HR):
        scope |= Q(demand__enterprise__in=member_ids(user, "enterprise"))
    return scope


def visible_referrals(user) -> QuerySet[Referral]:
    referrals = Referral.objects.select_related(
        "demand", "demand__enterprise", "talent", "agency", "referred_by"
    )
    scope = referral_scope(user)
    return referrals if scope is None else referrals.filter(scope)


def referral_board(user, demand: Demand | None = None) -> dict[str, list[Referral]]:
    """The pipeline as columns: every status in its order (empty ones too), the latest change
    first within a column."""
    referrals = visible_referrals(user)
    if demand is not None:
        referrals = referrals.filter(demand=demand)
    board: dict[str, list[Referral]] = {status: [] for status in ReferralStatus.values}
    for referral in referrals.order_by("-updated_at", "-id"):
        board[referral.status].append(referral)
    return board


# Candidates ----------------------------------------------------------------------------------


def pool_scope(pools) -> Q:
    """Talents in any of these pools (as `search.pools_for` names them)."""
    from . import sources

    scope = NOTHING
    for pool in pools:
        if pool == sources.REGISTRY_POOL:
            scope |= ~Q(status=TalentStatus.CANDIDATE, agency__isnull=False)
        elif pool.startswith("agency:"):
            scope |= Q(status=TalentStatus.CANDIDATE, agency_id=int(pool.split(":", 1)[1]))
    return scope


def pool_candidates(user) -> QuerySet[Talent]:
    """The talents `user` may refer: open to offers, not left the zone, in a pool the user
    searches. Nobody's for whoever may not refer."""
    from . import search, sources

    if not user.is_authenticated or not user.has_perm("recruiting.refer"):
        return Talent.objects.none()
    candidates = sources.indexable_talents().select_related("profile", "tier", "agency")
    pools = search.pools_for(user)
    return candidates if pools is None else candidates.filter(pool_scope(pools))


# Agency performance --------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyPerformance:
    """One agency's figures: referrals made, referrals that reached an interview, hires, and the
    days from referral to hire (median and mean; None without hires)."""

    agency: Agency
    referrals: int
    interviews: int
    hires: int
    median_days: float | None
    average_days: float | None

    @property
    def agency_name(self) -> str:
        return self.agency.name

    @property
    def hire_rate(self) -> float | None:
        return self.hires / self.referrals if self.referrals else None


def agency_performance(year: int | None = None) -> list[AgencyPerformance]:
    """Every agency's figures, most hires first. With a year: the referrals made that year,
    the referrals with an interview that year and the hires of that year (by date of hire) —
    hires are the figure an agency's recruitment subsidy is paid on."""
    referrals = Referral.objects.filter(agency__isnull=False)
    interviews = Interview.objects.filter(referral__agency__isnull=False)
    hires = referrals.filter(status=ReferralStatus.HIRED)
    if year is not None:
        start, end = _year_bounds(year)
        referrals = referrals.filter(created_at__gte=start, created_at__lt=end)
        interviews = interviews.filter(starts_at__gte=start, starts_at__lt=end)
        hires = hires.filter(hired_on__year=year)
    referred = _counts(referrals, "agency")
    interviewed = dict(
        interviews.order_by()
        .values_list("referral__agency")
        .annotate(n=Count("referral", distinct=True))
        .values_list("referral__agency", "n")
    )
    days: dict[int, list[int]] = {}
    for agency_id, hired_on, created_at in hires.values_list("agency", "hired_on", "created_at"):
        waited = (hired_on - timezone.localtime(created_at).date()).days
        days.setdefault(agency_id, []).append(max(waited, 0))
    rows = [
        AgencyPerformance(
            agency=agency,
            referrals=referred.get(agency.pk, 0),
            interviews=interviewed.get(agency.pk, 0),
            hires=len(days.get(agency.pk, ())),
            median_days=_median(days.get(agency.pk)),
            average_days=_average(days.get(agency.pk)),
        )
        for agency in Agency.objects.order_by("name")
    ]
    rows.sort(key=lambda row: (-row.hires, -row.referrals, row.agency.name))
    return rows


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _counts(queryset: QuerySet, field: str) -> dict[int, int]:
    return dict(
        queryset.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n")
    )


def _median(values) -> float | None:
    return float(statistics.median(values)) if values else None


def _average(values) -> float | None:
    return round(statistics.fmean(values), 1) if values else None


# Figures (core.figures; registered in figures.py) --------------------------------------------

OFFICE_KEY = "office"  # the category of the referrals the talent office made itself


def _referral_counts(period: Period) -> tuple[dict, dict, dict]:
    """{agency id (None: the talent office): n} of referrals made, referrals interviewed and
    hires in the period (see `referrals_by_agency`)."""
    start, end = period.start, period.end
    referred = _counts(Referral.objects.filter(created_at__date__range=(start, end)), "agency")
    interviewed = dict(
        Interview.objects.filter(starts_at__date__range=(start, end))
        .order_by()
        .values_list("referral__agency")
        .annotate(n=Count("referral", distinct=True))
        .values_list("referral__agency", "n")
    )
    hired = _counts(
        Referral.objects.filter(status=ReferralStatus.HIRED, hired_on__range=(start, end)),
        "agency",
    )
    return referred, interviewed, hired


def referrals_by_agency(period: Period) -> FigureData:
    """Per agency of the HR service park (every agency, most hires first, then most referrals,
    then by name), then the talent office: the referrals made in the period (by the day they
    were made), the referrals with an interview in the period (one however many interviews,
    whatever their outcome) and the hires in the period (by the day of hire). Each stage counts
    what happened in the period, so a hire may come from a referral of an earlier period."""
    referred, interviewed, hired = _referral_counts(period)
    agencies = sorted(
        Agency.objects.order_by("name"),
        key=lambda a: (-hired.get(a.pk, 0), -referred.get(a.pk, 0)),
    )
    ids = [agency.pk for agency in agencies] + [None]
    return FigureData(
        categories=[agency.name for agency in agencies] + [_("Talent office")],
        keys=[str(agency.pk) for agency in agencies] + [OFFICE_KEY],
        series=[
            Series("referrals", _("Referrals"), [referred.get(pk, 0) for pk in ids]),
            Series("interviews", _("Interviewed"), [interviewed.get(pk, 0) for pk in ids]),
            Series("hires", _("Hired"), [hired.get(pk, 0) for pk in ids]),
        ],
    )


FUNNEL_STAGES = (
    ("referred", _("Referred")),
    ("interviewed", _("Interviewed")),
    ("hired", _("Hired")),
)


def hiring_funnel(period: Period) -> FigureData:
    """The zone's referrals (agencies' and the talent office's) in the period: referrals made,
    referrals with an interview, hires — counted as in `referrals_by_agency`."""
    referred, interviewed, hired = _referral_counts(period)
    totals = [sum(counts.values()) for counts in (referred, interviewed, hired)]
    return FigureData(
        categories=[label for _key, label in FUNNEL_STAGES],
        keys=[key for key, _label in FUNNEL_STAGES],
        series=[Series("referrals", _("Referrals"), totals)],
    )
