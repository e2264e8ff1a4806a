"""`{% import_url entity as url %}`: the Excel import's upload page for a registry list, or ""
when that kind of record has no import. The list shows the button only to those who may add."""

from django import template
from django.urls import reverse

from ..choices import ImportKind

register = template.Library()

KIND_OF_ENTITY = {"talent": ImportKind.TALENTS, "enterprise": ImportKind.ENTERPRISES}


@register.simple_tag
def import_url(entity) -> str:
    kind = KIND_OF_ENTITY.get(getattr(entity, "name", ""))
    return f"{reverse('directory:import-new')}?kind={kind}" if kind else ""
