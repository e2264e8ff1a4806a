"""A figure as JSON: the same shape for the API, the pages' embedded chart data and the wall
screen's refreshes (`figure_json`).

Numbers are JSON numbers: counts are integers, money (yuan, Decimal in Python) and averages
are floats, a missing value is null.
"""

import logging
from decimal import Decimal

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from talentzone.core.figures import Chart, Figure, Section

from .cache import Computed

log = logging.getLogger(__name__)


def drill_urls(computed: Computed) -> list[str | None]:
    """The list page behind each category, or None where there is none."""
    figure = computed.figure
    if figure.drill is None:
        return [None] * len(computed.data.keys)
    urls = []
    for key in computed.data.keys:
        try:
            urls.append(figure.drill(key, computed.period))
        except Exception:  # one figure's broken drill must not take the dashboards down
            log.exception("The drill-down of %s for %r failed.", figure.key, key)
            urls.append(None)
    return urls


def number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def figure_summary(figure: Figure) -> dict:
    return {
        "key": figure.key,
        "section": figure.section,
        "section_label": str(Section(figure.section).label),
        "title": str(figure.title),
        "unit": str(figure.unit),
        "chart": figure.chart,
        "stock": figure.stock,
        "description": str(figure.description),
        "url": reverse("insights:figure", args=[figure.key]),
    }


def figure_json(computed: Computed) -> dict:
    """Everything a chart needs, JSON-ready (dates and the as-of time as ISO text)."""
    data = computed.data
    return {
        **figure_summary(computed.figure),
        "period": computed.period.as_dict(),
        "as_of": serializers.DateTimeField().to_representation(computed.as_of),
        "categories": [str(category) for category in data.categories],
        "keys": list(data.keys),
        "series": [
            {"key": s.key, "name": str(s.name), "values": [number(v) for v in s.values]}
            for s in data.series
        ],
        "note": str(data.note),
        "drill": drill_urls(computed),
    }


# For the schema: what the views return -------------------------------------------------------


@extend_schema_field({"type": "number", "nullable": True})
class NumberField(serializers.Field):
    def to_representation(self, value):
        return number(value)


class FigureSummarySerializer(serializers.Serializer):
    key = serializers.CharField(help_text="`<app>.<name>`, the figure's name in the URL.")
    section = serializers.ChoiceField(choices=Section.choices)
    section_label = serializers.CharField()
    title = serializers.CharField()
    unit = serializers.CharField(help_text="Of the values: people, yuan, %… (may be empty).")
    chart = serializers.ChoiceField(choices=Chart.choices)
    stock = serializers.BooleanField(
        help_text="True: the state on the period's last day; false: what happened in the period."
    )
    description = serializers.CharField()
    url = serializers.CharField(help_text="The figure's page.")


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(help_text="Included.")


class SeriesSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    values = serializers.ListField(
        child=NumberField(),
        help_text="One per category. Counts are integers; money (yuan) and averages are "
        "floats; null where there is no value.",
    )


class FigureDataSerializer(FigureSummarySerializer):
    period = PeriodSerializer()
    as_of = serializers.DateTimeField(help_text="When the numbers were computed.")
    categories = serializers.ListField(child=serializers.CharField(), help_text="The labels.")
    keys = serializers.ListField(
        child=serializers.CharField(),
        help_text="The machine value behind each category (a tier's id, a month YYYY-MM…).",
    )
    series = SeriesSerializer(many=True)
    note = serializers.CharField(help_text="A caveat about what is counted (may be empty).")
    drill = serializers.ListField(
        child=serializers.CharField(allow_null=True),
        help_text="Per category, the page listing the records behind it, or null.",
    )
