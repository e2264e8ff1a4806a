"""{% load money %}: {{ application.amount_fen|fen }} → ¥50,000.00; {{ application|amount_of }}
→ the same, or "In kind" for an application under an in-kind policy."""

from django import template
from django.utils.translation import gettext as _

from talentzone.policies.choices import Benefit
from talentzone.policies.money import format_fen

register = template.Library()


@register.filter
def fen(value) -> str:
    """Fen as yuan for people; an empty value stays empty (not ¥0.00, which would mislead)."""
    if value is None or value == "":
        return ""
    return format_fen(int(value))


@register.filter
def amount_of(application) -> str:
    """An application's amount as `fen` shows it, or "In kind" when its policy pays no money."""
    if application.policy.benefit == Benefit.IN_KIND:
        return _("In kind")
    return fen(application.amount_fen)
