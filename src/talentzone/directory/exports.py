"""Excel exports of the registry lists: the rows a list shows for its filter, as an .xlsx file.

The caller (the list's export page, the API's export action) hands over the rows already
limited to what the reader may see, filtered and ordered exactly as the list is. This module
writes them: the list's columns plus the record's id under translated headers, choices by
label, dates as dates, related records by name, and a person's ID number and phone always
masked, whoever exports. Every export is recorded in the audit trail with its filter and its
row count.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talentzone.core.audit import AuditAction, audit
from talentzone.core.masking import mask
from talentzone.core.spreadsheets import Column, WorkbookBuilder, xlsx_response

from .models import PERSONAL_NUMBERS, Talent
from .pages import ENTITIES, Entity

CHUNK_SIZE = 2_000
# Query parameters that page through a list rather than filter it: not part of an export.
NOT_FILTERS = frozenset({"page", "page_size", "format"})
# Columns a clerk needs in a roster that the narrow list page leaves out.
EXTRA_COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Talent: ("id_number", "phone", "skills"),
}
# A person's own numbers: masked in every export (DESIGN §7); service phones stay readable.
MASKED_FIELDS = frozenset((Talent, name) for name in PERSONAL_NUMBERS)
# An ID number (18 characters, spaces allowed) or a mobile number typed into a filter, e.g. a
# search for one person: the audit trail keeps the filter, never the clear number.
TYPED_PERSONAL_NUMBER = re.compile(r"(?<!\d)(?:\d\s*){17}[\dXx](?!\d)|(?<!\d)1\d{10}(?!\d)")
ID_WIDTH = 10
DATE_WIDTH = 12
TEXT_WIDTH = 18
WIDE_WIDTH = 30


class ExportTooLarge(Exception):
    """The filter selects more rows than an export may hold."""

    def __init__(self, count: int, limit: int):
        self.count = count
        self.limit = limit
        super().__init__(
            ngettext(
                "This filter selects %(count)s record, more than the %(limit)s an export may "
                "hold. Narrow the filter and export again.",
                "This filter selects %(count)s records, more than the %(limit)s an export may "
                "hold. Narrow the filter and export again.",
                count,
            )
            % {"count": f"{count:,}", "limit": f"{limit:,}"}
        )


@dataclass(frozen=True)
class Export:
    """A finished export: the saved workbook (at its start) and the names to offer it under."""

    file: IO[bytes]
    filename: str
    ascii_filename: str
    rows: int

    def response(self):
        return xlsx_response(self.file, filename=self.filename, ascii_filename=self.ascii_filename)


def max_rows() -> int:
    return settings.TALENTZONE_EXPORT_MAX_ROWS


def export_filter(params: Mapping[str, Any]) -> dict[str, Any]:
    """The filter of a request's query (a QueryDict) as JSON for the audit trail: one value
    per name, or the list when a name is repeated; empty and paging parameters left out, and
    personal numbers in it masked."""
    lists = params.lists() if hasattr(params, "lists") else ((k, [v]) for k, v in params.items())
    kept = {}
    for name, values in sorted(lists):
        if name in NOT_FILTERS or not any(values):
            continue
        values = [redacted(name, str(value)) for value in values]
        kept[name] = values[0] if len(values) == 1 else values
    return kept


def redacted(name: str, value: str) -> str:
    if name in PERSONAL_NUMBERS:
        return mask("".join(value.split()))
    return TYPED_PERSONAL_NUMBER.sub(lambda found: mask("".join(found.group().split())), value)


def export_fields(entity: Entity) -> list[models.Field]:
    options = entity.model._meta
    names = ["id", *entity.columns, *EXTRA_COLUMNS.get(entity.model, ())]
    return [options.get_field(name) for name in names]


def header(field: models.Field) -> str:
    if field.primary_key:
        return _("Record ID")
    return capfirst(field.verbose_name)


def width(field: models.Field) -> float:
    if field.primary_key:
        return ID_WIDTH
    if isinstance(field, models.DateField):
        return DATE_WIDTH
    if field.is_relation or (isinstance(field, models.CharField) and field.max_length > 60):
        return WIDE_WIDTH
    return TEXT_WIDTH


def column_reader(model: type[models.Model], field: models.Field) -> Callable[[models.Model], Any]:
    """How to read `field` of a row as the sheet holds it: choices by label, booleans as Yes/No,
    related records by name, a person's numbers masked; numbers and dates keep their type.

    Labels are translated once per export rather than once per cell: 100,000 rows × a dozen
    columns is where the time of an export goes.
    """
    name = field.name
    if field.is_relation:
        return lambda obj: text_or_none(getattr(obj, name))
    if field.choices:
        labels = {value: str(label) for value, label in field.flatchoices}
        return lambda obj: labels.get(getattr(obj, name)) or text_or_none(getattr(obj, name))
    if isinstance(field, models.BooleanField):
        yes, no = _("Yes"), _("No")
        return lambda obj: yes if getattr(obj, name) else no
    if (model, name) in MASKED_FIELDS:
        return lambda obj: mask(value) if (value := getattr(obj, name)) else None
    return lambda obj: None if (value := getattr(obj, name)) == "" else value


def text_or_none(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def file_names(entity: Entity) -> tuple[str, str]:
    """人才-2026-11-26.xlsx in the reader's language, talents-2026-11-26.xlsx in ASCII."""
    today = timezone.localdate().isoformat()
    title = capfirst(entity.model._meta.verbose_name_plural)
    return f"{title}-{today}.xlsx", f"{entity.path}-{today}.xlsx"


def registry_export(
    *,
    actor,
    entity: Entity,
    rows: QuerySet,
    query: Mapping[str, Any] | None = None,
    ip: str | None = None,
) -> Export:
    """Write `rows` (visible to `actor`, filtered and ordered as the list) to a workbook and
    record the export. Raises ExportTooLarge, writing nothing, when they are too many."""
    limit = max_rows()
    count = rows.count()
    if count > limit:
        raise ExportTooLarge(count, limit)
    fields = export_fields(entity)
    readers = [column_reader(entity.model, field) for field in fields]
    related = [field.name for field in fields if field.is_relation]
    builder = WorkbookBuilder()
    sheet = builder.add_sheet(
        capfirst(entity.model._meta.verbose_name_plural),
        [Column(header(field), width(field)) for field in fields],
    )
    # The slice holds the cap even if rows were added since they were counted.
    for obj in rows.select_related(*related)[:limit].iterator(chunk_size=CHUNK_SIZE):
        sheet.append([read(obj) for read in readers])
    file = builder.save()
    try:
        record_export(actor=actor, entity=entity, query=query or {}, rows=sheet.rows, ip=ip)
    except BaseException:
        file.close()  # no record, no file
        raise
    filename, ascii_filename = file_names(entity)
    return Export(file, filename, ascii_filename, sheet.rows)


def record_export(*, actor, entity: Entity, query: Mapping[str, Any], rows: int, ip: str | None):
    with transaction.atomic():
        audit(
            actor=actor,
            action=AuditAction.EXPORT,
            target=None,
            detail={
                "model": entity.model._meta.label_lower,
                "filter": export_filter(query),
                "rows": rows,
            },
            ip=ip,
        )


def entity_of(model: type[models.Model]) -> Entity:
    """The list page's description of `model`: the API exports the same columns."""
    return next(entity for entity in ENTITIES if entity.model is model)
