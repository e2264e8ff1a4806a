"""Venues' services: the only writers of venues, their closed days and their bookings.

Every function checks the actor's permission (rules.py), writes in one transaction with the row
that serialises it locked, writes an audit record and notifies whom it concerns. A rule that does
not hold raises ValidationError({field: ValidationError(message, code=…)}) and writes nothing;
a missing right raises PermissionDenied.

A booking's rules, in the order they are checked (code, field):

    may the actor book this venue at all (its `bookers`; the office always)  PermissionDenied
    the venue is in service                                  inactive             venue
    the booking ends after it starts                         ends_before_start    ends_at
    not in the past                                          past                 starts_at
    not beyond the venue's `days_ahead`                      too_far_ahead        starts_at
    on one day, inside the opening hours                     outside_hours        starts_at/ends_at
    not a closed weekday nor a closed day                    closed_day           starts_at
    not longer than `max_minutes`                            too_long             ends_at
    attendees fit the room                                   too_many_attendees   attendees
    the interviews' demand is one the actor sees             demand_not_visible   demand
    the organisation's hours of the venue in the ISO week    quota_exceeded       ends_at
      of the start, this booking included, within the quota
    no holding booking overlaps, counting the cleaning       taken                starts_at
      buffer of both (the message names the clashing slot)

    requested ─decide(approve)→ confirmed
        │      └decide(reject)→ rejected
        └──────────┴─cancel→ cancelled (the booker's organisation until the cut-off; the office
                                        any time, with a reason when it is not its own booking)
"""

import datetime
import random
import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit, changed_fields, tracked_values
from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.core.notifications import notify
from talentzone.core.roles import has_role
from talentzone.core.services import require_perm

from . import queries
from .choices import HOLDING_STATUSES, BookingStatus
from .models import Booking, Venue, VenueClosure, new_feed_token
from .queries import local

# A booking reads the venue with its row locked, so bookings of one venue take turns and each
# sees the others' bookings when it checks for an overlap. The concurrency test switches it off
# once to show that PostgreSQL's exclusion constraint still lets only one booking of a slot in;
# nothing else should touch it.
LOCK_VENUES = True

OVERLAP_CONSTRAINT = "booking_no_overlap"  # migration 0002, PostgreSQL only
DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE deadlock_detected
INSERT_ATTEMPTS = 20
TITLE_LENGTH = 120  # Notification.title
VENUE_FIELDS = frozenset(
    {
        "name",
        "kind",
        "place",
        "capacity",
        "area",
        "equipment",
        "opens_at",
        "closes_at",
        "closed_weekdays",
        "bookers",
        "needs_approval",
        "buffer_minutes",
        "max_minutes",
        "weekly_quota_hours",
        "cancel_cutoff_hours",
        "days_ahead",
        "active",
    }
)


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


# Venues --------------------------------------------------------------------------------------


def venue_save(*, actor, venue: Venue | None = None, renew_feed_token: bool = False, **fields):
    """Add a venue (`venue` None) or change one (the office). `fields` are the venue's editable
    fields (VENUE_FIELDS); `closed_weekdays` may be "5,6" or day numbers [5, 6] (0 is Monday).
    `renew_feed_token` gives the venue a new calendar feed key (the old link stops working).
    Changes apply to bookings made afterwards; the bookings already made stay as they are."""
    require_perm(actor, "venues.manage")
    unknown = set(fields) - VENUE_FIELDS
    if unknown:
        raise TypeError(f"venue_save() got unknown fields: {', '.join(sorted(unknown))}")
    if "closed_weekdays" in fields:
        fields["closed_weekdays"] = _weekdays(fields["closed_weekdays"])
    for name in ("name", "place", "equipment"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    with transaction.atomic():
        if venue is None or venue.pk is None:
            venue = venue or Venue()
            created, before = True, {}
        else:
            venue = Venue.objects.select_for_update().get(pk=venue.pk)
            created, before = False, tracked_values(venue)
        for name, value in fields.items():
            setattr(venue, name, value)
        if renew_feed_token:
            venue.feed_token = new_feed_token()
        if venue.opens_at and venue.closes_at and venue.closes_at <= venue.opens_at:
            raise _invalid(
                "closes_at", _("The venue must close after it opens."), "closes_before_opening"
            )
        if venue.max_minutes is not None and venue.max_minutes < 15:
            raise _invalid("max_minutes", _("A booking may last at least 15 minutes."), "too_short")
        if venue.capacity is not None and venue.capacity < 1:
            raise _invalid("capacity", _("A venue holds at least one person."), "too_small")
        venue.full_clean()
        venue.save()
        changes = changed_fields(before, venue)
        if created or changes:
            audit(
                actor=actor,
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                target=venue,
                changes=changes,
            )
    return venue


def _weekdays(value) -> str:
    if value is None:
        return ""
    parts = value.split(",") if isinstance(value, str) else list(value)
    days = set()
    for part in parts:
        text = str(part).strip()
        if not text:
            continue
        if not text.isdigit() or not 0 <= int(text) <= 6:
            raise _invalid(
                "closed_weekdays",
                _("Give the closed days as numbers from 0 (Monday) to 6 (Sunday)."),
                "invalid_weekdays",
            )
        days.add(int(text))
    return ",".join(str(day) for day in sorted(days))


def venue_closure_add(
    *,
    actor,
    venue: Venue,
    date: datetime.date,
    reason: str = "",
    cancel_bookings: bool = False,
) -> VenueClosure:
    """Close `venue` on `date` (a holiday, a repair; the office). A day with holding bookings is
    refused (`has_bookings`) unless `cancel_bookings`, which cancels them with the closure's
    reason and tells their bookers."""
    require_perm(actor, "venues.manage")
    reason = (reason or "").strip()
    with transaction.atomic():
        venue = _lock_venue(venue)
        if VenueClosure.objects.filter(venue=venue, date=date).exists():
            raise _invalid("date", _("The venue is already closed on that day."), "already_closed")
        opens = queries.at(date, datetime.time())
        held = list(
            queries.overlapping(venue, opens, opens + datetime.timedelta(days=1))
            .filter(starts_at__gte=opens)
            .select_related("booked_by")
        )
        if held and not cancel_bookings:
            raise _invalid(
                "date",
                _("%(count)d bookings hold the venue that day: cancel them first.")
                % {"count": len(held)},
                "has_bookings",
            )
        closure = VenueClosure(venue=venue, date=date, reason=reason)
        closure.full_clean()
        closure.save()
        audit(actor=actor, action=AuditAction.CREATE, target=closure, changes=["date", "reason"])
        now = timezone.now()
        for booking in held:
            _cancel(actor, booking, reason or _("The venue is closed that day."), now)
    return closure


def venue_closure_remove(
    *, actor, closure: VenueClosure | None = None, venue: Venue | None = None, date=None
) -> None:
    """Open a closed day again (the office): the closure given, or the venue's on `date`."""
    require_perm(actor, "venues.manage")
    with transaction.atomic():
        if closure is None:
            closure = VenueClosure.objects.filter(venue=venue, date=date).first()
            if closure is None:
                raise _invalid("date", _("The venue is not closed on that day."), "not_closed")
        _lock_venue(closure.venue)
        audit(
            actor=actor,
            action=AuditAction.DELETE,
            target=closure,
            detail={"date": str(closure.date)},
        )
        closure.delete()


# Bookings ------------------------------------------------------------------------------------


def booking_create(
    *,
    actor,
    venue: Venue,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    title: str,
    attendees: int = 1,
    note: str = "",
    demand=None,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book `venue` from `starts_at` to `ends_at` (aware; naive ones are on the park's clock)
    for the actor's organisation (none for the office). The rules are in the module's
    docstring. Requested when the venue needs approval and the actor is not the office (the
    office is told), confirmed otherwise. Either way the booking holds its slot at once."""
    require_perm(actor, "venues.book", venue)
    now = now or timezone.now()
    starts_at, ends_at = local(starts_at), local(ends_at)
    title = (title or "").strip()
    organisation = queries.organisation_fields(actor, venue)
    if demand is not None and not actor.has_perm("recruiting.view_demand", demand):
        raise _invalid("demand", _("Choose one of your demands."), "demand_not_visible")
    with transaction.atomic():
        venue = _lock_venue(venue)
        _check_rules(venue, starts_at, ends_at, attendees, now)
        _check_quota(venue, organisation, starts_at, ends_at)
        blocked_until = ends_at + datetime.timedelta(minutes=venue.buffer_minutes)
        clash = clashing_booking(venue, starts_at, blocked_until)
        if clash is not None:
            raise _taken(clash)
        office = has_role(actor, Role.OFFICE_ADMIN)
        booking = Booking(
            venue=venue,
            purpose=purpose,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            blocked_until=blocked_until,
            attendees=attendees,
            status=(
                BookingStatus.REQUESTED
                if venue.needs_approval and not office
                else BookingStatus.CONFIRMED
            ),
            booked_by=actor,
            demand=demand,
            note=(note or "").strip(),
            **organisation,
        )
        booking.full_clean()
        _insert(booking)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=booking,
            changes=changed_fields({}, booking),
        )
        if booking.status == BookingStatus.REQUESTED:
            notify(
                _office_users(exclude=actor),
                title=_trim(
                    _("Booking to approve: %(venue)s %(when)s")
                    % {"venue": venue.name, "when": _when(booking)}
                ),
                body=_booking_body(booking),
                url=_link("venues:approvals") or _link("venues:booking-detail", booking.pk),
            )
    return booking


def _insert(booking: Booking) -> None:
    """Insert the checked booking. On PostgreSQL the exclusion constraint has the last word: if
    another booking of the slot committed between our check and our insert (only possible
    without the venue's lock), the constraint refuses ours, and that is the same clear "taken"
    as the check's, naming the booking that won.

    Two transactions inserting overlapping bookings at once each wait for the other while
    checking the constraint; PostgreSQL breaks the deadlock by failing one. Ours then retries
    after a short pause (its row rolled back to the savepoint, the other goes on), waits for
    the other to end, and gets its definite answer: in, or "taken". None of this happens with
    the venue's lock, which lets one booking of a venue in at a time."""
    for attempt in range(1, INSERT_ATTEMPTS + 1):
        try:
            with transaction.atomic():  # a savepoint: the transaction goes on after a refusal
                booking.save()
            return
        except IntegrityError as error:
            if OVERLAP_CONSTRAINT not in str(error):
                raise
            clash = queries.overlapping(booking.venue, booking.starts_at, booking.blocked_until)
            raise _taken(clash.first()) from error
        except OperationalError as error:
            # The deadlock's context reads "while checking exclusion constraint on tuple …
            # in relation "venues_booking"" (booking_no_overlap is its only one).
            deadlock = getattr(error.__cause__, "sqlstate", None) == DEADLOCK
            if not deadlock or "exclusion constraint" not in str(error):
                raise
            if attempt == INSERT_ATTEMPTS:
                raise
            booking.pk = None
            # The other side goes on once our row is gone; if we inserted again at once, its
            # recheck could find our new row and the two would deadlock again, and again.
            # A short, random pause lets it finish its check first.
            time.sleep(random.uniform(0.01, 0.05) * attempt)


def _lock_venue(venue: Venue) -> Venue:
    """The venue read afresh with its row locked: bookings of one venue take turns.

    On SQLite `select_for_update` is a no-op, and a transaction that has only read holds no
    lock: two of them could both check the calendar, both find the slot free, and both insert.
    So the first statement is a write (an UPDATE of the venue's row), which takes SQLite's
    single write lock at once; any other booking transaction then waits at its own first
    statement until we commit, and finds our booking when it checks. (The project's settings
    also begin transactions IMMEDIATE, which takes the same lock at BEGIN; the UPDATE keeps the
    guarantee under any transaction mode.)"""
    if not LOCK_VENUES:
        return Venue.objects.get(pk=venue.pk)
    if connection.vendor == "sqlite":
        Venue.objects.filter(pk=venue.pk).update(updated_at=timezone.now())
    return Venue.objects.select_for_update().get(pk=venue.pk)


def _check_rules(venue: Venue, starts_at, ends_at, attendees: int, now) -> None:
    """The booking's rules that need no other booking, in the docstring's order."""
    if not venue.active:
        raise _invalid("venue", _("This venue is not in service."), "inactive")
    if ends_at <= starts_at:
        raise _invalid("ends_at", _("A booking must end after it starts."), "ends_before_start")
    if starts_at < now:
        raise _invalid("starts_at", _("This time has already passed."), "past")
    last_day = local(now).date() + datetime.timedelta(days=venue.days_ahead)
    if starts_at.date() > last_day:
        raise _invalid(
            "starts_at",
            _("This venue can be booked at most %(days)d days ahead (until %(day)s).")
            % {"days": venue.days_ahead, "day": last_day.isoformat()},
            "too_far_ahead",
        )
    hours = {"opens": f"{venue.opens_at:%H:%M}", "closes": f"{venue.closes_at:%H:%M}"}
    if starts_at.time() < venue.opens_at:
        raise _invalid(
            "starts_at",
            _("The venue opens at %(opens)s and closes at %(closes)s.") % hours,
            "outside_hours",
        )
    if ends_at.date() != starts_at.date() or ends_at.time() > venue.closes_at:
        raise _invalid(
            "ends_at",
            _("The venue opens at %(opens)s and closes at %(closes)s.") % hours,
            "outside_hours",
        )
    reason = queries.closed_reason(venue, starts_at.date())
    if reason is not None:
        raise _invalid(
            "starts_at",
            _("The venue is closed on %(day)s: %(reason)s")
            % {"day": starts_at.date().isoformat(), "reason": reason},
            "closed_day",
        )
    if queries.minutes_between(starts_at, ends_at) > venue.max_minutes:
        raise _invalid(
            "ends_at",
            _("This venue can be booked for at most %(minutes)d minutes at a time.")
            % {"minutes": venue.max_minutes},
            "too_long",
        )
    if attendees is None or attendees < 1:
        raise _invalid("attendees", _("At least one person attends."), "too_few_attendees")
    if attendees > venue.capacity:
        raise _invalid(
            "attendees",
            _("This venue holds at most %(capacity)d people.") % {"capacity": venue.capacity},
            "too_many_attendees",
        )


def _check_quota(venue: Venue, organisation: dict, starts_at, ends_at) -> None:
    """The organisation's booked hours of the venue in the ISO week of the start, this booking
    included, stay within the venue's weekly quota. The office has no quota."""
    if venue.weekly_quota_hours is None or not any(organisation.values()):
        return
    week_start, week_end = queries.iso_week(starts_at)
    used = queries.booked_minutes(venue, organisation, week_start, week_end)
    wanted = queries.minutes_between(starts_at, ends_at)
    if used + wanted > venue.weekly_quota_hours * 60:
        raise _invalid(
            "ends_at",
            _(
                "Your organisation may book this venue for %(quota)d hours a week; "
                "%(used)s hours of that week are already booked."
            )
            % {"quota": venue.weekly_quota_hours, "used": _hours(used)},
            "quota_exceeded",
        )


def clashing_booking(venue: Venue, starts_at, blocked_until) -> Booking | None:
    """The first holding booking of `venue` that the range [starts_at, blocked_until) meets,
    both cleaning buffers counted (the service's own overlap check)."""
    return queries.overlapping(venue, starts_at, blocked_until).first()


def _taken(clash: Booking | None) -> ValidationError:
    if clash is None:
        return _invalid("starts_at", _("This room is already taken at that time."), "taken")
    words = {
        "start": f"{local(clash.starts_at):%H:%M}",
        "end": f"{local(clash.ends_at):%H:%M}",
        "until": f"{local(clash.blocked_until):%H:%M}",
    }
    if clash.blocked_until > clash.ends_at:
        message = (
            _("This room is taken from %(start)s to %(end)s (with cleaning time until %(until)s).")
            % words
        )
    else:
        message = _("This room is taken from %(start)s to %(end)s.") % words
    return _invalid("starts_at", message, "taken")


def booking_decide(*, actor, booking: Booking, approve: bool, note: str = "", now=None) -> Booking:
    """Approve or reject a requested booking (the office); the booker is told. A rejected
    booking frees its slot. A booking whose start has passed can no longer be approved."""
    require_perm(actor, "venues.decide")
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked_booking(booking)
        if booking.status != BookingStatus.REQUESTED:
            raise _invalid(
                "status",
                _("This booking is “%(status)s”, not awaiting approval.")
                % {"status": booking.get_status_display()},
                "not_requested",
            )
        if approve and booking.starts_at < now:
            raise _invalid("starts_at", _("This booking's time has already passed."), "past")
        booking.status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
        booking.decided_by = actor
        booking.decided_at = now
        booking.decision_note = (note or "").strip()
        booking.save(
            update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
        )
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=booking,
            changes=["status", "decided_by", "decided_at", "decision_note"],
            detail={"status": booking.status},
        )
        title = (
            _("Booking approved: %(venue)s %(when)s")
            if approve
            else _("Booking rejected: %(venue)s %(when)s")
        )
        notify(
            [user for user in [booking.booked_by] if user.pk != actor.pk and user.is_active],
            title=_trim(title % {"venue": booking.venue.name, "when": _when(booking)}),
            body=booking.decision_note,
            url=_link("venues:booking-detail", booking.pk) or _link("venues:my-bookings"),
        )
    return booking


def booking_cancel(*, actor, booking: Booking, reason: str = "", now=None) -> Booking:
    """Cancel a holding booking, freeing its slot. The booker and the members of the
    organisation it counts against may, until the venue's `cancel_cutoff_hours` before the
    start (`too_late`); the office may at any time, giving a reason when the booking is not its
    own (`reason_required`). A booking that is over cannot be cancelled (`already_over`)."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    with transaction.atomic():
        booking = _locked_booking(booking)
        require_perm(actor, "venues.cancel_booking", booking)
        if booking.status not in HOLDING_STATUSES:
            raise _invalid(
                "status",
                _("This booking is “%(status)s” already.")
                % {"status": booking.get_status_display()},
                "not_holding",
            )
        if booking.ends_at <= now:
            raise _invalid("starts_at", _("This booking is already over."), "already_over")
        if has_role(actor, Role.OFFICE_ADMIN):
            if booking.booked_by_id != actor.pk and not reason:
                raise _invalid("reason", _("Say why the booking is cancelled."), "reason_required")
        else:
            cutoff = booking.starts_at - datetime.timedelta(hours=booking.venue.cancel_cutoff_hours)
            if now > cutoff:
                raise _invalid(
                    "starts_at",
                    _(
                        "Bookings of this venue can be cancelled until %(hours)d hours before "
                        "they start (%(cutoff)s); ask the talent office."
                    )
                    % {
                        "hours": booking.venue.cancel_cutoff_hours,
                        "cutoff": f"{local(cutoff):%Y-%m-%d %H:%M}",
                    },
                    "too_late",
                )
        _cancel(actor, booking, reason, now)
    return booking


def _cancel(actor, booking: Booking, reason: str, now) -> None:
    """Cancel a holding booking (checked by the caller), audit it and tell the booker (unless
    they did it) and, when it was awaiting approval, the office."""
    was_requested = booking.status == BookingStatus.REQUESTED
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancel_reason = reason[:300]
    booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    audit(
        actor=actor,
        action=AuditAction.UPDATE,
        target=booking,
        changes=["status", "cancelled_at", "cancel_reason"],
        detail={"status": booking.status, "reason": reason},
    )
    title = _trim(
        _("Booking cancelled: %(venue)s %(when)s")
        % {"venue": booking.venue.name, "when": _when(booking)}
    )
    recipients = {}
    if booking.booked_by_id != actor.pk and booking.booked_by.is_active:
        recipients[booking.booked_by_id] = booking.booked_by
    if was_requested:
        recipients.update((user.pk, user) for user in _office_users(exclude=actor))
    notify(
        recipients.values(),
        title=title,
        body=reason,
        url=_link("venues:booking-detail", booking.pk) or _link("venues:my-bookings"),
    )


def _locked_booking(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("venue", "booked_by")
        .get(pk=booking.pk)
    )


# Helpers -------------------------------------------------------------------------------------


def _office_users(exclude=None) -> list:
    users = User.objects.filter(groups__name=Role.OFFICE_ADMIN, is_active=True).distinct()
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return list(users)


def _when(booking: Booking) -> str:
    return f"{local(booking.starts_at):%Y-%m-%d %H:%M}–{local(booking.ends_at):%H:%M}"


def _booking_body(booking: Booking) -> str:
    organisation = booking.organisation
    lines = [
        booking.title,
        _("Booked by %(user)s") % {"user": booking.booked_by},
        _("For %(organisation)s") % {"organisation": organisation} if organisation else "",
        _("%(count)d attendees") % {"count": booking.attendees},
        booking.note,
    ]
    return "\n".join(line for line in lines if line)


def _hours(minutes: float) -> str:
    hours = minutes / 60
    return f"{hours:g}" if hours == int(hours) else f"{hours:.1f}"


def _trim(title: str) -> str:
    return title[:TITLE_LENGTH]


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the pages are not wired yet, or have another name
        return ""
