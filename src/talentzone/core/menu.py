"""The left menu, built from the active role. Each app registers its entries here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    icon: str
    roles: frozenset[str]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_ENTRIES: list[MenuEntry] = []


def register(label, url_name: str, icon: str, roles) -> None:
    _ENTRIES.append(MenuEntry(label, url_name, icon, frozenset(roles)))


def menu_for(user, role) -> list[MenuEntry]:
    if role is None:
        return []
    return [entry for entry in _ENTRIES if role.value in entry.roles]
