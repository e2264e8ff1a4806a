"""What several of recruiting's pages share: finding what the reader may see, lists with a
filter bar, and a match's score laid out for people (bars by part, points lost and why)."""

from types import SimpleNamespace
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.forms import mark_invalid, style_widgets
from talentzone.directory.models import Talent
from talentzone.directory.queries import member_ids

from .. import queries, search
from ..choices import LIVE_REFERRAL_STATUSES, ReferralStatus
from ..models import Demand, Referral

PAGE_SIZE = 25

# One colour per part of a score, the same on every page (the legend says which is which).
PART_COLOURS = {
    "skills": "var(--bs-blue)",
    "text": "var(--bs-cyan)",
    "education": "var(--bs-indigo)",
    "major": "var(--bs-purple)",
    "experience": "var(--bs-teal)",
    "title": "var(--bs-orange)",
    "tier": "var(--bs-pink)",
    "location": "var(--bs-green)",
    "salary": "var(--bs-yellow)",
}
PART_ORDER = tuple(PART_COLOURS)

# Which part of the score a missed requirement costs points in.
PART_OF_MISS = {
    "skill": "skills",
    "education": "education",
    "major": "major",
    "experience": "experience",
    "title": "title",
    "tier": "tier",
    "location": "location",
    "salary": "salary",
}

# Why a part is short of its maximum when no missed requirement says it (by the engine's code).
REASON_TEXTS = {
    "partial": gettext_lazy("Partly met."),
    "missed": gettext_lazy("Not met."),
    "unknown": gettext_lazy("Not on record."),
}
TEXT_REASONS = {
    "missed": gettext_lazy("The profile shares no word with the demand's description."),
    "partial": gettext_lazy("Fewer of the demand's words in the profile than in the best match."),
}


# Finding what the reader may see ------------------------------------------------------------


def visible_demand(request, pk) -> Demand:
    return get_object_or_404(
        queries.visible_demands(request.user).select_related("enterprise", "project", "min_tier"),
        pk=pk,
    )


def visible_referral(request, pk) -> Referral:
    return get_object_or_404(
        queries.visible_referrals(request.user).select_related(
            "demand", "demand__enterprise", "talent", "agency", "referred_by"
        ),
        pk=pk,
    )


def own_talent(user) -> Talent | None:
    """The registry record of a signed-in talent (None when the account has none)."""
    return (
        Talent.objects.filter(user=user)
        .select_related("profile", "tier", "employer")
        .order_by("pk")
        .first()
        if user.is_authenticated
        else None
    )


def may_search(user, demand: Demand) -> bool:
    """Whether the user may see a demand's match list: the office, agencies (their pools and
    the registry), and the HR staff of the demand's own enterprise (the registry only)."""
    pools = search.pools_for(user)
    if pools is None:
        return True
    if not pools:
        return False
    if has_role(user, Role.AGENCY_STAFF):
        return True
    return demand.enterprise_id in member_ids(user, "enterprise")


def require_search(user, demand: Demand) -> None:
    if not may_search(user, demand):
        raise PermissionDenied("This user may not search candidates for this demand.")


def may_refer(user, demand: Demand) -> bool:
    """Whether the user refers candidates at all (agencies, the office); which candidates, the
    pools they search decide (`recruiting.refer` on a talent)."""
    return user.has_perm("recruiting.refer")


def live_referrals_of(demand: Demand, talent_ids) -> dict[int, Referral]:
    """The live (or hired) referral of each of these candidates for this demand."""
    rows = Referral.objects.filter(
        demand=demand,
        talent_id__in=list(talent_ids),
        status__in=[*LIVE_REFERRAL_STATUSES, ReferralStatus.HIRED],
    )
    return {row.talent_id: row for row in rows}


def talents_by_id(ids) -> dict[int, Talent]:
    """The Talent rows of a page of matches only (never the whole pool)."""
    rows = Talent.objects.filter(pk__in=list(ids)).select_related(
        "tier", "employer", "agency", "profile"
    )
    return {talent.pk: talent for talent in rows}


# Lists -----------------------------------------------------------------------------------------


def paginate(request, rows: QuerySet, size: int = PAGE_SIZE) -> dict[str, Any]:
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


def filter_bar(filterset, unlisted: tuple[str, ...] = ()) -> dict[str, Any]:
    """The keyword search first; the other filters fold away on a phone unless in use. A
    several-choice filter is offered as one drop-down (a link may still ask for several), a
    yes/no filter says "any" rather than "unknown", and every label starts with a capital."""
    form = filterset.form
    for field in form.fields.values():
        field.label = capfirst(field.label) if field.label else field.label
        if isinstance(field, forms.MultipleChoiceField):
            choices = [("", _("Any")), *field.choices]
            field.widget = OneOfSelect(choices=choices)
        elif isinstance(field.widget, forms.NullBooleanSelect):
            field.widget.choices = [("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]
    style_widgets(form)
    mark_invalid(form)
    names = [name for name in form.fields if name != "q" and name not in unlisted]
    return {
        "search_field": form["q"] if "q" in form.fields else None,
        "bar_fields": [form[name] for name in names],
        "filters_open": any(filterset.data.get(name) for name in names),
    }


class OneOfSelect(forms.Select):
    """A drop-down for a filter that takes several values: it offers one, and reads them all."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if isinstance(values, str):
            values = [values]
        return [value for value in values or [] if value]


def results_or_page(request, context, *, page: str, results: str, results_id: str):
    """The whole page, or only its results when the filter bar asks through htmx."""
    wants_results = request.htmx and request.htmx.target == results_id
    response = render(request, results if wants_results else page, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


# A match for people -----------------------------------------------------------------------------


def match_view(match) -> dict[str, Any]:
    """A `Match` (or the snapshot a referral keeps, `search.match_to_json`) laid out for the
    templates: bars by part, the points each part lost and why, the missed requirements."""
    data = match if isinstance(match, dict) else search.match_to_json(match)
    misses = [miss_view(miss) for miss in data.get("misses", [])]
    parts = sorted(
        data.get("parts", []),
        key=lambda part: PART_ORDER.index(part["name"]) if part["name"] in PART_ORDER else 99,
    )
    bars, lost = [], []
    for part in parts:
        name = part["name"]
        points, most = float(part["points"]), float(part["max_points"])
        bar = {
            "name": name,
            "label": search.match_label(name),
            "points": points,
            "max_points": most,
            "colour": PART_COLOURS.get(name, "var(--bs-secondary)"),
            "width": f"{max(points, 0):.1f}",
            "lost": 0.0,
            "reason": "",
        }
        if most - points > 0.05:
            reasons = [miss["text"] for miss in misses if miss["part"] == name]
            bar["lost"] = round(most - points, 1)
            bar["reason"] = "；".join(reasons) if reasons else reason_text(part)
            lost.append(bar)
        bars.append(bar)
    lost.sort(key=lambda row: -row["lost"])
    return {
        "total": float(data.get("total", 0)),
        "bars": bars,
        "lost": lost,
        "misses": misses,
        "required_misses": [miss for miss in misses if miss["required"]],
        "preferred_misses": [miss for miss in misses if not miss["required"]],
    }


def miss_view(miss: dict) -> dict[str, Any]:
    """A missed requirement in the reader's language (the snapshot's own words as a fallback)."""
    try:
        text = search.miss_text(
            SimpleNamespace(
                requirement=miss["requirement"],
                wanted=miss.get("wanted"),
                has=miss.get("has"),
                required=miss.get("required", False),
            )
        )
    except (KeyError, TypeError, ValueError, LookupError):
        text = miss.get("text") or str(miss.get("requirement"))
    return {
        "requirement": miss["requirement"],
        "part": PART_OF_MISS.get(miss["requirement"], miss["requirement"]),
        "required": bool(miss.get("required")),
        "text": text,
    }


def reason_text(part: dict) -> str:
    """The engine's reason code of a part in words (a miss, where there is one, says more)."""
    code = part.get("reason") or ""
    if part["name"] == "text":
        return str(TEXT_REASONS.get(code, TEXT_REASONS["partial"]))
    return str(REASON_TEXTS.get(code, REASON_TEXTS["partial"]))


def legend() -> list[dict[str, str]]:
    return [
        {"name": name, "label": search.match_label(name), "colour": colour}
        for name, colour in PART_COLOURS.items()
    ]
