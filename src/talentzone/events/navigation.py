"""events' entries in the left menu and its cards on the home pages, by role.

Talents find the upcoming events (their stations' first), their registrations with the code to
show at the door, and their certificates; the office and station staff organise events and check
people in; agency staff organise their live streams; the office, leaders and the organisers read
the attendance figures. Each card counts what the user would find behind it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.home import register_card
from talentzone.core.menu import register

TALENT_ORDER = -14  # with a talent's own entries, after "jobs for me"
EVENTS_ORDER = 20  # after recruiting (10), before the office's tools (50)
ORGANISERS = {Role.OFFICE_ADMIN, Role.STATION_STAFF, Role.AGENCY_STAFF}
FIGURES = ORGANISERS | {Role.LEADER}


def upcoming(user) -> int:
    from . import queries

    return queries.upcoming_for(user).count()


def my_live_registrations(user) -> int:
    from .choices import RegistrationStatus
    from .models import Registration

    return Registration.objects.filter(
        user=user,
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
        event__ends_at__gt=timezone.now(),
    ).count()


def my_certificates(user) -> int:
    from .models import Certificate

    return Certificate.objects.filter(registration__user=user).count()


def organised_upcoming(user) -> int:
    from .views.organisers import organised_events

    return organised_events(user).filter(ends_at__gt=timezone.now()).count()


# (label, url name, icon, roles, menu order, the card's count or None for no card)
ENTRIES = [
    (
        _("Upcoming events"),
        "events:upcoming",
        "calendar-event",
        {Role.TALENT},
        TALENT_ORDER,
        upcoming,
    ),
    (
        _("My registrations"),
        "events:my-registrations",
        "qr-code",
        {Role.TALENT},
        TALENT_ORDER,
        my_live_registrations,
    ),
    (
        _("My certificates"),
        "events:my-certificates",
        "award",
        {Role.TALENT},
        TALENT_ORDER,
        my_certificates,
    ),
    (
        _("Events"),
        "events:event-list",
        "calendar-event",
        FIGURES,
        EVENTS_ORDER,
        organised_upcoming,
    ),
    (
        _("Event attendance"),
        "events:attendance",
        "clipboard-data",
        FIGURES,
        EVENTS_ORDER,
        None,
    ),
]


def register_navigation() -> None:
    for label, url_name, icon, roles, order, count in ENTRIES:
        register(label, url_name, icon, roles, order=order)
        if count is not None:
            register_card(label, url_name, icon, roles, count)
