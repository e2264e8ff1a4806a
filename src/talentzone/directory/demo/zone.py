"""Seed the demo zone: a registry shaped like a real development zone's, at any scale.

At scale 1 the zone has 7 grids with their service teams, 9 departments, 3 municipal and 11
district talent stations, 18 agencies in the HR service park, 59 above-scale enterprises (27
high-tech, 29 R&D institutions), 200 talents of provincial tier or above, 6,000 of municipal
tier, 120 candidates held by the agencies and a dozen student ventures. Talents, enterprises
beyond the 59 and candidates grow with the scale; the rest of the structure does not.

The same scale always gives the same data: every draw comes from a `random.Random` seeded with a
fixed string, and dates are relative to `timeline.REFERENCE_DATE`, never the clock. The seed is
a trusted generator: rows are bulk-inserted without `full_clean` (its test validates a sample).
"""

import datetime
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from random import Random
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import (
    Agency,
    Credential,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)

from . import organisations, structure
from .credentials import Credentials
from .names import AGENCY_NAMES
from .people import PROFILES, People
from .timeline import REFERENCE_DATE, add_years, random_day
from .weighted import Weighted, apportion

T = TypeVar("T")
Report = Callable[[str], None]

SEED = "talentzone-demo-zone"
BATCH = 5_000  # rows made in Python, then inserted, at a time
INSERT_BATCH = 1_000  # rows per INSERT statement (the database may lower it)
PROGRESS_EVERY = 2.0  # seconds between progress lines
SQLITE_CACHE_KIB = 256 * 1024

# Shares of the provincial-or-above talents by tier; the counts are apportioned exactly.
TIERED_SHARES = (
    ("national_top", 2),
    ("national_leading", 8),
    ("provincial_high", 35),
    ("provincial_leading", 55),
)
TIER_CODES = (*(code for code, _share in TIERED_SHARES), "municipal")
# The tier of the talent behind the demo talent account; the first talent made has it.
DEMO_TALENT_TIER = "provincial_high"
LEFT_SHARE = 0.02
LEFT_YEARS = 2  # the talents who left did so in the last years before the reference date
# Provincial-or-above talents gather where research happens.
RESEARCH_PULL = 4

# The registry's models, in the order the seed fills them.
ZONE_MODELS = (
    Department,
    Grid,
    GridTeam,
    Station,
    Agency,
    Enterprise,
    Platform,
    Talent,
    Credential,
    Venture,
    Founder,
)


class SeedError(Exception):
    """The database cannot take the demo zone; the message says why."""


@dataclass(frozen=True)
class ZoneSize:
    enterprises: int
    tiered_talents: int  # provincial tier or above
    municipal_talents: int
    candidates: int

    @classmethod
    def at(cls, scale: float) -> "ZoneSize":
        return cls(
            enterprises=max(organisations.ABOVE_SCALE, round(organisations.ABOVE_SCALE * scale)),
            tiered_talents=max(1, round(200 * scale)),
            municipal_talents=max(1, round(6_000 * scale)),
            # at least one per agency, so every agency's page has someone on it
            candidates=max(len(AGENCY_NAMES), round(120 * scale)),
        )

    @property
    def talents(self) -> int:
        return self.tiered_talents + self.municipal_talents + self.candidates


def stream(name: str) -> Random:
    """An independent random stream per part of the zone: changing how one part is drawn leaves
    the others as they were. String seeds are hashed with SHA-512, the same on every run."""
    return Random(f"{SEED}/{name}")


def is_seeded() -> bool:
    first = structure.GRIDS[0]
    return Grid.objects.filter(code=first.code, name=first.name).exists()


def zone_counts() -> list[tuple[str, int]]:
    """Rows per registry table, for the seed's summary and its benchmark."""
    return [(str(model._meta.verbose_name_plural), model.objects.count()) for model in ZONE_MODELS]


def seed_zone(scale: float, report: Report = lambda line: None) -> bool:
    """Seed the demo zone at `scale`; False (and nothing written) when it is already seeded."""
    if is_seeded():
        return False
    if any(model.objects.exists() for model in ZONE_MODELS):
        raise SeedError(
            _("The registry already holds data the seed did not make; seed an empty database.")
        )
    tiers = TalentTier.objects.in_bulk(TIER_CODES, field_name="code")
    if len(tiers) != len(TIER_CODES):
        raise SeedError(_("The talent tiers are missing: run `talentzone migrate` first."))
    with transaction.atomic(), large_page_cache():
        ZoneBuilder(ZoneSize.at(scale), tiers, report).build()
    return True


@contextmanager
def large_page_cache() -> Iterator[None]:
    """Give SQLite a 256 MB page cache while seeding: with its default 2 MB, inserts into the
    talents' indexes (ID number, name) keep rereading pages once the table outgrows it."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        previous = cursor.execute("PRAGMA cache_size").fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True)
class Employer:
    pk: int
    industry: str


class ZoneBuilder:
    def __init__(self, size: ZoneSize, tiers: dict[str, TalentTier], report: Report):
        self.size = size
        self.tiers = tiers
        self.report = report
        self.started = time.monotonic()
        self.last_report = 0.0
        # One maker of people for everyone, so no ID or mobile number is handed out twice.
        self.people = People(stream("people"))

    def build(self) -> None:
        self._structure()
        enterprises = self._enterprises()
        self._platforms(enterprises)
        self._talents(enterprises)
        self._ventures()

    def _structure(self) -> None:
        departments = self._save(organisations.departments())
        grids = self._save(organisations.grids())
        by_code = {department.code: department for department in departments}
        self._save(organisations.grid_teams(self.people, grids, by_code))
        self._save(organisations.stations(stream("stations")))
        self.agencies = self._save(organisations.agencies(stream("agencies"), self.people))
        self.grids = grids

    def _enterprises(self) -> list[Enterprise]:
        maker = organisations.Enterprises(stream("enterprises"), self.grids)
        try:
            planned = maker.above_scale()
            planned += maker.suppliers(self.size.enterprises - len(planned))
        except organisations.VocabularyExhausted as error:
            raise SeedError(_("The scale is too large for the demo name vocabulary.")) from error
        saved = []
        for chunk in chunks(planned, BATCH):
            saved += self._save(chunk)
            self._progress(Enterprise, len(saved), len(planned))
        return saved

    def _platforms(self, enterprises: list[Enterprise]) -> None:
        rng = stream("platforms")
        planned = [
            p for enterprise in enterprises for p in organisations.platforms(rng, enterprise)
        ]
        for chunk in chunks(planned, BATCH):
            self._save(chunk)
        self._progress(Platform, len(planned), len(planned))

    def _talents(self, enterprises: list[Enterprise]) -> None:
        maker = TalentMaker(self, enterprises)
        done = 0
        for chunk in chunks(self._talent_plan(), BATCH):
            made = [maker.talent(index, tier, status) for index, (tier, status) in chunk]
            talents = self._save([talent for talent, _found in made])
            self._save(
                [
                    Credential(talent_id=talent.pk, **fields)
                    for talent, (_talent, found) in zip(talents, made, strict=True)
                    for fields in found
                ]
            )
            done += len(chunk)
            self._progress(Talent, done, self.size.talents)

    def _talent_plan(self) -> Iterator[tuple[int, tuple[str | None, str]]]:
        """(index, (tier code, status)) of every talent: provincial and above first, beginning
        with the demo talent's tier, then municipal talents, then the agencies' candidates."""
        rng = stream("talent-plan")
        counts = apportion(self.size.tiered_talents - 1, [share for _c, share in TIERED_SHARES])
        tiered = [
            code for (code, _s), n in zip(TIERED_SHARES, counts, strict=True) for _ in range(n)
        ]
        rng.shuffle(tiered)
        provincial_or_above = [(code, TalentStatus.IN_ZONE) for code in [DEMO_TALENT_TIER, *tiered]]
        municipal = (
            ("municipal", TalentStatus.LEFT if rng.random() < LEFT_SHARE else TalentStatus.IN_ZONE)
            for _ in range(self.size.municipal_talents)
        )
        candidates = ((None, TalentStatus.CANDIDATE) for _ in range(self.size.candidates))
        yield from enumerate(chain(provincial_or_above, municipal, candidates))

    def _ventures(self) -> None:
        rng = stream("ventures")
        ventures = self._save(organisations.ventures(rng))
        founders = [
            f for venture in ventures for f in organisations.founders(rng, self.people, venture)
        ]
        self._save(founders)
        self._progress(Venture, len(ventures), len(ventures))

    def _save(self, objects: list[Any]) -> list[Any]:
        if not objects:
            return objects
        return type(objects[0]).objects.bulk_create(objects, batch_size=INSERT_BATCH)

    def _progress(self, model: type[models.Model], done: int, total: int) -> None:
        now = time.monotonic() - self.started
        if done < total and now - self.last_report < PROGRESS_EVERY:
            return
        self.last_report = now
        self.report(f"{model._meta.verbose_name_plural} {done}/{total} ({now:.1f} s)")


class TalentMaker:
    """Makes one talent at a time with their credentials; employers are drawn by size, and
    provincial-or-above talents lean towards high-tech enterprises and R&D institutions."""

    def __init__(self, builder: ZoneBuilder, enterprises: list[Enterprise]):
        self.rng = stream("talents")
        self.people = builder.people
        self.tiers = builder.tiers
        self.agencies = builder.agencies
        self.credentials = Credentials(stream("credentials"))
        self.anchor = Employer(enterprises[0].pk, enterprises[0].industry)
        self.for_tiered = Weighted(
            [(Employer(e.pk, e.industry), e.employees * self._pull(e)) for e in enterprises]
        )
        self.for_municipal = Weighted(
            [(Employer(e.pk, e.industry), e.employees) for e in enterprises]
        )
        self.candidates = 0
        # A stream of its own, so dating departures leaves every other draw as it was.
        self.departures = stream("departures")

    @staticmethod
    def _pull(enterprise: Enterprise) -> int:
        return RESEARCH_PULL if enterprise.high_tech or enterprise.rd_institution else 1

    def talent(self, index: int, tier: str | None, status: str) -> tuple[Talent, list[dict]]:
        if status == TalentStatus.CANDIDATE:
            return self._candidate(), []
        tiered = tier != "municipal"
        if index == 0:
            employer = self.anchor  # the demo talent works where the demo HR account does
        else:
            employer = (self.for_tiered if tiered else self.for_municipal).pick(self.rng)
        level = self.tiers[tier].level
        person = self.people.person(PROFILES[level], employer.industry)
        birth = person["birth_date"]
        arrival = self.people.arrival(birth, person["education"])
        talent = Talent(
            **person,
            employer_id=employer.pk,
            tier_id=self.tiers[tier].pk,
            arrival_date=arrival,
            status=status,
            left_on=self._departure(arrival) if status == TalentStatus.LEFT else None,
        )
        if tiered:
            return talent, self.credentials.for_tiered_talent(tier, birth)
        return talent, self.credentials.for_municipal_talent(birth)

    def _departure(self, arrival: datetime.date) -> datetime.date:
        """A day in the two years before the reference date, after the talent arrived (the
        reference date itself for someone who arrived on it)."""
        first = max(arrival + datetime.timedelta(days=1), add_years(REFERENCE_DATE, -LEFT_YEARS))
        return random_day(self.departures, first, REFERENCE_DATE)

    def _candidate(self) -> Talent:
        """A job seeker held by an agency: no employer, no tier yet, not arrived."""
        rng = self.rng
        if self.candidates < len(self.agencies):
            agency = self.agencies[self.candidates]
        else:
            agency = rng.choice(self.agencies)
        self.candidates += 1
        industry = organisations.ENTERPRISE_INDUSTRIES.pick(rng)
        person = self.people.person(PROFILES["candidate"], industry)
        return Talent(**person, agency_id=agency.pk, status=TalentStatus.CANDIDATE)
