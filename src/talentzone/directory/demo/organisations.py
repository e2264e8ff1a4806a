"""The zone's organisations as unsaved model instances: departments, grids and their teams,
talent stations, the HR service park's agencies, enterprises, their research platforms, and the
student entrepreneurship park's ventures with their founders."""

import datetime
from collections.abc import Sequence
from random import Random

from talentzone.core.identifiers import make_uscc
from talentzone.directory.choices import Industry, Level, PlatformKind, StationLevel
from talentzone.directory.models import (
    Agency,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Platform,
    Station,
    Venture,
)

from . import names, structure
from .people import People
from .timeline import REFERENCE_DATE, ZONE_OPENED, add_years, random_day
from .weighted import Weighted

ABOVE_SCALE = 59
HIGH_TECH = 27
RD_INSTITUTIONS = 29
# How many R&D institutions are also high-tech enterprises; the rest are not.
RD_AND_HIGH_TECH = 20

ENTERPRISE_INDUSTRIES = Weighted(
    [
        (Industry.LITHIUM_BATTERY, 14),
        (Industry.BATTERY_MATERIALS, 22),
        (Industry.EQUIPMENT, 16),
        (Industry.ENERGY_STORAGE, 10),
        (Industry.NEW_ENERGY_VEHICLES, 10),
        (Industry.ELECTRONICS, 8),
        (Industry.STAINLESS_STEEL, 8),
        (Industry.LOGISTICS, 8),
        (Industry.OTHER, 4),
    ]
)
CREDIT_CODE_AREAS = Weighted([("350902", 7), ("350900", 2), ("350981", 1)])
NAME_ATTEMPTS = 200

LEVEL_NAMES = {
    Level.NATIONAL: "国家级",
    Level.PROVINCIAL: "省级",
    Level.MUNICIPAL: "市级",
    Level.DISTRICT: "区级",
}
PLATFORM_NAMES = {
    PlatformKind.POSTDOCTORAL: "博士后科研工作站",
    PlatformKind.ACADEMICIAN: "院士专家工作站",
    PlatformKind.RD_CENTRE: "工程技术研究中心",
    PlatformKind.TECHNOLOGY_CENTRE: "企业技术中心",
}
TECHNOLOGY_CENTRE_LEVELS = Weighted(
    [(Level.MUNICIPAL, 6), (Level.PROVINCIAL, 3), (Level.NATIONAL, 0.5)]
)
RD_CENTRE_LEVELS = Weighted([(Level.MUNICIPAL, 5), (Level.PROVINCIAL, 4)])


class VocabularyExhausted(Exception):
    """The scale asks for more distinct enterprise names than the vocabulary can make."""


def departments() -> list[Department]:
    return [Department(code=spec.code, name=spec.name) for spec in structure.DEPARTMENTS]


def grids() -> list[Grid]:
    return [Grid(code=spec.code, name=spec.name, area=spec.area) for spec in structure.GRIDS]


def grid_teams(
    people: People, saved_grids: Sequence[Grid], by_code: dict[str, Department]
) -> list[GridTeam]:
    teams = []
    for spec, grid in zip(structure.GRIDS, saved_grids, strict=True):
        teams.append(
            GridTeam(
                grid=grid,
                name=spec.name.split("（")[0] + "服务队",
                department=by_code[spec.lead_department],
                leader_name=people.name(),
                phone=people.phone(),
            )
        )
    return teams


def stations(rng: Random) -> list[Station]:
    found = []
    for spec in structure.STATIONS:
        municipal = spec.level == StationLevel.MUNICIPAL
        found.append(
            Station(
                name=spec.name,
                level=spec.level,
                address=spec.address,
                phone=f"0593-{rng.randint(2100000, 2899999)}",
                beds=rng.randint(20, 60) if municipal else rng.randint(0, 16),
            )
        )
    return found


def agencies(rng: Random, people: People) -> list[Agency]:
    found = []
    for index, name in enumerate(names.AGENCY_NAMES):
        services = rng.sample(names.AGENCY_SERVICES, rng.randint(2, 4))
        found.append(
            Agency(
                name=name,
                # Below 10**7, so never the serial of an enterprise's code.
                credit_code=make_uscc("350902", 6_100_000 + index * 7919),
                services="、".join(services),
                park_unit=f"{'ABC'[index % 3]}栋{rng.randint(2, 9)}层{rng.randint(1, 12):02d}室",
                contact_name=people.name(),
                contact_phone=people.phone(),
                moved_in_on=random_day(rng, datetime.date(2018, 3, 1), REFERENCE_DATE),
            )
        )
    return found


class Enterprises:
    """Makes the zone's enterprises: first its 59 above-scale ones with exactly 27 high-tech
    enterprises and 29 R&D institutions, then the smaller suppliers the scale asks for."""

    def __init__(self, rng: Random, saved_grids: Sequence[Grid]):
        self.rng = rng
        self.parks = list(zip(saved_grids, structure.GRIDS, strict=True))
        self.parks_by_industry = {
            industry: [park for park in self.parks if industry in park[1].industries]
            for industry in Industry.values
        }
        self.names: set[str] = {names.ANCHOR_ENTERPRISE_NAME}
        self.serials: set[int] = set()

    def above_scale(self) -> list[Enterprise]:
        rng = self.rng
        found = [self._anchor()]
        for _ in range(ABOVE_SCALE - 1):
            industry = ENTERPRISE_INDUSTRIES.pick(rng)
            employees = min(max(int(rng.lognormvariate(6.6, 0.7)), 300), 6000)
            founded = random_day(rng, datetime.date(1998, 1, 1), datetime.date(2022, 12, 31))
            found.append(self._enterprise(industry, employees, founded, large=True))
        others = list(range(1, ABOVE_SCALE))
        high_tech = rng.sample(others, HIGH_TECH - 1)
        plain = [i for i in others if i not in high_tech]
        rd = rng.sample(high_tech, RD_AND_HIGH_TECH - 1) + rng.sample(
            plain, RD_INSTITUTIONS - RD_AND_HIGH_TECH
        )
        for index in high_tech:
            found[index].high_tech = True
        for index in rd:
            found[index].rd_institution = True
        return found

    def suppliers(self, count: int) -> list[Enterprise]:
        """Smaller enterprises below the designated size; a few are high-tech."""
        rng = self.rng
        found = []
        for _ in range(count):
            industry = ENTERPRISE_INDUSTRIES.pick(rng)
            employees = min(max(int(rng.lognormvariate(4.2, 0.8)), 8), 299)
            founded = random_day(rng, datetime.date(2005, 1, 1), datetime.date(2025, 12, 31))
            enterprise = self._enterprise(industry, employees, founded, large=False)
            enterprise.above_scale = False
            enterprise.high_tech = rng.random() < 0.08
            enterprise.rd_institution = rng.random() < 0.02
            found.append(enterprise)
        return found

    def _anchor(self) -> Enterprise:
        """The zone's largest battery maker, where the demo HR account works."""
        return Enterprise(
            name=names.ANCHOR_ENTERPRISE_NAME,
            credit_code=make_uscc("350902", self._serial()),
            industry=Industry.LITHIUM_BATTERY,
            above_scale=True,
            high_tech=True,
            rd_institution=True,
            grid=self.parks[0][0],
            address=f"{self.parks[0][1].roads[0]}1号",
            employees=9800,
            founded_on=datetime.date(2011, 12, 16),
        )

    def _enterprise(
        self, industry: str, employees: int, founded: datetime.date, large: bool
    ) -> Enterprise:
        grid, spec = self._park(industry)
        return Enterprise(
            name=self._name(industry, large),
            credit_code=make_uscc(CREDIT_CODE_AREAS.pick(self.rng), self._serial()),
            industry=industry,
            above_scale=True,
            grid=grid,
            address=f"{self.rng.choice(spec.roads)}{self.rng.randint(2, 399)}号",
            employees=employees,
            founded_on=founded,
        )

    def _park(self, industry: str) -> tuple[Grid, structure.GridSpec]:
        """Most enterprises sit in the park of their industry; some wherever land was free."""
        home = self.parks_by_industry[industry]
        if home and self.rng.random() < 0.8:
            return self.rng.choice(home)
        return self.rng.choice(self.parks)

    def _name(self, industry: str, large: bool) -> str:
        for _ in range(NAME_ATTEMPTS):
            name = names.enterprise_name(self.rng, industry, large)
            if name not in self.names and not names.names_a_real_company(name):
                self.names.add(name)
                return name
        raise VocabularyExhausted(f"no new enterprise name left after {len(self.names)}")

    def _serial(self) -> int:
        while True:
            serial = self.rng.randrange(10**7, 10**8)
            if serial not in self.serials:
                self.serials.add(serial)
                return serial


def platforms(rng: Random, enterprise: Enterprise) -> list[Platform]:
    """Research platforms: technology centres at high-tech enterprises, R&D centres at R&D
    institutions, postdoctoral and academician workstations at a few of the strongest."""
    anchor = enterprise.name == names.ANCHOR_ENTERPRISE_NAME
    wanted: list[tuple[str, str]] = []
    if enterprise.high_tech and (enterprise.above_scale or rng.random() < 0.3):
        level = Level.NATIONAL if anchor else TECHNOLOGY_CENTRE_LEVELS.pick(rng)
        if not enterprise.above_scale:
            level = Level.MUNICIPAL
        wanted.append((PlatformKind.TECHNOLOGY_CENTRE, level))
    if enterprise.rd_institution and enterprise.above_scale:
        wanted.append((PlatformKind.RD_CENTRE, RD_CENTRE_LEVELS.pick(rng)))
        if enterprise.high_tech and (anchor or rng.random() < 0.35):
            level = Level.NATIONAL if anchor else Level.PROVINCIAL
            wanted.append((PlatformKind.POSTDOCTORAL, level))
        if anchor or rng.random() < 0.15:
            wanted.append((PlatformKind.ACADEMICIAN, Level.PROVINCIAL))
    earliest = max(add_years(enterprise.founded_on, 2), ZONE_OPENED)
    return [
        Platform(
            enterprise=enterprise,
            kind=kind,
            level=level,
            name=f"{enterprise.name}{LEVEL_NAMES[level]}{PLATFORM_NAMES[kind]}",
            approved_on=random_day(rng, earliest, REFERENCE_DATE),
        )
        for kind, level in wanted
    ]


def ventures(rng: Random) -> list[Venture]:
    return [
        Venture(
            name=spec.name,
            field=spec.field,
            stage=spec.stage,
            joined_on=random_day(rng, datetime.date(2019, 9, 1), REFERENCE_DATE),
            park_unit=f"创业园{rng.choice('AB')}区{rng.randint(1, 4)}{rng.randint(1, 20):02d}室",
            summary=spec.summary,
        )
        for spec in structure.VENTURES
    ]


def founders(rng: Random, people: People, venture: Venture) -> list[Founder]:
    """One to three recent graduates; the first is the lead founder."""
    return [
        Founder(
            venture=venture,
            name=people.name(),
            university=rng.choice(names.UNIVERSITIES),
            graduation_year=rng.randint(REFERENCE_DATE.year - 7, REFERENCE_DATE.year),
            is_lead=index == 0,
        )
        for index in range(rng.randint(1, 3))
    ]
