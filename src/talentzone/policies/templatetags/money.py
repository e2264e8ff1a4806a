"""{% load money %}: {{ application.amount_fen|fen }} → ¥50,000.00."""

from django import template

from talentzone.policies.money import format_fen

register = template.Library()


@register.filter
def fen(value) -> str:
    """Fen as yuan for people; an empty value stays empty (not ¥0.00, which would mislead)."""
    if value is None or value == "":
        return ""
    return format_fen(int(value))
