"""Seed the demo's season of events: socials, talent days, party-and-community activities,
skill trainings for scarce trades, the office's cadre training, a live-stream recruiting session
and the 54th social with its gender quotas and waiting list.

`talentzone seed` calls `seed_events` after the venues, in the same transaction (and skips it
with `--registry-only`). Events still to come are made through the services, as their
organisers would have made them (a station's staff, the office, the demo agency for the live
stream), published, and registered for by the people themselves: the services decide who gets a
place and who waits, a cancellation moves the first waiting person up, live-stream sign-ups
become referrals for the demands presented, and the trainings that ended get their
certificates. Events already begun cannot be made through the services (they take nothing in
the past), so they are written directly, with what the services would have left: counters equal
to the registrations holding places, quotas held, the waiting list in arrival order, attendance
per session, the venue's bookings kept apart with their cleaning time.

Registrants are registry talents who get an account (a stand-in without a password, as the
recruiting demo makes), the zone's cadres (stand-ins too) and the demo accounts. The demo talent
follows two stations, has a confirmed place to come (with its QR code), waits on the list of a
full training and came to a training that gave them a certificate; the demo station account's
station has events to come to check people in.

The same registry gets the same demo relative to the day of seeding (`random.Random` streams
with fixed seeds; only the check-in codes are random). The season does not grow with the scale.
"""

import datetime
import time
from collections import Counter
from collections.abc import Callable, Iterator
from random import Random

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.directory.choices import Gender, TalentStatus
from talentzone.directory.demo import names
from talentzone.directory.models import Department, Grid, Membership, Station, Talent
from talentzone.events.choices import (
    HOLDING_STATUSES,
    TRAINING_KINDS,
    Audience,
    EventKind,
    EventStatus,
    QuotaBy,
    RegistrationStatus,
)
from talentzone.events.models import (
    Certificate,
    Event,
    EventQuota,
    LiveStreamInterest,
    Registration,
    SessionAttendance,
    StationFollow,
    TrainingSession,
)
from talentzone.recruiting import search
from talentzone.recruiting.choices import DemandStatus
from talentzone.recruiting.demo.accounts import STAND_IN, Actors
from talentzone.recruiting.models import CandidateProfile, Demand
from talentzone.venues.choices import HOLDING_STATUSES as HOLDING_BOOKINGS
from talentzone.venues.choices import BookingPurpose, BookingStatus
from talentzone.venues.models import Booking, Venue

from . import season
from .season import EventSpec

Report = Callable[[str], None]
SEED = "talentzone-demo-events"
GENERAL_POOL = 240  # registry talents who take part in events
YOUNG_POOL = {Gender.MALE: 48, Gender.FEMALE: 38}
CADRES = 30
FOLLOW_SHARE = 0.5
CANCEL_SHARE = 0.06  # of the registrations, cancelled by their person
ATTEND_SHARE = 0.84  # of the places taken at an event held, people who came
SLOT_DAYS = 28  # days a venue event may move on to find its room free (busy rooms at scale ≥ 2)


PURPOSES = {
    EventKind.LIVE_STREAM: BookingPurpose.LIVE_STREAM,
    **dict.fromkeys(TRAINING_KINDS, BookingPurpose.TRAINING),
}


# The upcoming events whose people sign up through the services (the demo talent's, the full
# training with its waiting list, the one called off); the crowds of the others are inserted in
# bulk, without an audit record each (as the recruiting demo inserts the registry's profiles),
# which keeps the seed fast.
SIGNED_UP_THROUGH_SERVICES = {"engineers", "maintenance-training", "cycling"}


def is_seeded() -> bool:
    return Event.objects.exists()


def demo_venues_there() -> bool:
    """The season's venue events need the demo park's rooms."""
    rooms = {season.LIVE_STREAM.where} | {spec.where for spec in season.SEASON if spec.in_venue}
    return Venue.objects.filter(name__in=rooms).count() == len(rooms)


def seed_events(
    scale: float,
    report: Report = lambda line: None,
    now: datetime.datetime | None = None,
) -> bool:
    """Seed the season; False (nothing written) when there are events already."""
    if is_seeded() or not demo_venues_there():
        return False
    with transaction.atomic():
        EventSeeder(scale, now or timezone.now(), report).seed()
    return True


def event_counts() -> list[tuple[str, int]]:
    """Rows of the events app, for the seed's summary: registrations by status."""
    counts = [
        (str(model._meta.verbose_name_plural), model.objects.count())
        for model in (
            Event,
            Registration,
            TrainingSession,
            SessionAttendance,
            Certificate,
            LiveStreamInterest,
            StationFollow,
        )
    ]
    for model, choices in ((Event, EventStatus), (Registration, RegistrationStatus)):
        by_status = dict(
            model.objects.values_list("status").annotate(n=Count("id")).order_by("status")
        )
        plural = model._meta.verbose_name_plural
        counts += [
            (f"{plural} · {status.label}", by_status.get(status.value, 0)) for status in choices
        ]
    return counts


def stream(name: str) -> Random:
    return Random(f"{SEED}/{name}")


def aware(day: datetime.date, moment: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, moment))


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class EventSeeder:
    def __init__(self, scale: float, now: datetime.datetime, report: Report):
        from talentzone.events import services
        from talentzone.venues import services as venue_services

        self.services = services
        self.venue_services = venue_services
        self.now = now
        self.today = timezone.localtime(now).date()
        self.report = report
        self.started = time.monotonic()
        self.rng = stream("registrations")
        self.actors = Actors(stream("accounts"))
        self.office = self.actors.office
        demo = User.objects.in_bulk(
            ["talent", "station", "grid", "reviewer"], field_name="username"
        )
        self.talent_user = demo["talent"]
        self.station_user = demo["station"]
        self.staff_demo = [demo["grid"], demo["reviewer"], demo["station"]]
        self.demo_talent = Talent.objects.filter(user=self.talent_user).first()
        self.stations = Station.objects.in_bulk(field_name="name")
        self.venues = Venue.objects.in_bulk(field_name="name")
        self.groups = {group.name: group for group in Group.objects.all()}
        self.events: dict[str, Event] = {}
        self.staff_of_station: dict[int, User] = {}
        self.refusals: list[ValidationError] = []

    def seed(self) -> None:
        self._people()
        for spec in season.SEASON:
            self._event(spec)
        self._live_stream()
        self._follows()
        self.report(
            f"{Event._meta.verbose_name_plural} {Event.objects.count()}, "
            f"{Registration._meta.verbose_name_plural} {Registration.objects.count()} "
            f"({time.monotonic() - self.started:.1f} s)"
        )

    # People ---------------------------------------------------------------------------------

    def _people(self) -> None:
        """Accounts for the registry talents who take part, and the zone's cadres."""
        rng = stream("people")
        free = Talent.objects.filter(status=TalentStatus.IN_ZONE, user=None).order_by("pk")
        fields = ("pk", "name", "gender", "birth_date", "status")
        social_day = self.today + datetime.timedelta(days=8)
        born_after = social_day.replace(year=social_day.year - season.SOCIAL_AGE - 1)
        young: list[Talent] = []
        for gender, count in YOUNG_POOL.items():
            found = free.filter(gender=gender, birth_date__gt=born_after + datetime.timedelta(2))
            young += list(found.only(*fields)[:count])
        others = list(free.exclude(pk__in=[t.pk for t in young]).only(*fields)[: GENERAL_POOL * 4])
        general = rng.sample(others, min(GENERAL_POOL, len(others)))
        self._give_accounts(general + young)
        self.general = [t for t in general if t.user_id]
        self.young = {
            gender: [t for t in young if t.gender == gender and t.user_id] for gender in Gender
        }
        self.cadres = self.staff_demo + self._cadres(rng)

    def _next_number(self) -> int:
        numbers = [
            int(match.group(1))
            for username in User.objects.filter(username__startswith="demo-").values_list(
                "username", flat=True
            )
            if (match := STAND_IN.match(username))
        ]
        return max(numbers, default=0) + 1

    def _give_accounts(self, talents: list[Talent]) -> None:
        first = self._next_number()
        users = [
            User(
                username=f"demo-talent-{first + i:04d}",
                display_name=talent.name[:50],
                password=make_password(None),
            )
            for i, talent in enumerate(talents)
        ]
        User.objects.bulk_create(users)
        users = list(User.objects.filter(username__in=[u.username for u in users]).order_by("pk"))
        by_name = {user.username: user for user in users}
        for i, talent in enumerate(talents):
            talent.user = by_name[f"demo-talent-{first + i:04d}"]
        Talent.objects.bulk_update(talents, ["user"], batch_size=500)
        through = User.groups.through
        group = self.groups[Role.TALENT.value]
        through.objects.bulk_create([through(user_id=u.pk, group_id=group.pk) for u in users])

    def _cadres(self, rng: Random) -> list[User]:
        grids = list(Grid.objects.order_by("pk"))
        departments = list(Department.objects.order_by("pk"))
        made = []
        for i in range(CADRES):
            male = rng.random() < 0.5
            on_grid = i % 3 != 0
            role = Role.GRID_OFFICER if on_grid else Role.REVIEWER
            user = self.actors._stand_in("cadre", names.person_name(rng, male), role)
            organisation = {"grid": grids[i % len(grids)]} if on_grid else {}
            if not on_grid:
                organisation = {"department": departments[i % len(departments)]}
            Membership.objects.create(user=user, **organisation)
            made.append(user)
        return made

    def _station_staff(self, station: Station) -> User:
        if station.pk not in self.staff_of_station:
            membership = (
                Membership.objects.filter(station=station, user__groups__name=Role.STATION_STAFF)
                .select_related("user")
                .order_by("user_id")
                .first()
            )
            if membership:
                user = membership.user
            else:
                name = names.person_name(self.rng, self.rng.random() < 0.5)
                user = self.actors._stand_in("station", name, Role.STATION_STAFF)
                Membership.objects.create(user=user, station=station)
            self.staff_of_station[station.pk] = user
        return self.staff_of_station[station.pk]

    def _organiser(self, spec: EventSpec) -> User:
        if spec.organiser == "office":
            return self.office
        if spec.organiser == "agency":
            return self.actors.agency
        return self._station_staff(self.stations[spec.where])

    def _people_for(self, spec: EventSpec, day: datetime.date) -> list[Talent | User]:
        """Who may come, shuffled: talents (or, for cadres' events, users)."""
        rng = self.rng
        if spec.audience == Audience.STAFF:
            people = list(self.cadres)
        elif spec.audience == Audience.YOUNG:
            people = [
                t
                for gender in Gender
                for t in self.young[gender]
                if age_on(t.birth_date, day) <= spec.max_age
            ]
        else:
            people = list(self.general)
        rng.shuffle(people)
        return people

    # Events ---------------------------------------------------------------------------------

    def _times(self, spec: EventSpec) -> tuple[datetime.datetime, datetime.datetime]:
        if spec.sessions:
            first, last = spec.sessions[0], spec.sessions[-1]
            starts = aware(self.today + datetime.timedelta(days=first.day), first.start)
            ends = aware(self.today + datetime.timedelta(days=last.day), last.start)
            return starts, ends + datetime.timedelta(minutes=last.minutes)
        starts = aware(self.today + datetime.timedelta(days=spec.day), spec.start)
        return starts, starts + datetime.timedelta(minutes=spec.minutes)

    def _fields(self, spec: EventSpec, starts, ends, venue: Venue | None) -> dict:
        station = None if spec.in_venue else self.stations[spec.where]
        return {
            "title": spec.title,
            "kind": spec.kind,
            "description": spec.description,
            "station": station,
            "venue": venue,
            "place": venue.place if venue else station.address,
            "starts_at": starts,
            "ends_at": ends,
            "capacity": spec.capacity,
            "quota_by": QuotaBy.GENDER if spec.quotas else QuotaBy.NONE,
            "registration_opens_at": starts - datetime.timedelta(days=spec.opens_days),
            "registration_closes_at": min(ends, starts + datetime.timedelta(hours=1))
            if not spec.sessions
            else starts,
            "audience": spec.audience,
            "max_age": spec.max_age,
            "sessions_required": spec.sessions_required,
        }

    def _event(self, spec: EventSpec) -> None:
        starts, ends = self._times(spec)
        if starts > self.now + datetime.timedelta(minutes=10):
            event = self._upcoming(spec, starts, ends)
        else:
            event = self._held(spec, starts, ends)
        self.events[spec.key] = event

    def _sessions(self, spec: EventSpec) -> list[dict]:
        return [
            {
                "number": number,
                "title": session.title,
                "starts_at": aware(
                    self.today + datetime.timedelta(days=session.day), session.start
                ),
                "ends_at": aware(self.today + datetime.timedelta(days=session.day), session.start)
                + datetime.timedelta(minutes=session.minutes),
            }
            for number, session in enumerate(spec.sessions, start=1)
        ]

    # ... to come, through the services

    def _upcoming(self, spec: EventSpec, starts, ends, demands=None) -> Event:
        organiser = self._organiser(spec)
        sessions = self._sessions(spec) or None
        quotas = dict(spec.quotas) or None
        if spec.in_venue:
            # The room is booked first (a live stream's viewers watch online: the room holds
            # its crew only), the office approves when it must, then the event takes it.
            booking = self._book_room(spec, organiser, starts, ends - starts)
            if booking.status == BookingStatus.REQUESTED:
                booking = self.venue_services.booking_decide(
                    actor=self.office, booking=booking, approve=True
                )
            length = ends - starts
            event = self.services.event_save(
                actor=organiser,
                quotas=quotas,
                demands=demands,
                sessions=sessions,
                book_venue=False,
                now=self.now,
                booking=booking,
                **self._fields(spec, booking.starts_at, booking.starts_at + length, booking.venue),
            )
        else:
            event = self.services.event_save(
                actor=organiser,
                quotas=quotas,
                sessions=sessions,
                now=self.now,
                **self._fields(spec, starts, ends, None),
            )
        event = self.services.event_publish(actor=organiser, event=event, now=self.now)
        if spec.key == "social-54":
            self._social_54(event)
        elif spec.fill and spec.key in SIGNED_UP_THROUGH_SERVICES:
            self._sign_up(spec, event)
        elif spec.fill:
            self._bulk_sign_up(spec, event)
        if spec.cancelled:
            self.services.event_cancel(
                actor=organiser, event=event, reason=spec.cancelled, now=self.now
            )
        return event

    def _book_room(self, spec: EventSpec, organiser: User, starts, length) -> Booking:
        for venue, moved in self._slots(spec.where, starts, length):
            try:
                return self.venue_services.booking_create(
                    actor=organiser,
                    venue=venue,
                    starts_at=moved,
                    ends_at=moved + length,
                    purpose=PURPOSES.get(spec.kind, BookingPurpose.EVENT),
                    title=spec.title[:100],
                    attendees=min(venue.capacity, spec.capacity),
                    now=self.now,
                )
            except ValidationError as error:  # over the organiser's weekly quota
                self.refusals.append(error)
        raise AssertionError((spec.key, self.refusals[-3:]))

    def _register(self, user: User, event: Event, demands=None) -> Registration | None:
        try:
            return self.services.register(actor=user, event=event, demands=demands, now=self.now)
        except ValidationError:
            return None  # not in the audience after all, or registered already

    def _sign_up(self, spec: EventSpec, event: Event) -> None:
        rng = self.rng
        people = self._people_for(spec, event.starts_at.date())
        count = min(len(people), round(spec.capacity * spec.fill))
        made = []
        waits = spec.fill > 1  # the demo talent joins the queue, which nobody leaves
        if spec.key == season.TALENT_CONFIRMED:
            self._register(self.talent_user, event)
        for person in people[:count]:
            user = person if isinstance(person, User) else person.user
            registration = self._register(user, event)
            if registration:
                made.append(registration)
        if spec.key == season.TALENT_WAITLISTED:
            self._register(self.talent_user, event)
        for registration in made if not waits else ():
            if rng.random() < CANCEL_SHARE and registration.status in HOLDING_STATUSES:
                self.services.cancel_registration(
                    actor=registration.user, registration=registration, now=self.now
                )

    def _bulk_sign_up(self, spec: EventSpec, event: Event) -> None:
        """An upcoming event's crowd, as `register` would have taken them in arrival order."""
        rng = self.rng
        people = self._people_for(spec, event.starts_at.date())
        chosen = people[: min(len(people), round(spec.capacity * spec.fill))]
        opens = event.registration_opens_at
        step = (self.now - opens) / (len(chosen) + 1)
        quotas = {quota.group: quota for quota in event.quotas.all()}
        taken: Counter[str] = Counter()
        rows = []
        for i, person in enumerate(chosen):
            user = person if isinstance(person, User) else person.user
            talent = None if isinstance(person, User) else person
            group = talent.gender if quotas and talent else ""
            arrived = opens + step * (i + 1)
            registration = Registration(event=event, user=user, talent=talent, group=group)
            quota = quotas.get(group)
            if rng.random() < CANCEL_SHARE:
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = arrived + (self.now - arrived) * rng.random()
            elif taken["*"] < event.capacity and (quota is None or taken[group] < quota.places):
                registration.status = RegistrationStatus.CONFIRMED
                taken["*"] += 1
                taken[group] += 1
            else:
                registration.status = RegistrationStatus.WAITLISTED
            rows.append((registration, arrived))
        Registration.objects.bulk_create([r for r, _ in rows], batch_size=500)
        for registration, arrived in rows:
            Registration.objects.filter(pk=registration.pk).update(
                created_at=arrived, updated_at=arrived
            )
        Event.objects.filter(pk=event.pk).update(confirmed=taken["*"])
        for group, quota in quotas.items():
            EventQuota.objects.filter(pk=quota.pk).update(confirmed=taken[group])

    def _social_54(self, event: Event) -> None:
        """Men fill their places and queue, women leave a few; a man gives up his place and
        the first man waiting moves up."""
        day = event.starts_at.date()
        queues = {
            gender: [t for t in self.young[gender] if age_on(t.birth_date, day) <= event.max_age]
            for gender in Gender
        }
        order = []
        for gender, count in season.SOCIAL_54.items():
            order += [(i * 1000 // count, gender, t) for i, t in enumerate(queues[gender][:count])]
        order.sort(key=lambda row: (row[0], row[1]))
        made = [self._register(talent.user, event) for _rank, _gender, talent in order]
        confirmed = [r for r in made if r and r.status == RegistrationStatus.CONFIRMED]
        men = [r for r in confirmed if r.group == Gender.MALE]
        for registration in men[: season.SOCIAL_54_CANCELLATIONS]:
            self.services.cancel_registration(
                actor=registration.user, registration=registration, now=self.now
            )

    def _slots(self, names_: str, starts, length) -> Iterator[tuple[Venue, datetime.datetime]]:
        """Free (venue, start) pairs: the venue named at the time given, or on the days after
        (the first free slot of the day at that time or later); other rooms of its kind too."""
        first = self.venues[names_]
        rooms = [first] + [
            v for v in self.venues.values() if v.kind == first.kind and v.pk != first.pk
        ]
        for offset in range(SLOT_DAYS):
            day = starts.date() + datetime.timedelta(days=offset)
            for venue in rooms:
                moment = aware(day, starts.timetz().replace(tzinfo=None))
                if self._free(venue, moment, moment + length):
                    yield venue, moment

    def _free(self, venue: Venue, starts, ends) -> bool:
        day = timezone.localtime(starts).date()
        if day.weekday() in venue.closed_weekday_numbers or venue.closures.filter(date=day):
            return False
        local_start, local_end = timezone.localtime(starts), timezone.localtime(ends)
        if local_start.time() < venue.opens_at or local_end.time() > venue.closes_at:
            return False
        if local_end.date() != day:
            return False
        blocked = ends + datetime.timedelta(minutes=venue.buffer_minutes)
        return not Booking.objects.filter(
            venue=venue,
            status__in=HOLDING_BOOKINGS,
            starts_at__lt=blocked,
            blocked_until__gt=starts,
        ).exists()

    # ... held (or begun), written directly

    def _held(self, spec: EventSpec, starts, ends) -> Event:
        rng = self.rng
        organiser = self._organiser(spec)
        sessions = self._sessions(spec)
        venue = None
        if spec.in_venue:
            # An event without sessions books its room for itself, as one sitting.
            sittings = sessions or [{"title": spec.title, "starts_at": starts, "ends_at": ends}]
            placed, venue = self._book_sessions(spec, sittings, organiser)
            sessions = placed if sessions else []
            starts, ends = placed[0]["starts_at"], placed[-1]["ends_at"]
        fields = self._fields(spec, starts, ends, venue)
        event = Event(organiser=organiser, status=EventStatus.PUBLISHED, **fields)
        quotas = dict(spec.quotas)
        people = self._people_for(spec, starts.date())
        count = min(len(people), round(spec.capacity * spec.fill))
        opens, closes = fields["registration_opens_at"], fields["registration_closes_at"]
        closes = min(closes, self.now)
        taken: Counter[str] = Counter()
        rows: list[tuple[Registration, datetime.datetime]] = []
        chosen = people[:count]
        if spec.key == season.TALENT_CERTIFIED and self.demo_talent:
            chosen = [self.demo_talent, *chosen]
        step = (closes - opens) / (len(chosen) + 1)
        for i, person in enumerate(chosen):
            user = person if isinstance(person, User) else person.user
            talent = None if isinstance(person, User) else person
            group = talent.gender if spec.quotas and talent else ""
            arrived = opens + step * (i + 1)
            registration = Registration(event=event, user=user, talent=talent, group=group)
            demo = talent is not None and talent == self.demo_talent
            if rng.random() < CANCEL_SHARE and not demo:
                registration.status = RegistrationStatus.CANCELLED
                registration.cancelled_at = arrived + (closes - arrived) * rng.random()
            elif taken["*"] < spec.capacity and (
                group not in quotas or taken[group] < quotas[group]
            ):
                registration.status = RegistrationStatus.CONFIRMED
                taken["*"] += 1
                taken[group] += 1
            else:
                registration.status = RegistrationStatus.WAITLISTED
            rows.append((registration, arrived))
        event.confirmed = taken["*"]
        event.save()
        Event.objects.filter(pk=event.pk).update(created_at=opens - datetime.timedelta(days=3))
        for group, places in quotas.items():
            EventQuota.objects.create(
                event=event, group=group, places=places, confirmed=taken[group]
            )
        made_sessions = [
            TrainingSession.objects.create(event=event, **session) for session in sessions
        ]
        checker = organiser if spec.organiser != "agency" else self.office
        attendance = self._attend(spec, event, rows, made_sessions, checker)
        Registration.objects.bulk_create([r for r, _ in rows], batch_size=500)
        for registration, arrived in rows:
            Registration.objects.filter(pk=registration.pk).update(
                created_at=arrived, updated_at=arrived
            )
        SessionAttendance.objects.bulk_create(
            [
                SessionAttendance(
                    session=s, registration=r, checked_in_at=at, checked_in_by=checker
                )
                for r, s, at in attendance
            ],
            batch_size=500,
        )
        if made_sessions and ends < self.now:
            self.services.issue_certificates(actor=organiser, event=event, now=self.now)
        return event

    def _attend(self, spec, event, rows, sessions, checker) -> list:
        """Who came: at an event held, most of those with a place; at a training, session by
        session (the registration counts as attended from its first session). An event under
        way has had its first arrivals."""
        rng = self.rng
        attendance = []
        for registration, _arrived in rows:
            if registration.status != RegistrationStatus.CONFIRMED:
                continue
            demo = registration.talent_id and registration.talent == self.demo_talent
            if sessions:
                keen = 1.0 if demo else rng.choice((0.95, 0.95, 0.9, 0.7, 0.0))
                came = []
                for session in sessions:
                    if session.starts_at < self.now and rng.random() < keen:
                        at = session.starts_at - datetime.timedelta(minutes=rng.randint(0, 25))
                        came.append((registration, session, at))
                if came:
                    registration.status = RegistrationStatus.ATTENDED
                    registration.checked_in_at = came[0][2]
                    registration.checked_in_by = checker
                    attendance += came
                continue
            if event.starts_at - datetime.timedelta(hours=1) > self.now:
                continue
            if rng.random() < (ATTEND_SHARE if event.ends_at < self.now else 0.3):
                latest = min(event.ends_at, self.now)
                at = event.starts_at - datetime.timedelta(minutes=30)
                at += (latest - at) * min(1.0, rng.random() * 0.6)
                registration.status = RegistrationStatus.ATTENDED
                registration.checked_in_at = at
                registration.checked_in_by = checker
        return attendance

    def _book_sessions(self, spec: EventSpec, sessions: list[dict], organiser: User):
        """A training in a park room: each session books a room (kept on the same weekday as
        planned when the room is free, else the first free one that day or after)."""
        placed = []
        venue = None
        purpose = BookingPurpose.TRAINING if spec.sessions else BookingPurpose.EVENT
        for session in sessions:
            length = session["ends_at"] - session["starts_at"]
            room, starts = next(self._slots(spec.where, session["starts_at"], length))
            venue = venue or room
            ends = starts + length
            placed.append({**session, "starts_at": starts, "ends_at": ends})
            title = f"{spec.title[:60]}：{session['title']}"[:100]
            if starts > self.now + datetime.timedelta(minutes=10):
                self.venue_services.booking_create(
                    actor=organiser,
                    venue=room,
                    starts_at=starts,
                    ends_at=ends,
                    purpose=purpose,
                    title=title,
                    attendees=min(room.capacity, spec.capacity),
                    now=self.now,
                )
            else:
                Booking.objects.create(
                    venue=room,
                    purpose=purpose,
                    title=title,
                    starts_at=starts,
                    ends_at=ends,
                    blocked_until=ends + datetime.timedelta(minutes=room.buffer_minutes),
                    attendees=min(room.capacity, spec.capacity),
                    status=BookingStatus.CONFIRMED,
                    booked_by=organiser,
                )
        return placed, venue

    # The live stream ------------------------------------------------------------------------

    def _live_stream(self) -> None:
        """The demo agency presents a few open demands of the demo HR account's enterprise;
        viewers sign up for them and become candidates (those who miss a requirement too:
        their sign-up says why)."""
        spec = season.LIVE_STREAM
        enterprise_id = self.actors.demo_enterprise_id
        demands = list(
            Demand.objects.filter(
                enterprise_id=enterprise_id, status=DemandStatus.OPEN, high_level=False
            ).order_by("pk")[: season.LIVE_STREAM_DEMANDS]
        )
        starts, ends = self._times(spec)
        event = self._upcoming(spec, starts, ends, demands=demands)
        self.events[spec.key] = event
        # Viewers who fit: the registry's candidates on the office's match lists (the index
        # keeps only those who meet every required requirement); a few who fit none.
        fitting: dict[int, list[Demand]] = {}
        for demand in demands:
            for match in search.matches_for(demand, self.office, k=season.LIVE_STREAM_VIEWERS):
                fitting.setdefault(match.candidate.id, []).append(demand)
        talents = Talent.objects.select_related("tier", "profile", "user").in_bulk(list(fitting))
        fits = [
            (talents[pk], chosen)
            for pk, chosen in sorted(fitting.items())
            if talents[pk].status == TalentStatus.IN_ZONE and talents[pk] != self.demo_talent
        ][: season.LIVE_STREAM_VIEWERS]
        misfits = []
        others = (
            CandidateProfile.objects.filter(
                open_to_offers=True, talent__status=TalentStatus.IN_ZONE
            )
            .exclude(talent_id__in=list(fitting))
            .exclude(talent__user__username="talent")
            .select_related("talent__tier", "talent__profile", "talent__user")
            .order_by("talent_id")
        )
        for profile in others[:40]:
            if search.violations(demands[0], profile.talent):
                misfits.append((profile.talent, demands[:1]))
                if len(misfits) == season.LIVE_STREAM_MISFITS:
                    break
        viewers = fits + misfits
        self._give_accounts([talent for talent, _ in viewers if talent.user_id is None])
        for talent, chosen in viewers:
            self._register(talent.user, event, demands=chosen)

    # Stations followed ----------------------------------------------------------------------

    def _follows(self) -> None:
        rng = stream("follows")
        stations = sorted(self.stations.values(), key=lambda s: s.pk)
        rows = []
        for talent in self.general + self.young[Gender.MALE] + self.young[Gender.FEMALE]:
            if rng.random() < FOLLOW_SHARE:
                for station in rng.sample(stations, rng.randint(1, 2)):
                    rows.append(StationFollow(user_id=talent.user_id, station=station))
        StationFollow.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        for name in (season.DEMO_STATION, season.STORAGE_STATION):
            self.services.follow_station(actor=self.talent_user, station=self.stations[name])
