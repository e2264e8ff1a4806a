"""What a rule may speak about: per subject (talent, enterprise), a table of attributes and of
countable collections, each tied to the stored field it reads. Evaluating, compiling, parsing
and describing all work from these tables, so a new attribute is one line here."""

import datetime
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.directory import choices
from talentzone.directory.models import (
    Agency,
    Credential,
    Enterprise,
    Platform,
    Talent,
    TalentTier,
    Venture,
)


class ValueType(enum.Enum):
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"


ORDERED_TYPES = {ValueType.INTEGER, ValueType.DATE}

ChoiceList = Callable[[], Sequence[tuple[str, str | Promise]]]


def fixed_choices(text_choices: type[models.TextChoices]) -> ChoiceList:
    return lambda: text_choices.choices


def tier_choices() -> list[tuple[str, str]]:
    """The talent ladder is data: its steps are read when a rule is parsed or described."""
    return [(tier.code, str(tier)) for tier in TalentTier.objects.order_by("rank")]


def tier_names() -> dict[str, str]:
    """Every name a tier goes by (Chinese and English), for reading a rule written by name."""
    names = {}
    for tier in TalentTier.objects.order_by("rank"):
        names[tier.name] = tier.code
        if tier.name_en:
            names[tier.name_en] = tier.code
    return names


@dataclass(frozen=True)
class AttributeSpec:
    """One attribute. `path` is the ORM path of the stored field. With `years_since`, the value
    is the whole number of years from that stored date to the evaluation date (an age)."""

    name: str
    label: Promise
    type: ValueType
    path: str
    years_since: bool = False
    choices: ChoiceList | None = None
    extra_names: Callable[[], dict[str, str]] | None = None  # more names a choice goes by
    unit: Promise | None = None  # "%(number)s years" for ages
    negative_label: Promise | None = None  # yes/no attributes: the wording of "no"


@dataclass(frozen=True)
class CollectionSpec:
    """A related collection a rule may count, with the keywords that filter it."""

    name: str
    label: Promise
    model: type[models.Model]
    owner_field: str  # the collection's foreign key to the subject
    related_name: str  # the subject's accessor for the collection
    keywords: dict[str, AttributeSpec]
    since_field: str  # `since=` keeps items on or after a date of this field


@dataclass(frozen=True)
class Subject:
    name: str
    model: type[models.Model]
    attributes: dict[str, AttributeSpec]
    collections: dict[str, CollectionSpec] = field(default_factory=dict)


def table(*specs):
    return {spec.name: spec for spec in specs}


def choice(name, label, path, text_choices):
    return AttributeSpec(name, label, ValueType.CHOICE, path, choices=fixed_choices(text_choices))


def yes_no(name, label, negative_label, path):
    return AttributeSpec(name, label, ValueType.BOOLEAN, path, negative_label=negative_label)


YEARS_OF_AGE = pgettext_lazy("age", "%(number)s years")
YEARS = _("%(number)s years")

CREDENTIALS = CollectionSpec(
    name="credentials",
    label=_("credentials"),
    model=Credential,
    owner_field="talent",
    related_name="credentials",
    keywords=table(
        choice("kind", _("kind"), "kind", choices.CredentialKind),
        choice("level", _("level"), "level", choices.Level),
    ),
    since_field="awarded_on",
)

PLATFORMS = CollectionSpec(
    name="platforms",
    label=_("research platforms"),
    model=Platform,
    owner_field="enterprise",
    related_name="platforms",
    keywords=table(
        choice("kind", _("kind"), "kind", choices.PlatformKind),
        choice("level", _("level"), "level", choices.Level),
    ),
    since_field="approved_on",
)

TALENT = Subject(
    name="talent",
    model=Talent,
    attributes=table(
        AttributeSpec(
            "age", _("age"), ValueType.INTEGER, "birth_date", years_since=True, unit=YEARS_OF_AGE
        ),
        AttributeSpec("birth_date", _("birth date"), ValueType.DATE, "birth_date"),
        choice("gender", _("gender"), "gender", choices.Gender),
        choice("education", _("education"), "education", choices.Education),
        choice("title", _("professional title"), "title", choices.ProfessionalTitle),
        choice("industry", _("industry"), "industry", choices.Industry),
        choice("status", _("status"), "status", choices.TalentStatus),
        AttributeSpec(
            "tier",
            _("tier"),
            ValueType.CHOICE,
            "tier__code",
            choices=tier_choices,
            extra_names=tier_names,
        ),
        AttributeSpec("tier_rank", _("tier rank"), ValueType.INTEGER, "tier__rank"),
        AttributeSpec("arrival_date", _("arrived in the zone on"), ValueType.DATE, "arrival_date"),
        AttributeSpec(
            "years_in_zone",
            _("years in the zone"),
            ValueType.INTEGER,
            "arrival_date",
            years_since=True,
            unit=YEARS,
        ),
        yes_no(
            "employer.high_tech",
            _("the employer is a high-tech enterprise"),
            _("the employer is not a high-tech enterprise"),
            "employer__high_tech",
        ),
        yes_no(
            "employer.rd_institution",
            _("the employer is an R&D institution"),
            _("the employer is not an R&D institution"),
            "employer__rd_institution",
        ),
        yes_no(
            "employer.above_scale",
            _("the employer is above designated size"),
            _("the employer is not above designated size"),
            "employer__above_scale",
        ),
        choice(
            "employer.industry",
            _("the employer's industry"),
            "employer__industry",
            choices.Industry,
        ),
    ),
    collections=table(CREDENTIALS),
)

ENTERPRISE = Subject(
    name="enterprise",
    model=Enterprise,
    attributes=table(
        choice("industry", _("industry"), "industry", choices.Industry),
        yes_no(
            "high_tech",
            _("the enterprise is a high-tech enterprise"),
            _("the enterprise is not a high-tech enterprise"),
            "high_tech",
        ),
        yes_no(
            "rd_institution",
            _("the enterprise is an R&D institution"),
            _("the enterprise is not an R&D institution"),
            "rd_institution",
        ),
        yes_no(
            "above_scale",
            _("the enterprise is above designated size"),
            _("the enterprise is not above designated size"),
            "above_scale",
        ),
        AttributeSpec("employees", _("employees"), ValueType.INTEGER, "employees"),
        AttributeSpec("founded_on", _("founded on"), ValueType.DATE, "founded_on"),
        AttributeSpec(
            "years_since_founding",
            _("years since founding"),
            ValueType.INTEGER,
            "founded_on",
            years_since=True,
            unit=YEARS,
        ),
    ),
    collections=table(PLATFORMS),
)

AGENCY = Subject(
    name="agency",
    model=Agency,
    attributes=table(
        AttributeSpec(
            "moved_in_on", _("moved into the HR service park on"), ValueType.DATE, "moved_in_on"
        ),
        AttributeSpec(
            "years_in_park",
            _("years in the HR service park"),
            ValueType.INTEGER,
            "moved_in_on",
            years_since=True,
            unit=YEARS,
        ),
    ),
)

VENTURE = Subject(
    name="venture",
    model=Venture,
    attributes=table(
        choice("field", _("field"), "field", choices.Industry),
        choice("stage", _("stage"), "stage", choices.VentureStage),
        AttributeSpec("joined_on", _("joined the park on"), ValueType.DATE, "joined_on"),
        AttributeSpec(
            "years_in_park",
            _("years in the entrepreneurship park"),
            ValueType.INTEGER,
            "joined_on",
            years_since=True,
            unit=YEARS,
        ),
    ),
)

SUBJECTS = table(TALENT, ENTERPRISE, AGENCY, VENTURE)


def whole_years(start: datetime.date, today: datetime.date) -> int:
    """Whole years from `start` to `today`: an age. Someone born on 29 February comes of age
    on 1 March in common years."""
    return today.year - start.year - ((today.month, today.day) < (start.month, start.day))


def years_ago(today: datetime.date, years: int) -> datetime.date | None:
    """The latest date from which `years` whole years have passed by `today`:
    whole_years(d, today) >= years ⇔ d <= years_ago(today, years). None: before the calendar."""
    year = today.year - years
    if year < datetime.MINYEAR:
        return None
    if year > datetime.MAXYEAR:
        return datetime.date.max
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February in a common year: the 28th is the last day that counts
        return datetime.date(year, 2, 28)


def read_path(obj, path: str):
    """Follow an ORM path on an instance; None wherever a link is missing."""
    for step in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, step)
    return obj


def read_attribute(spec: AttributeSpec, obj, today: datetime.date):
    """The attribute's value for one record on `today`, or None when the registry lacks it."""
    value = read_path(obj, spec.path)
    if value is None or not spec.years_since:
        return value
    return whole_years(value, today)
