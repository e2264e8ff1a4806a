"""{% load rich_text %} … {{ policy.legal_basis|rich_text }}: see core/html.py."""

from django import template

from .. import html

register = template.Library()


@register.filter(name="rich_text")
def rich_text(value) -> str:
    return html.rich_text("" if value is None else str(value))


@register.filter(name="plain_text")
def plain_text(value) -> str:
    """The words without the markup, for a teaser (a list's snippet of a policy)."""
    return html.plain_text("" if value is None else str(value))
