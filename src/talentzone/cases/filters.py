"""The FilterSet of the case lists (the API's, and the pages' if they like): a keyword, the
scope (what the caller must act on, or everything they see), level, status, overdue, grid team,
department and category.

The rows are the caller's `queries.queue`: that function is the one definition of "mine" and
"overdue"; this only reads and checks the parameters and hands them over.
"""

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from talentzone.directory.filters import SearchFilterSet
from talentzone.directory.models import Department, GridTeam

from . import queries
from .choices import CaseStatus, Level
from .models import Case, Category

SCOPES = [("mine", _("What I must act on")), ("all", _("Every case I see"))]


class CaseFilter(SearchFilterSet):
    search_fields = ("number", "title", "enterprise__name", "talent__name")
    scope = django_filters.ChoiceFilter(
        choices=SCOPES, method="keep", label=_("scope"), empty_label=None
    )
    level = django_filters.TypedChoiceFilter(
        choices=Level.choices, coerce=int, method="keep", label=_("level")
    )
    status = django_filters.ChoiceFilter(
        choices=CaseStatus.choices, method="keep", label=_("status")
    )
    overdue = django_filters.BooleanFilter(method="keep", label=_("overdue"))
    team = django_filters.ModelChoiceFilter(
        queryset=GridTeam.objects.order_by("name"), method="keep", label=_("grid team")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.order_by("name"), method="keep", label=_("department")
    )
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), method="keep", label=_("category")
    )

    class Meta:
        model = Case
        fields = ["scope", "level", "status", "overdue", "team", "department", "category"]

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        user = getattr(self.request, "user", None) or AnonymousUser()
        rows = queries.queue(
            user,
            scope=data.get("scope") or "all",
            level=data.get("level") or None,
            status=data.get("status") or None,
            overdue=data.get("overdue"),
            team=data.get("team"),
            department=data.get("department"),
            category=data.get("category"),
        )
        queryset = queryset.filter(pk__in=rows.values("pk"))
        if data.get("q"):
            queryset = self.search(queryset, "q", data["q"])
        return queryset
