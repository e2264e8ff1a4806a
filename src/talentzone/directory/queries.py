"""Reads of the registry, shared by pages, API and (later) reports.

Visibility lives here, in the queryset: an object outside a user's scope is never listed and
answers 404, in pages and API alike. A user with several roles sees the union of their scopes.
"""

import datetime
from collections.abc import Callable, Iterable

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.crypto import blind_index
from talentzone.core.figures import FigureData, Period, Series
from talentzone.core.roles import roles_of
from talentzone.core.validators import compact_id_number

from .choices import TalentStatus
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
    still_here = Q(left_on__isnull=True) | Q(left_on__gt=day)
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
