"""The talent apartments' page forms. They check the shape of the input; the services check the
rest, and their refusals go beside the field they name (`attach_errors`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.directory.forms import StyledFormMixin
from talentzone.policies.models import Policy

from .choices import InspectionOutcome, Layout, SchoolLevel
from .models import Scheme


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if shown else None, field_errors)


def open_schemes():
    today = timezone.localtime().date()
    return Scheme.objects.filter(
        policy__isnull=False, policy__valid_from__lte=today, policy__valid_until__gte=today
    ).select_related("policy")


def schooling_policies():
    """The open in-kind talent policies that are not a housing scheme's: school places."""
    today = timezone.localtime().date()
    return Policy.objects.filter(
        benefit="in_kind",
        applicant_kind="talent",
        valid_from__lte=today,
        valid_until__gte=today,
        housing_scheme__isnull=True,
    ).order_by("code")


class HousingApplyForm(StyledFormMixin, forms.Form):
    scheme = forms.ModelChoiceField(label=_("Scheme"), queryset=Scheme.objects.none())
    layouts = forms.MultipleChoiceField(
        label=_("Layouts you would take"),
        choices=Layout.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    household_size = forms.IntegerField(
        label=_("People in your household"),
        min_value=1,
        max_value=20,
        help_text=_("Studio: 1 person; one bedroom: 2; two bedrooms: 4; three bedrooms: 6."),
    )
    statement = forms.CharField(
        label=_("Anything the office should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = open_schemes()
        self.fields["layouts"].widget.attrs["class"] = "form-check-input"


class SchoolingApplyForm(StyledFormMixin, forms.Form):
    policy = forms.ModelChoiceField(label=_("Policy"), queryset=Policy.objects.none())
    child_name = forms.CharField(label=_("Child's name"), max_length=30)
    child_birth_date = forms.DateField(label=_("Child's birth date"))
    level = forms.ChoiceField(label=_("Level"), choices=SchoolLevel.choices)
    school_wanted = forms.CharField(label=_("School wanted"), max_length=80, required=False)
    statement = forms.CharField(
        label=_("Anything the office should know"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = schooling_policies()


class DeclineForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=500,
    )


class LeaseSignForm(StyledFormMixin, forms.Form):
    starts_on = forms.DateField(
        label=_("Lease starts on"),
        required=False,
        help_text=_("Today unless you give a day."),
    )


class RenewForm(StyledFormMixin, forms.Form):
    months = forms.IntegerField(
        label=_("Months"),
        required=False,
        min_value=1,
        max_value=60,
        help_text=_("The scheme's lease length unless you give one."),
    )


class TerminateForm(StyledFormMixin, forms.Form):
    on = forms.DateField(
        label=_("Ends on"),
    )
    reason = forms.CharField(
        label=_("Why it ends"),
        max_length=500,
    )


class InspectionForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=InspectionOutcome.choices,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )


class SchoolAssignForm(StyledFormMixin, forms.Form):
    school = forms.CharField(
        label=_("School or kindergarten assigned"),
        max_length=80,
    )
