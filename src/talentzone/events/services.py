"""Events' services: the only writers of events, their quotas and sessions, registrations,
check-ins, certificates and followed stations.

Every function checks the actor's permission (rules.py), checks the state allows the step, writes
in one transaction, writes an audit record and notifies whom it concerns. A step that does not
hold raises ValidationError (the API answers 400, the pages show the message; each error has a
code) or PermissionDenied (403), and writes nothing.

Places: a registration is confirmed while a place is left in the event's capacity AND in its
group's quota (a group without a quota row is capped by the capacity alone); otherwise it waits
in arrival order (`created_at`, `id`). Every change of the counters happens with the event's row
locked (`LOCK_EVENTS`), so sign-ups take turns and each sees the places the others took; the
counters move by the database (`F() + 1`) inside a savepoint, and the database's check
constraints (confirmed <= capacity, confirmed <= places) refuse a place beyond them whatever
else writes: such a sign-up waits instead. On SQLite the transaction takes the write lock when it
begins (settings: IMMEDIATE), which serialises the same way.

    sign-up ─(place left)→ confirmed ─check-in→ attended
        └──(full)→ waitlisted ─(a place comes free)→ confirmed (promoted, notified)
    confirmed | waitlisted ─cancel→ cancelled (a confirmed one frees its place)
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from talentzone.core.audit import AuditAction, audit, changed_fields, tracked_values
from talentzone.core.html import clean_html
from talentzone.core.models import User
from talentzone.core.notifications import notify
from talentzone.core.services import require_perm
from talentzone.directory.choices import Gender
from talentzone.directory.models import Station
from talentzone.recruiting.choices import DemandStatus
from talentzone.recruiting.models import Demand

from . import queries
from .choices import (
    HOLDING_STATUSES,
    LIVE_STATUSES,
    TRAINING_KINDS,
    EventKind,
    EventStatus,
    QuotaBy,
    RegistrationStatus,
)
from .models import (
    Certificate,
    Event,
    EventQuota,
    LiveStreamInterest,
    Registration,
    SessionAttendance,
    StationFollow,
    TrainingSession,
)

# A sign-up reads the event with its row locked, so sign-ups of one event take turns. The
# concurrency test switches it off once to show that the database's constraints still refuse a
# place beyond capacity or quota; nothing else should touch it.
LOCK_EVENTS = True

# The fields of an event an organiser sets (a foreign key also by its `<name>_id`).
EVENT_FIELDS = (
    "title",
    "kind",
    "description",
    "station",
    "venue",
    "booking",
    "place",
    "starts_at",
    "ends_at",
    "capacity",
    "quota_by",
    "registration_opens_at",
    "registration_closes_at",
    "audience",
    "max_age",
    "sessions_required",
)
FOREIGN_KEYS = ("station", "venue", "booking")
# Changes of a published event its registrants are told about.
NEWS_FIELDS = ("starts_at", "ends_at", "place", "station", "venue")
CHECK_IN_OPENS = datetime.timedelta(hours=2)
TITLE_LENGTH = 120  # Notification.title
OUTCOME_LENGTH = 200  # LiveStreamInterest.outcome
NEW_CODE_ATTEMPTS = 5


# Events --------------------------------------------------------------------------------------


def event_save(
    *,
    actor,
    event: Event | None = None,
    quotas: Mapping[str, int] | None = None,
    demands: Iterable[Demand | int] | None = None,
    sessions: Sequence[Mapping[str, Any]] | None = None,
    book_venue: bool = True,
    now: datetime.datetime | None = None,
    **fields,
) -> Event:
    """Create or change an event (a new one is a draft organised by the actor).

    `fields` are the event's own (EVENT_FIELDS); `event`, when given unsaved or changed by a
    form, lends its values of those fields too. `quotas` {gender: places} replaces the quotas
    (None keeps them; {} removes them); `sessions` [{"title", "starts_at", "ends_at",
    "number"?}] replaces a training's sessions (None keeps them); `demands` the demands a live
    stream presents (None keeps them). A venue event gets its room booked through the venues
    service (`book_venue`; moved when its venue or time change), unless a `booking` is given.

    Rules: a station or a venue; the end after the start; a new start not in the past; the
    registration window inside the event; an age limit for a young audience; quotas by gender
    only, summing to no more than the capacity; the capacity (and each quota) never below the
    places already taken; what places are divided by fixed once people registered; sessions
    inside the event; a certificate never needing more sessions than there are."""
    require_perm(actor, "events.organise")
    now = now or timezone.now()
    _refuse_unknown(fields)
    with transaction.atomic():
        stored = None
        if event is not None and event.pk is not None:
            stored = _locked_event(event)
            require_perm(actor, "events.organise", stored)
            target = Event.objects.select_related("booking", "venue", "station").get(pk=event.pk)
            before = tracked_values(target)
            _copy_fields(event, target)
        else:
            target = Event(organiser=actor, status=EventStatus.DRAFT, confirmed=0)
            before = {}
            if event is not None:
                _copy_fields(event, target)
        _assign(target, fields)
        if stored is None:
            target.registration_opens_at = target.registration_opens_at or now
            target.registration_closes_at = target.registration_closes_at or target.starts_at
        quota_rows = _validate_event(target, stored, quotas, sessions, demands, now)
        require_perm(actor, "events.organise", target)  # may organise it as it will be
        target.save()
        changes = changed_fields(before, target)
        if quota_rows is not None and _replace_quotas(target, quota_rows):
            changes.append("quotas")
        if sessions is not None and _replace_sessions(target, sessions):
            changes.append("sessions")
        if demands is not None and _replace_demands(target, demands):
            changes.append("demands")
        if _book_venue(actor, target, stored, book_venue, now):
            changes.append("booking")
        if stored is None or changes:
            audit(
                actor=actor,
                action=AuditAction.CREATE if stored is None else AuditAction.UPDATE,
                target=target,
                changes=changes,
            )
        if stored is not None and target.status == EventStatus.PUBLISHED:
            news = [name for name in NEWS_FIELDS if name in changes]
            if news:
                _tell_registrants(
                    target,
                    actor,
                    _("Changed: %(event)s") % {"event": target.title},
                    _when_where(target),
                )
            _promote(target, actor, now)
    return target


def event_publish(*, actor, event: Event, now: datetime.datetime | None = None) -> Event:
    """Open a draft to registration (within its window). A venue event's booking must be
    confirmed first. The followers of its station are told."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(event)
        require_perm(actor, "events.organise", event)
        _require_event_status(event, EventStatus.DRAFT)
        if event.ends_at <= now:
            raise ValidationError(_("This event is over."), code="event_over")
        if event.booking_id is not None and event.booking.status != "confirmed":
            raise ValidationError(
                _("The venue booking is not confirmed yet (%(status)s).")
                % {"status": event.booking.get_status_display()},
                code="booking_not_confirmed",
            )
        event.status = EventStatus.PUBLISHED
        event.save(update_fields=["status", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=event,
            changes=["status"],
            detail={"status": event.status},
        )
        if event.station_id is not None:
            followers = User.objects.filter(
                followed_stations__station_id=event.station_id, is_active=True
            ).exclude(pk=actor.pk)
            notify(
                followers,
                title=_title(
                    _("New at %(station)s: %(event)s")
                    % {"station": event.station.name, "event": event.title}
                ),
                body=_when_where(event),
                url=_event_url(event),
            )
    return event


def event_cancel(
    *, actor, event: Event, reason: str, now: datetime.datetime | None = None
) -> Event:
    """Call an event off, saying why: its venue booking is given back and everyone registered
    (confirmed or waiting) is told. The registrations stay, as the record of who was coming."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Say why the event is called off."), code="required")}
        )
    with transaction.atomic():
        event = _locked_event(event)
        require_perm(actor, "events.organise", event)
        _require_event_status(event, EventStatus.DRAFT, EventStatus.PUBLISHED)
        if event.ends_at <= now:
            raise ValidationError(_("This event is over."), code="event_over")
        event.status = EventStatus.CANCELLED
        event.cancel_reason = reason[: Event._meta.get_field("cancel_reason").max_length]
        event.save(update_fields=["status", "cancel_reason", "updated_at"])
        detail = {"status": event.status, "reason": event.cancel_reason}
        if event.booking_id is not None:
            detail["booking"] = _give_back_booking(actor, event.booking, reason, now, tolerate=True)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=event,
            changes=["status", "cancel_reason"],
            detail=detail,
        )
        _tell_registrants(event, actor, _("Called off: %(event)s") % {"event": event.title}, reason)
    return event


# Registrations -------------------------------------------------------------------------------


def register(
    *,
    actor,
    event: Event,
    demands: Iterable[Demand | int] | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Sign the actor up for an event: confirmed while a place is left in the capacity and in
    their group's quota, else on the waiting list in arrival order.

    Refused: not in the event's audience (`not_in_audience`), not published or outside the
    registration window (`registration_closed`), registered already (`already_registered`), no
    registry record when places are divided by gender (`needs_profile`). A live stream's viewer
    signs up for the demands it presents they chose (all of them when none is chosen): each
    becomes a referral unless they miss a required requirement or are a candidate already — the
    reason is kept with the sign-up (LiveStreamInterest.outcome)."""
    require_perm(actor, "events.register", event)
    now = now or timezone.now()
    talent = queries.talent_of(actor)
    with transaction.atomic():
        event = _locked_event(event)
        if not queries.fits_audience(actor, event, talent):
            raise ValidationError(
                _("This event is for %(audience)s.") % {"audience": _audience_words(event)},
                code="not_in_audience",
            )
        if event.status != EventStatus.PUBLISHED or not (
            event.registration_opens_at <= now < event.registration_closes_at
        ):
            raise ValidationError(_registration_closed_text(event, now), code="registration_closed")
        if Registration.objects.filter(event=event, user=actor, status__in=LIVE_STATUSES).exists():
            raise _already_registered()
        chosen = _chosen_demands(event, demands)
        group = ""
        if event.quota_by == QuotaBy.GENDER:
            if talent is None or not talent.gender:
                raise ValidationError(
                    _(
                        "Places at this event are divided between women and men: your "
                        "registry record is needed to register."
                    ),
                    code="needs_profile",
                )
            group = talent.gender
        quota = EventQuota.objects.filter(event=event, group=group).first() if group else None
        room = event.confirmed < event.capacity and (
            quota is None or quota.confirmed < quota.places
        )
        confirmed = room and _take_place(event, quota)
        registration = Registration(
            event=event,
            user=actor,
            talent=talent,
            group=group,
            status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITLISTED,
        )
        _insert_registration(registration)
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            target=registration,
            detail={"event": event.pk, "status": registration.status, "group": group},
        )
        if event.kind == EventKind.LIVE_STREAM:
            _sign_up_for_demands(registration, talent, chosen)
    return registration


def cancel_registration(
    *, actor, registration: Registration, now: datetime.datetime | None = None
) -> Registration:
    """Cancel a registration (one's own, or any as the event's organiser) before the event
    ends. A confirmed one frees its place: the first on the waiting list whose group has room
    takes it (until the event starts) and is told."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        own = registration.user_id == actor.pk
        if not own:
            require_perm(actor, "events.organise", event)
        if registration.status not in LIVE_STATUSES or registration.status == (
            RegistrationStatus.ATTENDED
        ):
            raise ValidationError(
                _("This registration cannot be cancelled: it is “%(status)s”.")
                % {"status": registration.get_status_display()},
                code="wrong_status",
            )
        if event.ends_at <= now:
            raise ValidationError(_("This event is over."), code="event_over")
        held = registration.status in HOLDING_STATUSES
        before = registration.status
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        if held:
            _give_place(event, registration.group)
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=registration,
            changes=["status", "cancelled_at"],
            detail={"event": event.pk, "from": before, "to": registration.status},
        )
        if not own:
            notify(
                [registration.user] if registration.user.is_active else [],
                title=_title(
                    _("Your registration for %(event)s is cancelled") % {"event": event.title}
                ),
                body=_when_where(event),
                url=_event_url(event),
            )
        if held:
            event.refresh_from_db(fields=["confirmed"])
            _promote(event, actor, now)
    return registration


# Check-in ------------------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    """A code as typed or scanned: spaces and dashes dropped, upper case."""
    text = str(code or "").strip().upper()
    return "".join(char for char in text if char not in " -–—_\t\r\n")


def check_in(
    *,
    actor,
    event: Event,
    code: str,
    session: TrainingSession | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Let a registrant in at the door by the code of their QR code (scanned or typed): from
    two hours before the start until the end. At a training, attendance is taken per session
    (the session given, else the one under way) and the registration becomes attended at its
    first session.

    Refused: an unknown code or another event's (`wrong_code`), someone let in already — the
    message says when (`already_checked_in`), a registration waiting or cancelled
    (`not_confirmed`), outside the hours (`checkin_closed`)."""
    require_perm(actor, "events.check_in", event)
    now = now or timezone.now()
    code = normalise_code(code)
    with transaction.atomic():
        event = Event.objects.select_related("station").get(pk=event.pk)
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .filter(code=code, event=event)
            .select_related("user", "talent")
            .order_by()
            .first()
            if code
            else None
        )
        if registration is None:
            raise ValidationError(
                {
                    "code": ValidationError(
                        _("This code is not a registration for this event."), code="wrong_code"
                    )
                }
            )
        if session is None and event.kind in TRAINING_KINDS:
            session = _current_session(event, now)
        elif session is not None and session.event_id != event.pk:
            raise ValidationError(
                {
                    "session": ValidationError(
                        _("This session belongs to another training."), code="wrong_session"
                    )
                }
            )
        if session is not None:
            done = SessionAttendance.objects.filter(
                session=session, registration=registration
            ).first()
            if done is not None:
                raise _already_checked_in(done.checked_in_at, session)
        elif registration.status == RegistrationStatus.ATTENDED:
            raise _already_checked_in(registration.checked_in_at)
        if registration.status not in HOLDING_STATUSES:
            raise ValidationError(
                {
                    "code": ValidationError(
                        _("%(name)s has no place at this event (%(status)s).")
                        % {
                            "name": _person(registration),
                            "status": registration.get_status_display(),
                        },
                        code="not_confirmed",
                    )
                }
            )
        if event.status != EventStatus.PUBLISHED:
            raise _checkin_closed(
                _("The event is not open (%(status)s).") % {"status": event.get_status_display()}
            )
        opens, closes = _check_in_hours(event, session)
        if not opens <= now <= closes:
            raise _checkin_closed(
                _("Check-in is open from %(opens)s to %(closes)s.")
                % {"opens": _time(opens), "closes": _time(closes)}
            )
        changes = []
        if registration.status == RegistrationStatus.CONFIRMED:
            registration.status = RegistrationStatus.ATTENDED
            registration.checked_in_at = now
            registration.checked_in_by = actor
            registration.save(
                update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"]
            )
            changes = ["status", "checked_in_at", "checked_in_by"]
        detail = {"event": event.pk}
        if session is not None:
            attendance = SessionAttendance(
                session=session, registration=registration, checked_in_at=now, checked_in_by=actor
            )
            try:
                with transaction.atomic():
                    attendance.save()
            except IntegrityError:  # the same code scanned twice at the same moment
                raise _already_checked_in(now, session) from None
            detail["session"] = session.number
            changes.append("session_attendances")
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=registration,
            changes=changes,
            detail=detail,
        )
    registration.checked_in_session = session
    return registration


# Trainings -----------------------------------------------------------------------------------


def issue_certificates(
    *, actor, event: Event, now: datetime.datetime | None = None
) -> list[Certificate]:
    """After a training has ended: a numbered certificate for each attendee with enough sessions
    (`sessions_required`, else every session; a training without sessions: having come).
    Issued once: running it again issues only the ones still due. The new holders are told."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked_event(event)
        require_perm(actor, "events.organise", event)
        if event.kind not in TRAINING_KINDS:
            raise ValidationError(_("Only a training has certificates."), code="not_a_training")
        if event.status != EventStatus.PUBLISHED:
            raise ValidationError(
                _("This training is “%(status)s”.") % {"status": event.get_status_display()},
                code="wrong_status",
            )
        if event.ends_at > now:
            raise ValidationError(
                _("Certificates are issued once the training has ended (%(end)s).")
                % {"end": _time(event.ends_at)},
                code="not_ended",
            )
        needed = sessions_needed(event)
        year = timezone.localtime(event.ends_at).year
        issued = Certificate.objects.filter(registration__event=event).count()
        attendees = (
            event.registrations.filter(status=RegistrationStatus.ATTENDED, certificate__isnull=True)
            .select_related("user", "talent")
            .order_by("created_at", "id")
        )
        new = []
        for registration in attendees:
            attended = registration.session_attendances.count()
            if attended < needed:
                continue
            issued += 1
            certificate = Certificate.objects.create(
                registration=registration,
                number=f"TZ{year}-{event.pk:05d}-{issued:04d}",
                issued_at=now,
                sessions_attended=attended,
            )
            audit(
                actor=actor,
                action=AuditAction.CREATE,
                target=certificate,
                detail={"event": event.pk, "registration": registration.pk},
            )
            new.append(certificate)
            if registration.user.is_active:
                notify(
                    [registration.user],
                    title=_title(
                        _("Your certificate for %(event)s is ready") % {"event": event.title}
                    ),
                    body=certificate.number,
                    url=_link("events:my-certificates"),
                )
    return new


def sessions_needed(event: Event) -> int:
    """The sessions an attendee needs for the certificate."""
    total = event.sessions.count()
    if event.sessions_required:
        return min(event.sessions_required, total) if total else 0
    return total


# Followed stations ---------------------------------------------------------------------------


def follow_station(*, actor, station: Station) -> StationFollow:
    """Add a station to the actor's "my stations" (its events come first in their list)."""
    require_perm(actor, "events.register")
    with transaction.atomic():
        follow, created = StationFollow.objects.get_or_create(user=actor, station=station)
        if created:
            audit(
                actor=actor,
                action=AuditAction.CREATE,
                target=follow,
                detail={"station": station.pk},
            )
    return follow


def unfollow_station(*, actor, station: Station) -> None:
    require_perm(actor, "events.register")
    with transaction.atomic():
        follow = StationFollow.objects.filter(user=actor, station=station).first()
        if follow is not None:
            audit(
                actor=actor,
                action=AuditAction.DELETE,
                target=follow,
                detail={"station": station.pk},
            )
            follow.delete()


# Helpers: events -----------------------------------------------------------------------------


def _locked_event(event: Event) -> Event:
    """The event read afresh, its row locked until the transaction ends (see LOCK_EVENTS)."""
    if LOCK_EVENTS:
        Event.objects.select_for_update().filter(pk=event.pk).values_list("pk").get()
    return Event.objects.select_related("station", "venue", "booking").get(pk=event.pk)


def _refuse_unknown(fields: Mapping[str, Any]) -> None:
    allowed = set(EVENT_FIELDS) | {f"{name}_id" for name in FOREIGN_KEYS}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError(
            {
                name: ValidationError(_("This field cannot be set here."), code="unknown")
                for name in unknown
            }
        )


def _copy_fields(source: Event, target: Event) -> None:
    for name in EVENT_FIELDS:
        attname = f"{name}_id" if name in FOREIGN_KEYS else name
        setattr(target, attname, getattr(source, attname))


def _assign(event: Event, fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        base = name.removesuffix("_id")
        if base in FOREIGN_KEYS:
            pk = value.pk if hasattr(value, "pk") else (value or None)
            setattr(event, f"{base}_id", pk)
        elif name == "description":
            # The organiser may paste a formatted text: it keeps its markup, never a script.
            setattr(event, name, clean_html((value or "").strip()))
        elif name in ("place", "title", "quota_by", "audience", "kind"):
            setattr(event, name, (value or "").strip() if isinstance(value, str) else value or "")
        else:
            setattr(event, name, value)


def _validate_event(event, stored, quotas, sessions, demands, now) -> list | None:
    """The fields' own checks and the event's rules, every error beside its field; the quota
    rows to write (None: keep them)."""
    errors: dict[str, list] = {}
    try:
        event.full_clean(exclude=["organiser", "booking"], validate_constraints=False)
    except ValidationError as error:
        errors = dict(error.error_dict)
    for field, message, code in _event_problems(event, stored, now, set(errors)):
        errors.setdefault(field, []).append(ValidationError(message, code=code))
    quota_rows = None
    if not {"capacity", "quota_by"} & set(errors):
        try:
            quota_rows = _quota_rows(event, stored, quotas)
        except ValidationError as error:
            errors.update(error.error_dict)
    for name, check in (
        ("sessions", lambda: _check_sessions(event, stored, sessions)),
        ("demands", lambda: _check_demands(event, stored, demands)),
    ):
        try:
            check()
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return quota_rows


def _event_problems(event: Event, stored: Event | None, now, invalid: set[str]):
    """(field, message, code) for each rule the event breaks."""
    if event.station_id is None and event.venue_id is None:
        yield "station", _("Choose a talent station or a park venue."), "no_place"
    starts, ends = event.starts_at, event.ends_at
    timed = not {"starts_at", "ends_at"} & invalid and starts is not None and ends is not None
    if timed and ends <= starts:
        yield "ends_at", _("The event must end after it starts."), "ends_before_start"
    moved = stored is None or stored.starts_at != starts
    if timed and moved and starts < now:
        yield "starts_at", _("An event cannot start in the past."), "past"
    opens, closes = event.registration_opens_at, event.registration_closes_at
    window = (
        timed
        and not {"registration_opens_at", "registration_closes_at"} & invalid
        and opens is not None
        and closes is not None
    )
    if window and closes <= opens:
        yield (
            "registration_closes_at",
            _("Registration must close after it opens."),
            "window_reversed",
        )
    elif window and closes > ends:
        yield (
            "registration_closes_at",
            _("Registration must close by the end of the event."),
            "window_outside_event",
        )
    if event.audience == "young" and event.max_age is None and "max_age" not in invalid:
        yield "max_age", _("Give the age limit of a young audience."), "required"
    if stored is not None and isinstance(event.capacity, int) and event.capacity < stored.confirmed:
        yield (
            "capacity",
            _("%(taken)s places are taken already: the capacity cannot be lower.")
            % {"taken": stored.confirmed},
            "below_taken",
        )
    if (
        stored is not None
        and stored.quota_by != event.quota_by
        and stored.registrations.filter(status__in=LIVE_STATUSES).exists()
    ):
        yield (
            "quota_by",
            _("People have registered already: how places are divided cannot change."),
            "quota_by_locked",
        )
    if event.sessions_required is not None and event.sessions_required < 1:
        yield "sessions_required", _("At least one session."), "min_value"
    if event.booking_id is not None and (
        event.booking.venue_id != event.venue_id
        or (stored is None or stored.booking_id != event.booking_id)
        and hasattr(event.booking, "event")
        and event.booking.event.pk != event.pk
    ):
        yield "booking", _("This booking is for another venue or event."), "wrong_booking"


def _quota_rows(event: Event, stored: Event | None, quotas) -> dict[str, int] | None:
    """The quotas to write as {group: places}; None to keep the stored ones."""
    if event.quota_by != QuotaBy.GENDER:
        if quotas and any(places not in (None, "", 0) for places in quotas.values()):
            raise ValidationError(
                {
                    "quotas": ValidationError(
                        _("Choose what the places are divided by before giving quotas."),
                        code="no_quota_by",
                    )
                }
            )
        return {} if stored is not None and stored.quota_by else None
    if quotas is None:
        return None
    rows: dict[str, int] = {}
    for group, places in quotas.items():
        if group not in Gender.values:
            raise ValidationError(
                {
                    "quotas": ValidationError(
                        _("“%(group)s” is not a group places can be divided by.")
                        % {"group": group},
                        code="unknown_group",
                    )
                }
            )
        if places in (None, ""):
            continue
        try:
            places = int(places)
        except (TypeError, ValueError):
            places = -1
        if places < 0:
            raise ValidationError(
                {"quotas": ValidationError(_("Give places as a whole number."), code="invalid")}
            )
        rows[group] = places
    if sum(rows.values()) > event.capacity:
        raise ValidationError(
            {
                "quotas": ValidationError(
                    _("The quotas add up to %(sum)s, more than the %(capacity)s places.")
                    % {"sum": sum(rows.values()), "capacity": event.capacity},
                    code="quotas_over_capacity",
                )
            }
        )
    if stored is not None:
        for quota in stored.quotas.all():
            wanted = rows.get(quota.group)
            if quota.confirmed and (wanted is None or wanted < quota.confirmed):
                raise ValidationError(
                    {
                        "quotas": ValidationError(
                            _("%(taken)s places of %(group)s are taken already.")
                            % {"taken": quota.confirmed, "group": _group_label(quota.group)},
                            code="below_taken",
                        )
                    }
                )
    return rows


def _replace_quotas(event: Event, rows: dict[str, int]) -> bool:
    current = {quota.group: quota for quota in event.quotas.all()}
    if {group: quota.places for group, quota in current.items()} == rows:
        return False
    for group, quota in current.items():
        if group not in rows:
            quota.delete()
    for group, places in rows.items():
        if group in current:
            EventQuota.objects.filter(pk=current[group].pk).update(places=places)
        else:
            # A quota added later counts the places its group holds already.
            taken = event.registrations.filter(group=group, status__in=HOLDING_STATUSES).count()
            if taken > places:
                raise ValidationError(
                    {
                        "quotas": ValidationError(
                            _("%(taken)s places of %(group)s are taken already.")
                            % {"taken": taken, "group": _group_label(group)},
                            code="below_taken",
                        )
                    }
                )
            EventQuota.objects.create(event=event, group=group, places=places, confirmed=taken)
    return True


def _session_rows(event: Event, sessions) -> list[TrainingSession]:
    rows = []
    for index, row in enumerate(sessions, start=1):
        number = row.get("number") or index
        rows.append(
            TrainingSession(
                event=event,
                number=int(number),
                title=str(row.get("title") or "").strip(),
                starts_at=row.get("starts_at"),
                ends_at=row.get("ends_at"),
            )
        )
    return rows


def _check_sessions(event: Event, stored: Event | None, sessions) -> None:
    count = None
    if sessions is not None:
        if sessions and event.kind not in TRAINING_KINDS:
            raise ValidationError(_("Only a training has sessions."), code="not_a_training")
        rows = _session_rows(event, sessions)
        numbers = [row.number for row in rows]
        if len(set(numbers)) != len(numbers):
            raise ValidationError(_("Two sessions have the same number."), code="duplicate")
        for row in rows:
            label = {"number": row.number}
            if not row.title:
                raise ValidationError(
                    _("Session %(number)s needs a title.") % label, code="required"
                )
            if not all(isinstance(m, datetime.datetime) for m in (row.starts_at, row.ends_at)):
                raise ValidationError(
                    _("Session %(number)s needs its start and end.") % label, code="required"
                )
            if row.ends_at <= row.starts_at:
                raise ValidationError(
                    _("Session %(number)s must end after it starts.") % label,
                    code="ends_before_start",
                )
            timed = isinstance(event.starts_at, datetime.datetime) and isinstance(
                event.ends_at, datetime.datetime
            )
            if timed and (row.starts_at < event.starts_at or row.ends_at > event.ends_at):
                raise ValidationError(
                    _("Session %(number)s must lie within the training.") % label,
                    code="outside_event",
                )
        if stored is not None:
            wanted = {row.number: (row.starts_at, row.ends_at) for row in rows}
            for session in stored.sessions.filter(attendances__isnull=False).distinct():
                if wanted.get(session.number) != (session.starts_at, session.ends_at):
                    raise ValidationError(
                        _("Session %(number)s has attendance taken: it cannot be moved or removed.")
                        % {"number": session.number},
                        code="session_has_attendance",
                    )
        count = len(rows)
    elif stored is not None:
        count = stored.sessions.count()
    required = event.sessions_required
    if required and count is not None and count and required > count:
        raise ValidationError(
            _(
                "The certificate cannot need more sessions (%(required)s) than there are "
                "(%(count)s)."
            )
            % {"required": required, "count": count},
            code="more_than_sessions",
        )


def _replace_sessions(event: Event, sessions) -> bool:
    rows = {row.number: row for row in _session_rows(event, sessions)}
    current = {session.number: session for session in event.sessions.all()}

    def key(session):
        return (session.title, session.starts_at, session.ends_at)

    if {n: key(s) for n, s in current.items()} == {n: key(r) for n, r in rows.items()}:
        return False
    for number, session in current.items():
        if number not in rows:
            session.delete()
    for number, row in rows.items():
        if number in current:
            session = current[number]
            session.title, session.starts_at, session.ends_at = key(row)
            session.save()
        else:
            row.save()
    return True


def _demand_objects(demands) -> list[Demand]:
    ids = [demand.pk if hasattr(demand, "pk") else int(demand) for demand in demands]
    found = Demand.objects.select_related("enterprise").in_bulk(ids)
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


def _check_demands(event: Event, stored: Event | None, demands) -> None:
    if demands is None:
        return
    chosen = _demand_objects(demands)
    if chosen and event.kind != EventKind.LIVE_STREAM:
        raise ValidationError(
            _("Only a live-stream recruiting session presents demands."),
            code="not_a_live_stream",
        )
    presented = set(stored.demands.values_list("pk", flat=True)) if stored is not None else set()
    for demand in chosen:
        if demand.pk not in presented and demand.status != DemandStatus.OPEN:
            raise ValidationError(
                _("“%(demand)s” is not open.") % {"demand": demand.title},
                code="demand_not_open",
            )


def _replace_demands(event: Event, demands) -> bool:
    wanted = {demand.pk for demand in _demand_objects(demands)}
    if wanted == set(event.demands.values_list("pk", flat=True)):
        return False
    event.demands.set(wanted)
    return True


def _booking_purpose(kind: str) -> str:
    from talentzone.venues.choices import BookingPurpose

    if kind == EventKind.LIVE_STREAM:
        return BookingPurpose.LIVE_STREAM
    if kind in TRAINING_KINDS:
        return BookingPurpose.TRAINING
    return BookingPurpose.EVENT


def _people_in_the_room(event: Event) -> int:
    """How many people the event brings into its room: a live stream's places are its viewers
    online, so only the room's own seats count (the presenters), not the audience."""
    if event.kind == EventKind.LIVE_STREAM:
        return min(event.capacity, event.venue.capacity)
    return event.capacity


def _book_venue(actor, event: Event, stored: Event | None, book_venue: bool, now) -> bool:
    """Keep the event's venue booking in step: booked through the venues service when the event
    is in a venue (moved when the venue or the time change; given back when it leaves the
    venue). Whether the booking changed."""
    old = stored.booking if stored is not None and stored.booking_id else None
    if event.booking_id is not None and (old is None or old.pk != event.booking_id):
        if old is not None:
            _give_back_booking(actor, old, _("The event moved."), now)
        return True  # a booking made beforehand, given with the event
    same_slot = old is not None and (
        old.venue_id == event.venue_id
        and old.starts_at == event.starts_at
        and old.ends_at == event.ends_at
    )
    holding = old is not None and old.status in ("requested", "confirmed")
    if event.venue_id is None or not book_venue:
        if old is not None and event.venue_id is None and holding:
            _give_back_booking(actor, old, _("The event left the venue."), now)
            Event.objects.filter(pk=event.pk).update(booking=None)
            event.booking = None
            return True
        return False
    if same_slot and holding:
        return False
    from talentzone.venues import services as venue_services

    if old is not None and holding:
        _give_back_booking(actor, old, _("The event moved."), now)
    try:
        with transaction.atomic():
            booking = venue_services.booking_create(
                actor=actor,
                venue=event.venue,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                purpose=_booking_purpose(event.kind),
                title=event.title[:100],
                attendees=_people_in_the_room(event),
                note=_("Booked for the event “%(event)s”.") % {"event": event.title},
                now=now,
            )
    except ValidationError as error:
        raise _as_event_error(error) from None
    Event.objects.filter(pk=event.pk).update(booking=booking)
    event.booking = booking
    return True


def _as_event_error(error: ValidationError) -> ValidationError:
    """A venue booking's refusal, with each field named as the event form names it."""
    if not hasattr(error, "error_dict"):
        return ValidationError({"venue": error.error_list})
    renamed = {"attendees": "capacity", "__all__": "venue", "title": "venue", "purpose": "venue"}
    errors: dict[str, list] = {}
    for field, items in error.error_dict.items():
        errors.setdefault(renamed.get(field, field), []).extend(items)
    return ValidationError(errors)


def _give_back_booking(actor, booking, reason: str, now, *, tolerate: bool = False) -> str:
    """Cancel the event's venue booking; what became of it. `tolerate` (an event called off):
    when the venue's cut-off or the booking's owner keeps the actor from cancelling it, the
    booking stays for the office to cancel ("kept") instead of refusing the whole step."""
    if booking.status not in ("requested", "confirmed"):
        return booking.status
    from talentzone.venues import services as venue_services

    try:
        with transaction.atomic():
            venue_services.booking_cancel(actor=actor, booking=booking, reason=reason, now=now)
    except (ValidationError, PermissionDenied) as error:
        if not tolerate or (
            not isinstance(error, PermissionDenied) and not _code_in(error, "too_late")
        ):
            raise
        return "kept"
    return "cancelled"


def _code_in(error: ValidationError, code: str) -> bool:
    items = (
        [item for items in error.error_dict.values() for item in items]
        if hasattr(error, "error_dict")
        else error.error_list
    )
    return any(item.code == code for item in items)


def _require_event_status(event: Event, *allowed: str) -> None:
    if event.status not in allowed:
        raise ValidationError(
            _("This cannot be done to an event that is “%(status)s”.")
            % {"status": event.get_status_display()},
            code="wrong_status",
        )


# Helpers: places -----------------------------------------------------------------------------


def _take_place(event: Event, quota: EventQuota | None) -> bool:
    """One place more taken in the event (and its group's quota), counted by the database; False
    when a constraint refuses it (the counters are as they were)."""
    try:
        with transaction.atomic():
            Event.objects.filter(pk=event.pk).update(
                confirmed=F("confirmed") + 1, updated_at=timezone.now()
            )
            if quota is not None:
                EventQuota.objects.filter(pk=quota.pk).update(confirmed=F("confirmed") + 1)
    except IntegrityError:
        return False
    event.confirmed += 1
    if quota is not None:
        quota.confirmed += 1
    return True


def _give_place(event: Event, group: str) -> None:
    Event.objects.filter(pk=event.pk).update(
        confirmed=F("confirmed") - 1, updated_at=timezone.now()
    )
    if group:
        EventQuota.objects.filter(event=event, group=group).update(confirmed=F("confirmed") - 1)
    event.confirmed -= 1


def _promote(event: Event, actor, now) -> list[Registration]:
    """Give the free places to the waiting list in arrival order: each to the first waiting
    person whose group has room (until the event starts). The promoted are told."""
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return []
    quotas = {quota.group: quota for quota in event.quotas.all()}
    promoted = []
    waiting = (
        event.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("user")
        .order_by("created_at", "id")
    )
    for registration in waiting:
        if event.confirmed >= event.capacity:
            break
        quota = quotas.get(registration.group) if registration.group else None
        if quota is not None and quota.confirmed >= quota.places:
            continue
        if not _take_place(event, quota):
            break
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.UPDATE,
            target=registration,
            changes=["status", "promoted_at"],
            detail={
                "event": event.pk,
                "from": RegistrationStatus.WAITLISTED,
                "to": RegistrationStatus.CONFIRMED,
            },
        )
        if registration.user.is_active:
            notify(
                [registration.user],
                title=_title(
                    _("A place came free: you are in for %(event)s") % {"event": event.title}
                ),
                body=_when_where(event),
                url=_event_url(event),
            )
        promoted.append(registration)
    return promoted


def _insert_registration(registration: Registration) -> None:
    """Insert a registration; its code is drawn again should it meet another's, and a second
    live registration of the same person meets the database's constraint and is refused."""
    for attempt in range(NEW_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                registration.save()
            return
        except IntegrityError:
            if Registration.objects.filter(
                event_id=registration.event_id,
                user_id=registration.user_id,
                status__in=LIVE_STATUSES,
            ).exists():
                raise _already_registered() from None
            if attempt == NEW_CODE_ATTEMPTS - 1:
                raise
            from .models import new_checkin_code

            registration.pk = None
            registration.code = new_checkin_code()


def _already_registered() -> ValidationError:
    return ValidationError(
        _("You are already registered for this event."), code="already_registered"
    )


def _chosen_demands(event: Event, demands) -> list[Demand]:
    """The presented demands a live-stream viewer signs up for (all when none is chosen)."""
    if event.kind != EventKind.LIVE_STREAM:
        return []
    presented = {demand.pk: demand for demand in event.demands.select_related("enterprise")}
    if not demands:
        return list(presented.values())
    chosen = []
    for demand in demands:
        pk = demand.pk if hasattr(demand, "pk") else int(demand)
        if pk not in presented:
            raise ValidationError(
                {
                    "demands": ValidationError(
                        _("This live stream does not present that position."),
                        code="not_presented",
                    )
                }
            )
        if presented[pk] not in chosen:
            chosen.append(presented[pk])
    return chosen


def _sign_up_for_demands(registration: Registration, talent, demands: list[Demand]) -> None:
    """A live-stream viewer's interest in each chosen demand, and the referral it becomes."""
    from talentzone.recruiting import services as recruiting

    note = _("带岗直播 sign-up: %(event)s") % {"event": registration.event.title}
    for demand in demands:
        interest = LiveStreamInterest(registration=registration, demand=demand)
        if talent is None:
            interest.outcome = _("No registry record: cannot be proposed as a candidate.")
        else:
            try:
                with transaction.atomic():
                    interest.referral = recruiting.referral_from_sign_up(
                        talent=talent, demand=demand, referred_by=registration.user, note=note
                    )
                interest.outcome = _("Proposed as a candidate.")
            except ValidationError as error:
                interest.outcome = " ".join(error.messages)
        interest.outcome = interest.outcome[:OUTCOME_LENGTH]
        interest.save()


# Helpers: check-in ---------------------------------------------------------------------------


def _current_session(event: Event, now) -> TrainingSession | None:
    """The session whose check-in hours hold `now` (the earliest such); None without sessions;
    the next one to come otherwise (its hours then refuse the check-in, saying when)."""
    sessions = list(event.sessions.order_by("starts_at", "number"))
    if not sessions:
        return None
    for session in sessions:
        if session.starts_at - CHECK_IN_OPENS <= now <= session.ends_at:
            return session
    upcoming = [session for session in sessions if session.starts_at > now]
    return upcoming[0] if upcoming else sessions[-1]


def _check_in_hours(event: Event, session) -> tuple[datetime.datetime, datetime.datetime]:
    if session is not None:
        return session.starts_at - CHECK_IN_OPENS, session.ends_at
    return event.starts_at - CHECK_IN_OPENS, event.ends_at


def _already_checked_in(at, session=None) -> ValidationError:
    if session is not None:
        message = _("Already checked in to session %(number)s at %(time)s.") % {
            "number": session.number,
            "time": _time(at),
        }
    else:
        message = _("Already checked in at %(time)s.") % {"time": _time(at)}
    return ValidationError({"code": ValidationError(message, code="already_checked_in")})


def _checkin_closed(message: str) -> ValidationError:
    return ValidationError({"code": ValidationError(message, code="checkin_closed")})


def _person(registration: Registration) -> str:
    if registration.talent_id is not None:
        return registration.talent.name
    return str(registration.user)


# Helpers: words ------------------------------------------------------------------------------


def _time(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _title(text: str) -> str:
    return str(text)[:TITLE_LENGTH]


def _when_where(event: Event) -> str:
    place = event.place or (event.venue.name if event.venue_id else "")
    if not place and event.station_id:
        place = event.station.name
    when = f"{_time(event.starts_at)} – {timezone.localtime(event.ends_at):%H:%M}"
    return f"{when} · {place}" if place else when


def _group_label(group: str) -> str:
    return str(Gender(group).label) if group in Gender.values else group


def _audience_words(event: Event) -> str:
    if event.audience == "young" and event.max_age is not None:
        return _("young people up to %(age)s on the day") % {"age": event.max_age}
    return str(event.get_audience_display()).lower()


def _registration_closed_text(event: Event, now) -> str:
    if event.status != EventStatus.PUBLISHED:
        return _("This event is not open to registration (%(status)s).") % {
            "status": event.get_status_display()
        }
    if now < event.registration_opens_at:
        return _("Registration opens at %(time)s.") % {"time": _time(event.registration_opens_at)}
    return _("Registration closed at %(time)s.") % {"time": _time(event.registration_closes_at)}


def _link(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:  # the pages are not wired (or named otherwise)
        return ""


def _event_url(event: Event) -> str:
    return _link("events:event-detail", event.pk) or _link("events:detail", event.pk)


def _tell_registrants(event: Event, actor, title: str, body: str) -> None:
    """Tell everyone registered (confirmed or waiting), never the actor."""
    users = (
        User.objects.filter(
            event_registrations__event=event,
            event_registrations__status__in=LIVE_STATUSES,
            is_active=True,
        )
        .exclude(pk=actor.pk)
        .distinct()
    )
    notify(users, title=_title(title), body=body, url=_event_url(event))
