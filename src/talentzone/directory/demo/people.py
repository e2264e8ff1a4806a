"""Fictional people: a name, a gender that agrees with the ID number, a birth date written in it,
a mobile number on a real number block, and an education, major, title and skills that fit."""

import datetime
from dataclasses import dataclass
from random import Random
from typing import Any

from talentzone.core.identifiers import make_id_number
from talentzone.directory.choices import Education, Gender, ProfessionalTitle

from . import names
from .timeline import REFERENCE_DATE, ZONE_OPENED, add_years, birth_date_for_age, random_day
from .weighted import Weighted

# Where ID cards were issued: the Ningde region for locals, elsewhere for those who moved in.
LOCAL_AREAS = Weighted(
    [
        ("350902", 40), ("350981", 15), ("350982", 10), ("350921", 10), ("350922", 7),
        ("350923", 4), ("350924", 4), ("350925", 4), ("350926", 3),
    ]
)  # fmt: skip
INCOMER_AREAS = Weighted(
    [
        ("350102", 6), ("350104", 3), ("350181", 3), ("350203", 4), ("350206", 2), ("350322", 3),
        ("350582", 3), ("350583", 2), ("350623", 2), ("350702", 2), ("350802", 2), ("330106", 2),
        ("320106", 1.5), ("430104", 2.5), ("420111", 2), ("360102", 2), ("362502", 1.5),
        ("440304", 2), ("440106", 1.5), ("510107", 1.5), ("410105", 1.5), ("370102", 1),
        ("610113", 1), ("230103", 1), ("340104", 1.5), ("450103", 1), ("500105", 1),
        ("431102", 1),
    ]
)  # fmt: skip
# Mobile number blocks (China Mobile, Unicom, Telecom); every number on them is valid.
PHONE_PREFIXES = names.words("139 138 137 136 135 158 159 188 187 150 152 183 186 189 177 199")

# The age at which people usually finish each education, and so can start work here.
GRADUATION_AGE = {
    Education.DOCTORATE: 28,
    Education.MASTER: 25,
    Education.BACHELOR: 22,
    Education.COLLEGE: 21,
    Education.VOCATIONAL: 19,
    Education.OTHER: 18,
}
# How often each education holds each title: (senior full, senior associate, intermediate,
# junior, none), in percent.
TITLE_SHARES = {
    Education.DOCTORATE: (30, 40, 25, 5, 0),
    Education.MASTER: (6, 24, 40, 20, 10),
    Education.BACHELOR: (2, 12, 36, 30, 20),
    Education.COLLEGE: (0, 3, 20, 37, 40),
    Education.VOCATIONAL: (0, 0, 10, 30, 60),
    Education.OTHER: (0, 0, 5, 25, 70),
}
TITLE_BY_EDUCATION = {
    education: Weighted(list(zip(ProfessionalTitle.values, shares, strict=True)))
    for education, shares in TITLE_SHARES.items()
}
SENIOR_TITLES = (ProfessionalTitle.SENIOR_FULL, ProfessionalTitle.SENIOR_ASSOCIATE)


@dataclass(frozen=True)
class Profile:
    """The kind of person a tier (or the agencies' candidate pool) holds."""

    youngest: int
    oldest: int
    typical_age: int
    education: Weighted[str]
    incomer_share: float
    male_share: float


PROFILES = {
    "national": Profile(
        38,
        65,
        50,
        Weighted([(Education.DOCTORATE, 75), (Education.MASTER, 20), (Education.BACHELOR, 5)]),
        0.8,
        0.8,
    ),
    "provincial": Profile(
        30,
        60,
        42,
        Weighted([(Education.DOCTORATE, 45), (Education.MASTER, 40), (Education.BACHELOR, 15)]),
        0.65,
        0.7,
    ),
    "municipal": Profile(
        23,
        60,
        33,
        Weighted(
            [
                (Education.DOCTORATE, 4),
                (Education.MASTER, 20),
                (Education.BACHELOR, 46),
                (Education.COLLEGE, 18),
                (Education.VOCATIONAL, 10),
                (Education.OTHER, 2),
            ]
        ),  # fmt: skip
        0.45,
        0.62,
    ),
    "candidate": Profile(
        22,
        45,
        27,
        Weighted(
            [
                (Education.MASTER, 10),
                (Education.BACHELOR, 50),
                (Education.COLLEGE, 25),
                (Education.VOCATIONAL, 15),
            ]
        ),
        0.4,
        0.6,
    ),
}


class People:
    """Makes people one after the other from one random stream; ID numbers and mobile numbers
    are never handed out twice."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()

    def phone(self) -> str:
        while True:
            number = f"{self.rng.choice(PHONE_PREFIXES)}{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def name(self, male: bool | None = None) -> str:
        return names.person_name(self.rng, self.rng.random() < 0.6 if male is None else male)

    def person(self, profile: Profile, industry: str) -> dict[str, Any]:
        """The fields of a Talent that describe the person (not their employer or tier)."""
        rng = self.rng
        male = rng.random() < profile.male_share
        education = profile.education.pick(rng)
        age = self._age(profile, education)
        birth = birth_date_for_age(rng, age)
        area = (INCOMER_AREAS if rng.random() < profile.incomer_share else LOCAL_AREAS).pick(rng)
        return {
            "name": names.person_name(rng, male),
            "gender": Gender.MALE if male else Gender.FEMALE,
            "birth_date": birth,
            "id_number": self._id_number(area, birth, male),
            "phone": self.phone(),
            "education": education,
            "major": self._major(education, industry),
            "title": self._title(education, age),
            "industry": industry,
            "skills": names.skills(rng, industry),
        }

    def arrival(self, birth: datetime.date, education: str) -> datetime.date:
        """After they finished school (and were at least 18), once the zone had opened."""
        adult = add_years(birth, 18)
        earliest = max(add_years(birth, GRADUATION_AGE[education]), ZONE_OPENED)
        if earliest > REFERENCE_DATE:
            earliest = adult
        return random_day(self.rng, max(earliest, adult), REFERENCE_DATE, recent=True)

    def _age(self, profile: Profile, education: str) -> int:
        youngest = max(profile.youngest, GRADUATION_AGE[education] + 1)
        drawn = int(self.rng.triangular(youngest, profile.oldest + 1, profile.typical_age))
        return min(max(drawn, youngest), profile.oldest)

    def _id_number(self, area: str, birth: datetime.date, male: bool) -> str:
        while True:
            number = make_id_number(area, birth, self.rng.randrange(500), male)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def _major(self, education: str, industry: str) -> str:
        rng = self.rng
        if education == Education.OTHER:
            return ""
        if education in (Education.COLLEGE, Education.VOCATIONAL):
            return rng.choice(names.VOCATIONAL_MAJORS)
        if rng.random() < 0.75:
            return rng.choice(names.MAJORS[industry])
        return rng.choice(names.GENERAL_MAJORS)

    def _title(self, education: str, age: int) -> str:
        """Doctors hold senior titles more often; nobody under 30 holds one, and a full senior
        title takes until 35."""
        title = TITLE_BY_EDUCATION[education].pick(self.rng)
        if age < 30 and title in SENIOR_TITLES:
            return ProfessionalTitle.INTERMEDIATE
        if age < 35 and title == ProfessionalTitle.SENIOR_FULL:
            return ProfessionalTitle.SENIOR_ASSOCIATE
        return title
