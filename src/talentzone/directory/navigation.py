"""The registry's entries in the left menu and its cards on the home pages."""

from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card, register_panel
from talentzone.core.menu import register

from . import queries

# Every role but the evaluation experts, who (often from outside the zone) see only what they
# are asked to score.
ALL = set(Role.values) - {Role.EXPERT}
STAFF = {Role.OFFICE_ADMIN, Role.REVIEWER, Role.LEADER}

# (label, url name, icon, roles that see it in their menu and on their home page)
ENTRIES = [
    (
        _("Talents"),
        "directory:talent-list",
        "person-badge",
        ALL - {Role.STATION_STAFF},
        queries.visible_talents,
    ),
    (_("Enterprises"), "directory:enterprise-list", "buildings", ALL, queries.visible_enterprises),
    (
        _("Credentials"),
        "directory:credential-list",
        "award",
        ALL - {Role.STATION_STAFF},
        queries.visible_credentials,
    ),
    (
        _("Research platforms"),
        "directory:platform-list",
        "flask",
        ALL - {Role.TALENT},
        queries.visible_platforms,
    ),
    (
        _("Ventures"),
        "directory:venture-list",
        "rocket-takeoff",
        STAFF | {Role.TALENT},
        queries.visible_ventures,
    ),
    (_("HR agencies"), "directory:agency-list", "briefcase", ALL, queries.visible_agencies),
    (_("Talent stations"), "directory:station-list", "house-heart", ALL, queries.visible_stations),
    (
        _("Grids"),
        "directory:grid-list",
        "grid-3x3",
        STAFF | {Role.GRID_OFFICER},
        queries.visible_grids,
    ),
    (
        _("Grid teams"),
        "directory:gridteam-list",
        "people",
        STAFF | {Role.GRID_OFFICER},
        queries.visible_grid_teams,
    ),
    (_("Departments"), "directory:department-list", "bank", STAFF, queries.visible_departments),
    (
        _("Talent tiers"),
        "directory:talenttier-list",
        "bar-chart-steps",
        STAFF,
        queries.visible_tiers,
    ),
]


def _tier_chart(user) -> dict:
    """Talents per tier, for the leader's and the office's chart (ECharts, served locally)."""
    rows = queries.talents_per_tier(user)
    return {"tier_names": [name for name, _count in rows], "tier_counts": [c for _n, c in rows]}


def _own_records(user) -> dict:
    return {
        "own_talent": queries.visible_talents(user).filter(user=user).first(),
        "own_enterprises": list(queries.visible_enterprises(user).filter(membership__user=user)),
        "own_agencies": list(queries.visible_agencies(user).filter(membership__user=user)),
        "own_stations": list(queries.visible_stations(user).filter(membership__user=user)),
        "own_grids": list(queries.visible_grids(user).filter(membership__user=user)),
    }


def register_navigation() -> None:
    for label, url_name, icon, roles, visible in ENTRIES:
        register(label, url_name, icon, roles)
        register_card(
            label, url_name, icon, roles, lambda user, visible=visible: visible(user).count()
        )
    register_panel(
        "directory/home/tier_chart.html",
        {Role.OFFICE_ADMIN, Role.LEADER, Role.REVIEWER},
        _tier_chart,
    )
    register_panel("directory/home/own_records.html", ALL - STAFF, _own_records)
