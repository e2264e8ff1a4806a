"""Who may do what with the park's venues.

The services enforce these; the API answers 403 and the pages hide buttons by the same predicates.
Reads are scoped in `queries.py`.

* Anyone with a role sees the venues and their calendars (which slots are taken; a booking's
  details only as `queries.visible_bookings` allows).
* The talent office keeps the venues and their closed days, decides the bookings that need
  approval, books every venue (for the office itself) and cancels any booking, at any time.
* Agency staff, enterprise HR and station staff book the venues lent to their kind of
  organisation (a venue's `bookers`), for their organisation; the booker and the colleagues of
  the organisation a booking counts against may cancel it until the venue's cut-off.
* A talent books nothing.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role, roles_of
from talentzone.directory.queries import member_ids
from talentzone.directory.rules import is_office_admin

from .choices import BookerKind

# Which role and which kind of membership book a venue lent to each kind of booker, in the order
# the booking is counted against when a user acts for more than one (an agency first).
BOOKER_ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    BookerKind.AGENCIES: ((Role.AGENCY_STAFF, "agency"),),
    BookerKind.ENTERPRISES: ((Role.ENTERPRISE_HR, "enterprise"),),
    BookerKind.AGENCIES_AND_ENTERPRISES: (
        (Role.AGENCY_STAFF, "agency"),
        (Role.ENTERPRISE_HR, "enterprise"),
    ),
    BookerKind.STATIONS: ((Role.STATION_STAFF, "station"),),
    BookerKind.OFFICE: (),
}
ORGANISATION_KINDS = ("agency", "enterprise", "station")
OVERSEES = (Role.OFFICE_ADMIN, Role.LEADER)


def booking_organisation(user, venue) -> tuple[str, int] | None:
    """The organisation a booking of `venue` by `user` counts against, as (kind, id): the first
    organisation of a kind the venue is lent to that the user acts for in the matching role (the
    lowest id when several). None for the office (and for a user who may not book the venue)."""
    if user is None or not user.is_authenticated or has_role(user, Role.OFFICE_ADMIN):
        return None
    for role, kind in BOOKER_ROLES.get(venue.bookers, ()):
        if has_role(user, role):
            ids = member_ids(user, kind)
            if ids:
                return kind, min(ids)
    return None


@rules.predicate
def may_book_venue(user, venue) -> bool:
    """The office books every venue; others the venues lent to their kind of organisation, as a
    member of one. With no venue named: whether the user may book some venue at all."""
    if not user.is_authenticated:
        return False
    if has_role(user, Role.OFFICE_ADMIN):
        return True
    if venue is None:
        return any(
            has_role(user, role) and member_ids(user, kind)
            for pairs in BOOKER_ROLES.values()
            for role, kind in pairs
        )
    return booking_organisation(user, venue) is not None


@rules.predicate
def has_any_role(user) -> bool:
    return bool(roles_of(user))


@rules.predicate
def oversees(user) -> bool:
    return has_role(user, *OVERSEES)


@rules.predicate
def booked_it(user, booking) -> bool:
    return booking is not None and booking.booked_by_id == user.pk


@rules.predicate
def acts_for_booking_organisation(user, booking) -> bool:
    """A member of the organisation the booking counts against (not the office's bookings)."""
    if booking is None or not user.is_authenticated:
        return False
    return any(
        getattr(booking, f"{kind}_id") is not None
        and getattr(booking, f"{kind}_id") in member_ids(user, kind)
        for kind in ORGANISATION_KINDS
    )


rules.add_perm("venues", is_office_admin)  # the venues section of the Django admin
rules.add_perm("venues.view_venue", has_any_role)
rules.add_perm("venues.book", may_book_venue)
rules.add_perm("venues.manage", is_office_admin)
rules.add_perm("venues.decide", is_office_admin)
rules.add_perm("venues.cancel_booking", is_office_admin | booked_it | acts_for_booking_organisation)
rules.add_perm("venues.view_booking", oversees | booked_it | acts_for_booking_organisation)
