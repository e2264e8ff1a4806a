"""The FilterSets of recruiting's lists, shared by the pages and the API (DESIGN §8): the demand
board and the referrals (pipeline). Rows always come from the caller's visible queryset
(`queries`); these only narrow it down, and their drop-downs list only what the reader may see."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from talentzone.directory.filters import SearchFilterSet, visible_to_reader
from talentzone.directory.models import Enterprise
from talentzone.directory.queries import visible_agencies

from . import queries
from .choices import DemandStatus, ReferralStatus
from .models import Demand, Referral


def enterprises_with_demands(request):
    """The enterprises of the demands the reader sees (not every enterprise of the zone)."""
    user = getattr(request, "user", None) or AnonymousUser()
    visible = queries.visible_demands(user).order_by().values("enterprise")
    return Enterprise.objects.filter(pk__in=visible).order_by("name")


def skill_match(prefix: str, word: str) -> Q:
    """A demanded skill named `word`: its free text, or the list's skill by name or synonym."""
    return (
        Q(**{f"{prefix}skills__text__icontains": word})
        | Q(**{f"{prefix}skills__skill__name__icontains": word})
        | Q(**{f"{prefix}skills__skill__synonyms__icontains": word})
    )


class DemandFilter(SearchFilterSet):
    """The demand board: a keyword (position, description, enterprise, location), the
    enterprise, the status, a skill (with its synonyms), high-level positions, a project."""

    search_fields = ("title", "description", "enterprise__name", "location", "majors")
    enterprise = django_filters.ModelChoiceFilter(
        queryset=enterprises_with_demands, label=_("enterprise")
    )
    status = django_filters.MultipleChoiceFilter(choices=DemandStatus.choices, label=_("status"))
    skill = django_filters.CharFilter(method="with_skill", label=_("skill"))
    high_level = django_filters.BooleanFilter(label=_("high-level position"))
    # By id: the project's page links here; a drop-down of projects is the office's only.
    project = django_filters.NumberFilter(field_name="project", label=_("project (id)"))

    class Meta:
        model = Demand
        fields = ["enterprise", "status", "skill", "high_level", "project"]

    def with_skill(self, queryset, name, value):
        words = value.split()
        if not words:
            return queryset
        match = Q()
        for word in words:
            match |= skill_match("", word)
        return queryset.filter(pk__in=Demand.objects.filter(match).values("pk"))

    def search(self, queryset, name, value):
        # A keyword may also name a skill: "涂布" finds the demands asking for it.
        for word in value.split():
            match = skill_match("", word)
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(pk__in=Demand.objects.filter(match).values("pk"))
        return queryset


class ReferralFilter(SearchFilterSet):
    """The pipeline: by status, demand, candidate, the demand's enterprise, the agency."""

    search_fields = ("talent__name", "demand__title", "demand__enterprise__name", "note")
    status = django_filters.MultipleChoiceFilter(choices=ReferralStatus.choices, label=_("status"))
    demand = django_filters.NumberFilter(field_name="demand", label=_("demand (id)"))
    talent = django_filters.NumberFilter(field_name="talent", label=_("candidate (id)"))
    enterprise = django_filters.ModelChoiceFilter(
        field_name="demand__enterprise", queryset=enterprises_with_demands, label=_("enterprise")
    )
    agency = visible_to_reader(visible_agencies, _("agency"))
    by_office = django_filters.BooleanFilter(
        field_name="agency", lookup_expr="isnull", label=_("referred by the talent office")
    )

    class Meta:
        model = Referral
        fields = ["status", "demand", "talent", "enterprise", "agency", "by_office"]
