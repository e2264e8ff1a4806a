"""The filters of the evaluations API's lists."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from .choices import (
    EntryStatus,
    NominationStatus,
    ObjectionStatus,
    RoundCategory,
    RoundKind,
    RoundStatus,
)
from .models import Assignment, Expert, Nomination, Objection, RankingEntry, Round


class RoundFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=RoundStatus.choices)
    kind = filters.ChoiceFilter(choices=RoundKind.choices)
    category = filters.ChoiceFilter(choices=RoundCategory.choices)

    class Meta:
        model = Round
        fields = ["status", "kind", "category", "year"]


class NominationFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=NominationStatus.choices)

    class Meta:
        model = Nomination
        fields = ["round", "status", "talent", "enterprise"]


class AssignmentFilter(filters.FilterSet):
    submitted = filters.BooleanFilter(
        field_name="submitted_at",
        lookup_expr="isnull",
        exclude=True,
        label=_("Scoresheet submitted"),
    )

    class Meta:
        model = Assignment
        fields = ["round", "submitted"]


class EntryFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=EntryStatus.choices)

    class Meta:
        model = RankingEntry
        fields = ["round", "status"]


class ObjectionFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ObjectionStatus.choices)
    round = filters.NumberFilter(field_name="entry__round")

    class Meta:
        model = Objection
        fields = ["status", "entry", "round"]


class ExpertFilter(filters.FilterSet):
    class Meta:
        model = Expert
        fields = ["active", "employer"]
