"""The zone's figures: one definition per figure, read by the dashboards, the API and the reports.

Each app computes its figures in its own `queries.py` and registers them here when it is ready
(`register(Figure(...))`), so `core` knows no app and the `insights` app, which draws and exports
them, imports none either: it reads this registry.

A figure is computed for a `Period` (two dates, both included). A *flow* figure counts what
happened during the period (arrivals, payments, cases opened); a *stock* figure is the state on
the period's last day (talents in the zone, flats let). Either way it is computed from the dates
kept on the records, so a report run later shows the figures of the period it covers.
"""

import calendar
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.dispatch import Signal
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Number = int | float | Decimal | None


class Section(models.TextChoices):
    """Where a figure is shown on the office's view and which sheet of a report holds it."""

    TALENTS = "talents", _("Talents")
    ENTERPRISES = "enterprises", _("Enterprises")
    MONEY = "money", _("Budget and payments")
    APPLICATIONS = "applications", _("Applications and offers")
    RECRUITING = "recruiting", _("Hiring through the HR service park")
    CASES = "cases", _("Cases and visits")
    EVENTS = "events", _("Events and venues")
    HOUSING = "housing", _("Apartments and schooling")
    AWARDS = "awards", _("Evaluations")


class Chart(models.TextChoices):
    BAR = "bar", _("Bars")
    STACKED = "stacked", _("Stacked bars")
    LINE = "line", _("Line by month")
    PIE = "pie", _("Pie")
    FUNNEL = "funnel", _("Funnel")


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("A period ends on or after the day it starts.")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        last = calendar.monthrange(year, month)[1]
        return cls(datetime.date(year, month, 1), datetime.date(year, month, last))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def year_to_date(cls, today: datetime.date) -> "Period":
        return cls(datetime.date(today.year, 1, 1), today)

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches, in order."""
        first, months = self.start.replace(day=1), []
        while first <= self.end:
            months.append(first)
            first = (first + datetime.timedelta(days=32)).replace(day=1)
        return months

    def month_labels(self) -> list[str]:
        return [month.strftime("%Y-%m") for month in self.months()]

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass
class Series:
    key: str
    name: str | Promise
    values: list[Number]


@dataclass
class FigureData:
    """What a figure computes: values per category, one list per series.

    `categories` are the labels shown (in the active language); `keys` the machine values behind
    them, the same length, which a drill-down turns into a list's filter (a tier's code, a month
    as `YYYY-MM`, a grid's id as text)."""

    categories: list[str | Promise]
    keys: list[str]
    series: list[Series]
    note: str | Promise = ""  # a caveat shown under the chart (e.g. what is not counted)

    def __post_init__(self) -> None:
        if len(self.categories) != len(self.keys):
            raise ValueError("A figure has one key per category.")
        for series in self.series:
            if len(series.values) != len(self.categories):
                raise ValueError(f"Series {series.key} has one value per category.")

    def total(self, series_key: str | None = None) -> Number:
        series = self.series[0] if series_key is None else self.get(series_key)
        return sum(value or 0 for value in series.values)

    def get(self, series_key: str) -> Series:
        return next(series for series in self.series if series.key == series_key)

    def value(self, category_key: str, series_key: str | None = None) -> Number:
        series = self.series[0] if series_key is None else self.get(series_key)
        return series.values[self.keys.index(category_key)]

    def rows(self) -> Iterable[list]:
        """The table behind the chart: a header row, then one row per category."""
        yield ["", *(str(series.name) for series in self.series)]
        for index, category in enumerate(self.categories):
            yield [str(category), *(series.values[index] for series in self.series)]


@dataclass(frozen=True)
class Figure:
    key: str  # "<app>.<name>", also the name in the API's URL
    section: Section
    title: str | Promise
    compute: Callable[[Period], FigureData]
    chart: Chart = Chart.BAR
    unit: str | Promise = ""  # of the values: "人", "元", "%"
    stock: bool = False  # True: the state on the period's last day; False: what happened in it
    # Models whose changes make a cached value stale ("app_label.ModelName").
    depends_on: tuple[str, ...] = ()
    # The page listing the records behind a category, or None where there is none to show.
    drill: Callable[[str, Period], str | None] | None = None
    description: str | Promise = ""
    order: int = 0


_FIGURES: dict[str, Figure] = {}


def register(figure: Figure) -> None:
    if figure.key in _FIGURES:
        raise ValueError(f"The figure {figure.key} is registered twice.")
    _FIGURES[figure.key] = figure


def get(key: str) -> Figure:
    """The figure of that key; KeyError when there is none."""
    return _FIGURES[key]


def all_figures(section: Section | str | None = None) -> list[Figure]:
    figures = [f for f in _FIGURES.values() if section is None or f.section == section]
    sections = list(Section.values)
    return sorted(figures, key=lambda f: (sections.index(f.section), f.order))


# Sent by a service after a bulk write that model signals do not see (bulk_create, update()),
# with `models` the "app_label.ModelName" it wrote; the cached figures that read them go stale.
records_changed = Signal()


def changed(*models: str) -> None:
    records_changed.send(sender=None, models=models)
