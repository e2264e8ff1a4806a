"""Reads of the registry, shared by pages, API and (later) reports.

Visibility lives here, in the queryset: an object outside a user's scope is never listed and
answers 404, in pages and API alike. A user with several roles sees the union of their scopes.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.crypto import blind_index
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import roles_of
from talentzone.core.validators import compact_id_number

from .choices import Education, Industry, TalentStatus
from .models import (
    Agency,
    Credential,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Membership,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)

EVERYTHING = Q()
READ_ALL_ROLES = (Role.OFFICE_ADMIN, Role.REVIEWER, Role.LEADER)


def member_ids(user, organisation: str) -> frozenset[int]:
    """Ids of the organisations of one kind (`enterprise`, `agency`, …) the user acts for."""
    cache = user.__dict__.setdefault("_talentzone_memberships", {})
    if organisation not in cache:
        ids = Membership.objects.filter(user=user, **{f"{organisation}__isnull": False})
        cache[organisation] = frozenset(ids.values_list(f"{organisation}_id", flat=True))
    return cache[organisation]


def _scope(user, scopes: dict[str, Callable[[], Q]]) -> Q | None:
    """OR together the scope of each role the user holds; None when they hold none of them."""
    held = roles_of(user)
    parts = [scope() for role, scope in scopes.items() if role in held]
    if not parts:
        return None
    if any(part == EVERYTHING for part in parts):
        return EVERYTHING
    combined = Q()
    for part in parts:
        combined |= part
    return combined


def _filtered(queryset: QuerySet, scope: Q | None) -> QuerySet:
    return queryset.none() if scope is None else queryset.filter(scope)


def _read_all(*extra_roles: str) -> dict[str, Callable[[], Q]]:
    return {role: (lambda: EVERYTHING) for role in (*READ_ALL_ROLES, *extra_roles)}


def talent_scope(user, prefix: str = "") -> Q | None:
    return _scope(
        user,
        {
            **_read_all(),
            Role.ENTERPRISE_HR: lambda: Q(
                **{f"{prefix}employer__in": member_ids(user, "enterprise")}
            ),
            Role.AGENCY_STAFF: lambda: Q(**{f"{prefix}agency__in": member_ids(user, "agency")}),
            Role.GRID_OFFICER: lambda: Q(
                **{f"{prefix}employer__grid__in": member_ids(user, "grid")}
            ),
            Role.TALENT: lambda: Q(**{f"{prefix}user": user}),
        },
    )


def enterprise_scope(user, prefix: str = "") -> Q | None:
    return _scope(
        user,
        {
            **_read_all(Role.AGENCY_STAFF, Role.STATION_STAFF),
            Role.ENTERPRISE_HR: lambda: Q(**{f"{prefix}pk__in": member_ids(user, "enterprise")}),
            Role.GRID_OFFICER: lambda: Q(**{f"{prefix}grid__in": member_ids(user, "grid")}),
            Role.TALENT: lambda: Q(
                **{f"{prefix}pk__in": Talent.objects.filter(user=user).values("employer")}
            ),
        },
    )


def visible_talents(user) -> QuerySet[Talent]:
    return _filtered(
        Talent.objects.select_related("employer", "tier", "agency"), talent_scope(user)
    )


def visible_credentials(user) -> QuerySet[Credential]:
    return _filtered(Credential.objects.select_related("talent"), talent_scope(user, "talent__"))


def visible_enterprises(user) -> QuerySet[Enterprise]:
    return _filtered(Enterprise.objects.select_related("grid"), enterprise_scope(user))


def visible_platforms(user) -> QuerySet[Platform]:
    return _filtered(
        Platform.objects.select_related("enterprise"), enterprise_scope(user, "enterprise__")
    )


def visible_ventures(user) -> QuerySet[Venture]:
    scope = _scope(
        user,
        {
            **_read_all(),
            Role.TALENT: lambda: Q(
                pk__in=Founder.objects.filter(talent__user=user).values("venture")
            ),
        },
    )
    return _filtered(Venture.objects.prefetch_related("founders"), scope)


def _reference(queryset: QuerySet) -> Callable[[object], QuerySet]:
    """Reference data (agencies, stations, grids…) is readable by everyone signed in."""

    def visible(user) -> QuerySet:
        return queryset.all() if roles_of(user) else queryset.none()

    return visible


visible_agencies = _reference(Agency.objects.all())
visible_stations = _reference(Station.objects.all())
visible_grids = _reference(Grid.objects.all())
visible_grid_teams = _reference(GridTeam.objects.select_related("grid", "department"))
visible_departments = _reference(Department.objects.all())
visible_tiers = _reference(TalentTier.objects.all())

VISIBLE = {
    Talent: visible_talents,
    Credential: visible_credentials,
    Enterprise: visible_enterprises,
    Platform: visible_platforms,
    Venture: visible_ventures,
    Agency: visible_agencies,
    Station: visible_stations,
    Grid: visible_grids,
    GridTeam: visible_grid_teams,
    Department: visible_departments,
    TalentTier: visible_tiers,
}


def visible(model, user) -> QuerySet:
    return VISIBLE[model](user)


def talents_per_tier(user) -> list[tuple[str, int]]:
    """(tier name, number of visible talents in the zone) for every tier, top tier first."""
    counts = dict(
        visible_talents(user)
        .filter(status="in_zone")
        .order_by()
        .values_list("tier")
        .annotate(n=Count("pk"))
        .values_list("tier", "n")
    )
    return [(str(tier), counts.get(tier.pk, 0)) for tier in TalentTier.objects.order_by("rank")]


def talents_with_id_numbers(id_numbers: Iterable[str]) -> QuerySet[Talent]:
    """Talents whose ID number is one of these, found through the blind index (the column
    itself holds only ciphertext). Not scoped: callers check visibility or permissions."""
    indexes = {blind_index(compact_id_number(n)) for n in id_numbers if n and n.strip()}
    return Talent.objects.filter(id_number_index__in=indexes)


# --- Figures (core.figures; registered in figures.py) ----------------------------------------


def in_zone_on(day: datetime.date) -> QuerySet[Talent]:
    """Talents in the zone on that day: arrived by then (a record without an arrival date
    counts from the day it was entered) and not left before it; an agency's candidates are not
    in the zone."""
    arrived = Q(arrival_date__lte=day) | Q(arrival_date__isnull=True, created_at__date__lte=day)
    # A "left" talent without the day they left (none should remain: the services date every
    # departure) is taken to have left before any day asked about.
    still_here = Q(left_on__gt=day) | (Q(left_on__isnull=True) & ~Q(status=TalentStatus.LEFT))
    return Talent.objects.exclude(status=TalentStatus.CANDIDATE).filter(arrived, still_here)


def talents_by_tier(period: Period) -> FigureData:
    """Talents in the zone on the period's last day per tier, top tier first; those without a
    tier last."""
    counts = dict(in_zone_on(period.end).order_by().values_list("tier").annotate(n=Count("pk")))
    tiers = list(TalentTier.objects.order_by("rank"))
    return FigureData(
        categories=[str(tier) for tier in tiers] + [_("No tier")],
        keys=[str(tier.pk) for tier in tiers] + [""],
        series=[
            Series(
                "talents",
                _("Talents"),
                [counts.get(tier.pk, 0) for tier in tiers] + [counts.get(None, 0)],
            )
        ],
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _by_choice(period: Period, field: str, choices) -> FigureData:
    """Talents in the zone on the period's last day per value of a choice field, in the
    choices' order (every choice shown, zero or not)."""
    counts = dict(in_zone_on(period.end).order_by().values_list(field).annotate(n=Count("pk")))
    return FigureData(
        categories=[choice.label for choice in choices],
        keys=[choice.value for choice in choices],
        series=[Series("talents", _("Talents"), [counts.get(c.value, 0) for c in choices])],
    )


def talents_by_industry(period: Period) -> FigureData:
    """Talents in the zone on the period's last day per industry (the talent's own industry,
    not their employer's), in the order of the industry list."""
    return _by_choice(period, "industry", Industry)


def talents_by_education(period: Period) -> FigureData:
    """Talents in the zone on the period's last day per highest education, doctorate first."""
    return _by_choice(period, "education", Education)


# Age bands: (key, label, youngest age in the band); the last band has no upper bound.
AGE_BANDS = (
    ("under_30", _("Under 30"), 0),
    ("30_34", _("30–34"), 30),
    ("35_39", _("35–39"), 35),
    ("40_49", _("40–49"), 40),
    ("50_plus", _("50 and over"), 50),
)


def talents_by_age(period: Period) -> FigureData:
    """Talents in the zone on the period's last day per age band, by their age on that day (in
    whole years: 30 from the 30th birthday; someone born on 29 February has their birthday on
    1 March in a common year)."""
    day = period.end
    # Born on or before this day: at least that old on `day`.
    oldest_birth = {youngest: _years_before(day, youngest) for _k, _l, youngest in AGE_BANDS}
    bounds = [youngest for _k, _l, youngest in AGE_BANDS]
    aggregates = {}
    for index, (key, _label, youngest) in enumerate(AGE_BANDS):
        band = Q(birth_date__lte=oldest_birth[youngest])
        if index + 1 < len(bounds):
            band &= Q(birth_date__gt=oldest_birth[bounds[index + 1]])
        aggregates[key] = Count("pk", filter=band)
    counts = in_zone_on(day).order_by().aggregate(**aggregates)
    return FigureData(
        categories=[label for _k, label, _y in AGE_BANDS],
        keys=[key for key, _l, _y in AGE_BANDS],
        series=[Series("talents", _("Talents"), [counts[key] for key, _l, _y in AGE_BANDS])],
    )


TOP_EMPLOYERS = 15


def talents_by_employer(period: Period) -> FigureData:
    """Talents in the zone on the period's last day at each of the 15 employers with the most of
    them (most first, then by name), then all other employers together, then talents without an
    employer. The employer is the one on record now (the registry keeps no history of it)."""
    rows = list(
        in_zone_on(period.end)
        .filter(employer__isnull=False)
        .order_by()
        .values_list("employer", "employer__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "employer__name")
    )
    top, rest = rows[:TOP_EMPLOYERS], rows[TOP_EMPLOYERS:]
    without = in_zone_on(period.end).filter(employer__isnull=True).count()
    return FigureData(
        categories=[name for _pk, name, _n in top] + [_("Other employers"), _("No employer")],
        keys=[str(pk) for pk, _name, _n in top] + ["others", ""],
        series=[
            Series(
                "talents",
                _("Talents"),
                [n for _pk, _name, n in top] + [sum(n for *_r, n in rest), without],
            )
        ],
        note=_("Employers as on record now: the registry keeps no history of a talent's employer."),
    )


def talents_by_arrival_year(period: Period) -> FigureData:
    """Talents in the zone on the period's last day per year of arrival, from the earliest year
    to the period's last year (years without arrivals shown as 0); talents without an arrival
    date last."""
    counts = dict(
        in_zone_on(period.end)
        .order_by()
        .annotate(year=ExtractYear("arrival_date"))
        .values_list("year")
        .annotate(n=Count("pk"))
    )
    unknown = counts.pop(None, 0)
    years = list(range(min(counts), period.end.year + 1)) if counts else []
    return FigureData(
        categories=[str(year) for year in years] + [_("Arrival date unknown")],
        keys=[str(year) for year in years] + [""],
        series=[Series("talents", _("Talents"), [counts.get(y, 0) for y in years] + [unknown])],
    )


def inflow_outflow(period: Period) -> FigureData:
    """Per month of the period: talents who arrived in the zone (by arrival date; an agency's
    candidates are not counted) and talents who left it (by the day they left). Months cut by
    the period count only its days."""
    months = period.months()
    arrived = _per_month(
        Talent.objects.exclude(status=TalentStatus.CANDIDATE).filter(
            arrival_date__range=(period.start, period.end)
        ),
        "arrival_date",
    )
    left = _per_month(Talent.objects.filter(left_on__range=(period.start, period.end)), "left_on")
    return FigureData(
        categories=period.month_labels(),
        keys=period.month_labels(),
        series=[
            Series("arrivals", _("Arrivals"), [arrived.get(m, 0) for m in months]),
            Series("departures", _("Departures"), [left.get(m, 0) for m in months]),
        ],
    )


def _per_month(queryset: QuerySet, field: str) -> dict[datetime.date, int]:
    """{first day of the month: rows} of a date field, counted in the database."""
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear(field), month=ExtractMonth(field))
        .values_list("year", "month")
        .annotate(n=Count("pk"))
    )
    return {datetime.date(year, month, 1): n for year, month, n in rows}


# Kinds of enterprises: (key, label, the enterprise's flag).
ENTERPRISE_KINDS = (
    ("above_scale", _("Above designated size"), "above_scale"),
    ("high_tech", _("High-tech enterprises"), "high_tech"),
    ("rd_institution", _("R&D institutions"), "rd_institution"),
)


def enterprises_by_kind(period: Period) -> FigureData:
    """Per kind (above designated size, high-tech, R&D institution; an enterprise may be of
    several): the enterprises of that kind, and the talents in the zone on the period's last day
    who work at one. The enterprises and their kinds are those on record now."""
    enterprises = Enterprise.objects.order_by().aggregate(
        **{key: Count("pk", filter=Q(**{flag: True})) for key, _label, flag in ENTERPRISE_KINDS}
    )
    talents = (
        in_zone_on(period.end)
        .order_by()
        .aggregate(
            **{
                key: Count("pk", filter=Q(**{f"employer__{flag}": True}))
                for key, _label, flag in ENTERPRISE_KINDS
            }
        )
    )
    keys = [key for key, _label, _flag in ENTERPRISE_KINDS]
    return FigureData(
        categories=[label for _key, label, _flag in ENTERPRISE_KINDS],
        keys=keys,
        series=[
            Series("enterprises", _("Enterprises"), [enterprises[key] for key in keys]),
            Series("talents", _("Their talents in the zone"), [talents[key] for key in keys]),
        ],
        note=_(
            "Enterprises and their kinds as on record now; talents in the zone on the last day."
        ),
    )
