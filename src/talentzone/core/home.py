"""The home page of each role: cards that apps register, each a count of what the user can see.

`core` knows no app; apps register their cards (and menu entries) when they are ready, so the
dependency runs one way: core ← directory ← the rest.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


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
        return {"cards": [], "panels": []}
    cards = [
        {"label": c.label, "url": reverse(c.url_name), "icon": c.icon, "count": c.count(user)}
        for c in _CARDS
        if role.value in c.roles
    ]
    panels = [{"template": p.template, **p.context(user)} for p in _PANELS if role.value in p.roles]
    return {"cards": cards, "panels": panels}
