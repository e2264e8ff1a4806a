"""The FilterSets of the venues lists, shared by the pages and the API: the venues and the
bookings. Rows always come from the caller's visible queryset; these only narrow it down."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.directory.filters import SearchFilterSet

from .choices import BookerKind, BookingPurpose, BookingStatus, VenueKind
from .models import Booking, Venue


class VenueFilter(SearchFilterSet):
    """The venues: a keyword (name, place, equipment), the kind, who may book, at least so many
    seats."""

    search_fields = ("name", "place", "equipment")
    kind = django_filters.ChoiceFilter(choices=VenueKind.choices, label=_("kind"))
    bookers = django_filters.ChoiceFilter(choices=BookerKind.choices, label=_("who may book"))
    min_capacity = django_filters.NumberFilter(
        field_name="capacity", lookup_expr="gte", label=_("seats at least")
    )
    needs_approval = django_filters.BooleanFilter(label=_("bookings need approval"))

    class Meta:
        model = Venue
        fields = ["kind", "bookers", "min_capacity", "needs_approval"]


class BookingFilter(SearchFilterSet):
    """Bookings: upcoming or past, by venue, status, purpose, from a day to a day."""

    search_fields = ("title", "venue__name", "note")
    when = django_filters.ChoiceFilter(
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="by_time",
        label=_("when"),
        empty_label=_("Any time"),
    )
    venue = django_filters.ModelChoiceFilter(
        queryset=Venue.objects.order_by("kind", "name"), label=_("venue")
    )
    status = django_filters.ChoiceFilter(choices=BookingStatus.choices, label=_("status"))
    purpose = django_filters.ChoiceFilter(choices=BookingPurpose.choices, label=_("purpose"))
    day_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("from day")
    )
    day_to = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("to day")
    )

    class Meta:
        model = Booking
        fields = ["when", "venue", "status", "purpose", "day_from", "day_to"]

    def by_time(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gt=now)
        if value == "past":
            return queryset.filter(ends_at__lte=now)
        return queryset
