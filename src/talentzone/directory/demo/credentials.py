"""Credentials of demo talents: the programme that certified them, patents, awards, certificates.

Each is a dict of Credential fields without the talent, made while the talent is made (so the
random stream does not depend on database ids) and saved once the talent has its id.
"""

import datetime
from random import Random
from typing import Any

from talentzone.directory.choices import CredentialKind, Level

from . import names
from .timeline import REFERENCE_DATE, add_years, random_day
from .weighted import Weighted

PROVINCIAL_OFFICE = "福建省人才工作领导小组办公室"
MUNICIPAL_OFFICE = "宁德市人才工作领导小组办公室"
NATIONAL_OFFICE = "国家人才工作主管部门"
PATENT_OFFICE = "国家知识产权局"

# The programme selections that put a talent on each tier: (name, issuer).
PROGRAMMES = {
    "national_top": [("国家级顶尖人才认定", NATIONAL_OFFICE)],
    "national_leading": [
        ("国家级领军人才认定", NATIONAL_OFFICE),
        ("国家高层次人才特殊支持计划科技创新领军人才", NATIONAL_OFFICE),
    ],
    "provincial_high": [
        ("福建省高层次人才（A类）认定", PROVINCIAL_OFFICE),
        ("福建省高层次人才（B类）认定", PROVINCIAL_OFFICE),
        ("福建省高层次人才（C类）认定", PROVINCIAL_OFFICE),
    ],
    "provincial_leading": [
        ("福建省引进高层次人才认定", PROVINCIAL_OFFICE),
        ("福建省产业领军团队核心成员", PROVINCIAL_OFFICE),
    ],
    "municipal": [
        ("宁德市高层次人才认定", MUNICIPAL_OFFICE),
        ("宁德市“闽东英才”计划入选", MUNICIPAL_OFFICE),
    ],
}
PROGRAMME_LEVEL = {
    "national_top": Level.NATIONAL,
    "national_leading": Level.NATIONAL,
    "provincial_high": Level.PROVINCIAL,
    "provincial_leading": Level.PROVINCIAL,
    "municipal": Level.MUNICIPAL,
}
AWARDS = {
    Level.NATIONAL: [("中国专利优秀奖", PATENT_OFFICE)],
    Level.PROVINCIAL: [
        ("福建省科学技术进步奖二等奖", "福建省人民政府"),
        ("福建省科学技术进步奖三等奖", "福建省人民政府"),
        ("福建省五一劳动奖章", "福建省总工会"),
        ("福建省技术能手", "福建省人力资源和社会保障厅"),
    ],
    Level.MUNICIPAL: [
        ("宁德市科学技术进步奖一等奖", "宁德市人民政府"),
        ("宁德市五一劳动奖章", "宁德市总工会"),
        ("宁德市技术能手", "宁德市人力资源和社会保障局"),
        ("宁德市优秀青年工程师", "宁德市科学技术协会"),
    ],
}
CERTIFICATES = [
    ("高级技师职业资格（电池制造工）", "福建省人力资源和社会保障厅", Level.PROVINCIAL),
    ("技师职业资格（化学检验员）", "福建省人力资源和社会保障厅", Level.PROVINCIAL),
    ("注册安全工程师", "应急管理部", Level.NATIONAL),
    ("一级建造师（机电工程）", "住房和城乡建设部", Level.NATIONAL),
    ("特种设备安全管理人员证", "宁德市市场监督管理局", Level.MUNICIPAL),
]
# What the one credential of a municipal talent is, when they have one.
MUNICIPAL_KINDS = Weighted(
    [
        (CredentialKind.PROGRAMME, 30),
        (CredentialKind.PATENT, 30),
        (CredentialKind.AWARD, 20),
        (CredentialKind.CERTIFICATE, 20),
    ]
)
MUNICIPAL_SHARE_WITH_CREDENTIAL = 0.15
EARLIEST_CREDENTIAL = datetime.date(2008, 1, 1)
PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def patent_number(year: int, serial: int, invention: bool) -> str:
    """A granted patent's number, ZL + the 12-digit application number + its check character
    (weights 2..9 over the digits, sum modulo 11, 10 written X)."""
    digits = f"{year}{1 if invention else 2}{serial:07d}"
    check = sum(int(d) * w for d, w in zip(digits, PATENT_WEIGHTS, strict=True)) % 11
    return f"ZL{digits}.{'X' if check == 10 else check}"


class Credentials:
    def __init__(self, rng: Random):
        self.rng = rng

    def for_tiered_talent(self, tier: str, birth: datetime.date) -> list[dict[str, Any]]:
        """A provincial-or-above talent: the programme of their tier, often patents and awards."""
        rng = self.rng
        found = [self.programme(tier, birth)]
        if rng.random() < 0.5:
            found += self.patents(birth, rng.randint(1, 3))
        if rng.random() < 0.35:
            level = Level.NATIONAL if PROGRAMME_LEVEL[tier] == Level.NATIONAL else Level.PROVINCIAL
            found.append(self.award(level, birth))
        return found

    def for_municipal_talent(self, birth: datetime.date) -> list[dict[str, Any]]:
        """Some municipal talents have one credential on record."""
        if self.rng.random() >= MUNICIPAL_SHARE_WITH_CREDENTIAL:
            return []
        kind = MUNICIPAL_KINDS.pick(self.rng)
        if kind == CredentialKind.PROGRAMME:
            return [self.programme("municipal", birth)]
        if kind == CredentialKind.PATENT:
            return self.patents(birth, 1)
        if kind == CredentialKind.AWARD:
            return [self.award(Level.MUNICIPAL, birth)]
        return [self.certificate(birth)]

    def programme(self, tier: str, birth: datetime.date) -> dict[str, Any]:
        name, issuer = self.rng.choice(PROGRAMMES[tier])
        awarded = self._day(birth, 28)
        return self._credential(
            CredentialKind.PROGRAMME,
            PROGRAMME_LEVEL[tier],
            name,
            issuer,
            f"〔{awarded.year}〕{self.rng.randint(1, 999):03d}号",
            awarded,
        )

    def patents(self, birth: datetime.date, count: int) -> list[dict[str, Any]]:
        found = []
        for title in names.patent_titles(self.rng, count):
            granted = self._day(birth, 26)
            filed = max(granted.year - self.rng.randint(1, 2), EARLIEST_CREDENTIAL.year)
            number = patent_number(filed, self.rng.randrange(1, 10**7), self.rng.random() < 0.6)
            found.append(
                self._credential(
                    CredentialKind.PATENT, Level.NATIONAL, title, PATENT_OFFICE, number, granted
                )
            )
        return found

    def award(self, level: str, birth: datetime.date) -> dict[str, Any]:
        name, issuer = self.rng.choice(AWARDS[level])
        return self._credential(CredentialKind.AWARD, level, name, issuer, "", self._day(birth, 28))

    def certificate(self, birth: datetime.date) -> dict[str, Any]:
        name, issuer, level = self.rng.choice(CERTIFICATES)
        number = f"{self.rng.randrange(10**11, 10**12)}"
        awarded = self._day(birth, 24)
        return self._credential(CredentialKind.CERTIFICATE, level, name, issuer, number, awarded)

    def _day(self, birth: datetime.date, earliest_age: int) -> datetime.date:
        first = max(add_years(birth, earliest_age), EARLIEST_CREDENTIAL)
        return random_day(self.rng, first, REFERENCE_DATE, recent=True)

    @staticmethod
    def _credential(kind, level, name, issuer, number, awarded_on) -> dict[str, Any]:
        return {
            "kind": kind,
            "level": level,
            "name": name,
            "issuer": issuer,
            "number": number,
            "awarded_on": awarded_on,
        }
