"""Forms of recruiting's pages: they read and check what a person typed; the services decide and
write (`services.py`), and their ValidationError lands back beside the field it names.

A demand's requirements are each a value and a switch: required (a hard filter, nobody who
fails it is proposed) or preferred (it only moves the score). Its skills are rows of the same
kind. Salaries are whole yuan a month; a project's funding is typed in yuan and kept in fen.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.choices import Education
from talentzone.directory.forms import StyledFormMixin, add_class, only_one_choice, style_widgets
from talentzone.directory.models import Agency, Enterprise, Talent
from talentzone.directory.queries import member_ids, visible_enterprises
from talentzone.policies.money import FEN_PER_YUAN, fen_from_yuan

from .choices import ConsentMethod, InterviewOutcome
from .models import CandidateProfile, Demand, Project, Skill, split_words

# A service may name a model field the form calls something else.
FIELD_OF_SERVICE_ERROR = {"funding": "funding_yuan", "people": "people_ids", "skills": "__all__"}

# Each requirement of a demand: (the value's field, its required/preferred switch).
REQUIREMENTS = (
    ("min_education", "education_required"),
    ("majors", "majors_required"),
    ("min_years", "years_required"),
    ("min_title", "title_required"),
    ("min_tier", "tier_required"),
)


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form (so is
    an error about a hidden field: nobody would see it there)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        name = FIELD_OF_SERVICE_ERROR.get(name, name)
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if shown else None, field_errors)


def as_switch(field: forms.Field) -> None:
    """A checkbox drawn as a Bootstrap switch (the template wraps it in .form-switch)."""
    field.widget.attrs["role"] = "switch"


# Demands --------------------------------------------------------------------------------------


class DemandForm(StyledFormMixin, forms.ModelForm):
    """A demand and its requirements. Enterprise HR posts for their own enterprise (chosen for
    them when they have one); the office posts for any, and alone ties a high-level position to
    a project."""

    class Meta:
        model = Demand
        fields = [
            "enterprise",
            "project",
            "high_level",
            "title",
            "description",
            "headcount",
            "location",
            "salary_min",
            "salary_max",
            "deadline",
            "min_education",
            "education_required",
            "majors",
            "majors_required",
            "min_years",
            "years_required",
            "min_title",
            "title_required",
            "min_tier",
            "tier_required",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.office = has_role(user, Role.OFFICE_ADMIN)
        enterprise = self.fields["enterprise"]
        enterprise.queryset = visible_enterprises(user).order_by("name")
        if not self.office:
            enterprise.queryset = enterprise.queryset.filter(pk__in=member_ids(user, "enterprise"))
            only_one_choice(enterprise)
            del self.fields["project"], self.fields["high_level"]
        else:
            self.fields["project"].queryset = Project.objects.order_by("-starts_on", "title")
        for _value, switch in REQUIREMENTS:
            field = self.fields[switch]
            field.label = _("Must have")
            field.help_text = _("Off: preferred, it only moves the score.")
            as_switch(field)
        self.fields["description"].widget.attrs["rows"] = 4
        self.fields["title"].label = _("Job title")
        for name in ("salary_min", "salary_max", "headcount", "min_years"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def requirement_rows(self) -> list[tuple]:
        """(value field, switch field) bound pairs, for the template."""
        return [(self[value], self[switch]) for value, switch in REQUIREMENTS]

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", _("The salary range must run from low to high."))
        for value, switch in REQUIREMENTS:
            if cleaned.get(switch) and cleaned.get(value) in (None, ""):
                self.add_error(value, _("Give a value, or switch “must have” off."))
        return cleaned


class SkillRowForm(forms.Form):
    """One demanded skill: a name from the skills list (or free text) and its switch."""

    text = forms.CharField(
        label=_("Skill"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"list": "skill-names", "autocomplete": "off"}),
    )
    required = forms.BooleanField(label=_("Must have"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
        as_switch(self.fields["required"])

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                add_class(self.fields[name].widget, "is-invalid")


class BaseSkillRows(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            text = (form.cleaned_data.get("text") or "").strip()
            if not text:
                continue
            if text.lower() in seen:
                form.add_error("text", _("This skill is listed twice."))
                add_class(form.fields["text"].widget, "is-invalid")
            seen.add(text.lower())

    def rows(self) -> list[dict[str, Any]]:
        """The filled rows, as `services.demand_save` takes them."""
        return [
            {"text": form.cleaned_data["text"].strip(), "required": form.cleaned_data["required"]}
            for form in self.forms
            if (form.cleaned_data.get("text") or "").strip()
        ]


SkillRows = formset_factory(SkillRowForm, formset=BaseSkillRows, extra=2, max_num=30)


def skill_rows(demand: Demand | None, data=None) -> BaseSkillRows:
    initial = (
        [{"text": row.text, "required": row.required} for row in demand.skills.all()]
        if demand is not None and demand.pk
        else []
    )
    return SkillRows(data, initial=initial, prefix="skills")


class ReasonForm(StyledFormMixin, forms.Form):
    """Closing a demand, or ending a referral: the reason is what the others read."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


# Matches --------------------------------------------------------------------------------------


class MatchFilterForm(StyledFormMixin, forms.Form):
    """The match list's filter bar: a minimum education, whose pool, a place to work in."""

    REGISTRY, OWN = "registry", "own"

    education = forms.ChoiceField(label=_("Education at least"), required=False, choices=[])
    pool = forms.ChoiceField(label=_("Pool"), required=False, choices=[])
    location = forms.CharField(label=_("Will work in"), required=False, max_length=40)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["education"].choices = [("", _("Any education")), *Education.choices]
        pools = [("", _("Every pool I may search")), (self.REGISTRY, _("Registry talents"))]
        if has_role(user, Role.AGENCY_STAFF):
            pools.append((self.OWN, _("Our agency's candidates")))
        self.fields["pool"].choices = pools
        style_widgets(self)

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ReferForm(StyledFormMixin, forms.Form):
    talent = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Why this candidate"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The enterprise reads it with the match explanation."),
    )


# Referrals ------------------------------------------------------------------------------------


class ScreenForm(StyledFormMixin, forms.Form):
    SHORTLIST, REJECT = "shortlist", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(SHORTLIST, _("Shortlist")), (REJECT, _("Not selected"))]
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the candidate is not selected; the agency reads it."),
    )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == self.SHORTLIST

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.REJECT and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why the candidate is not selected."))
        return cleaned


class InterviewForm(StyledFormMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    place = forms.CharField(label=_("Place"), max_length=120)
    interviewers = forms.CharField(label=_("Interviewers"), max_length=120, required=False)

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise ValidationError(_("An interview is scheduled in the future."))
        return starts_at


class InterviewRecordForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Interview result"),
        choices=[
            (value, label)
            for value, label in InterviewOutcome.choices
            if value != InterviewOutcome.PENDING
        ],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class OfferForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Offer in brief"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Salary, start date: what the candidate and the agency should know."),
    )


class HireForm(StyledFormMixin, forms.Form):
    hired_on = forms.DateField(label=_("Hired on"), widget=forms.DateInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"hired_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


# The talent office's lists --------------------------------------------------------------------


class SkillForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Skill
        fields = ["name", "name_en", "synonyms"]


class ProjectForm(StyledFormMixin, forms.ModelForm):
    """A project; funding in yuan (kept in fen), people by their registry record numbers."""

    funding_yuan = forms.CharField(
        label=_("Funding (yuan)"),
        required=False,
        max_length=20,
        help_text=_("In yuan, for example 2000000 or 2,000,000."),
    )
    people_ids = forms.CharField(
        label=_("People involved"),
        required=False,
        max_length=2000,
        help_text=_("Their registry record numbers, separated by commas."),
    )

    class Meta:
        model = Project
        fields = [
            "kind",
            "title",
            "partner",
            "enterprise",
            "starts_on",
            "ends_on",
            "status",
            "description",
        ]

    field_order = [
        "kind",
        "title",
        "partner",
        "enterprise",
        "funding_yuan",
        "starts_on",
        "ends_on",
        "status",
        "people_ids",
        "description",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = Enterprise.objects.order_by("name")
        self.fields["funding_yuan"].widget.attrs["inputmode"] = "decimal"
        if self.instance.pk:
            fen = self.instance.funding
            yuan, rest = divmod(fen, FEN_PER_YUAN)
            self.initial["funding_yuan"] = f"{yuan}.{rest:02d}" if rest else str(yuan)
            self.initial["people_ids"] = ", ".join(
                str(pk) for pk in self.instance.people.order_by("pk").values_list("pk", flat=True)
            )
        self.order_fields(self.field_order)

    def clean_funding_yuan(self) -> int:
        text = (self.cleaned_data.get("funding_yuan") or "").strip()
        if not text:
            return 0
        fen = fen_from_yuan(text)
        if fen < 0:
            raise ValidationError(_("Funding cannot be negative."))
        return fen

    def clean_people_ids(self) -> list[Talent]:
        words = split_words(self.cleaned_data.get("people_ids") or "")
        numbers = []
        for word in words:
            digits = word.lstrip("#")
            if not digits.isdigit():
                raise ValidationError(
                    _("“%(value)s” is not a record number."), params={"value": word}
                )
            numbers.append(int(digits))
        found = Talent.objects.in_bulk(numbers)
        missing = [str(number) for number in numbers if number not in found]
        if missing:
            raise ValidationError(
                _("No talent has the record number %(numbers)s."),
                params={"numbers": "、".join(missing)},
            )
        return [found[number] for number in dict.fromkeys(numbers)]

    def _post_clean(self):
        super()._post_clean()
        if "funding_yuan" in self.cleaned_data:
            self.instance.funding = self.cleaned_data["funding_yuan"]


# Candidates -----------------------------------------------------------------------------------

PROFILE_FIELDS = ["open_to_offers", "summary", "career_started", "expected_salary", "locations"]
TALENT_FIELDS = [
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "education",
    "major",
    "title",
    "industry",
    "tier",
    "skills",
]


class ProfileForm(StyledFormMixin, forms.Form):
    """A candidate's profile. The talent themselves agree online (the consent box, needed when
    opening a profile without consent on record); an agency or the office says how the
    candidate gave consent."""

    def __init__(self, *args, profile: CandidateProfile | None, by_the_talent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.by_the_talent = by_the_talent
        self.fields.update(fields_for_model(CandidateProfile, fields=PROFILE_FIELDS))
        self.fields["summary"].widget = forms.Textarea(attrs={"rows": 4})
        self.fields["career_started"].widget.attrs["inputmode"] = "numeric"
        self.fields["expected_salary"].widget.attrs["inputmode"] = "numeric"
        as_switch(self.fields["open_to_offers"])
        consented = bool(profile and profile.consent_at)
        if by_the_talent:
            self.fields["consent"] = forms.BooleanField(
                label=_("I agree to be proposed to employers of the zone"),
                required=False,
                help_text=_(
                    "HR agencies and employers of the zone may then see your education, major, "
                    "title, talent tier, skills and the profile above (never your ID or phone "
                    "number), and propose you for positions through the platform. Close your "
                    "profile at any time: nobody is proposed with a closed profile."
                ),
            )
            if consented:
                self.initial["consent"] = True
        else:
            self.fields["consent_method"] = forms.ChoiceField(
                label=_("Consent given by"),
                required=False,
                choices=[("", "—"), *ConsentMethod.choices],
                help_text=_("Needed to open the profile: how the candidate agreed."),
            )
            if profile:
                self.initial["consent_method"] = profile.consent_method
        if profile:
            for name in PROFILE_FIELDS:
                self.initial[name] = getattr(profile, name)
        style_widgets(self)
        self.fields["summary"].widget.attrs["rows"] = 4

    def clean(self):
        cleaned = super().clean()
        opening = cleaned.get("open_to_offers")
        consented = bool(self.profile and self.profile.consent_at)
        if self.by_the_talent and opening and not consented and not cleaned.get("consent"):
            self.add_error("consent", _("Tick this box to open your profile."))
        if (
            not self.by_the_talent
            and opening
            and not consented
            and not cleaned.get("consent_method")
        ):
            self.add_error("consent_method", _("Say how the candidate agreed."))
        return cleaned

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}

    def consent_given_by(self) -> str:
        if self.by_the_talent:
            return ConsentMethod.ONLINE if self.cleaned_data.get("consent") else ""
        return self.cleaned_data.get("consent_method", "")


class CandidateRegisterForm(StyledFormMixin, forms.Form):
    """An agency registers a candidate into its pool: the person as the registry keeps them,
    what they look for, and how they agreed to be held and proposed."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if has_role(user, Role.OFFICE_ADMIN):
            agencies = Agency.objects.order_by("name")
        else:
            agencies = Agency.objects.filter(pk__in=member_ids(user, "agency")).order_by("name")
        self.fields["agency"] = forms.ModelChoiceField(label=_("Agency"), queryset=agencies)
        if agencies.count() == 1:
            only_one_choice(self.fields["agency"])
            self.initial["agency"] = agencies.first().pk
        self.fields.update(fields_for_model(Talent, fields=TALENT_FIELDS))
        profile_fields = [name for name in PROFILE_FIELDS if name != "open_to_offers"]
        self.fields.update(fields_for_model(CandidateProfile, fields=profile_fields))
        self.fields["summary"].widget = forms.Textarea(attrs={"rows": 3})
        self.fields["birth_date"].widget = forms.DateInput()
        self.fields["consent_method"] = forms.ChoiceField(
            label=_("Consent given by"),
            choices=[("", "—"), *ConsentMethod.choices],
            help_text=_(
                "The candidate agreed to be held in your pool and proposed to employers: keep "
                "the signed form or the call's recording."
            ),
        )
        style_widgets(self)
        self.fields["summary"].widget.attrs["rows"] = 3

    def talent_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in TALENT_FIELDS}

    def profile_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.fields}
        return {**data, "open_to_offers": True}


# Filters of pages without a FilterSet ---------------------------------------------------------


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100, widget=forms.NumberInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def chosen_year(self) -> int | None:
        return self.cleaned_data.get("year") if self.is_valid() else None


class SkillSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
