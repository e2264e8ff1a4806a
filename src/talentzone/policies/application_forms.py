"""Forms of the applicant's and decider's pages (views/applications.py).

They only read and check what a person typed; the services decide and write. A figure the
policy's formula needs is asked for only when it needs it: a count (per-unit formulas, labelled
with what is counted) or a declared amount in yuan (percentage formulas), turned into fen here.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from talentzone.core.uploads import SUPPORTING_DOCUMENTS, upload_form_field
from talentzone.directory.forms import StyledFormMixin, style_widgets

from .choices import ApplicationStatus, Decision, FormulaKind
from .models import Policy
from .money import fen_from_yuan

# A service names the model's field; the form may call it something else.
FIELD_OF_SERVICE_ERROR = {"declared_fen": "declared_yuan"}


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        name = FIELD_OF_SERVICE_ERROR.get(name, name)
        form.add_error(name if name in form.fields else None, field_errors)


class FiguresForm(StyledFormMixin, forms.Form):
    """The figures a policy's formula needs from the applicant, and nothing else."""

    def __init__(self, *args, policy: Policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        if policy.formula == FormulaKind.PER_UNIT:
            self.fields["unit_count"] = forms.IntegerField(
                label=policy.unit_label or _("count"),
                min_value=1,
                help_text=_("How many; the amount is worked out from it."),
            )
        elif policy.formula == FormulaKind.PERCENTAGE:
            self.fields["declared_yuan"] = forms.CharField(
                label=_("%(what)s (yuan)")
                % {"what": policy.declared_label or _("declared figure")},
                max_length=20,
                help_text=_("In yuan, for example 120000 or 120,000.50."),
            )
        style_widgets(self)  # the fields added here too

    def clean_declared_yuan(self) -> int:
        fen = fen_from_yuan(self.cleaned_data["declared_yuan"])
        if fen < 1:
            raise ValidationError(_("The figure must be more than zero."))
        return fen

    def service_data(self) -> dict:
        data = {}
        if "unit_count" in self.fields:
            data["unit_count"] = self.cleaned_data["unit_count"]
        if "declared_yuan" in self.fields:
            data["declared_fen"] = self.cleaned_data["declared_yuan"]
        return data


class ApplicationForm(FiguresForm):
    """A draft's fields: which applicant (only when the user acts for several), the statement and
    the figures the formula needs."""

    field_order = ["applicant", "statement", "unit_count", "declared_yuan"]

    def __init__(self, *args, policy: Policy, records=None, **kwargs):
        super().__init__(*args, policy=policy, **kwargs)
        self.records = {str(record.pk): record for record in records or []}
        if len(self.records) > 1:
            self.fields["applicant"] = forms.ChoiceField(
                label=_("Apply as"),
                choices=[(pk, str(record)) for pk, record in self.records.items()],
            )
        self.fields["statement"] = forms.CharField(
            label=_("Statement"),
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("What the reviewers should know: your achievements, the facts behind it."),
        )
        self.order_fields(self.field_order)
        style_widgets(self)

    def applicant(self):
        """The chosen applicant record (the only one, when there is one)."""
        if "applicant" in self.fields:
            return self.records[self.cleaned_data["applicant"]]
        return next(iter(self.records.values()))

    def service_data(self) -> dict:
        return {"statement": self.cleaned_data.get("statement", ""), **super().service_data()}


class AttachmentForm(StyledFormMixin, forms.Form):
    """One file, for one of the policy's required documents or as an extra document."""

    document = forms.ModelChoiceField(
        label=_("Document"), queryset=None, required=False, empty_label=_("Other document")
    )
    file = upload_form_field(SUPPORTING_DOCUMENTS, label=_("File"))

    def __init__(self, *args, policy: Policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = policy.documents.all()


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    # The stage the page showed: a decision never lands on a stage the decider did not see.
    stage = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to reject or return; the applicant reads it."),
    )


class ObjectionForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Your objection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what is wrong, with facts the office can check."),
    )


class ResolveForm(StyledFormMixin, forms.Form):
    UPHOLD, DISMISS = "uphold", "dismiss"

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (DISMISS, _("Dismiss: the notice goes on")),
            (UPHOLD, _("Uphold: the application is rejected")),
        ],
    )
    resolution = forms.CharField(
        label=_("Resolution"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    @property
    def uphold(self) -> bool:
        return self.cleaned_data["outcome"] == self.UPHOLD


class PayForm(StyledFormMixin, forms.Form):
    memo = forms.CharField(
        label=_("Payment reference"),
        required=False,
        max_length=200,
        help_text=_("For example the finance office's voucher number."),
    )


class FinderFilterForm(forms.Form):
    ELIGIBLE, ALL = "eligible", "all"

    show = forms.ChoiceField(
        choices=[(ELIGIBLE, _("Policies I may apply for")), (ALL, _("All open policies"))],
        required=False,
    )

    def shown(self) -> str:
        if self.is_valid() and self.cleaned_data["show"] == self.ALL:
            return self.ALL
        return self.ELIGIBLE


class ApplicationFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ApplicationStatus.choices],
    )
    policy = forms.ModelChoiceField(
        label=_("Policy"),
        queryset=Policy.objects.order_by("code"),
        required=False,
        empty_label=_("Any policy"),
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["policy"]:
            queryset = queryset.filter(policy=data["policy"])
        return queryset
