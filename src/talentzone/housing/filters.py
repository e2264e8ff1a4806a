"""The filters of the talent apartments API's lists."""

from django_filters import rest_framework as filters

from .choices import ApartmentStatus, Layout, LeaseStatus, OfferStatus
from .models import Apartment, Lease, Offer


class ApartmentFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ApartmentStatus.choices)
    layout = filters.ChoiceFilter(choices=Layout.choices)

    class Meta:
        model = Apartment
        fields = ["status", "layout", "community"]


class OfferFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=OfferStatus.choices)

    class Meta:
        model = Offer
        fields = ["status", "round"]


class LeaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=LeaseStatus.choices)

    class Meta:
        model = Lease
        fields = ["status", "apartment", "talent"]
