"""Numbers on the wall screen: large values in 万/亿 (or K/M/B in English), as charts.js does."""

from django import template
from django.utils.translation import get_language

register = template.Library()

STEPS = {
    "zh": ((100_000_000, "亿"), (10_000, "万")),
    "en": ((1_000_000_000, "B"), (1_000_000, "M"), (10_000, "K")),
}


@register.filter
def compact(value) -> str:
    """12,345,678 → "1234.6万" in Chinese, "12.3M" in English; below ten thousand as it is
    (6,076). One decimal at most."""
    if value is None or value == "":
        return "–"
    number = float(value)
    steps = STEPS["en" if (get_language() or "").startswith("en") else "zh"]
    for size, suffix in steps:
        if abs(number) >= size:
            if suffix == "K":
                size = 1_000
            return f"{number / size:,.1f}".removesuffix(".0") + suffix
    return f"{number:,.1f}".removesuffix(".0")
