"""Forms of the registry's pages.

They validate what a clerk typed and show each error beside its field; the services still do the
writing and the final checks. Every choice of a related record stops at what the user may see,
and where a role may only write for its own organisation, at that organisation.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.masking import mask
from talentzone.core.roles import has_role

from . import queries
from .models import (
    PERSONAL_NUMBERS,
    Agency,
    Credential,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)


def style_widgets(form: forms.BaseForm) -> None:
    """Give every widget its Bootstrap class; dates get the browser's date picker (phones too)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        if isinstance(widget, forms.Textarea):
            widget.attrs["rows"] = 3
        add_class(widget, css)


def add_class(widget: forms.Widget, css: str) -> None:
    classes = widget.attrs.get("class", "").split()
    if css not in classes:
        widget.attrs["class"] = " ".join([*classes, css])


def mark_invalid(form: forms.BaseForm) -> None:
    """Add Bootstrap's `is-invalid` to the widgets of fields that have errors."""
    for name in form.errors:
        if name in form.fields:
            add_class(form.fields[name].widget, "is-invalid")


class StyledFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def full_clean(self) -> None:
        super().full_clean()
        mark_invalid(self)

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        mark_invalid(self)


def only_one_choice(field: forms.ModelChoiceField) -> None:
    """A role that writes for exactly one organisation gets it chosen, with no empty option."""
    field.required = True
    field.empty_label = None


def pick_talent_by_number(field: forms.ModelChoiceField) -> None:
    """A zone has hundreds of thousands of talents: no drop-down can list them, so a talent is
    given by the record number on their page (the detail page's "Add" links fill it in)."""
    field.widget = forms.NumberInput(attrs={"min": 1, "class": "form-control"})
    field.help_text = _("The talent's record number, shown on their page.")


class RegistryForm(StyledFormMixin, forms.ModelForm):
    """A registry record's form for `user`: related choices are limited to what they may see."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model in queries.VISIBLE:
                    field.queryset = queries.visible(model, user)
                if model is Talent:
                    pick_talent_by_number(field)
        if not has_role(user, Role.OFFICE_ADMIN):
            self.limit_to_own_organisations()

    def limit_to_own_organisations(self) -> None:
        """Narrow choices for roles that write only for their own organisation."""

    def limit_to_members(self, field_name: str, organisation: str) -> None:
        field = self.fields[field_name]
        field.queryset = field.queryset.filter(pk__in=queries.member_ids(self.user, organisation))
        only_one_choice(field)

    def service_data(self) -> dict[str, Any]:
        """The cleaned values of the model's fields, as the services take them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class TalentForm(RegistryForm):
    class Meta:
        model = Talent
        fields = [
            "name",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "education",
            "major",
            "title",
            "employer",
            "industry",
            "tier",
            "skills",
            "arrival_date",
            "status",
            "agency",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.hide_personal_numbers()

    def hide_personal_numbers(self) -> None:
        """Editing never puts the clear numbers on the page: the inputs start empty (showing
        the masked number as a hint) and an empty input keeps the stored number."""
        for name in PERSONAL_NUMBERS:
            field = self.fields[name]
            field.required = False
            field.widget.attrs["placeholder"] = mask(getattr(self.instance, name))
            field.help_text = _("Leave empty to keep the current number.")
            self.initial[name] = ""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            for name in PERSONAL_NUMBERS:
                if not cleaned.get(name):
                    cleaned[name] = getattr(self.instance, name)
                    self.errors.pop(name, None)
        return cleaned

    def limit_to_own_organisations(self) -> None:
        # HR writes for its employer, agency staff for their agency; holding both roles, a
        # person may use either, and the service decides from the record as a whole.
        if has_role(self.user, Role.ENTERPRISE_HR) and not has_role(self.user, Role.AGENCY_STAFF):
            self.limit_to_members("employer", "enterprise")
        if has_role(self.user, Role.AGENCY_STAFF) and not has_role(self.user, Role.ENTERPRISE_HR):
            self.limit_to_members("agency", "agency")


class EnterpriseForm(RegistryForm):
    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "industry",
            "grid",
            "above_scale",
            "high_tech",
            "rd_institution",
            "address",
            "employees",
            "founded_on",
        ]


class CredentialForm(RegistryForm):
    class Meta:
        model = Credential
        fields = ["talent", "kind", "level", "name", "issuer", "number", "awarded_on"]


class PlatformForm(RegistryForm):
    class Meta:
        model = Platform
        fields = ["enterprise", "kind", "level", "name", "approved_on"]

    def limit_to_own_organisations(self) -> None:
        self.limit_to_members("enterprise", "enterprise")


class AgencyForm(RegistryForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "credit_code",
            "services",
            "park_unit",
            "contact_name",
            "contact_phone",
            "moved_in_on",
        ]


class StationForm(RegistryForm):
    class Meta:
        model = Station
        fields = ["name", "level", "address", "phone", "beds"]


class GridForm(RegistryForm):
    class Meta:
        model = Grid
        fields = ["name", "code", "area"]


class GridTeamForm(RegistryForm):
    class Meta:
        model = GridTeam
        fields = ["grid", "name", "department", "leader_name", "phone"]


class DepartmentForm(RegistryForm):
    class Meta:
        model = Department
        fields = ["name", "code"]


class TalentTierForm(RegistryForm):
    class Meta:
        model = TalentTier
        fields = ["rank", "code", "name", "name_en", "level"]


FOUNDER_FIELDS = ("name", "university", "graduation_year", "is_lead", "talent")


class FounderForm(RegistryForm):
    class Meta:
        model = Founder
        fields = FOUNDER_FIELDS


class BaseFounderFormSet(BaseInlineFormSet):
    """The founders of one venture; `venture_save` replaces the whole list at once."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        style_widgets(form)  # the formset's own fields (DELETE) arrive after the form's

    def kept_forms(self) -> list[forms.Form]:
        """Founders to keep: filled-in forms (blank extra rows have no data) not marked deleted."""
        return [
            form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)
        ]

    def clean(self) -> None:
        # The same rule as venture_save, checked here too so the page can say it beside the list.
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        if not kept:
            raise ValidationError(_("A venture has at least one founder."))
        if sum(1 for form in kept if form.cleaned_data.get("is_lead")) != 1:
            raise ValidationError(_("Exactly one founder is the lead founder."))

    def founders(self) -> list[dict[str, Any]]:
        return [
            {name: form.cleaned_data[name] for name in FOUNDER_FIELDS} for form in self.kept_forms()
        ]


FounderFormSet = inlineformset_factory(
    Venture,
    Founder,
    form=FounderForm,
    formset=BaseFounderFormSet,
    # A list of its own: the inline formset appends the venture field to it in place.
    fields=list(FOUNDER_FIELDS),
    extra=2,
    can_delete=True,
)


class VentureForm(RegistryForm):
    """A venture and, in `self.founders`, the formset of its founders: saved together."""

    class Meta:
        model = Venture
        fields = ["name", "field", "stage", "joined_on", "park_unit", "summary"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.founders = FounderFormSet(
            self.data if self.is_bound else None,
            instance=self.instance,
            prefix="founders",
            form_kwargs={"user": user},
            queryset=Founder.objects.order_by("-is_lead", "name", "pk"),
        )

    def is_valid(self) -> bool:
        # Both must be validated so that every error shows at once.
        form_valid = super().is_valid()
        return self.founders.is_valid() and form_valid
