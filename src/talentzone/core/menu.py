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
    order: int = 0  # entries of equal order keep the order they were registered in

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_ENTRIES: list[MenuEntry] = []


def register(label, url_name: str, icon: str, roles, *, order: int = 0) -> None:
    """`order` places an entry after those of a lower order (tools of the office go last)."""
    _ENTRIES.append(MenuEntry(label, url_name, icon, frozenset(roles), order))


def menu_for(user, role) -> list[MenuEntry]:
    if role is None:
        return []
    entries = [entry for entry in _ENTRIES if role.value in entry.roles]
    return sorted(entries, key=lambda entry: entry.order)
