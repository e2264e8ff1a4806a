"""The grid overview: a table of the grids (no map) with, per grid, its enterprises, the cases
open and overdue, those solved in the chosen year and the average days to solve them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .. import queries
from ..forms import year_choices
from .common import require


@login_required
def grids(request):
    require(request.user, "cases.view_overview")
    today = timezone.localdate()
    years = year_choices(today)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else today.year
    rows = queries.grid_overview(year=year, today=today)
    totals = {
        "enterprises": sum(row["enterprises"] for row in rows),
        "open": sum(row["open"] for row in rows),
        "overdue": sum(row["overdue"] for row in rows),
        "solved_this_year": sum(row["solved_this_year"] for row in rows),
    }
    context = {"rows": rows, "year": year, "years": years, "totals": totals}
    return render(request, "cases/grids.html", context)
