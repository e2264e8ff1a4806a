"""Every row checked before anything is written, every error collected.

A row becomes an unsaved model instance (a new one, or the registered record it updates) and
passes the same checks a form's save does: the cell's own parsing, the model's full_clean
(ID checksum, birth date and gender against the ID number, mobile, credit code, required
fields), the importer's permission on the record before and after the change, and uniqueness
against the other rows of the file and the registry. The lookups are batched: enterprises,
tiers and agencies come from tables loaded once, registered records from one query per chunk
of keys.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from talentzone.core.services import perm_name
from talentzone.core.validators import id_number_birth_date, id_number_is_male

from .. import queries
from ..choices import Gender, ImportKind, ImportStatus
from ..models import Enterprise
from ..services import departure_day
from .columns import CellError, Column, Kind, References, is_blank, normalised
from .workbook import Layout, SourceRow

REPORT_EVERY = 200  # rows between two progress reports
LOOKUP_CHUNK = 2000  # keys per query: SQLite takes at most 32,766 parameters

Progress = Callable[[str, int, int], None]


def no_progress(phase: str, done: int, total: int) -> None:
    """The progress callback of callers that do not show any."""


@dataclass(frozen=True)
class RowError:
    """What is wrong, where: the row as Excel numbers it (None: the whole file), the column's
    header ("" : the whole row)."""

    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RowError":
        return cls(data["row"], data["column"], data["message"])


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any]  # attname → value, for the columns present in the file
    failed: set[str] = field(default_factory=set)  # attnames whose cell could not be read


@dataclass
class Plan:
    """The validated import: what to create, what to update (with the fields that change)."""

    kind: Kind
    fields: tuple[str, ...]  # the model fields the file writes (names, not attnames)
    total_rows: int
    new: list[models.Model] = field(default_factory=list)
    updates: list[tuple[models.Model, frozenset[str]]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def fill_in_from_id_number(values: dict[str, Any]) -> None:
    """Gender and birth date left empty are read from the ID number, which encodes both."""
    number = values.get("id_number") or ""
    birth = id_number_birth_date(number)
    if birth is None:
        return  # an invalid number: full_clean reports it, and the empty fields
    if not values.get("birth_date"):
        values["birth_date"] = birth
    if not values.get("gender"):
        values["gender"] = Gender.MALE if id_number_is_male(number) else Gender.FEMALE


COMPLETIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    ImportKind.TALENTS: fill_in_from_id_number,
}


def chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def registered_talents(id_numbers: Sequence[str]) -> dict[str, models.Model]:
    found = {}
    for chunk in chunks(id_numbers, LOOKUP_CHUNK):
        found.update({t.id_number: t for t in queries.talents_with_id_numbers(chunk)})
    return found


def registered_enterprises(credit_codes: Sequence[str]) -> dict[str, models.Model]:
    found = {}
    for chunk in chunks(credit_codes, LOOKUP_CHUNK):
        found.update({e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=chunk)})
    return found


REGISTERED = {
    ImportKind.TALENTS: registered_talents,
    ImportKind.ENTERPRISES: registered_enterprises,
}


def enterprise_names_taken(names: Sequence[str]) -> dict[str, int]:
    taken = {}
    for chunk in chunks(names, LOOKUP_CHUNK):
        taken.update(Enterprise.objects.filter(name__in=chunk).values_list("name", "pk"))
    return taken


class Validator:
    def __init__(self, *, actor, kind: Kind, layout: Layout, update_existing: bool):
        self.actor = actor
        self.kind = kind
        self.layout = layout
        self.update_existing = update_existing
        self.references = References(actor)
        self.options = kind.model._meta
        self.change_perm = perm_name(kind.model, "change")
        self.errors: list[RowError] = []
        self.columns_by_field = {self.options.get_field(c.field).name: c for c in kind.columns}
        self.relations = {f.name for f in self.options.concrete_fields if f.is_relation}
        self.fields = self.written_fields()
        self.headers = [c.header for c in kind.columns]

    # The whole file ------------------------------------------------------------------------

    def validate(self, rows: Sequence[SourceRow], progress: Progress = no_progress) -> Plan:
        plan = Plan(self.kind, self.fields, total_rows=len(rows))
        parsed = [self.parse(row) for row in rows]
        keys = [row.values.get(self.kind.key) for row in parsed]
        registered = REGISTERED[self.kind.name](sorted({k for k in keys if k}))
        taken_names = self.names_taken(parsed)
        first_rows: dict[tuple[str, str], int] = {}
        for done, row in enumerate(parsed, start=1):
            if self.is_unique_in_file(row, first_rows):
                self.plan_row(row, registered, taken_names, plan)
            if done % REPORT_EVERY == 0:
                progress(ImportStatus.VALIDATING, done, len(parsed))
        progress(ImportStatus.VALIDATING, len(parsed), len(parsed))
        plan.errors = sorted(self.errors, key=lambda e: (e.row or 0, self.position(e.column)))
        return plan

    def written_fields(self) -> tuple[str, ...]:
        names = [self.options.get_field(c.field).name for c in self.layout.columns]
        if self.kind.name == ImportKind.TALENTS:
            names += [n for n in ("gender", "birth_date") if n not in names]
            if "status" in names:
                names.append("left_on")  # dated by the status (services.departure_day)
        return tuple(n for n in names if n != self.kind.key)

    def position(self, header: str) -> int:
        return self.headers.index(header) if header in self.headers else -1

    def names_taken(self, parsed: Sequence[ParsedRow]) -> dict[str, int]:
        """Enterprise names are unique too: which of the file's names are registered, to whom."""
        if self.kind.name != ImportKind.ENTERPRISES:
            return {}
        return enterprise_names_taken(sorted({r.values.get("name") or "" for r in parsed}))

    def unique_fields(self) -> tuple[str, ...]:
        if self.kind.name == ImportKind.ENTERPRISES:
            return (self.kind.key, "name")
        return (self.kind.key,)

    def is_unique_in_file(self, row: ParsedRow, first_rows: dict[tuple[str, str], int]) -> bool:
        """A key (and an enterprise's name) may appear once in the file; later rows are errors."""
        unique = True
        for name in self.unique_fields():
            value = row.values.get(name)
            if not value or name in row.failed:
                continue
            first = first_rows.setdefault((name, normalised(str(value))), row.number)
            if first != row.number:
                message = _("Same as row %(row)d.") % {"row": first}
                self.error(row.number, self.columns_by_field[name], message)
                unique = False
        return unique

    # One row -------------------------------------------------------------------------------

    def parse(self, row: SourceRow) -> ParsedRow:
        parsed = ParsedRow(row.number, {})
        for index, column in enumerate(self.layout.columns):
            value = row.values[index]
            if index in row.formulas:
                self.cell_error(parsed, column, _("Formulas are not accepted: paste the values."))
            elif is_blank(value):
                if column.required:
                    self.cell_error(parsed, column, _("Required: fill in this cell."))
                else:
                    parsed.values[column.field] = self.options.get_field(column.field).get_default()
            else:
                try:
                    parsed.values[column.field] = column.parse(value, self.references)
                except CellError as error:
                    self.cell_error(parsed, column, str(error))
        completion = COMPLETIONS.get(self.kind.name)
        if completion:
            completion(parsed.values)
        return parsed

    def plan_row(self, row: ParsedRow, registered: dict, taken_names: dict, plan: Plan) -> None:
        key = row.values.get(self.kind.key)
        existing = registered.get(key) if key else None
        if existing is not None and not self.update_existing:
            self.error(
                row.number,
                self.kind.key_column,
                _(
                    "Already registered. To update the registered record from this row, "
                    "upload again and choose to update existing records."
                ),
            )
            return
        if existing is not None and not self.actor.has_perm(self.change_perm, existing):
            self.error(row.number, None, _("Already registered, and you may not change it."))
            return
        instance = existing if existing is not None else self.kind.model()
        before = self.snapshot(instance) if existing is not None else {}
        for attname, value in row.values.items():
            setattr(instance, attname, value)
        if self.kind.name == ImportKind.TALENTS:
            instance.left_on = departure_day(instance.status, instance.left_on)
        # A row that is wrong anyway is not also told it is not permitted: that is noise.
        if not self.is_valid(row, instance) or not self.is_permitted(row, instance):
            return
        if not self.name_is_free(row, instance, taken_names):
            return
        if existing is None:
            plan.new.append(instance)
            return
        changed = frozenset(n for n, value in self.snapshot(instance).items() if before[n] != value)
        if changed:
            plan.updates.append((instance, changed))
        else:
            plan.unchanged += 1

    def snapshot(self, instance: models.Model) -> dict[str, Any]:
        return {
            name: getattr(instance, self.options.get_field(name).attname) for name in self.fields
        }

    def is_permitted(self, row: ParsedRow, instance: models.Model) -> bool:
        if self.actor.has_perm(self.change_perm, instance):
            return True
        self.error(row.number, None, self.not_permitted_message())
        return False

    def not_permitted_message(self) -> str:
        if self.kind.name == ImportKind.TALENTS:
            return _(
                "You may not register this person: enterprise HR staff import only their own "
                "enterprise's people, agency staff only their own agency's candidates."
            )
        return _("You may not change this enterprise.")

    def is_valid(self, row: ParsedRow, instance: models.Model) -> bool:
        failed_names = {self.options.get_field(attname).name for attname in row.failed}
        try:
            # Not checked again row by row, which would cost a query or more per row:
            # uniqueness (checked for the whole file at once, above); the model's check
            # constraints (its clean() and the fields' choices check the same); and whether
            # related records exist (their keys come from tables just read from the database).
            instance.full_clean(
                exclude=failed_names | self.relations,
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                column = self.columns_by_field.get(name)
                for message in messages:
                    self.error(row.number, column, message)
            return False
        return not row.failed

    def name_is_free(self, row: ParsedRow, instance: models.Model, taken: dict[str, int]) -> bool:
        holder = taken.get(getattr(instance, "name", None))
        if holder is None or holder == instance.pk:
            return True
        self.error(row.number, self.kind.column("name"), _("Another enterprise has this name."))
        return False

    # Errors --------------------------------------------------------------------------------

    def cell_error(self, row: ParsedRow, column: Column, message: str) -> None:
        row.failed.add(column.field)
        self.error(row.number, column, message)

    def error(self, row: int, column: Column | None, message: str) -> None:
        """`column` None: the error is about the whole row (a permission, a rule across cells)."""
        header = column.header if column is not None else ""
        self.errors.append(RowError(row, header, str(message)))
