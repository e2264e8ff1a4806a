"""What several of events' pages share: finding what the reader may see, who organises, lists."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.choices import Gender

from .. import queries
from ..choices import TRAINING_KINDS, EventKind, RegistrationStatus
from ..models import Event, Registration

PAGE_SIZE = 25
ORGANISER_ROLES = (Role.OFFICE_ADMIN, Role.STATION_STAFF, Role.AGENCY_STAFF)
READER_ROLES = (*ORGANISER_ROLES, Role.LEADER)


def visible_event(request, pk) -> Event:
    return get_object_or_404(
        queries.visible_events(request.user).select_related(
            "station", "venue", "organiser", "booking"
        ),
        pk=pk,
    )


def may_organise(user, event: Event | None = None) -> bool:
    """Whether the user organises this event (or, without one, may organise events at all)."""
    return user.has_perm("events.organise", event)


def require_organise(user, event: Event | None = None) -> None:
    if not may_organise(user, event):
        raise PermissionDenied("This user does not organise this event.")


def may_check_in(user, event: Event) -> bool:
    return user.has_perm("events.check_in", event)


def reads_figures(user) -> bool:
    """Organisers and leaders read the attendance figures."""
    return has_role(user, *READER_ROLES)


def is_training(event: Event) -> bool:
    return event.kind in TRAINING_KINDS


def is_live_stream(event: Event) -> bool:
    return event.kind == EventKind.LIVE_STREAM


def group_label(group: str) -> str:
    """A quota group in words (a Gender value today)."""
    if not group:
        return ""
    try:
        return str(Gender(group).label)
    except ValueError:
        return group


def own_registration(user, event: Event) -> Registration | None:
    """The user's live registration for the event, if any."""
    return queries.live_registration(user, event)


def waitlist_length(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()


def quota_rows(event: Event) -> list[dict[str, Any]]:
    """Each quota group's places, taken and left."""
    return [
        {
            "group": quota.group,
            "label": group_label(quota.group),
            "places": quota.places,
            "confirmed": quota.confirmed,
            "left": max(quota.places - quota.confirmed, 0),
        }
        for quota in event.quotas.all()
    ]


def paginate(request, rows: QuerySet, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


def person_name(registration: Registration) -> str:
    """The name shown at the door: the registry's name, else the account's."""
    if registration.talent_id:
        return registration.talent.name
    return str(registration.user)
