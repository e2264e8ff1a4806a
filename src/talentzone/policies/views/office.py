"""What the talent office manages: policies (with their stages, documents and a live check of
the eligibility rule), the year's budget lines, the offers made without application, and the
payments, with their export for the finance office.

Reads are for the office (the leader and reviewers read some of them); every write goes through
`services` (or `policy_forms.PolicyEditor`, which saves through `services.policy_save`), which
check the permission again. Refused writes come back as messages or form errors.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.exports import ExportTooLarge

from .. import exports, ledger, services
from ..choices import ApplicantKind, ApplicationStatus, OfferStatus
from ..eligibility import SUBJECTS, RuleSyntaxError, compile_to_q, describe, parse
from ..formulas import describe_formula
from ..models import Application, Offer, Policy
from ..money import format_fen
from ..policy_forms import BudgetYearForm, OfferFilterForm, PaymentFilterForm, PolicyEditor

PAGE_SIZE = 50
POLICY_READERS = (Role.OFFICE_ADMIN, Role.LEADER, Role.REVIEWER)
BUDGET_READERS = (Role.OFFICE_ADMIN, Role.LEADER)
OFFERS_RESULTS_ID = "offer-results"
PAYMENTS_RESULTS_ID = "payment-results"
BUDGET_RESULTS_ID = "budget-results"


def today() -> datetime.date:
    return timezone.localdate()


def require_role(user, roles, message: str) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied(message)


def require_perm(user, perm: str) -> None:
    if not user.has_perm(perm):
        raise PermissionDenied(f"{user} may not {perm}")


def paginate(request, rows: QuerySet) -> dict[str, Any]:
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
    }


def results_or_page(request, context, *, page: str, results: str, results_id: str):
    """The whole page, or only its results when the filter bar asks through htmx."""
    wants_results = request.htmx and request.htmx.target == results_id
    response = render(request, results if wants_results else page, context)
    # The same URL answers a whole page or only the results: caches must tell them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def filter_bar(form) -> dict[str, Any]:
    return {
        "bar_fields": list(form),
        "filters_open": any(form.data.get(name) for name in form.fields),
    }


# Policies ------------------------------------------------------------------------------------


def period_of(policy: Policy, day: datetime.date) -> str:
    if day < policy.valid_from:
        return "upcoming"
    if day > policy.valid_until:
        return "closed"
    return "open"


@login_required
@require_GET
def policy_manage(request):
    """Every policy with who may apply, its period, its formula in words, its budget line and
    how many applications (by status) and offers it has. The office edits; the leader and
    reviewers read."""
    require_role(request.user, POLICY_READERS, "Only the office, leaders and reviewers.")
    policies = list(Policy.objects.select_related("budget_line", "budget_line__owner"))
    by_status = defaultdict(dict)
    counted = Application.objects.values_list("policy", "status").annotate(n=Count("id"))
    for policy_id, status, n in counted.order_by():
        by_status[policy_id][status] = n
    offers = dict(Offer.objects.values_list("policy").annotate(n=Count("id")).order_by())
    day = today()
    labels = dict(ApplicationStatus.choices)
    rows = [
        {
            "policy": policy,
            "period": period_of(policy, day),
            "formula": describe_formula(policy),
            "applications": [
                {"status": status, "label": labels[status], "count": by_status[policy.pk][status]}
                for status in ApplicationStatus.values
                if by_status[policy.pk].get(status)
            ],
            "application_total": sum(by_status[policy.pk].values()),
            "offers": offers.get(policy.pk, 0),
        }
        for policy in policies
    ]
    context = {"rows": rows, "can_manage": request.user.has_perm("policies.manage_policy")}
    return render(request, "policies/office/policy_manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def policy_new(request):
    return policy_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request, pk):
    require_perm(request.user, "policies.manage_policy")
    return policy_form(request, get_object_or_404(Policy, pk=pk))


def policy_form(request, policy: Policy | None):
    """The policy with its stages and documents; saved together through the service, or shown
    again with every error beside its field (the rule's with its column)."""
    require_perm(request.user, "policies.manage_policy")
    if request.method == "POST":
        editor = PolicyEditor(instance=policy, data=request.POST)
        if editor.is_valid():
            try:
                saved = editor.save(actor=request.user)
            except ValidationError:
                pass  # already on the form
            else:
                messages.success(request, _("Saved: %(policy)s") % {"policy": saved.title})
                return redirect("policies:policy-manage")
    else:
        editor = PolicyEditor(instance=policy)
    context = {
        "policy": policy,
        "form": editor.form,
        "stages": editor.stages,
        "documents": editor.documents,
        "cancel_url": reverse("policies:policy-manage"),
    }
    return render(request, "policies/office/policy_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rule_check(request):
    """The rule in words and how many registry records it selects today, or its error with the
    column where it is. htmx posts the form's `rule` and `applicant_kind` as they are typed; a
    plain GET with the same parameters answers the same fragment."""
    require_perm(request.user, "policies.manage_policy")
    params = request.POST if request.method == "POST" else request.GET
    text = params.get("rule", "")
    kind = params.get("applicant_kind", "")
    return render(request, "policies/office/_rule_check.html", check_rule_text(text, kind))


def check_rule_text(text: str, kind: str) -> dict[str, Any]:
    if kind not in ApplicantKind.values:
        return {"state": "no_kind"}
    kind_label = ApplicantKind(kind).label
    records = SUBJECTS[kind].model.objects.all()
    if not text.strip():
        return {"state": "empty", "kind": kind_label, "matches": records.count()}
    try:
        rule = parse(text, subject=kind)
    except RuleSyntaxError as error:
        return {"state": "error", "error": str(error), **pointer(text, error.position)}
    matches = compile_to_q(rule, today()).apply(records).count()
    return {"state": "ok", "words": describe(rule), "kind": kind_label, "matches": matches}


def pointer(text: str, position: int) -> dict[str, str]:
    """The line of the rule where the error is, and a caret under its column (1-based, counted
    over the whole text, newlines included)."""
    index = max(0, min(position - 1, len(text)))
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    line = text[start : end if end != -1 else len(text)]
    return {"line": line, "caret": " " * (index - start) + "^"}


# Budget --------------------------------------------------------------------------------------


def percent_of(part: int, whole: int) -> int:
    """Whole percent of `part` in `whole`, for a progress bar (integers, rounded down)."""
    return part * 100 // whole if whole > 0 else 0


@login_required
@require_GET
def budget_list(request):
    """The year's budget lines with amount, reserved, disbursed and free, and their totals."""
    require_role(request.user, BUDGET_READERS, "Only the office and leaders read the budget.")
    # Unbound without a year, so that the selector shows this year rather than the newest.
    form = BudgetYearForm(request.GET or None, initial={"year": today().year})
    year = form.chosen_year()
    lines = list(ledger.lines_with_figures(year))
    rows = [
        {
            "line": line,
            "amount": line.amount,
            "reserved": line.reserved_fen,
            "disbursed": line.disbursed_fen,
            "free": line.free_fen,
            "disbursed_percent": percent_of(line.disbursed_fen, line.amount),
            "reserved_percent": percent_of(line.reserved_fen, line.amount),
        }
        for line in lines
    ]
    totals = {
        name: sum(row[name] for row in rows) for name in ("amount", "reserved", "disbursed", "free")
    }
    totals["disbursed_percent"] = percent_of(totals["disbursed"], totals["amount"])
    totals["reserved_percent"] = percent_of(totals["reserved"], totals["amount"])
    context = {
        "year": year,
        "rows": rows,
        "totals": totals,
        "list_url": reverse("policies:budget-list"),
        "results_id": BUDGET_RESULTS_ID,
        **filter_bar(form),
    }
    return results_or_page(
        request,
        context,
        page="policies/office/budget_list.html",
        results="policies/office/_budget_results.html",
        results_id=BUDGET_RESULTS_ID,
    )


# Offers --------------------------------------------------------------------------------------


@login_required
@require_GET
def office_offers(request):
    """Every offer made without application, filterable by policy and status, with counts per
    policy and status; the office may scan the registry for new ones now."""
    require_perm(request.user, "policies.scan_offers")
    form = OfferFilterForm(request.GET)
    offers = Offer.objects.select_related(
        "policy", "talent", "enterprise", "agency", "venture", "application"
    )
    rows = form.filter(offers) if form.is_valid() else offers.none()
    context = {
        **paginate(request, rows.order_by("-created_at", "-id")),
        "counts": offer_counts(),
        "statuses": OfferStatus.choices,
        "list_url": reverse("policies:office-offers"),
        "results_id": OFFERS_RESULTS_ID,
        **filter_bar(form),
    }
    return results_or_page(
        request,
        context,
        page="policies/office/office_offers.html",
        results="policies/office/_offer_results.html",
        results_id=OFFERS_RESULTS_ID,
    )


def offer_counts() -> list[dict[str, Any]]:
    """Per policy that has offers: how many are open, accepted and declined, and in all."""
    counted = defaultdict(dict)
    for policy_id, status, n in (
        Offer.objects.values_list("policy", "status").annotate(n=Count("id")).order_by()
    ):
        counted[policy_id][status] = n
    policies = Policy.objects.filter(pk__in=counted).order_by("code")
    return [
        {
            "policy": policy,
            "by_status": [
                (status, counted[policy.pk].get(status, 0)) for status in OfferStatus.values
            ],
            "total": sum(counted[policy.pk].values()),
        }
        for policy in policies
    ]


@login_required
@require_POST
def offer_scan(request):
    """Scan the registry with every open policy's rule now (the scheduled task, by hand)."""
    require_perm(request.user, "policies.scan_offers")
    made = sum(services.scan_offers(today(), actor=request.user).values())
    messages.success(
        request,
        ngettext("%(count)s offer made.", "%(count)s offers made.", made) % {"count": made},
    )
    return redirect("policies:office-offers")


# Payments ------------------------------------------------------------------------------------


def payment_rows(request) -> tuple[PaymentFilterForm, QuerySet[Application] | None]:
    """The payments list's filter and the applications it selects (None: it cannot be read)."""
    form = PaymentFilterForm(request.GET)
    applications = Application.objects.select_related(
        "policy", "policy__budget_line", "talent", "enterprise", "agency", "venture"
    )
    if not form.is_valid():
        return form, None
    return form, form.filter(applications).order_by("paid_at", "decided_at", "id")


@login_required
@require_GET
def payment_list(request):
    """Approved applications awaiting payment, and paid ones; record a payment; export."""
    require_perm(request.user, "policies.pay_application")
    form, rows = payment_rows(request)
    if rows is None:
        rows = Application.objects.none()
    total = rows.aggregate(total=Sum("amount_fen"))["total"] or 0
    context = {
        **paginate(request, rows),
        "total": total,
        "total_display": format_fen(total),
        "list_url": reverse("policies:payment-list"),
        "export_url": reverse("policies:payment-export"),
        "results_id": PAYMENTS_RESULTS_ID,
        "approved": ApplicationStatus.APPROVED,
        **filter_bar(form),
    }
    return results_or_page(
        request,
        context,
        page="policies/office/payment_list.html",
        results="policies/office/_payment_results.html",
        results_id=PAYMENTS_RESULTS_ID,
    )


@login_required
@require_GET
def payment_export(request):
    """The payments list's rows, for the same filter, as an .xlsx for the finance office."""
    require_perm(request.user, "policies.pay_application")
    if request.htmx:
        # The filter bar submits through htmx, which cannot save a file: send the browser to
        # the same URL as a plain request, which downloads it and leaves the page as it is.
        return HttpResponseClientRedirect(request.get_full_path())
    _form, rows = payment_rows(request)
    if rows is None:
        return back_to_payments(request, _("Correct the filter before exporting."))
    try:
        export = exports.payment_export(
            actor=request.user, rows=rows, query=request.GET, ip=request.META.get("REMOTE_ADDR")
        )
    except ExportTooLarge as error:
        return back_to_payments(request, str(error))
    return export.response()


def back_to_payments(request, message: str):
    messages.error(request, message)
    query = request.GET.urlencode()
    url = reverse("policies:payment-list")
    return redirect(f"{url}?{query}" if query else url)


urlpatterns = [
    path("manage/", policy_manage, name="policy-manage"),
    path("manage/new/", policy_new, name="policy-new"),
    path("manage/<int:pk>/edit/", policy_edit, name="policy-edit"),
    path("manage/rule-check/", rule_check, name="rule-check"),
    path("budget/", budget_list, name="budget-list"),
    path("manage/offers/", office_offers, name="office-offers"),
    path("manage/offers/scan/", offer_scan, name="offer-scan"),
    path("payments/", payment_list, name="payment-list"),
    path("payments/export/", payment_export, name="payment-export"),
]
