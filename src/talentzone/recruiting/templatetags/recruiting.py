"""{% load recruiting %}: salaries (whole yuan a month) and a demand's salary range for people."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def yuan(value) -> str:
    """12000 → "¥12,000"; empty stays empty."""
    if value is None or value == "":
        return ""
    return f"¥{int(value):,}"


@register.filter
def salary_range(demand) -> str:
    """A demand's monthly salary: "¥8,000–¥12,000 a month", "from ¥8,000", "up to …", or ""."""
    low, high = demand.salary_min, demand.salary_max
    if low is not None and high is not None:
        if low == high:
            return _("%(amount)s a month") % {"amount": yuan(low)}
        return _("%(low)s–%(high)s a month") % {"low": yuan(low), "high": yuan(high)}
    if low is not None:
        return _("from %(amount)s a month") % {"amount": yuan(low)}
    if high is not None:
        return _("up to %(amount)s a month") % {"amount": yuan(high)}
    return ""
