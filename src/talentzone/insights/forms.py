"""The period a page or the API shows its figures for, read from the query string.

One form for pages and API alike, so `?year=2026`, `?month=2026-03` and
`?start=2026-01-01&end=2026-06-30` mean the same everywhere:

- `start` and `end` (both days included) win over `month`, which wins over `year`;
- a year or a month that is not over yet ends today (the figures "to date"); one that has not
  begun is refused;
- nothing at all is the year to date.

`kind` (year | month | custom) is what the office's form sends to say which of its inputs counts;
without it the inputs given decide. Errors are on the field at fault (`start`, `end`, `month`,
`year`), which the API returns as `400 {"field": ["reason"]}`.
"""

import datetime
import re
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentzone.core.figures import Period

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
FIRST_YEAR = 2000
LONGEST = datetime.timedelta(days=366 * 10)  # a custom range spans at most ten years


class PeriodKind:
    YEAR = "year"
    MONTH = "month"
    CUSTOM = "custom"

    choices = [
        (YEAR, _("Year")),
        (MONTH, _("Month")),
        (CUSTOM, _("From … to …")),
    ]


def local_today() -> datetime.date:
    return timezone.localtime().date()


def to_date(period: Period, day: datetime.date) -> Period:
    """The period cut at `day` when it has not ended by then."""
    return Period(period.start, min(period.end, day))


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Figures for"), choices=PeriodKind.choices, required=False)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control tz-w-7rem"}),  # no style="": CSP
    )
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "class": "form-control"}),
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )

    def __init__(self, data=None, *, today: datetime.date | None = None, **kwargs):
        # Only the period's own parameters: a page's other parameters (refresh, tab) stay out.
        if data is not None:
            data = {name: data.get(name) for name in self.base_fields if data.get(name)}
            data.setdefault("kind", self._implied_kind(data))
        self.today = today or local_today()
        if data is None:
            kwargs.setdefault("initial", {"kind": PeriodKind.YEAR, "year": self.today.year})
        super().__init__(data, **kwargs)
        self.fields["kind"].widget.attrs.update({"class": "form-select"})

    def clean_month(self) -> tuple[int, int] | None:
        value = self.cleaned_data.get("month")
        if not value:
            return None
        match = MONTH_RE.match(value)
        if not match:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="invalid")
        year, month = int(match.group(1)), int(match.group(2))
        if year < FIRST_YEAR:
            raise forms.ValidationError(_("The figures start in %(year)s.") % {"year": FIRST_YEAR})
        return year, month

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = data.get("kind") or self._implied_kind(data)
        if kind == PeriodKind.CUSTOM:
            data["period"] = self._custom(data)
        elif kind == PeriodKind.MONTH:
            year, month = data.get("month") or (self.today.year, self.today.month)
            first = datetime.date(year, month, 1)
            if first > self.today:
                self.add_error("month", _("This month has not begun."))
                return data
            data["period"] = to_date(Period.month(year, month), self.today)
        else:
            year = data.get("year") or self.today.year
            if year > self.today.year:
                self.add_error("year", _("This year has not begun."))
                return data
            data["period"] = to_date(Period.year(year), self.today)
        data["kind"] = kind
        return data

    @staticmethod
    def _implied_kind(data) -> str:
        if data.get("start") or data.get("end"):
            return PeriodKind.CUSTOM
        if data.get("month"):
            return PeriodKind.MONTH
        return PeriodKind.YEAR

    def _custom(self, data) -> Period | None:
        start, end = data.get("start"), data.get("end")
        if not start:
            self.add_error("start", _("Give the first day of the period."))
        if not end:
            self.add_error("end", _("Give the last day of the period."))
        if not (start and end):
            return None
        if start.year < FIRST_YEAR:
            self.add_error("start", _("The figures start in %(year)s.") % {"year": FIRST_YEAR})
            return None
        if end < start:
            self.add_error("end", _("The period ends on or after the day it starts."))
            return None
        if end - start > LONGEST:
            self.add_error("end", _("A period spans at most ten years."))
            return None
        return Period(start, end)

    @property
    def period(self) -> Period:
        """The period asked for; the year to date while the form is invalid."""
        if self.is_valid():
            return self.cleaned_data["period"]
        return Period.year_to_date(self.today)


def period_query(period: Period) -> str:
    """The query string that asks for exactly this period."""
    return urlencode({"start": period.start.isoformat(), "end": period.end.isoformat()})
