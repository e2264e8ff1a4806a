"""One FilterSet per registry list, used by the pages and the API alike."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import queries
from .models import (
    Agency,
    Credential,
    Department,
    Enterprise,
    Grid,
    GridTeam,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)


class SearchFilterSet(django_filters.FilterSet):
    """Adds `q`: a keyword matched (contains) against the fields in `search_fields`.

    Chinese names need no word splitting for this: a substring of a name or of a keyword field
    is what a clerk types. Full-text retrieval for matching is a separate engine (DESIGN §6).
    """

    search_fields: tuple[str, ...] = ("name",)
    q = django_filters.CharFilter(method="search", label=_("Search"))

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset


def visible_to_reader(visible, label) -> django_filters.ModelChoiceFilter:
    """A choice filter whose options are only the records the reader may see: a filter's
    drop-down must not list every enterprise or agency to everyone."""

    def options(request):
        return visible(getattr(request, "user", None) or AnonymousUser())

    return django_filters.ModelChoiceFilter(queryset=options, label=label)


class TalentFilter(SearchFilterSet):
    search_fields = ("name", "major", "skills", "employer__name")
    employer = visible_to_reader(queries.visible_enterprises, _("employer"))
    agency = visible_to_reader(queries.visible_agencies, _("agency"))
    arrived_after = django_filters.DateFilter(
        field_name="arrival_date", lookup_expr="gte", label=_("Arrived on or after")
    )

    class Meta:
        model = Talent
        fields = [
            "status",
            "tier",
            "education",
            "title",
            "industry",
            "gender",
            "employer",
            "agency",
        ]


class EnterpriseFilter(SearchFilterSet):
    search_fields = ("name", "credit_code", "address")

    class Meta:
        model = Enterprise
        fields = ["industry", "grid", "above_scale", "high_tech", "rd_institution"]


class CredentialFilter(SearchFilterSet):
    search_fields = ("name", "issuer", "talent__name")
    # By id, not a drop-down: there may be hundreds of thousands of talents.
    talent = django_filters.NumberFilter(field_name="talent", label=_("talent (id)"))

    class Meta:
        model = Credential
        fields = ["kind", "level", "talent"]


class PlatformFilter(SearchFilterSet):
    search_fields = ("name", "enterprise__name")
    enterprise = visible_to_reader(queries.visible_enterprises, _("enterprise"))

    class Meta:
        model = Platform
        fields = ["kind", "level", "enterprise"]


class VentureFilter(SearchFilterSet):
    search_fields = ("name", "summary", "founders__name", "founders__university")

    class Meta:
        model = Venture
        fields = ["stage", "field"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


class AgencyFilter(SearchFilterSet):
    search_fields = ("name", "services", "credit_code")

    class Meta:
        model = Agency
        fields = []


class StationFilter(SearchFilterSet):
    search_fields = ("name", "address")

    class Meta:
        model = Station
        fields = ["level"]


class GridFilter(SearchFilterSet):
    search_fields = ("name", "area")

    class Meta:
        model = Grid
        fields = []


class GridTeamFilter(SearchFilterSet):
    search_fields = ("name", "leader_name", "grid__name")

    class Meta:
        model = GridTeam
        fields = ["grid", "department"]


class DepartmentFilter(SearchFilterSet):
    class Meta:
        model = Department
        fields = []


class TalentTierFilter(SearchFilterSet):
    search_fields = ("name", "name_en")

    class Meta:
        model = TalentTier
        fields = ["level"]
