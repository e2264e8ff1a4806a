"""Forms of the venues pages: they read and check what a person typed; the services decide and
write (`services.py`), and their ValidationError lands back beside the field it names
(`attach_errors`). Times are the zone's local time (settings.TIME_ZONE)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talentzone.directory.forms import StyledFormMixin

from .choices import BookingPurpose, VenueKind
from .models import Venue

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

# The fields of the venue editor, in the order the form shows them (what venue_save takes).
VENUE_FIELDS = [
    "name",
    "kind",
    "place",
    "capacity",
    "area",
    "equipment",
    "opens_at",
    "closes_at",
    "closed_weekdays",
    "bookers",
    "needs_approval",
    "buffer_minutes",
    "max_minutes",
    "weekly_quota_hours",
    "cancel_cutoff_hours",
    "days_ahead",
    "active",
]


def attach_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError beside the fields it names, the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, field_errors in error.error_dict.items():
        shown = name in form.fields and not form.fields[name].widget.is_hidden
        form.add_error(name if shown else None, field_errors)


def local_input(attrs=None) -> forms.DateTimeInput:
    return forms.DateTimeInput(
        attrs={"type": "datetime-local", "step": 900, **(attrs or {})}, format="%Y-%m-%dT%H:%M"
    )


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")


class BookingForm(StyledFormMixin, forms.Form):
    """A booking of one venue from/to, for a purpose; the venues offered are those the user may
    book. The service checks every rule (hours, quota, the slot being free) and names the field."""

    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none())
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=local_input(), input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=local_input(), input_formats=DATETIME_FORMATS
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=BookingPurpose.choices)
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        help_text=_("Shown on the calendar to your organisation and the talent office."),
    )
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, max_value=32767, initial=1)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues
        self.fields["attendees"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The booking ends after it starts."))
        return cleaned


class CancelForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecideForm(StyledFormMixin, forms.Form):
    """The office approves or rejects a requested booking (the button pressed says which)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Note to the booker"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data.get("decision") == "approve"


def next_weekday(day: datetime.date, weekday: int) -> datetime.date:
    """The next `weekday` (0 = Monday) after `day` (a week later when `day` is one)."""
    ahead = (weekday - day.weekday()) % 7 or 7
    return day + datetime.timedelta(days=ahead)


class FinderForm(StyledFormMixin, forms.Form):
    """ "A free interview room for 2 hours on Thursday afternoon": kind, day, window, length."""

    kind = forms.ChoiceField(
        label=_("Kind of room"), choices=[("", _("Any")), *VenueKind.choices], required=False
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput())
    earliest = forms.TimeField(label=pgettext_lazy("time of day", "From"), widget=time_input())
    latest = forms.TimeField(label=pgettext_lazy("time of day", "To"), widget=time_input())
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=15, max_value=24 * 60, help_text=_("How long you need it")
    )
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, max_value=32767)

    @classmethod
    def example(cls) -> dict:
        """The question the page asks before one is asked: an interview room for two hours,
        next Thursday between 13:00 and 18:00."""
        return {
            "kind": VenueKind.INTERVIEW_ROOM,
            "day": next_weekday(timezone.localdate(), 3).isoformat(),
            "earliest": "13:00",
            "latest": "18:00",
            "minutes": 120,
            "attendees": 1,
        }

    def clean(self):
        cleaned = super().clean()
        earliest, latest = cleaned.get("earliest"), cleaned.get("latest")
        if earliest and latest and latest <= earliest:
            self.add_error("latest", _("The window ends after it starts."))
        return cleaned


class VenueForm(StyledFormMixin, forms.ModelForm):
    """The office's venue editor. Closed weekdays are ticked; the service validates the rest."""

    closed_weekdays = forms.TypedMultipleChoiceField(
        label=_("Closed weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Venue
        fields = VENUE_FIELDS
        widgets = {
            "opens_at": time_input(),
            "closes_at": time_input(),
            "equipment": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["closed_weekdays"] = sorted(self.instance.closed_weekday_numbers)
        # Each day is its own checkbox, not one control.
        self.fields["closed_weekdays"].widget.attrs["class"] = "form-check-input"
        for name in ("capacity", "area", "buffer_minutes", "max_minutes", "weekly_quota_hours"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def _post_clean(self):
        # The model's own validation runs in the service (venue_save): it names the field.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["closed_weekdays"] = ",".join(str(day) for day in sorted(data["closed_weekdays"]))
        return data


class ClosureForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput())
    reason = forms.CharField(label=_("Reason"), required=False, max_length=100)
