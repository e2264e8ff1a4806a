"""What the registry's pages show and how they save, one `Entity` per kind of record.

The generic views in `views.py` read these: the list's columns and sortable fields, the filters
the list bar offers, the detail page's tabs of related records, and the service that saves the
form. Adding a kind of record to the pages is adding an entry here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django_filters import FilterSet

from . import filters, forms, queries, services
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


def save_record(*, actor, form: forms.RegistryForm, instance: Model | None) -> Model:
    data = form.service_data()
    if instance is None:
        return services.record_create(actor=actor, model=form._meta.model, data=data)
    return services.record_update(actor=actor, instance=instance, data=data)


def save_talent(*, actor, form: forms.TalentForm, instance: Talent | None) -> Talent:
    if instance is None:
        return services.talent_create(actor=actor, data=form.service_data())
    return services.talent_update(actor=actor, talent=instance, data=form.service_data())


def save_venture(*, actor, form: forms.VentureForm, instance: Venture | None) -> Venture:
    return services.venture_save(
        actor=actor, data=form.service_data(), founders=form.founders.founders(), venture=instance
    )


@dataclass(frozen=True)
class Tab:
    """Records related to the one on a detail page, limited to what the reader may see."""

    label: Promise
    columns: tuple[str, ...]
    rows: Callable[[Any, Model], QuerySet]
    # The field that ties a row to the page's record: it filters the full list ("all of them")
    # and fills in the create form ("add one"); None when the rows have no pages of their own.
    link_field: str | None = None


@dataclass(frozen=True)
class Entity:
    """Everything the generic pages need to know about one kind of registry record."""

    model: type[Model]
    path: str
    filterset: type[FilterSet]
    form: type[forms.RegistryForm]
    columns: tuple[str, ...]
    # ?o=<key> → the ordering it stands for; nothing else may be sorted on (a whitelist).
    sort: tuple[tuple[str, str], ...]
    # Filters that stay usable from a link (?talent=42) but are too long to offer as a menu.
    unlisted_filters: tuple[str, ...] = ()
    tabs: tuple[Tab, ...] = ()
    save: Callable[..., Model] = save_record

    @property
    def name(self) -> str:
        return self.model._meta.model_name

    @property
    def detail_fields(self) -> list[str]:
        return list(self.form._meta.fields)


ENTITIES = [
    Entity(
        Talent,
        "talents",
        filters.TalentFilter,
        forms.TalentForm,
        columns=(
            "name",
            "gender",
            "education",
            "title",
            "tier",
            "employer",
            "status",
            "arrival_date",
        ),
        sort=(
            ("name", "name"),
            ("tier", "tier__rank"),
            ("employer", "employer__name"),
            ("arrival_date", "arrival_date"),
        ),
        tabs=(
            Tab(
                gettext_lazy("Credentials"),
                ("name", "kind", "level", "issuer", "awarded_on"),
                lambda user, talent: (
                    queries.visible_credentials(user)
                    .filter(talent=talent)
                    .order_by("-awarded_on", "pk")
                ),
                link_field="talent",
            ),
        ),
        save=save_talent,
    ),
    Entity(
        Enterprise,
        "enterprises",
        filters.EnterpriseFilter,
        forms.EnterpriseForm,
        columns=("name", "industry", "grid", "above_scale", "high_tech", "employees", "founded_on"),
        sort=(
            ("name", "name"),
            ("grid", "grid__code"),
            ("employees", "employees"),
            ("founded_on", "founded_on"),
        ),
        tabs=(
            Tab(
                gettext_lazy("Talents"),
                ("name", "education", "title", "tier", "status"),
                lambda user, enterprise: (
                    queries.visible_talents(user).filter(employer=enterprise).order_by("name", "pk")
                ),
                link_field="employer",
            ),
            Tab(
                gettext_lazy("Research platforms"),
                ("name", "kind", "level", "approved_on"),
                lambda user, enterprise: (
                    queries.visible_platforms(user)
                    .filter(enterprise=enterprise)
                    .order_by("-approved_on", "pk")
                ),
                link_field="enterprise",
            ),
        ),
    ),
    Entity(
        Credential,
        "credentials",
        filters.CredentialFilter,
        forms.CredentialForm,
        columns=("name", "talent", "kind", "level", "issuer", "awarded_on"),
        sort=(("name", "name"), ("talent", "talent__name"), ("awarded_on", "awarded_on")),
        unlisted_filters=("talent",),
    ),
    Entity(
        Platform,
        "platforms",
        filters.PlatformFilter,
        forms.PlatformForm,
        columns=("name", "enterprise", "kind", "level", "approved_on"),
        sort=(("name", "name"), ("enterprise", "enterprise__name"), ("approved_on", "approved_on")),
    ),
    Entity(
        Venture,
        "ventures",
        filters.VentureFilter,
        forms.VentureForm,
        columns=("name", "field", "stage", "joined_on", "park_unit"),
        sort=(("name", "name"), ("joined_on", "joined_on")),
        tabs=(
            Tab(
                gettext_lazy("Founders"),
                ("name", "university", "graduation_year", "is_lead", "talent"),
                lambda user, venture: venture.founders.order_by("-is_lead", "name", "pk"),
            ),
        ),
        save=save_venture,
    ),
    Entity(
        Agency,
        "agencies",
        filters.AgencyFilter,
        forms.AgencyForm,
        columns=("name", "credit_code", "services", "park_unit", "contact_name", "moved_in_on"),
        sort=(("name", "name"), ("moved_in_on", "moved_in_on")),
        tabs=(
            Tab(
                gettext_lazy("Candidates"),
                ("name", "education", "status", "employer"),
                lambda user, agency: (
                    queries.visible_talents(user).filter(agency=agency).order_by("name", "pk")
                ),
                link_field="agency",
            ),
        ),
    ),
    Entity(
        Station,
        "stations",
        filters.StationFilter,
        forms.StationForm,
        columns=("name", "level", "address", "phone", "beds"),
        sort=(("name", "name"), ("level", "level"), ("beds", "beds")),
    ),
    Entity(
        Grid,
        "grids",
        filters.GridFilter,
        forms.GridForm,
        columns=("code", "name", "area"),
        sort=(("code", "code"), ("name", "name")),
        tabs=(
            Tab(
                gettext_lazy("Enterprises"),
                ("name", "industry", "above_scale", "employees"),
                lambda user, grid: (
                    queries.visible_enterprises(user).filter(grid=grid).order_by("name", "pk")
                ),
                link_field="grid",
            ),
            Tab(
                gettext_lazy("Grid team"),
                ("name", "department", "leader_name", "phone"),
                lambda user, grid: (
                    queries.visible_grid_teams(user).filter(grid=grid).order_by("pk")
                ),
            ),
        ),
    ),
    Entity(
        GridTeam,
        "grid-teams",
        filters.GridTeamFilter,
        forms.GridTeamForm,
        columns=("name", "grid", "department", "leader_name", "phone"),
        sort=(("name", "name"), ("grid", "grid__code")),
    ),
    Entity(
        Department,
        "departments",
        filters.DepartmentFilter,
        forms.DepartmentForm,
        columns=("name", "code"),
        sort=(("name", "name"), ("code", "code")),
    ),
    Entity(
        TalentTier,
        "tiers",
        filters.TalentTierFilter,
        forms.TalentTierForm,
        columns=("rank", "name", "name_en", "level", "code"),
        sort=(("rank", "rank"), ("name", "name")),
    ),
]
