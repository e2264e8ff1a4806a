"""Who may do what with events.

The services enforce these; the API answers 403 and the pages hide buttons by the same predicates.
Reads are scoped in `queries.py` (an event outside the reader's scope is a 404, never a 403).

* The talent office organises any event (at a station or in a park venue).
* A station's staff organise the events of their own station and check people in at them.
* An agency's staff organise live-stream recruiting sessions in a park venue: the ones they
  organised, or whose venue booking is their agency's.
* Anyone signed in may register; who fits an event's audience is the services' check (a clear
  "not for you" rather than a 403), as is whose registration one may cancel.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.queries import member_ids
from talentzone.directory.rules import is_agency_staff, is_office_admin, is_station_staff

from .choices import EventKind

ORGANISERS = (Role.OFFICE_ADMIN, Role.STATION_STAFF, Role.AGENCY_STAFF)


def _stations(user) -> frozenset[int]:
    return member_ids(user, "station") if has_role(user, Role.STATION_STAFF) else frozenset()


def _agencies(user) -> frozenset[int]:
    return member_ids(user, "agency") if has_role(user, Role.AGENCY_STAFF) else frozenset()


@rules.predicate
def runs_station_event(user, event) -> bool:
    """Station staff in general (no event named), or for an event of one of their stations."""
    if event is None:
        return True
    return event.station_id is not None and event.station_id in _stations(user)


@rules.predicate
def runs_agency_live_stream(user, event) -> bool:
    """Agency staff in general (no event named), or for a live stream in a park venue that they
    organise or that their agency booked."""
    if event is None:
        return True
    if event.kind != EventKind.LIVE_STREAM or event.venue_id is None:
        return False
    if event.organiser_id is not None and event.organiser_id == user.pk:
        return True
    booking = event.booking if event.booking_id else None
    return booking is not None and booking.agency_id in _agencies(user)


@rules.predicate
def checks_in_at_station(user, event) -> bool:
    """The staff of the event's station let people in at its door."""
    return event is not None and runs_station_event.test(user, event)


may_organise = (
    is_office_admin
    | (is_station_staff & runs_station_event)
    | (is_agency_staff & runs_agency_live_stream)
)


@rules.predicate
def may_see_event(user, event) -> bool:
    """As queries.visible_events has it, for one event."""
    if event is None or not user.is_authenticated:
        return False
    from .queries import visible_events

    return visible_events(user).filter(pk=event.pk).exists()


rules.add_perm("events", is_office_admin)  # the events section of the Django admin
rules.add_perm("events.view_event", may_see_event)
rules.add_perm("events.organise", may_organise)
rules.add_perm("events.register", rules.is_authenticated)
rules.add_perm("events.check_in", may_organise | (is_station_staff & checks_in_at_station))
