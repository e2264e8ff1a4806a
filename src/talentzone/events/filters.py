"""The FilterSets of events' lists, shared by the pages and the API: events (the organisers'
list and the API's) and an event's registrations. Rows always come from the caller's visible
queryset (`queries`); these only narrow it down."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentzone.directory.choices import Gender
from talentzone.directory.filters import SearchFilterSet
from talentzone.directory.models import Station

from .choices import EventKind, EventStatus, RegistrationStatus
from .models import Event, Registration


class EventFilter(SearchFilterSet):
    """Events: a keyword (title, place, station, venue), the kind, the status, the station,
    and whether they are still to come."""

    search_fields = ("title", "place", "station__name", "venue__name", "description")
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices, label=_("kind"))
    status = django_filters.MultipleChoiceFilter(choices=EventStatus.choices, label=_("status"))
    station = django_filters.ModelChoiceFilter(
        queryset=Station.objects.order_by("name"), label=_("talent station")
    )
    starts_after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("starts on or after")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("starts on or before")
    )

    class Meta:
        model = Event
        fields = ["kind", "status", "station", "starts_after", "starts_before"]


class RegistrationFilter(SearchFilterSet):
    """An event's registrations: a keyword (name, account, code), the status, the group, and
    whether the person has checked in."""

    search_fields = ("talent__name", "user__username", "user__display_name", "code")
    status = django_filters.MultipleChoiceFilter(
        choices=RegistrationStatus.choices, label=_("status")
    )
    group = django_filters.ChoiceFilter(choices=Gender.choices, label=_("group"))
    checked_in = django_filters.BooleanFilter(method="with_check_in", label=_("checked in"))

    class Meta:
        model = Registration
        fields = ["status", "group", "checked_in"]

    def with_check_in(self, queryset, name, value):
        if value is None:
            return queryset
        attended = Q(checked_in_at__isnull=False) | Q(session_attendances__isnull=False)
        matching = Registration.objects.filter(attended).values("pk")
        return queryset.filter(pk__in=matching) if value else queryset.exclude(pk__in=matching)
