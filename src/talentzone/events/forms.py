"""Forms of events' pages: they read and check what a person typed; the services decide and
write (`services.py`), and their ValidationError lands back beside the field it names.

An event's form carries its quotas (one number of places per gender, when the places are
divided by gender), its sessions (trainings: rows of number, title, from, to) and the demands a
live stream presents.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.choices import Gender
from talentzone.directory.forms import StyledFormMixin, add_class, style_widgets
from talentzone.directory.models import Station
from talentzone.directory.queries import member_ids
from talentzone.recruiting import queries as recruiting_queries
from talentzone.venues.models import Venue

from .models import Event

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
# A service may name a field the form calls something else.
FIELD_OF_SERVICE_ERROR = {"quotas": "quota_female", "sessions": "__all__", "booking": "venue"}


def datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def quota_field_name(group: str) -> str:
    return f"quota_{group}"


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        name = FIELD_OF_SERVICE_ERROR.get(name, name)
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if shown else None, field_errors)


class EventForm(StyledFormMixin, forms.ModelForm):
    """An event: where (a station, or a park venue booked with it), when, how many places and
    how they are divided, who may register and when, and what a training or live stream adds."""

    book_venue = forms.BooleanField(
        label=_("Book the venue for the event"),
        required=False,
        initial=True,
        help_text=_("Reserves the room in the park's calendar for the event's time."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "description",
            "station",
            "venue",
            "place",
            "starts_at",
            "ends_at",
            "capacity",
            "quota_by",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "max_age",
            "sessions_required",
            "demands",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_at": datetime_widget(),
            "ends_at": datetime_widget(),
            "registration_opens_at": datetime_widget(),
            "registration_closes_at": datetime_widget(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = DATETIME_INPUTS
        office = has_role(user, Role.OFFICE_ADMIN)
        stations = Station.objects.order_by("name")
        if not office:
            stations = stations.filter(pk__in=member_ids(user, "station"))
        self.fields["station"].queryset = stations
        self.fields["venue"].queryset = Venue.objects.filter(active=True).order_by("kind", "name")
        demands = recruiting_queries.open_demands().order_by("enterprise__name", "title")
        if self.instance.pk:
            demands = demands | self.instance.demands.all()
        self.fields["demands"].queryset = demands.distinct()
        self.fields["demands"].widget.attrs["size"] = 6
        self.fields["demands"].required = False
        self.fields["demands"].help_text = _("Live streams only: the positions presented.")
        for group, label in Gender.choices:
            current = None
            if self.instance.pk:
                quota = self.instance.quotas.filter(group=group).first()
                current = quota.places if quota else None
            self.fields[quota_field_name(group)] = forms.IntegerField(
                label=_("Places for: %(group)s") % {"group": label},
                min_value=0,
                required=False,
                initial=current,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
        style_widgets(self)
        if self.instance.pk:
            self.fields["book_venue"].initial = not self.instance.booking_id
            self.fields["book_venue"].help_text = _(
                "Reserves the room in the park's calendar (kept as it is when already booked)."
            )

    def quota_fields(self) -> list:
        return [self[quota_field_name(group)] for group in Gender.values]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("station") and not cleaned.get("venue"):
            self.add_error("station", _("Choose a talent station or a park venue."))
        quota_by = cleaned.get("quota_by")
        quotas = self.quotas_from(cleaned)
        if quota_by and not quotas:
            self.add_error(
                quota_field_name(Gender.FEMALE), _("Give the places of at least one group.")
            )
        return cleaned

    @staticmethod
    def quotas_from(cleaned) -> dict[str, int]:
        return {
            group: cleaned[quota_field_name(group)]
            for group in Gender.values
            if cleaned.get(quota_field_name(group)) is not None
        }

    def service_fields(self) -> dict[str, Any]:
        """The event's own fields as `services.event_save` takes them."""
        names = [name for name in self.Meta.fields if name != "demands"]
        return {name: self.cleaned_data.get(name) for name in names}

    def quotas(self) -> dict[str, int] | None:
        if not self.cleaned_data.get("quota_by"):
            return {}
        return self.quotas_from(self.cleaned_data)


class SessionRowForm(forms.Form):
    """One session of a training."""

    title = forms.CharField(label=_("Session title"), max_length=120, required=False)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        required=False,
        widget=datetime_widget(),
        input_formats=DATETIME_INPUTS,
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), required=False, widget=datetime_widget(), input_formats=DATETIME_INPUTS
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("title") or data.get("starts_at") or data.get("ends_at"))

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        for name in ("title", "starts_at", "ends_at"):
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("This field is required."))
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("A session ends after it starts."))
        return cleaned

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                add_class(self.fields[name].widget, "is-invalid")


class BaseSessionRows(forms.BaseFormSet):
    def rows(self) -> list[dict[str, Any]]:
        """The filled rows, numbered in order, as `services.event_save` takes them."""
        filled = [form.cleaned_data for form in self.forms if not form.is_blank()]
        return [
            {
                "number": number,
                "title": row["title"],
                "starts_at": row["starts_at"],
                "ends_at": row["ends_at"],
            }
            for number, row in enumerate(filled, start=1)
        ]


SessionRows = formset_factory(SessionRowForm, formset=BaseSessionRows, extra=2, max_num=60)


def session_rows(event: Event | None, data=None) -> BaseSessionRows:
    initial = (
        [
            {"title": row.title, "starts_at": row.starts_at, "ends_at": row.ends_at}
            for row in event.sessions.order_by("number")
        ]
        if event is not None and event.pk
        else []
    )
    return SessionRows(data, initial=initial, prefix="sessions")


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class RegisterForm(forms.Form):
    """Signing up; for a live stream, the presented demands one is interested in (none: all)."""

    demands = forms.ModelMultipleChoiceField(
        label=_("The positions you are interested in"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all of them."),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demands"].queryset = event.demands.select_related("enterprise").order_by(
            "title"
        )
        self.fields["demands"].widget.attrs["class"] = "form-check-input"


class CheckInForm(forms.Form):
    """The door: one field a USB QR scanner types into (and presses Enter)."""

    code = forms.CharField(
        label=_("Check-in code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "form-control form-control-lg text-uppercase font-monospace",
            }
        ),
    )
    session = forms.IntegerField(required=False, widget=forms.HiddenInput)
