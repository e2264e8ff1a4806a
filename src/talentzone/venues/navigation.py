"""venues' entries in the left menu and its cards on the home pages, by role.

Agencies, enterprise HR and station staff book the park's rooms: they find a free one, read the
calendars and keep their bookings; the office also decides the requests and keeps the venues;
leaders read the calendars. Talents book nothing and see no entry. Each card counts what the
user would find behind it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register

from . import queries
from .choices import HOLDING_STATUSES

BOOKERS = {Role.OFFICE_ADMIN, Role.ENTERPRISE_HR, Role.AGENCY_STAFF, Role.STATION_STAFF}
READERS = BOOKERS | {Role.LEADER}
OFFICE = {Role.OFFICE_ADMIN}

# After recruiting (10) and before the office's tools (50).
VENUES_ORDER = 20
OFFICE_ORDER = 56


def upcoming_bookings(user) -> int:
    return (
        queries.visible_bookings(user)
        .filter(status__in=HOLDING_STATUSES, ends_at__gt=timezone.now())
        .count()
    )


def awaiting_decision(user) -> int:
    return queries.awaiting_decision().count()


# (label, url name, icon, roles, menu order, the card's count or None for no card)
ENTRIES = [
    (_("Venues"), "venues:venue-list", "building", READERS, VENUES_ORDER, None),
    (_("Park calendar"), "venues:park-calendar", "calendar-week", READERS, VENUES_ORDER, None),
    (_("Find a free room"), "venues:find-free", "search", BOOKERS, VENUES_ORDER, None),
    (
        _("My bookings"),
        "venues:my-bookings",
        "journal-bookmark",
        BOOKERS - OFFICE,
        VENUES_ORDER,
        upcoming_bookings,
    ),
    (
        _("Bookings"),
        "venues:my-bookings",
        "journal-bookmark",
        OFFICE | {Role.LEADER},
        VENUES_ORDER,
        upcoming_bookings,
    ),
    (
        _("Booking approvals"),
        "venues:approvals",
        "check2-square",
        OFFICE,
        OFFICE_ORDER,
        awaiting_decision,
    ),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order, count in ENTRIES:
        register(label, url_name, icon, roles, order=order)
        if count is not None:
            register_card(label, url_name, icon, roles, count)
