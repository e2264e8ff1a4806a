"""The columns of the import workbooks: the header a clerk sees, what a cell may hold, and how a
cell becomes a model value.

The headers are Chinese and fixed: they are the file's format, not its language, so a workbook
filled in under the Chinese pages imports the same under the English ones. Choice cells take the
Chinese label (what the template's drop-downs offer), the English label or the stored value;
related records are named as a clerk knows them (an enterprise by name or credit code, a tier
by name). Every name is looked up in tables loaded once per import, never with a query per row.
"""

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.cn import uscc

from talentzone.core.validators import compact_id_number

from .. import queries
from ..choices import Education, Gender, ImportKind, Industry, ProfessionalTitle, TalentStatus
from ..models import Agency, Enterprise, Grid, Talent, TalentTier

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×"}
YES, NO = "是", "否"


class CellError(ValueError):
    """A cell that cannot become a value; the message says what to type instead."""


def normalised(text: str) -> str:
    """How two spellings of one name are compared: full-width （） and Ａ as their half-width
    forms (NFKC), no spaces at all, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def names_to_pks(rows: Iterable[tuple], *, ambiguous: set[str] | None = None) -> dict[str, int]:
    """{normalised name: pk} from (pk, name, other name, …) rows; a name two records share is
    left out (and noted in `ambiguous`) rather than guessed."""
    found: dict[str, int] = {}
    clashes = ambiguous if ambiguous is not None else set()
    for pk, *names in rows:
        for name in filter(None, names):
            key = normalised(name)
            if found.get(key, pk) != pk:
                clashes.add(key)
            found[key] = pk
    for key in clashes:
        found.pop(key, None)
    return found


def labels_in(language: str, choices: type[models.TextChoices]) -> list[str]:
    with translation.override(language):
        return [str(label) for label in choices.labels]


class References:
    """The names cells may use for related records and choices, loaded on first use.

    Employers are looked up among the enterprises the importing user can see: an HR clerk who
    types another enterprise's name is told it is unknown, not that it exists.
    """

    def __init__(self, actor):
        self.actor = actor
        self._choices: dict[type, dict[str, str]] = {}

    @cached_property
    def enterprises(self) -> dict[str, int]:
        visible = queries.visible_enterprises(self.actor).order_by()
        return names_to_pks(visible.values_list("pk", "name", "credit_code"))

    @cached_property
    def tiers(self) -> dict[str, int]:
        return names_to_pks(TalentTier.objects.values_list("pk", "name", "name_en", "code"))

    @cached_property
    def agencies(self) -> dict[str, int]:
        return names_to_pks(Agency.objects.values_list("pk", "name", "credit_code"))

    @cached_property
    def grids(self) -> dict[str, int]:
        return names_to_pks(Grid.objects.values_list("pk", "name", "code"))

    def choice(self, choices: type[models.TextChoices]) -> dict[str, str]:
        """{normalised Chinese label, English label or value: value} of a choice set."""
        if choices not in self._choices:
            table = {}
            for language in ("en", "zh-hans"):
                for value, label in zip(choices.values, labels_in(language, choices), strict=True):
                    table[normalised(label)] = value
            table.update({normalised(value): value for value in choices.values})
            self._choices[choices] = table
        return self._choices[choices]


# Parsers: a non-blank cell value → the model value, or CellError. ---------------------------


def text(value: Any, refs: References) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into a text column: 2023, not 2023.0
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def id_number(value: Any, refs: References) -> str:
    if isinstance(value, int | float):
        raise CellError(
            _(
                "The ID number is stored as a number, which Excel rounds to 15 digits: "
                "format the column as text and type the number again."
            )
        )
    return compact_id_number(str(value))


def mobile(value: Any, refs: References) -> str:
    return "".join(text(value, refs).split()).replace("-", "")


def credit_code(value: Any, refs: References) -> str:
    return uscc.compact(text(value, refs))


def date(value: Any, refs: References) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value.strip(), date_format).date()
            except ValueError:
                continue
    raise CellError(_("Not a date: write it as 2026-11-24 or format the cell as a date."))


def boolean(value: Any, refs: References) -> bool:
    if isinstance(value, bool):
        return value
    word = normalised(text(value, refs))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Write 是 (yes) or 否 (no)."))


def count(value: Any, refs: References) -> int:
    if isinstance(value, bool):
        raise CellError(_("Write a whole number, such as 120."))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    digits = text(value, refs).replace(",", "").replace("，", "")
    if digits.lstrip("-").isdigit():
        return int(digits)
    raise CellError(_("Write a whole number, such as 120."))


def choice(choices: type[models.TextChoices]) -> Callable[[Any, References], str]:
    def parse(value: Any, refs: References) -> str:
        typed = text(value, refs)
        found = refs.choice(choices).get(normalised(typed))
        if found is None:
            raise CellError(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": typed, "allowed": "、".join(labels_in("zh-hans", choices))}
            )
        return found

    return parse


def reference(table: str, message: Promise) -> Callable[[Any, References], int]:
    """A related record named in the cell, looked up in `References.<table>`."""

    def parse(value: Any, refs: References) -> int:
        typed = text(value, refs)
        pk = getattr(refs, table).get(normalised(typed))
        if pk is None:
            raise CellError(str(message) % {"value": typed})
        return pk

    return parse


# The columns of each kind. -------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the model field's attname (employer_id for a foreign key)
    parse: Callable[[Any, References], Any]
    note: Promise
    required: bool = False
    allowed: Callable[[], list[str]] | None = None  # what the template's drop-down offers
    as_text: bool = False  # formatted as text in the template, so Excel keeps every digit
    width: int = 14


def choice_column(header: str, field: str, choices, note: Promise, **options) -> Column:
    return Column(
        header,
        field,
        choice(choices),
        note,
        allowed=lambda: labels_in("zh-hans", choices),
        **options,
    )


def yes_no_column(header: str, field: str, note: Promise) -> Column:
    return Column(header, field, boolean, note, allowed=lambda: [YES, NO], width=10)


def names_of(queryset: models.QuerySet, order: str = "name") -> Callable[[], list[str]]:
    """The names of the records, for a drop-down: read when a template is made, not before."""
    return lambda: list(queryset.order_by(order, "pk").values_list("name", flat=True))


NOT_VISIBLE_ENTERPRISE = gettext_lazy(
    "No enterprise you can see is named “%(value)s” or has that credit code."
)

TALENT_COLUMNS = (
    Column("姓名", "name", text, gettext_lazy("Full name."), required=True, width=10),
    choice_column(
        "性别",
        "gender",
        Gender,
        gettext_lazy("男 or 女. May be left empty: the ID number says it."),
        width=8,
    ),
    Column(
        "出生日期",
        "birth_date",
        date,
        gettext_lazy("A date such as 1988-06-15. May be left empty: the ID number says it."),
        width=12,
    ),
    Column(
        "身份证号码",
        "id_number",
        id_number,
        gettext_lazy(
            "18-character resident ID number. A person already registered with this number is "
            "updated if you choose so when uploading, otherwise reported."
        ),
        required=True,
        as_text=True,
        width=21,
    ),
    Column(
        "手机号码",
        "phone",
        mobile,
        gettext_lazy("11-digit mainland mobile number."),
        required=True,
        as_text=True,
    ),
    choice_column("学历", "education", Education, gettext_lazy("Education."), required=True),
    Column("专业", "major", text, gettext_lazy("Major; may be empty.")),
    choice_column(
        "职称", "title", ProfessionalTitle, gettext_lazy("Professional title; empty means 无.")
    ),
    Column(
        "工作单位",
        "employer_id",
        reference("enterprises", NOT_VISIBLE_ENTERPRISE),
        gettext_lazy("The employer's full name or credit code, as registered; may be empty."),
        width=28,
    ),
    choice_column("所属行业", "industry", Industry, gettext_lazy("Industry."), required=True),
    Column(
        "人才层次",
        "tier_id",
        reference("tiers", gettext_lazy("There is no talent tier named “%(value)s”.")),
        gettext_lazy("A tier of the zone's talent ladder; may be empty."),
        allowed=names_of(TalentTier.objects.all(), "rank"),
        width=18,
    ),
    Column("技能", "skills", text, gettext_lazy("Skills separated by commas or 、."), width=20),
    Column(
        "入区日期",
        "arrival_date",
        date,
        gettext_lazy("The date the person came to the zone; may be empty."),
        width=12,
    ),
    choice_column("状态", "status", TalentStatus, gettext_lazy("Empty means 在区 (in the zone).")),
    Column(
        "人力资源服务机构",
        "agency_id",
        reference("agencies", gettext_lazy("There is no HR agency named “%(value)s”.")),
        gettext_lazy("The HR agency that holds a candidate: its name or credit code."),
        allowed=names_of(Agency.objects.all()),
        width=28,
    ),
)

ENTERPRISE_COLUMNS = (
    Column(
        "企业名称", "name", text, gettext_lazy("Full registered name."), required=True, width=28
    ),
    Column(
        "统一社会信用代码",
        "credit_code",
        credit_code,
        gettext_lazy(
            "18 characters. An enterprise already registered with this code is updated if you "
            "choose so when uploading, otherwise reported."
        ),
        required=True,
        as_text=True,
        width=21,
    ),
    choice_column("所属行业", "industry", Industry, gettext_lazy("Industry."), required=True),
    yes_no_column("规上企业", "above_scale", gettext_lazy("Above designated size: 是 or 否.")),
    yes_no_column("高新技术企业", "high_tech", gettext_lazy("High-tech enterprise: 是 or 否.")),
    yes_no_column("研发机构", "rd_institution", gettext_lazy("Has an R&D institution: 是 or 否.")),
    Column(
        "所属网格",
        "grid_id",
        reference("grids", gettext_lazy("There is no grid named “%(value)s”.")),
        gettext_lazy("The service grid the enterprise is in: its name or code."),
        required=True,
        allowed=names_of(Grid.objects.all(), "code"),
    ),
    Column("地址", "address", text, gettext_lazy("Address; may be empty."), width=28),
    Column("职工人数", "employees", count, gettext_lazy("Number of employees; empty means 0.")),
    Column(
        "成立日期",
        "founded_on",
        date,
        gettext_lazy("A date such as 2015-04-01; may be empty."),
        width=12,
    ),
)


@dataclass(frozen=True)
class Kind:
    """What one kind of import brings in, and the column that says which record a row is."""

    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    key: str  # the field whose value identifies a record (a duplicate updates that record)
    sheet_title: str

    @property
    def label(self) -> str:
        return ImportKind(self.name).label

    def column(self, field: str) -> Column | None:
        return next((c for c in self.columns if c.field == field), None)

    @property
    def key_column(self) -> Column:
        return self.column(self.key)


TALENTS = Kind(ImportKind.TALENTS, Talent, TALENT_COLUMNS, "id_number", "人才")
ENTERPRISES = Kind(ImportKind.ENTERPRISES, Enterprise, ENTERPRISE_COLUMNS, "credit_code", "企业")
KINDS = {kind.name: kind for kind in (TALENTS, ENTERPRISES)}
ERROR_HEADER = "错误"  # the annotated report's extra column; ignored when a report is re-uploaded


def kind_named(name: str) -> Kind:
    return KINDS[ImportKind(name)]
