"""The home page of each role: cards that apps register, each a count of what the user can see.

`core` knows no app; apps register their cards (and menu entries) when they are ready, so the
dependency runs one way: core ← directory ← the rest.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import Role

# What each role's home page is called and says it is for.
HOME_PAGES = {
    Role.OFFICE_ADMIN: (
        _("Talent office workbench"),
        _("Everything in the zone's registry, and the settings behind it."),
    ),
    Role.REVIEWER: (_("Reviewer's desk"), _("The registry you review applications against.")),
    Role.GRID_OFFICER: (_("My grid"), _("The enterprises of your grid and their people.")),
    Role.LEADER: (_("Zone overview"), _("The zone's talent at a glance. Read only.")),
    Role.ENTERPRISE_HR: (
        _("My enterprise"),
        _("Your enterprise, its people and its research platforms."),
    ),
    Role.AGENCY_STAFF: (_("My agency"), _("Your agency's candidates and the zone's enterprises.")),
    Role.STATION_STAFF: (
        _("My talent station"),
        _("Your station and the zone's network of stations."),
    ),
    Role.TALENT: (_("My profile"), _("Your record in the zone's talent registry.")),
    Role.EXPERT: (
        _("Expert's desk"),
        _("The nominees you are asked to score in the zone's evaluations."),
    ),
}
NO_ROLE_PAGE = (
    _("No role yet"),
    _("Your account has no role yet. Ask the talent office to assign one."),
)


@dataclass(frozen=True)
class Card:
    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str]
    count: Callable[[object], int]


@dataclass(frozen=True)
class Panel:
    """A role-specific block on the home page: a template fragment and its context."""

    template: str
    roles: frozenset[str]
    context: Callable[[object], dict]


_CARDS: list[Card] = []
_PANELS: list[Panel] = []


def register_card(label, url_name: str, icon: str, roles, count) -> None:
    _CARDS.append(Card(label, url_name, icon, frozenset(roles), count))


def register_panel(template: str, roles, context) -> None:
    _PANELS.append(Panel(template, frozenset(roles), context))


def home_context(user, role) -> dict:
    if role is None:
        heading, intro = NO_ROLE_PAGE
        return {"heading": heading, "intro": intro, "cards": [], "panels": []}
    heading, intro = HOME_PAGES[role]
    cards = [
        {"label": c.label, "url": reverse(c.url_name), "icon": c.icon, "count": c.count(user)}
        for c in _CARDS
        if role.value in c.roles
    ]
    panels = [{"template": p.template, **p.context(user)} for p in _PANELS if role.value in p.roles]
    return {"heading": heading, "intro": intro, "cards": cards, "panels": panels}
