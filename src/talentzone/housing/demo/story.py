"""The estate's last fourteen months, played day by day through the services (see the package's
docstring). Every step is an entry of an agenda ordered by its moment; a step may put the next
one on the agenda (a submission asks for the first decision, an accepted offer for the signing).
The daily tasks are entries too, one a day. What falls after the moment of seeding is not
played.
"""

import contextlib
import datetime
import heapq
import itertools
import time
from collections.abc import Callable
from random import Random

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from talentzone.core.choices import Role
from talentzone.core.models import Notification
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import Department, Membership, Talent
from talentzone.directory.services import talent_update
from talentzone.housing import leases, services
from talentzone.housing.choices import (
    MAX_HOUSEHOLD,
    ApartmentStatus,
    EntryStatus,
    InspectionOutcome,
    Layout,
    LeaseStatus,
    OfferStatus,
    SchoolLevel,
)
from talentzone.housing.models import Apartment, Community, Lease, Offer, QueueEntry, Scheme
from talentzone.policies import services as policies
from talentzone.policies.choices import ApplicantKind, ApplicationStatus, Benefit, Decision
from talentzone.policies.demo.attachments import demo_pdf
from talentzone.policies.models import Application, Policy
from talentzone.recruiting.demo.accounts import Actors

from . import estate

SEED = "talentzone-demo-housing"
HISTORY_DAYS = 440  # the first applications, before the first round
ROUNDS = 14  # monthly, the last three days before the seeding
ROUND_EVERY = 30
FIRST_INTAKE = 0.7  # of the flats to let, households approved before the first round
MONTHLY_INTAKE = 0.07  # of the flats, households a month after that
REJECTED_SHARE = 0.05
EARLY_END_SHARE = 0.07
RENEW_SHARE = 0.75
ANSWERS = (("accept", 82), ("decline", 11), ("expire", 7))
REPAIR_SHARE = 0.3  # of the move-out inspections
WITHDRAWN = 2  # waiting households that leave the queue (bought a flat)
QUIET_DAYS = 12  # no offer lapses in the last days, and none is declined after the last round
READ_BEFORE_DAYS = 14
EARLIER_VACANT_SHARE = 0.04  # of the buildings let before the platform, flats between tenants
TICK = datetime.time(1, 15)  # the beat: offers_expire, remind_leases, flag_left_employment


def stream(name: str) -> Random:
    return Random(f"{SEED}/{name}")


# The estate's size: 1 is the office's (240 flats), but every household goes through the
# services (some 150 queries each), so the demo keeps a tenth of it (36 flats) to seed in a few
# seconds. Raise it for a fuller board; seeding time grows with it (about a minute at 1).
MAX_VOLUME = 0.1


def volume(scale: float) -> float:
    return min(max(scale, 0.1), MAX_VOLUME)


def new_flat(rng: Random, spec, community, building: int, floor: int, position: int, layout):
    """One flat as the office enters it: its area drawn for the layout, its rent from the
    community's price per m² (a little more on the upper floors), within the scheme's range."""
    low, high = estate.AREA[layout]
    area = rng.randint(low * 10, high * 10) / 10
    yuan = area * spec.yuan_per_m2 * (1 + 0.01 * max(floor - 3, 0))
    yuan = min(max(round(yuan / 10) * 10, estate.RENT_YUAN[0]), 3000)
    return Apartment(
        community=community,
        building=f"{building}号楼",
        unit=f"{floor}{position:02d}",
        layout=layout,
        area=f"{area:.1f}",
        floor=floor,
        furnished=rng.random() < estate.FURNISHED_SHARE,
        rent_fen=yuan * estate.YUAN,
    )


@contextlib.contextmanager
def clock_at(moment: datetime.datetime):
    """Run a service with the clock set to `moment`: for the few stamps it takes from the clock
    itself (an application's decided_at, the day its household joins the queue)."""
    real = timezone.now
    timezone.now = lambda: moment
    try:
        yield
    finally:
        timezone.now = real


class HousingStory:
    def __init__(self, scale: float, now: datetime.datetime, report: Callable[[str], None]):
        self.now = now
        self.today = timezone.localtime(now).date()
        self.start = self.today - datetime.timedelta(days=HISTORY_DAYS)
        self.volume = volume(scale)
        self.report = report
        self.started = time.monotonic()
        self.rng = stream("steps")
        self.agenda: list = []
        self.order = itertools.count()
        self.last_offer = 0
        self.ticks: set = set()
        self.rounds = [
            self.today - datetime.timedelta(days=3 + ROUND_EVERY * k) for k in range(ROUNDS)
        ]
        self.last_round = self.rounds[0]
        self.first_round = self.rounds[-1]

    # The plan --------------------------------------------------------------------------------

    def seed(self) -> None:
        self.actors = Actors(stream("accounts"))
        self.office = self.actors.office
        self.departments = Department.objects.in_bulk(field_name="code")
        self.reviewers = {code: self._reviewer(code) for code in ("housing", "education")}
        self._estate()
        self.housing = self._policy(estate.HOUSING_POLICY)
        self.schooling = self._policy(estate.SCHOOLING_POLICY)
        self.scheme = Scheme.objects.create(
            policy=self.housing,
            name=estate.SCHEME_NAME,
            tier_points=estate.TIER_POINTS,
            points_per_year=2,
            points_per_member=3,
            points_per_month_waited=1,
            offer_days=7,
            lease_months=12,
            deposit_months=1,
            discount_percent=estate.DISCOUNT_PERCENT,
            reminder_days=60,
        )
        for day in self.rounds:
            self._at(day, 10, 0, self._round)
        self._refurbishment()
        self._households()
        self._schooling()
        self._at(self.today - datetime.timedelta(days=QUIET_DAYS), 14, 0, self._someone_leaves)
        self._at(self.today - datetime.timedelta(days=20), 15, 0, self._withdrawals)
        self._play()
        self._earlier_tenancies()
        self.report(
            f"{Apartment._meta.verbose_name_plural} {Apartment.objects.count()} · "
            f"{Lease._meta.verbose_name_plural} {Lease.objects.count()} "
            f"({time.monotonic() - self.started:.1f} s)"
        )

    # The tenancies from before the platform ----------------------------------------------------

    def _earlier_tenancies(self) -> None:
        """The rest of the office's estate: the buildings let before the platform opened, entered
        from the office's tenancy register as households housed without an application here, and
        their current leases (each renewed on its anniversary). Inserted in bulk: they are data the
        office imports, not steps anyone takes on the platform, and the story's own households
        already show every step."""
        rng = stream("earlier")
        housed = QueueEntry.objects.values("talent_id")
        tenants = list(
            Talent.objects.filter(status=TalentStatus.IN_ZONE, employer__isnull=False)
            .exclude(pk__in=housed)
            .exclude(user__isnull=False)
            .select_related("tier")
            .order_by("pk")
        )
        rng.shuffle(tenants)
        flats = self._earlier_flats(rng)
        let = [flat for flat in flats if flat.status == ApartmentStatus.LET][: len(tenants)]
        let_ids = {id(flat) for flat in let}
        for flat in flats:
            if flat.status == ApartmentStatus.LET and id(flat) not in let_ids:
                flat.status = ApartmentStatus.VACANT  # more flats than tenants (a small zone)
        Apartment.objects.bulk_create(flats)
        entries = [
            QueueEntry(
                scheme=self.scheme,
                talent=tenant,
                layouts=[flat.layout],
                household_size=rng.randint(1, MAX_HOUSEHOLD[flat.layout]),
                approved_on=self.start - datetime.timedelta(days=rng.randint(60, 900)),
                status=EntryStatus.HOUSED,
            )
            for flat, tenant in zip(let, tenants, strict=False)
        ]
        QueueEntry.objects.bulk_create(entries)
        Lease.objects.bulk_create(
            [
                self._earlier_lease(rng, flat, entry)
                for flat, entry in zip(let, entries, strict=True)
            ]
        )

    def _earlier_flats(self, rng: Random) -> list[Apartment]:
        """The buildings after those the story lets, as in `_estate`."""
        flats = []
        for spec in estate.COMMUNITIES:
            community = Community.objects.get(name=spec.name)
            first = max(1, round(spec.buildings * self.volume)) + 1
            for building in range(first, spec.buildings + 1):
                for floor in range(1, spec.floors + 1):
                    for position, layout in enumerate(spec.units, start=1):
                        flat = new_flat(rng, spec, community, building, floor, position, layout)
                        vacant = rng.random() < EARLIER_VACANT_SHARE
                        flat.status = ApartmentStatus.VACANT if vacant else ApartmentStatus.LET
                        flats.append(flat)
        return flats

    def _earlier_lease(self, rng: Random, flat: Apartment, entry: QueueEntry) -> Lease:
        starts_on = self.today - datetime.timedelta(days=rng.randint(0, 350))
        tier = entry.talent.tier.code if entry.talent.tier_id else ""
        discount = int(self.scheme.discount_percent.get(tier, 0))
        rent = flat.rent_fen * (100 - discount) // 100
        ends_on = leases.lease_end(starts_on, self.scheme.lease_months)
        reminded = (ends_on - self.today).days <= self.scheme.reminder_days
        return Lease(
            apartment=flat,
            entry=entry,
            talent=entry.talent,
            starts_on=starts_on,
            ends_on=ends_on,
            rent_fen=rent,
            discount_percent=discount,
            deposit_fen=rent * self.scheme.deposit_months,
            status=LeaseStatus.ACTIVE,
            # Those ending within the reminder days were reminded by this morning's task.
            reminded_on=self.today if reminded else None,
        )

    def _reviewer(self, code: str):
        """The first reviewer of the department, or a stand-in made for it."""
        department = Department.objects.get(code=code)
        membership = (
            Membership.objects.filter(department=department, user__groups__name=Role.REVIEWER)
            .select_related("user")
            .order_by("user_id")
            .first()
        )
        if membership:
            return membership.user
        name = {"housing": "何雪梅", "education": "许文静"}[code]
        user = self.actors._stand_in("reviewer", name, Role.REVIEWER)
        Membership.objects.create(user=user, department=department)
        return user

    def _estate(self) -> None:
        """The communities and their flats, as the office enters them in the admin; the last
        building of a community being refurbished is entered as under repair."""
        rng = stream("flats")
        flats = []
        self.refurbished: list[Apartment] = []
        for spec in estate.COMMUNITIES:
            community = Community.objects.create(
                name=spec.name, name_en=spec.name_en, address=spec.address
            )
            buildings = max(1, round(spec.buildings * self.volume))
            floors = max(3, round(spec.floors * self.volume**0.5))
            for building in range(1, buildings + 1):
                held = spec.refurbished and building == buildings
                for floor in range(1, floors + 1):
                    for position, layout in enumerate(spec.units, start=1):
                        status = ApartmentStatus.REPAIR if held else ApartmentStatus.VACANT
                        flat = new_flat(rng, spec, community, building, floor, position, layout)
                        flat.status = status
                        flats.append(flat)
                        if held:
                            self.refurbished.append(flat)
        Apartment.objects.bulk_create(flats)
        self.flats = len(flats)

    def _policy(self, spec: estate.PolicySpec) -> Policy:
        year = self.today.year
        policy = Policy(
            code=spec.code,
            title=spec.title,
            title_en=spec.title_en,
            legal_basis=spec.legal_basis.format(issued=year - 2),
            summary=spec.summary,
            applicant_kind=ApplicantKind.TALENT,
            valid_from=datetime.date(year - 2, 1, 1),
            valid_until=datetime.date(year + 1, 12, 31),
            rule=estate.RULE,
            benefit=Benefit.IN_KIND,
            formula="",
            budget_line=None,
            notice_days=spec.notice_days,
        )
        stages = [
            {
                "position": position,
                "name": stage.name,
                "role": stage.role,
                "department": self.departments[stage.department] if stage.department else None,
                "deadline_days": stage.deadline_days,
                "proved_by_registry": False,
            }
            for position, stage in enumerate(spec.stages, start=1)
        ]
        documents = [
            {"position": position, "name": name, "description": description}
            for position, (name, description) in enumerate(spec.documents, start=1)
        ]
        return policies.policy_save(
            actor=self.office, policy=policy, stages=stages, documents=documents
        )

    def _refurbishment(self) -> None:
        """The refurbished building comes back floor by floor: the first half eleven months
        ago (its first leases end within the next two months), most of the rest just before the
        last round and yesterday (vacant until the next round); a few flats are still in
        repair."""
        flats = self.refurbished
        if not flats:
            return
        half = len(flats) // 2
        still = max(1, len(flats) // 8)
        midway = self.rounds[11] - datetime.timedelta(days=3)
        for flat in flats[:half]:
            self._at(midway, 9, 0, self._repaired, flat.pk)
        rest = flats[half : len(flats) - still]
        late = max(1, len(rest) // 3)
        for flat in rest[: len(rest) - late]:
            self._at(self.last_round - datetime.timedelta(days=2), 9, 0, self._repaired, flat.pk)
        for flat in rest[len(rest) - late :]:  # offered in the next round
            self._at(self.today - datetime.timedelta(days=1), 9, 0, self._repaired, flat.pk)

    def _households(self) -> None:
        """Who applies when: a first intake before the first round, then some every month; the
        demo talent's application is approved the day before the seeding."""
        rng = stream("households")
        demo = self.actors.talent_user.talent
        pool = list(
            Talent.objects.filter(
                status=TalentStatus.IN_ZONE, tier__rank__lte=6, employer__isnull=False
            )
            .exclude(pk=demo.pk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        to_let = self.flats - len(self.refurbished) // 2
        first = round(FIRST_INTAKE * to_let)
        later = round(MONTHLY_INTAKE * self.flats * (ROUNDS - 1))
        chosen = rng.sample(pool, min(len(pool), first + later))
        opening = self.first_round - datetime.timedelta(days=40)
        for index, pk in enumerate(chosen[:first]):
            day = opening + datetime.timedelta(days=index * 18 // max(first, 1))
            self._at(day, 9 + index % 8, 10, self._apply, pk, self._household(rng), False)
        rest = chosen[first:]
        span = (self.today - datetime.timedelta(days=10) - opening).days - 20
        for index, pk in enumerate(rest):
            day = opening + datetime.timedelta(days=20 + index * span // max(len(rest), 1))
            rejected = rng.random() < REJECTED_SHARE
            self._at(day, 9 + index % 8, 20, self._apply, pk, self._household(rng), rejected)
        # The demo talent: submitted two weeks ago, approved yesterday morning.
        self._at(
            self.today - datetime.timedelta(days=16),
            20,
            30,
            self._apply,
            demo.pk,
            ([Layout.TWO_ROOMS, Layout.THREE_ROOMS], 3),
            False,
            (1, 2, 5, 2),  # days to the submission, the office, the bureau, after the notice
        )

    @staticmethod
    def _household(rng: Random) -> tuple[list[str], int]:
        size = rng.choices((1, 2, 3, 4, 5), weights=(28, 30, 28, 11, 3))[0]
        options = {
            1: (
                ([Layout.STUDIO], 3),
                ([Layout.STUDIO, Layout.ONE_ROOM], 5),
                ([Layout.ONE_ROOM], 2),
            ),
            2: (
                ([Layout.ONE_ROOM], 4),
                ([Layout.ONE_ROOM, Layout.TWO_ROOMS], 4),
                ([Layout.TWO_ROOMS], 2),
            ),
            3: (([Layout.TWO_ROOMS], 6), ([Layout.TWO_ROOMS, Layout.THREE_ROOMS], 4)),
            4: (
                ([Layout.TWO_ROOMS], 3),
                ([Layout.TWO_ROOMS, Layout.THREE_ROOMS], 5),
                ([Layout.THREE_ROOMS], 2),
            ),
            5: (([Layout.THREE_ROOMS], 1),),
        }[size]
        layouts = rng.choices([o for o, _w in options], weights=[w for _o, w in options])[0]
        return list(layouts), size

    def _schooling(self) -> None:
        """Requests for school places: most approved with a school, some in review at either
        stage, some rejected; the demo talent's child has a kindergarten place."""
        rng = stream("schooling")
        demo = self.actors.talent_user.talent
        pool = list(
            Talent.objects.filter(status=TalentStatus.IN_ZONE, tier__rank__lte=6)
            .exclude(pk=demo.pk)
            .order_by("-pk")
            .values_list("pk", flat=True)[:400]
        )
        outcomes = ("assigned", "review:1", "assigned", "rejected", "review:2", "assigned")
        count = max(len(outcomes), round(24 * self.volume))
        for index, pk in enumerate(rng.sample(pool, min(len(pool), count))):
            self._school_story(rng, pk, outcomes[index % len(outcomes)])
        self._school_story(rng, demo.pk, "assigned", SchoolLevel.KINDERGARTEN)

    def _school_story(self, rng: Random, talent_pk: int, outcome: str, level=None) -> None:
        level = level or rng.choice(SchoolLevel.values)
        days_ago = {
            "assigned": rng.randint(30, 300),
            "rejected": rng.randint(20, 200),
            "review:1": rng.randint(1, 4),
            "review:2": rng.randint(5, 9),
        }[outcome]
        day = self.today - datetime.timedelta(days=days_ago)
        self._at(day, 19, 40, self._school_apply, talent_pk, level, outcome)

    # The agenda ------------------------------------------------------------------------------

    def _moment(self, day: datetime.date, hour: int, minute: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def _at(self, day: datetime.date, hour: int, minute: int, action, *args) -> None:
        moment = self._moment(day, hour, minute)
        if moment <= self.now:
            heapq.heappush(self.agenda, (moment, next(self.order), action, args))

    def _later(self, moment: datetime.datetime, days: int, hour: int, action, *args) -> None:
        day = timezone.localtime(moment).date() + datetime.timedelta(days=days)
        self._at(day, hour, self.rng.choice((0, 10, 20, 30, 40, 50)), action, *args)

    def _play(self) -> None:
        """Play the agenda; the notifications of what happened more than READ_BEFORE_DAYS
        before the seeding are marked read (the people read them at the time)."""
        first = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        read_before = self.now - datetime.timedelta(days=READ_BEFORE_DAYS)
        read_up_to = None
        while self.agenda:
            moment, _n, action, args = heapq.heappop(self.agenda)
            if read_up_to is None and moment >= read_before:
                read_up_to = Notification.objects.aggregate(last=Max("pk"))["last"] or first
            action(moment, *args)
        if read_up_to is None:
            read_up_to = Notification.objects.aggregate(last=Max("pk"))["last"] or first
        Notification.objects.filter(pk__gt=first, pk__lte=read_up_to).update(read_at=self.now)

    @staticmethod
    def _day(moment: datetime.datetime) -> datetime.date:
        return timezone.localtime(moment).date()

    # The daily tasks and the rounds ----------------------------------------------------------

    def _tick(self, day: datetime.date, task) -> None:
        """The beat's run of a daily task on `day` (on the other days it finds nothing)."""
        if (day, task) not in self.ticks:
            self.ticks.add((day, task))
            self._at(day, TICK.hour, TICK.minute, task)

    def _expire(self, moment) -> None:
        if services.offers_expire(today=self._day(moment), now=moment):
            self._new_offers(moment)

    def _remind(self, moment) -> None:
        leases.remind_leases(today=self._day(moment))

    def _flag(self, moment) -> None:
        leases.flag_left_employment(today=self._day(moment))

    def _round(self, moment) -> None:
        services.round_run(
            actor=self.office, scheme=self.scheme, today=self._day(moment), now=moment
        )
        self._new_offers(moment)

    def _repaired(self, moment, pk: int) -> None:
        leases.apartment_repaired(actor=self.office, apartment=Apartment(pk=pk))

    def _new_offers(self, moment) -> None:
        """Decide how each offer made just now will be answered."""
        day = self._day(moment)
        made = list(Offer.objects.filter(pk__gt=self.last_offer).order_by("pk"))
        if not made:
            return
        self.last_offer = made[-1].pk
        quiet = self.today - datetime.timedelta(days=QUIET_DAYS)
        for index, offer in enumerate(made):
            if day >= self.last_round:
                self._last_round_answer(moment, offer, index)
                continue
            answer = self.rng.choices([a for a, _w in ANSWERS], weights=[w for _a, w in ANSWERS])[0]
            if answer == "expire" and day >= quiet:
                answer = "accept"
            answered = day + datetime.timedelta(
                days=self.rng.randint(1, self.scheme.offer_days - 1)
            )
            if answer == "decline" and answered > self.last_round - datetime.timedelta(days=1):
                answer = "accept"
            if answer == "expire":
                self._tick(offer.expires_on + datetime.timedelta(days=1), self._expire)
            else:
                self._at(answered, self.rng.randint(9, 20), 5, self._answer, offer.pk, answer)

    def _last_round_answer(self, moment, offer: Offer, index: int) -> None:
        """The last round's offers: the first accepted (the lease not signed yet), the third
        declined (the flat passed on at once), the others mostly still open."""
        if self._day(moment) != self.last_round or offer.round_id is None:
            return  # passed on after the last round: open
        next_day = self.last_round + datetime.timedelta(days=1)
        if index == 0 or (index > 2 and self.rng.random() < 0.3):
            self._at(next_day, 11, 0, self._answer, offer.pk, "accept", False)
        elif index == 2:
            self._at(next_day, 16, 0, self._answer, offer.pk, "decline")

    def _answer(self, moment, pk: int, answer: str, sign: bool = True) -> None:
        offer = Offer.objects.select_related("entry__talent__user").get(pk=pk)
        if offer.status != OfferStatus.OPEN:
            return
        actor = offer.entry.talent.user
        if answer == "decline":
            services.offer_decline(
                actor=actor, offer=offer, reason=self.rng.choice(estate.DECLINES), now=moment
            )
            self._new_offers(moment)
            return
        services.offer_accept(actor=actor, offer=offer, now=moment)
        if sign:
            self._later(moment, self.rng.randint(2, 6), 10, self._sign, pk)

    # Leases ----------------------------------------------------------------------------------

    def _sign(self, moment, pk: int) -> None:
        day = self._day(moment)
        lease = leases.lease_sign(
            actor=self.office, offer=Offer(pk=pk), starts_on=day, today=day, now=moment
        )
        self._lease_plan(lease)

    def _lease_plan(self, lease: Lease) -> None:
        """How the lease goes on: a few end early, most are renewed a few weeks before they end,
        the others end on their last day."""
        rng = self.rng
        length = (lease.ends_on - lease.starts_on).days
        self._tick(lease.ends_on - datetime.timedelta(days=self.scheme.reminder_days), self._remind)
        if rng.random() < EARLY_END_SHARE:
            on = lease.starts_on + datetime.timedelta(days=rng.randint(60, length - 20))
            self._at(on, 10, 30, self._end, lease.pk, on, rng.choice(estate.EARLY_ENDS))
        elif rng.random() < RENEW_SHARE:
            day = lease.ends_on - datetime.timedelta(days=rng.randint(5, 25))
            self._at(day, 15, 30, self._renew, lease.pk)
        else:
            self._at(
                lease.ends_on,
                10,
                0,
                self._end,
                lease.pk,
                lease.ends_on,
                rng.choice(estate.TERM_ENDS),
            )

    def _renew(self, moment, pk: int) -> None:
        lease = Lease.objects.select_related("talent").get(pk=pk)
        if lease.status != LeaseStatus.ACTIVE or lease.talent.status != TalentStatus.IN_ZONE:
            return
        new = leases.lease_renew(actor=self.office, lease=lease, today=self._day(moment))
        self._lease_plan(new)

    def _end(self, moment, pk: int, on: datetime.date, reason: str) -> None:
        lease = Lease.objects.get(pk=pk)
        if lease.status != LeaseStatus.ACTIVE:
            return
        leases.lease_terminate(actor=self.office, lease=lease, on=on, reason=reason)
        self._later(moment, self.rng.randint(1, 3), 9, self._inspect, pk)

    def _inspect(self, moment, pk: int) -> None:
        outcome = (
            InspectionOutcome.REPAIR
            if self.rng.random() < REPAIR_SHARE
            else InspectionOutcome.VACANT
        )
        leases.inspection_record(
            actor=self.office,
            lease=Lease(pk=pk),
            outcome=outcome,
            notes=self.rng.choice(estate.INSPECTION_NOTES[outcome]),
            today=self._day(moment),
        )
        if outcome == InspectionOutcome.REPAIR:
            apartment = Lease.objects.get(pk=pk).apartment_id
            self._later(moment, self.rng.randint(8, 30), 9, self._repaired, apartment)

    def _someone_leaves(self, moment) -> None:
        """A tenant leaves the zone's employment; the office records it in the registry, and the
        next morning's task flags the lease."""
        lease = (
            Lease.objects.filter(
                status=LeaseStatus.ACTIVE,
                ends_on__gt=self.today + datetime.timedelta(days=90),
                talent__status=TalentStatus.IN_ZONE,
            )
            .exclude(talent__user=self.actors.talent_user)
            .order_by("starts_on", "pk")
            .first()
        )
        if lease is not None:
            talent_update(
                actor=self.office, talent=lease.talent, data={"status": TalentStatus.LEFT}
            )
            self._tick(self._day(moment) + datetime.timedelta(days=1), self._flag)

    def _withdrawals(self, moment) -> None:
        """A few waiting households bought a flat and leave the queue."""
        waiting = list(
            QueueEntry.objects.filter(scheme=self.scheme, status=EntryStatus.WAITING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in self.rng.sample(waiting, min(len(waiting), WITHDRAWN)):
            services.queue_withdraw(
                actor=self.office,
                entry=QueueEntry.objects.get(pk=pk),
                today=self._day(moment),
                now=moment,
            )
            self._new_offers(moment)

    # Applications ----------------------------------------------------------------------------

    def _apply(
        self, moment, talent_pk: int, household, rejected: bool, gaps: tuple | None = None
    ) -> None:
        layouts, size = household
        rng = self.rng
        talent = Talent.objects.get(pk=talent_pk)
        actor = self.actors.for_talent(talent)
        day = self._day(moment)
        try:
            application = services.housing_apply(
                actor=actor,
                scheme=self.scheme,
                layouts=layouts,
                household_size=size,
                statement=rng.choice(estate.STATEMENTS),
                today=day,
            )
        except ValidationError:
            return  # applied already (or queued): the office would have said so
        self._attach(actor, application)
        gaps = gaps or (rng.randint(0, 2), rng.randint(1, 4), rng.randint(2, 7), 1)
        self._review(moment, application.pk, actor, gaps, rejected)

    def _school_apply(self, moment, talent_pk: int, level: str, outcome: str) -> None:
        rng = self.rng
        talent = Talent.objects.get(pk=talent_pk)
        actor = self.actors.for_talent(talent)
        day = self._day(moment)
        low, high = estate.AGES[level]
        born = day - datetime.timedelta(days=rng.randint(low * 365 + 30, high * 365 + 300))
        child = talent.name[0] + self._given_name(rng)
        try:
            application = services.schooling_apply(
                actor=actor,
                policy=self.schooling,
                child_name=child,
                child_birth_date=born,
                level=level,
                school_wanted=rng.choice(("", *estate.SCHOOLS[level])),
                statement=rng.choice(estate.SCHOOL_STATEMENTS),
                today=day,
            )
        except ValidationError:
            return
        self._attach(actor, application)
        stage = {"review:1": 1, "review:2": 2}.get(outcome)
        gaps = {1: (0, 9, 9, 1), 2: (1, 2, 9, 1)}.get(stage, (1, 2, 4, 1))
        self._review(
            moment, application.pk, actor, gaps, outcome == "rejected", assign=outcome == "assigned"
        )

    @staticmethod
    def _given_name(rng: Random) -> str:
        return rng.choice("子涵梓萱一诺欣怡浩然宇轩若曦俊熙沐辰思远") + rng.choice(
            "安宁乐然晨阳雨萌"
        )

    def _attach(self, actor, application: Application) -> None:
        for document in application.policy.documents.all():
            policies.attachment_add(
                actor=actor,
                application=application,
                uploaded_file=ContentFile(
                    demo_pdf(application, document.name), name=f"{document.name}.pdf"
                ),
                document=document,
            )

    def _review(self, moment, pk, actor, gaps, rejected, assign=False) -> None:
        submit, office, bureau, after = gaps
        self._later(
            moment, submit, 8, self._submit, pk, actor, (office, bureau, after), rejected, assign
        )

    def _submit(self, moment, pk, actor, gaps, rejected, assign) -> None:
        application = Application.objects.get(pk=pk)
        policies.application_submit(actor=actor, application=application, today=self._day(moment))
        office, bureau, after = gaps
        self._later(moment, office, 10, self._decide, pk, (bureau, after), rejected, assign)

    def _decide(self, moment, pk, gaps, rejected, assign) -> None:
        application = Application.objects.select_related("stage").get(pk=pk)
        stage = application.stage
        first = stage.department_id is None
        schooling = application.policy_id == self.schooling.pk
        if first:
            actor, words = self.office, estate.OFFICE_APPROVALS
        elif schooling:
            actor, words = self.reviewers["education"], estate.EDUCATION_APPROVALS
        else:
            actor, words = self.reviewers["housing"], estate.HOUSING_APPROVALS
        day = self._day(moment)
        if rejected and not first:
            policies.application_decide(
                actor=actor,
                application=application,
                decision=Decision.REJECT,
                reason=self.rng.choice(
                    estate.SCHOOL_REJECTIONS if schooling else estate.HOUSING_REJECTIONS
                ),
                today=day,
            )
            return
        application = policies.application_decide(
            actor=actor,
            application=application,
            decision=Decision.APPROVE,
            reason=self.rng.choice(words),
            today=day,
        )
        bureau, after = gaps
        if application.status == ApplicationStatus.IN_REVIEW:
            self._later(moment, bureau, 15, self._decide, pk, (bureau, after), rejected, assign)
        elif application.status == ApplicationStatus.NOTICE:
            day = application.notice_ends_on + datetime.timedelta(days=after)
            self._at(day, 0, 30, self._close, pk, assign)

    def _close(self, moment, pk, assign) -> None:
        """The morning task closes the notice (with the clock at that moment: the household
        joins the queue that day)."""
        with clock_at(moment):
            policies.notice_close(
                actor=None, application=Application.objects.get(pk=pk), today=self._day(moment)
            )
        if assign:
            self._later(moment, self.rng.randint(2, 8), 14, self._assign, pk)

    def _assign(self, moment, pk) -> None:
        request = Application.objects.get(pk=pk).schooling_request
        services.schooling_assign(
            actor=self.reviewers["education"],
            request=request,
            school=self.rng.choice(estate.SCHOOLS[request.level]),
            today=self._day(moment),
        )
