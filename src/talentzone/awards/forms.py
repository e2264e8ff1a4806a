"""The evaluations' page forms. They check the shape of the input; `services` checks the rest,
and its refusals go beside the field they name (`attach_errors`)."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.core.uploads import SUPPORTING_DOCUMENTS, upload_form_field
from talentzone.directory.choices import TalentStatus
from talentzone.directory.forms import StyledFormMixin
from talentzone.directory.models import Talent
from talentzone.directory.queries import member_ids
from talentzone.policies.choices import ApplicantKind, Benefit
from talentzone.policies.models import BudgetLine, Policy

from .models import Criterion, Expert, Round

# A service may name something the form calls otherwise.
FIELD_OF_SERVICE_ERROR = {"criteria": "__all__", "points": "__all__"}


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        name = FIELD_OF_SERVICE_ERROR.get(name, name)
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if shown else None, field_errors)


# Rounds -----------------------------------------------------------------------------------------


class RoundForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            "year",
            "title",
            "kind",
            "category",
            "max_age",
            "rule",
            "nominations_open",
            "nominations_close",
            "quota",
            "panel_size",
            "notice_days",
            "issuer",
            "reward_policy",
            "budget_line",
            "programme",
            "programme_level",
        ]
        widgets = {"rule": forms.Textarea(attrs={"class": "font-monospace"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reward_policy"].queryset = Policy.objects.filter(
            benefit=Benefit.MONEY, applicant_kind=ApplicantKind.TALENT
        ).order_by("code")
        self.fields["budget_line"].queryset = BudgetLine.objects.order_by("-year", "code")
        self.fields["rule"].widget.attrs["rows"] = 3
        self.fields["reward_policy"].help_text = _(
            "A zone evaluation pays each winner under this money policy."
        )
        self.fields["programme"].help_text = _("A recommendation: the programme it goes to.")


class CriterionRowForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=60, required=False)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight (%)"), min_value=1, max_value=100, required=False)
    max_points = forms.IntegerField(
        label=_("Maximum points"), min_value=1, max_value=1000, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["placeholder"] = field.label

    def clean(self):
        data = super().clean()
        filled = [data.get(name) not in (None, "") for name in ("name", "weight", "max_points")]
        if any(filled) and not all(filled):
            raise ValidationError(_("Give the criterion's name, weight and maximum points."))
        return data

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data or {}).get("name")


class BaseCriterionRows(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled rows, in order, as the service takes them."""
        return [
            {
                "name": form.cleaned_data["name"].strip(),
                "description": form.cleaned_data.get("description", "").strip(),
                "weight": form.cleaned_data["weight"],
                "max_points": form.cleaned_data["max_points"],
            }
            for form in self.forms
            if form.cleaned_data and not form.is_blank
        ]


CriterionRows = formset_factory(CriterionRowForm, formset=BaseCriterionRows, extra=2, max_num=20)


def criterion_rows(round_: Round | None, data=None) -> BaseCriterionRows:
    initial = (
        [
            {
                "name": c.name,
                "description": c.description,
                "weight": c.weight,
                "max_points": c.max_points,
            }
            for c in Criterion.objects.filter(round=round_)
        ]
        if round_ is not None and round_.pk
        else []
    )
    return CriterionRows(data, initial=initial, prefix="criteria")


class PanelDrawForm(StyledFormMixin, forms.Form):
    size = forms.IntegerField(label=_("Experts to draw"), min_value=3, max_value=50, required=False)
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        help_text=_("The same seed draws the same experts: note it in the minutes."),
    )


class PanelSetForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts"),
        queryset=Expert.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )


# Nominations ------------------------------------------------------------------------------------


def hr_talents(user):
    """The talents of the enterprises the user is HR of, in the zone."""
    return (
        Talent.objects.filter(employer_id__in=member_ids(user, "enterprise"))
        .exclude(status=TalentStatus.LEFT)
        .select_related("employer")
        .order_by("name", "pk")
    )


class TalentPickForm(StyledFormMixin, forms.Form):
    """The nomination page's first step (GET): which talent, to see the eligibility check."""

    talent = forms.ModelChoiceField(label=_("Nominee"), queryset=Talent.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = hr_talents(user)
        self.fields["talent"].label_from_instance = lambda t: f"{t.name} · {t.employer}"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class NominationForm(StyledFormMixin, forms.Form):
    talent = forms.ModelChoiceField(
        label=_("Nominee"), queryset=Talent.objects.none(), widget=forms.HiddenInput
    )
    achievements = forms.CharField(
        label=_("Achievements"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("What the nominee achieved: results, patents, output, people trained."),
    )
    files = upload_form_field(
        SUPPORTING_DOCUMENTS,
        field_class=MultipleFileField,
        label=_("Attachments"),
        required=False,
        help_text=_("Certificates, patents, reports: PDF, JPEG, PNG or .docx, 20 MB each at most."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["talent"].queryset = hr_talents(user)
        self.fields["achievements"].widget.attrs["rows"] = 6


class AchievementsForm(StyledFormMixin, forms.Form):
    achievements = forms.CharField(label=_("Achievements"), max_length=5000, widget=forms.Textarea)


class AttachForm(StyledFormMixin, forms.Form):
    file = upload_form_field(SUPPORTING_DOCUMENTS, label=_("Attachment"))


class ScreenForm(StyledFormMixin, forms.Form):
    admit = forms.TypedChoiceField(
        choices=[("1", _("Admit")), ("0", _("Refuse"))],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("Reason for refusal"), max_length=2000, required=False)


# Scoring ----------------------------------------------------------------------------------------


class ScoreForm(forms.Form):
    """One number per criterion (0 to its maximum, one decimal place), then a comment."""

    comment = forms.CharField(label=_("Comment (optional)"), max_length=2000, required=False)

    def __init__(self, *args, criteria, initial_points=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_points = initial_points or {}
        for index, criterion in enumerate(self.criteria):
            attrs = {
                "class": "form-control form-control-lg score-input",
                "min": "0",
                "max": str(criterion.max_points),
                "step": "0.1",
                "inputmode": "decimal",
                "data-testid": "score-input",
                "aria-describedby": f"max-{criterion.pk}",
            }
            if index == 0:
                attrs["autofocus"] = True
            self.fields[self.key(criterion)] = forms.CharField(
                label=criterion.name,
                required=True,
                initial=initial_points.get(criterion.pk),
                widget=forms.NumberInput(attrs=attrs),
            )
        comment = self.fields.pop("comment")
        comment.widget = forms.Textarea(attrs={"class": "form-control", "rows": 2})
        self.fields["comment"] = comment

    @staticmethod
    def key(criterion) -> str:
        return f"c{criterion.pk}"

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            value = data.get(self.key(criterion))
            if value in (None, ""):
                continue
            try:
                Decimal(str(value).strip())
            except InvalidOperation:
                self.add_error(self.key(criterion), _("Enter a number."))
        return data

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"

    def points(self) -> dict[int, str]:
        return {c.pk: str(self.cleaned_data[self.key(c)]).strip() for c in self.criteria}

    def rows(self):
        return [(criterion, self[self.key(criterion)]) for criterion in self.criteria]


# The notice -------------------------------------------------------------------------------------


class ObjectionForm(StyledFormMixin, forms.Form):
    entry = forms.TypedChoiceField(label=_("Nominee"), coerce=int, choices=[])
    reason = forms.CharField(
        label=_("Your objection"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("Say what is wrong and how you know it; the talent office will look into it."),
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [
            (entry.pk, f"{entry.nomination.talent.name} · {entry.nomination.enterprise}")
            for entry in entries
        ]


class ResolveForm(StyledFormMixin, forms.Form):
    uphold = forms.TypedChoiceField(
        choices=[("1", _("Uphold")), ("0", _("Dismiss"))],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    resolution = forms.CharField(label=_("Resolution"), max_length=5000)


class OutcomeForm(StyledFormMixin, forms.Form):
    selected = forms.TypedChoiceField(
        label=_("The programme's decision"),
        choices=[
            ("1", pgettext_lazy("programme", "Selected")),
            ("0", pgettext_lazy("programme", "Not selected")),
        ],
        coerce=lambda value: value == "1",
    )
    decided_on = forms.DateField(label=_("Decided on"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
