"""One FilterSet per registry list, used by the pages and the API alike."""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from talentzone.core.validators import compact_id_number

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

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        """Label generated filters with the field's *lazy* verbose name. django-filter would
        make the label a plain string in whatever language is active the first time it is
        read (the OpenAPI schema reads it with translation off), and the filter, defined on
        the class, would keep that language for every later request."""
        filter_ = super().filter_for_field(field, field_name, lookup_expr)
        if filter_._label is None and filter_.lookup_expr == "exact":
            filter_.label = capfirst(field.verbose_name)
        return filter_

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
    id_number = django_filters.CharFilter(method="with_id_number", label=_("ID number (exact)"))
    employer = visible_to_reader(queries.visible_enterprises, _("employer"))
    agency = visible_to_reader(queries.visible_agencies, _("agency"))
    arrived_after = django_filters.DateFilter(
        field_name="arrival_date", lookup_expr="gte", label=_("Arrived on or after")
    )

    def with_id_number(self, queryset, name, value):
        """The column holds ciphertext: an exact ID number is found through its blind index."""
        return queryset.filter(pk__in=queries.talents_with_id_numbers([value]).values("pk"))

    def search(self, queryset, name, value):
        """A keyword that is a whole ID number finds that person too."""
        if len(compact_id_number(value)) == 18:
            by_id = queryset.filter(pk__in=queries.talents_with_id_numbers([value]).values("pk"))
            if by_id.exists():
                return by_id
        return super().search(queryset, name, value)

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
