"""Forms of the case desk's pages: they read and check what a person typed; the services decide
and write (`services.py`), and their ValidationError lands back beside the field it names.

Findings of a visit (up to three) and the tasks of a consultation are rows of a formset; blank
rows are ignored.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.core.roles import has_role
from talentzone.core.uploads import DOCUMENTS, upload_form_field
from talentzone.directory.forms import StyledFormMixin, add_class, pick_talent_by_number
from talentzone.directory.models import Department, Enterprise, GridTeam, Talent

from .choices import CaseStatus, Level
from .models import RATINGS, Category
from .rules import enterprises_of, grids_of

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
MAX_FINDINGS = 3


def attach_errors(form: forms.BaseForm, error: ValidationError, rename=None) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        name = (rename or {}).get(name, name)
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if shown else None, field_errors)


def datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def active_categories():
    return Category.objects.filter(active=True).select_related("department")


# The queue's filters ---------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    SCOPES = [("mine", _("To act on")), ("all", pgettext_lazy("cases", "All"))]
    OVERDUE = [("", _("Any")), ("yes", _("Overdue")), ("no", _("Not overdue"))]

    scope = forms.ChoiceField(label=_("Show"), choices=SCOPES, required=False)
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[("", _("Any")), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *CaseStatus.choices], required=False
    )
    overdue = forms.ChoiceField(label=_("Overdue"), choices=OVERDUE, required=False)
    team = forms.ModelChoiceField(
        label=_("Grid team"), queryset=GridTeam.objects.none(), required=False, empty_label=_("Any")
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False, empty_label=_("Any")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = GridTeam.objects.select_related("grid").order_by(
            "grid__code"
        )
        self.fields["department"].queryset = Department.objects.order_by("name")
        self.fields["category"].queryset = Category.objects.order_by("position", "code")
        for field in self.fields.values():
            add_class(field.widget, "form-select")
        for name in self.errors:
            add_class(self.fields[name].widget, "is-invalid")

    def query(self) -> dict[str, Any]:
        """The filters as `queries.queue` takes them (the invalid ones dropped)."""
        data = self.cleaned_data if self.is_valid() else {}
        overdue = {"yes": True, "no": False}.get(data.get("overdue") or "")
        return {
            "level": data.get("level"),
            "status": data.get("status") or None,
            "overdue": overdue,
            "team": data.get("team"),
            "department": data.get("department"),
            "category": data.get("category"),
        }


# Raising a case --------------------------------------------------------------------------------


class RaiseForm(StyledFormMixin, forms.Form):
    """What the problem is and whom it concerns: an enterprise's HR speak for their enterprise, a
    talent for themselves; grid officers and the office choose the enterprise or the talent."""

    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What is the problem?"), widget=forms.Textarea(attrs={"rows": 5})
    )
    enterprise = forms.ModelChoiceField(
        label=_("Enterprise"), queryset=Enterprise.objects.none(), required=False
    )
    talent = forms.ModelChoiceField(
        label=_("Talent"), queryset=Talent.objects.none(), required=False
    )
    file = upload_form_field(
        DOCUMENTS,
        label=_("Attach a file"),
        required=False,
        help_text=_(
            "Optional: a document or a photo (PDF, JPEG, PNG, .docx, .xlsx; at most 20 MB)."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["category"].queryset = active_categories()
        office = has_role(user, Role.OFFICE_ADMIN)
        officer_grids = grids_of(user)
        self.chooses_party = office or bool(officer_grids)
        if self.chooses_party:
            enterprises = Enterprise.objects.order_by("name")
            talents = Talent.objects.all()
            if not office:
                enterprises = enterprises.filter(grid_id__in=officer_grids)
                talents = talents.filter(employer__grid_id__in=officer_grids)
            self.fields["enterprise"].queryset = enterprises
            self.fields["talent"].queryset = talents
            pick_talent_by_number(self.fields["talent"])
            self.fields["enterprise"].help_text = _("Choose the enterprise, or give a talent.")
        else:
            own = enterprises_of(user)
            if len(own) > 1:
                self.fields["enterprise"].queryset = Enterprise.objects.filter(pk__in=own).order_by(
                    "name"
                )
                self.fields["enterprise"].required = True
            else:
                del self.fields["enterprise"]
            del self.fields["talent"]

    def clean(self):
        cleaned = super().clean()
        if (
            self.chooses_party
            and not cleaned.get("enterprise")
            and not cleaned.get("talent")
            and "enterprise" not in self.errors
            and "talent" not in self.errors
        ):
            self.add_error("enterprise", _("Choose the enterprise or give the talent."))
        return cleaned

    def party(self) -> dict[str, Any]:
        return {
            "enterprise": self.cleaned_data.get("enterprise"),
            "talent": self.cleaned_data.get("talent"),
        }


# Working a case --------------------------------------------------------------------------------


class CommentForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachForm(StyledFormMixin, forms.Form):
    file = upload_form_field(DOCUMENTS, label=_("File"))


class EscalateForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why escalate"), widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.ModelChoiceField(
        label=_("Department at level 2"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        if case.level == Level.GRID:
            self.fields["department"].queryset = Department.objects.order_by("name")
            self.fields["department"].initial = case.category.department_id
            self.fields["department"].required = True
        else:
            del self.fields["department"]


class DepartmentForm(StyledFormMixin, forms.Form):
    department = forms.ModelChoiceField(
        label=_("New department"), queryset=Department.objects.none()
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.exclude(
            pk=case.department_id
        ).order_by("name")


class ResolveForm(StyledFormMixin, forms.Form):
    resolution = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        choices=[(n, str(n)) for n in RATINGS],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not at all, 5 = very satisfied."),
    )
    comment = forms.CharField(
        label=_("Comment on the service"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs["class"] = "form-check-input"


class ReopenForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is it not solved?"), widget=forms.Textarea(attrs={"rows": 2})
    )


# The consultation ------------------------------------------------------------------------------


class ScheduleForm(StyledFormMixin, forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Meeting at"), widget=datetime_widget(), input_formats=DATETIME_INPUTS
    )
    place = forms.CharField(label=_("Place"), max_length=120)
    chair = forms.CharField(label=_("Chaired by"), max_length=60, required=False)
    departments = forms.ModelMultipleChoiceField(
        label=_("Invited departments"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.order_by("name")
        self.fields["departments"].widget.attrs["class"] = "form-check-input"
        if case is not None and case.department_id and not self.is_bound:
            self.fields["departments"].initial = [case.department_id]


class RecordForm(StyledFormMixin, forms.Form):
    minutes = forms.CharField(
        label=pgettext_lazy("consultation", "Minutes"), widget=forms.Textarea(attrs={"rows": 4})
    )
    decision = forms.CharField(
        label=pgettext_lazy("consultation", "Decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RowForm(forms.Form):
    """A formset row whose fields are all optional until one of them is filled."""

    needed: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        from talentzone.directory.forms import style_widgets

        style_widgets(self)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in self.needed)

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        for name in self.needed:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("This field is required."))
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                add_class(self.fields[name].widget, "is-invalid")


class TaskRowForm(RowForm):
    needed = ("department", "description", "due_on")

    department = forms.ModelChoiceField(
        label=pgettext_lazy("task", "Owner"), queryset=Department.objects.none()
    )
    description = forms.CharField(
        label=_("Task"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")


class BaseRows(forms.BaseFormSet):
    def rows(self) -> list[dict[str, Any]]:
        return [
            {name: form.cleaned_data[name] for name in form.needed}
            for form in self.forms
            if not form.is_blank()
        ]


TaskRows = formset_factory(TaskRowForm, formset=BaseRows, extra=3, max_num=20)


class TaskDoneForm(StyledFormMixin, forms.Form):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))


# Visits and liaison ----------------------------------------------------------------------------


class FindingRowForm(RowForm):
    needed = ("category", "title", "description")

    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    title = forms.CharField(label=_("Problem"), max_length=120)
    description = forms.CharField(
        label=_("Details"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = active_categories()


FindingRows = formset_factory(
    FindingRowForm, formset=BaseRows, extra=MAX_FINDINGS, max_num=MAX_FINDINGS, validate_max=True
)


def finding_rows(data=None) -> BaseRows:
    return FindingRows(data, prefix="findings")


class VisitForm(StyledFormMixin, forms.Form):
    enterprise = forms.ModelChoiceField(label=_("Enterprise"), queryset=Enterprise.objects.none())
    visited_on = forms.DateField(label=_("Visited on"), widget=forms.DateInput())
    visitors = forms.CharField(label=_("Who went"), max_length=200)
    met = forms.CharField(label=_("Whom they met"), max_length=200)
    notes = forms.CharField(label=_("What they heard"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        enterprises = Enterprise.objects.filter(grid__team__isnull=False).select_related(
            "grid__team"
        )
        if not has_role(user, Role.OFFICE_ADMIN):
            enterprises = enterprises.filter(grid_id__in=grids_of(user))
        self.fields["enterprise"].queryset = enterprises.order_by("name")
        if not self.is_bound:
            self.fields["visited_on"].initial = timezone.localdate()


class VisitPlanForm(StyledFormMixin, forms.Form):
    interval_days = forms.IntegerField(label=_("Visit every (days)"), min_value=1, max_value=730)
    due_soon_days = forms.IntegerField(
        label=_("List as due this many days ahead"), min_value=0, max_value=365, required=False
    )


class LiaisonForm(StyledFormMixin, forms.Form):
    leader = forms.ModelChoiceField(label=_("Leader"), queryset=User.objects.none())
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Talent.objects.all())
    interval_days = forms.IntegerField(
        label=_("Visit every (days)"), min_value=1, max_value=730, initial=90
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = User.objects.filter(
            groups__name=Role.LEADER, is_active=True
        ).order_by("username")
        pick_talent_by_number(self.fields["expert"])


class LiaisonVisitForm(StyledFormMixin, forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=forms.DateInput())
    notes = forms.CharField(
        label=_("What you talked about"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["visited_on"].initial = timezone.localdate()


def year_choices(today: datetime.date | None = None) -> list[int]:
    year = (today or timezone.localdate()).year
    return list(range(year, year - 6, -1))
