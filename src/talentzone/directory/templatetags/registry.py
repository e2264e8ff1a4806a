"""How a registry value reads on a page: choices by label, dates as 2026-11-24, related records
as links to their page, and personal numbers masked unless the reader may see them in full."""

import datetime

from django import template
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import gettext as _

from talentzone.core.masking import mask

register = template.Library()

EMPTY = "—"
# A person's own numbers (DESIGN §7): in full only for readers who may change the record.
# Service lines (a station's, a grid team's phone) are there to be called and stay readable.
MASKED_FIELDS = {("talent", "id_number"), ("talent", "phone")}


@register.simple_tag
def detail_url(obj) -> str:
    """The URL of `obj`'s registry page, or "" when its kind has none (a founder, a user)."""
    try:
        return reverse(f"directory:{obj._meta.model_name}-detail", args=[obj.pk])
    except NoReverseMatch:
        return ""


def plain_value(obj, field: models.Field) -> str:
    value = getattr(obj, field.name)
    if field.choices:
        return getattr(obj, f"get_{field.name}_display")()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return format_date(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return format_date(value, "Y-m-d")
    return str(value)


@register.simple_tag
def field_value(obj, name: str, reveal: bool = False) -> str:
    """`obj.<name>` as it reads on a page: escaped, related records as links, and a person's
    numbers masked unless `reveal`."""
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        url = detail_url(value)
        return format_html('<a href="{}">{}</a>', url, value) if url else str(value)
    text = plain_value(obj, field)
    if (obj._meta.model_name, name) in MASKED_FIELDS and not reveal:
        return mask(text)
    return text
