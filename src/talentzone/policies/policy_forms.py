"""The talent office's forms: a policy with its review stages and required documents, and the
filters of the office's lists.

Money is typed in yuan and kept in fen (`money.fen_from_yuan`: exact, or refused); a rate is
typed as a percentage and kept in basis points (12.5 % → 1250); the amount per tier is one yuan
input per step of the talent ladder, kept as {tier code: fen}. No float ever holds either.

Saving goes through `services.policy_save` (permission, full validation, audit), which saves
the stages and documents with the policy in one transaction (`PolicyEditor.save`).
"""

import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.directory.forms import StyledFormMixin, style_widgets
from talentzone.directory.models import Department, TalentTier

from . import services
from .choices import (
    ApplicantKind,
    ApplicationStatus,
    Benefit,
    FormulaKind,
    OfferStatus,
    StageRole,
)
from .formulas import percent_of_basis_points
from .models import (
    BudgetLine,
    Policy,
    RequiredDocument,
    ReviewStage,
)
from .money import FEN_PER_YUAN, fen_from_yuan

BASIS_POINTS_PER_PERCENT = 100
TIER_PREFIX = "tier_"
# Yuan as people write them: digits with optional thousands commas and decimals, perhaps a ¥
# in front; no sign, no exponent (1e3 is exact, but nobody means it).
YUAN_TEXT = re.compile(r"^¥?\s*\d[\d,]*(\.\d+)?$")


# Money and rates as people type them ---------------------------------------------------------


def yuan_text(fen: int | None) -> str:
    """12345600 → "123456.00": how an amount in fen is put back into an input (exact)."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    yuan, rest = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{yuan}.{rest:02d}"


def percent_text(basis_points: int | None) -> str:
    """1250 → "12.5", 1000 → "10", 5 → "0.05": a rate in basis points as a percentage."""
    return "" if basis_points is None else percent_of_basis_points(basis_points)


def basis_points_from_percent(text: str) -> int:
    """ "12.5" or "12.5%" → 1250; more than two decimals are refused, never rounded."""
    try:
        percent = Decimal(str(text).strip().rstrip("%").strip())
    except InvalidOperation:
        raise ValidationError(
            _("“%(value)s” is not a percentage."), code="invalid", params={"value": text}
        ) from None
    basis_points = percent * BASIS_POINTS_PER_PERCENT
    if not percent.is_finite() or basis_points != basis_points.to_integral_value():
        raise ValidationError(
            _("“%(value)s” is not a percentage with at most two decimals."),
            code="invalid",
            params={"value": text},
        )
    return int(basis_points)


class YuanField(forms.Field):
    """An amount typed in yuan ("50,000" or "50000.50"), cleaned to fen above zero (or None)."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value) -> int | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if not YUAN_TEXT.match(text):
            raise ValidationError(
                _("Enter an amount in yuan, such as 50000 or 1,250.50."), code="invalid"
            )
        fen = fen_from_yuan(text)
        if fen <= 0:
            raise ValidationError(_("Enter an amount of more than zero."), code="not_positive")
        return fen


class PercentField(forms.Field):
    """A rate typed as a percentage ("12.5"), cleaned to basis points above zero (or None)."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value) -> int | None:
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        basis_points = basis_points_from_percent(text)
        if basis_points <= 0:
            raise ValidationError(_("Enter a rate of more than zero."), code="not_positive")
        return basis_points


# The policy ----------------------------------------------------------------------------------

# Which formula kinds use which input; the others are hidden on the page and cleared on save.
FORMULA_INPUTS = {
    "amount_yuan": {FormulaKind.FIXED, FormulaKind.PER_UNIT},
    "unit_label": {FormulaKind.PER_UNIT},
    "rate_percent": {FormulaKind.PERCENTAGE},
    "declared_label": {FormulaKind.PERCENTAGE},
}
# The model's fields behind the inputs typed in other units: errors about them go to the input.
INPUT_OF = {"amount_fen": "amount_yuan", "rate_basis_points": "rate_percent", "cap_fen": "cap_yuan"}


class PolicyForm(StyledFormMixin, forms.ModelForm):
    """A policy as the office edits it. The rule is checked live on the page (rule-check) and
    again here, with the whole policy, by the model's validation."""

    amount_yuan = YuanField(
        label=_("Amount (yuan)"),
        required=False,
        help_text=_("The fixed amount, or the amount for each unit counted."),
    )
    rate_percent = PercentField(
        label=_("Rate (%)"),
        required=False,
        help_text=_("For example 10 or 12.5; at most two decimals."),
    )
    cap_yuan = YuanField(
        label=_("Cap (yuan)"),
        required=False,
        help_text=_("The most one application may receive; leave empty for no cap."),
    )

    class Meta:
        model = Policy
        fields = [
            "code",
            "title",
            "title_en",
            "applicant_kind",
            "valid_from",
            "valid_until",
            "legal_basis",
            "summary",
            "rule",
            "benefit",
            "formula",
            "unit_label",
            "declared_label",
            "budget_line",
            "notice_days",
            "granted_only",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tiers = list(TalentTier.objects.order_by("rank"))
        for tier in self.tiers:
            self.fields[self.tier_input(tier)] = YuanField(label=str(tier), required=False)
        style_widgets(self)
        policy = self.instance
        if policy.pk is None:
            self.initial.setdefault("formula", FormulaKind.FIXED)
        self.initial.update(
            amount_yuan=yuan_text(policy.amount_fen),
            rate_percent=percent_text(policy.rate_basis_points),
            cap_yuan=yuan_text(policy.cap_fen),
        )
        for tier in self.tiers:
            self.initial[self.tier_input(tier)] = yuan_text(
                (policy.tier_amounts or {}).get(tier.code)
            )
        self.fields["budget_line"].queryset = BudgetLine.objects.select_related("owner")
        # Left out (an older page, a script), a policy keeps what it gives: money by default.
        self.fields["benefit"].required = False
        self.fields["benefit"].widget.choices = Benefit.choices
        self.fields["legal_basis"].widget.attrs["rows"] = 2
        self.fields["summary"].widget.attrs["rows"] = 2
        if policy.pk and (policy.applications.exists() or policy.offers.exists()):
            # Applications and offers name applicants of this kind: it cannot change under them.
            field = self.fields["applicant_kind"]
            field.disabled = True
            field.help_text = _("Fixed: applications or offers have been made under this policy.")
        self.set_up_rule_check()

    @staticmethod
    def tier_input(tier: TalentTier) -> str:
        return f"{TIER_PREFIX}{tier.code}"

    def set_up_rule_check(self) -> None:
        """htmx asks rule-check for the rule in words (or its error) as the rule is typed and
        when who may apply changes."""
        check_url = reverse("policies:rule-check")
        rule = self.fields["rule"].widget
        rule.attrs.update(
            {
                "rows": 4,
                "class": f"{rule.attrs.get('class', '')} font-monospace".strip(),
                "spellcheck": "false",
                "hx-post": check_url,
                "hx-trigger": "load, input changed delay:500ms",
                "hx-target": "#rule-check",
                "hx-include": "[name='applicant_kind']",
                "hx-sync": "this:replace",
                "aria-describedby": "rule-check",
            }
        )
        kind_field = self.fields["applicant_kind"]
        if kind_field.disabled:
            # A disabled input is not sent: the rule is checked for the policy's fixed kind.
            rule.attrs["hx-vals"] = json.dumps({"applicant_kind": self.instance.applicant_kind})
            return
        kind_field.widget.attrs.update(
            {
                "hx-post": check_url,
                "hx-trigger": "change",
                "hx-target": "#rule-check",
                "hx-include": "[name='rule']",
            }
        )

    # Rendering helpers -----------------------------------------------------------------------

    def tier_fields(self) -> list[forms.BoundField]:
        return [self[self.tier_input(tier)] for tier in self.tiers]

    def formula_inputs(self) -> list[tuple[forms.BoundField, str]]:
        """The amount inputs with the formula kinds that use them (the page hides the rest)."""
        return [(self[name], " ".join(sorted(kinds))) for name, kinds in FORMULA_INPUTS.items()]

    # Cleaning --------------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("benefit"):
            cleaned["benefit"] = self.instance.benefit or Benefit.MONEY
        if cleaned.get("benefit") == Benefit.IN_KIND:
            # No money: the formula, its amounts, the cap and the budget line are not used, and
            # nothing stale is kept.
            cleaned["formula"] = ""
            cleaned["budget_line"] = None
            cleaned["cap_yuan"] = None
            for name in ("formula", "budget_line", "cap_yuan"):
                self._errors.pop(name, None)
        else:
            # A money policy needs both (the model field is blank-able for in-kind policies).
            for name in ("formula", "budget_line"):
                if not cleaned.get(name) and name not in self._errors:
                    self.add_error(
                        name,
                        ValidationError(
                            self.fields[name].error_messages["required"], code="required"
                        ),
                    )
        kind = cleaned.get("formula")
        # What the formula does not use is cleared (and its errors dropped): a policy switched
        # from a fixed amount to tiers keeps no stale amount.
        for name, kinds in FORMULA_INPUTS.items():
            if kind not in kinds:
                cleaned[name] = None if name in INPUT_OF.values() else ""
                self._errors.pop(name, None)
        for tier in self.tiers:
            name = self.tier_input(tier)
            if kind != FormulaKind.TIERED:
                cleaned[name] = None
                self._errors.pop(name, None)
        return cleaned

    def _post_clean(self) -> None:
        """Put the converted amounts on the policy before the model validates it."""
        data = self.cleaned_data
        policy = self.instance
        policy.amount_fen = data.get("amount_yuan")
        policy.rate_basis_points = data.get("rate_percent")
        policy.cap_fen = data.get("cap_yuan")
        policy.tier_amounts = {
            tier.code: fen
            for tier in self.tiers
            if (fen := data.get(self.tier_input(tier))) is not None
        }
        if data.get("applicant_kind") not in ApplicantKind.values:
            # The rule is read for a kind of applicant: without one (its input shows the
            # error), the model's checks of the rule and the formula wait for the next try.
            return
        super()._post_clean()

    def add_error(self, field, error) -> None:
        """Errors about the model's fields in fen or basis points go beside the inputs that
        hold them in yuan or percent; an error about the tiers, beside the first tier."""
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            moved: dict[str, list] = {}
            for name, errors in error.error_dict.items():
                moved.setdefault(self.input_for(name), []).extend(errors)
            error = ValidationError(moved)
        elif field is not None:
            field = self.input_for(field)
            field = None if field == NON_FIELD_ERRORS else field
        super().add_error(field, error)

    def input_for(self, name: str) -> str:
        if name in INPUT_OF:
            return INPUT_OF[name]
        if name == "tier_amounts":
            return self.tier_input(self.tiers[0]) if self.tiers else NON_FIELD_ERRORS
        return name if name in self.fields else NON_FIELD_ERRORS


# Stages and documents ------------------------------------------------------------------------


class StageForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewStage
        fields = ["position", "name", "role", "department", "deadline_days", "proved_by_registry"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["position"].widget.attrs["min"] = 1

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("role") != StageRole.REVIEWER:
            # Only department reviewers' stages name a department (the page hides the input).
            cleaned["department"] = None
        return cleaned


class StageFormSet(BaseInlineFormSet):
    """A policy's review stages: at least one (without a stage, an application would be
    approved and its money reserved the moment it is submitted), each position once."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        style_widgets(form)  # the formset's own DELETE arrives after the form's fields

    def clean(self) -> None:
        super().clean()
        kept = kept_forms(self)
        if not kept:
            raise ValidationError(_("A policy needs at least one review stage."), code="no_stages")
        positions = [form.cleaned_data.get("position") for form in kept]
        if len(positions) != len(set(positions)):
            raise ValidationError(
                _("Two stages of one policy cannot share a position."), code="duplicate_position"
            )


def kept_forms(formset: BaseInlineFormSet) -> list[forms.ModelForm]:
    """The rows that stay: filled in (an untouched empty row is none) and not ticked Delete."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not formset._should_delete_form(form)
    ]


class DocumentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RequiredDocument
        fields = ["position", "name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].widget.attrs["min"] = 1


class DocumentFormSet(BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        style_widgets(form)


StageFormSetFactory = inlineformset_factory(
    Policy,
    ReviewStage,
    form=StageForm,
    formset=StageFormSet,
    fields=list(StageForm.Meta.fields),
    extra=1,
    can_delete=True,
)
DocumentFormSetFactory = inlineformset_factory(
    Policy,
    RequiredDocument,
    form=DocumentForm,
    formset=DocumentFormSet,
    fields=list(DocumentForm.Meta.fields),
    extra=1,
    can_delete=True,
)


class PolicyEditor:
    """The policy form and its two formsets, bound together: valid together, saved together."""

    def __init__(self, instance: Policy | None = None, data=None):
        self.form = PolicyForm(data=data, instance=instance)
        policy = self.form.instance
        self.stages = StageFormSetFactory(data=data, instance=policy, prefix="stages")
        self.documents = DocumentFormSetFactory(data=data, instance=policy, prefix="documents")

    def is_valid(self) -> bool:
        results = [self.form.is_valid(), self.stages.is_valid(), self.documents.is_valid()]
        return all(results)

    def save(self, *, actor) -> Policy:
        """Save the policy with its stages and documents through `services.policy_save` (one
        transaction, audited); a refusal lands beside the fields or on the list it concerns."""
        try:
            return services.policy_save(
                actor=actor,
                policy=self.form.instance,
                stages=items(self.stages),
                documents=items(self.documents),
            )
        except ValidationError as error:
            self.show(error)
            raise

    def show(self, error: ValidationError) -> None:
        rest = {}
        for name, errors in error.update_error_dict({}).items():
            formset = {"stages": self.stages, "documents": self.documents}.get(name)
            if formset is not None:
                formset._non_form_errors.extend(errors)
            else:
                rest[name] = errors
        if rest:
            self.form.add_error(None, ValidationError(rest))


def items(formset: BaseInlineFormSet) -> list[dict[str, Any]]:
    """The kept rows as the service takes them: each row's fields, and the id of an existing
    one (a row left out, or ticked Delete, is removed by the service)."""
    names = [name for name in formset.form._meta.fields]
    rows = []
    for form in kept_forms(formset):
        row = {name: form.cleaned_data.get(name) for name in names}
        if form.instance.pk:
            row["id"] = form.instance.pk
        rows.append(row)
    return rows


# Filters of the office's lists ---------------------------------------------------------------


class StyledForm(StyledFormMixin, forms.Form):
    pass


def budget_years() -> list[int]:
    """The years that have budget lines, and this year, newest first."""
    years = set(BudgetLine.objects.values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


class BudgetYearForm(StyledForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in budget_years()]

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return timezone.localdate().year


class OfferFilterForm(StyledForm):
    policy = forms.ModelChoiceField(
        label=_("Policy"), queryset=Policy.objects.order_by("code"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + OfferStatus.choices, required=False
    )

    def filter(self, offers):
        data = self.cleaned_data
        if data.get("policy"):
            offers = offers.filter(policy=data["policy"])
        if data.get("status"):
            offers = offers.filter(status=data["status"])
        return offers


PAYMENT_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.PAID)


class PaymentFilterForm(StyledForm):
    status = forms.ChoiceField(
        label=_("Payment"),
        choices=[
            (ApplicationStatus.APPROVED, _("Awaiting payment")),
            (ApplicationStatus.PAID, _("Paid")),
            ("all", _("All")),
        ],
        required=False,
    )
    policy = forms.ModelChoiceField(
        label=_("Policy"), queryset=Policy.objects.order_by("code"), required=False
    )
    budget_line = forms.ModelChoiceField(
        label=_("Budget line"),
        queryset=BudgetLine.objects.select_related("owner"),
        required=False,
    )
    paid_from = forms.DateField(label=_("Paid from"), required=False)
    paid_until = forms.DateField(label=_("Paid until"), required=False)

    def filter(self, applications):
        data = self.cleaned_data
        status = data.get("status") or ApplicationStatus.APPROVED
        statuses = PAYMENT_STATUSES if status == "all" else (status,)
        # In-kind policies pay nothing: their applications never wait for a payment.
        applications = applications.filter(status__in=statuses, policy__benefit=Benefit.MONEY)
        if data.get("policy"):
            applications = applications.filter(policy=data["policy"])
        if data.get("budget_line"):
            applications = applications.filter(policy__budget_line=data["budget_line"])
        if data.get("paid_from"):
            applications = applications.filter(paid_at__gte=day_start(data["paid_from"]))
        if data.get("paid_until"):
            next_day = data["paid_until"] + datetime.timedelta(days=1)
            applications = applications.filter(paid_at__lt=day_start(next_day))
        return applications


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the zone's time: paid_at is a moment, the filter a calendar day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
