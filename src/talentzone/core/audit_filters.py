"""The audit trail's filters, shared by its page and its API (one definition for both)."""

import datetime

import django_filters
from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction
from .models import AuditRecord

PROJECT_PACKAGE = "talentzone."


def target_type_choices() -> list[tuple[str, str]]:
    """Every kind of record of the project, by its translated name ("directory.talent" → 人才)."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_config.name.startswith(PROJECT_PACKAGE)
    ]
    choices = [(model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in models]
    return sorted(choices, key=lambda choice: str(choice[1]))


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the zone's time zone: a date means a local day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditRecordFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="target_repr", lookup_expr="icontains", label=_("Keyword")
    )
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("Action"))
    actor = django_filters.CharFilter(
        field_name="actor_name", lookup_expr="icontains", label=_("Actor's username")
    )
    target_type = django_filters.ChoiceFilter(choices=target_type_choices, label=_("Record type"))
    since = django_filters.DateFilter(method="filter_since", label=_("From"))
    until = django_filters.DateFilter(method="filter_until", label=_("To"))

    class Meta:
        model = AuditRecord
        fields = ["q", "action", "actor", "target_type", "since", "until"]

    def filter_since(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(at__gte=start_of(value))

    def filter_until(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        # Up to the end of that day, as a person reading "to 2026-11-24" means it.
        return queryset.filter(at__lt=start_of(value + datetime.timedelta(days=1)))
