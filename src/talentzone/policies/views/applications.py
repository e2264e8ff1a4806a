"""Pages for applicants and the people who decide: find a policy, apply, follow the application.

- policy-finder / policy-detail: the open policies, and for each of the user's applicant records
  whether it is eligible and why (clause by clause), already applied, or offered.
- application-create / -edit / -list / -detail: the draft's form, the list of what the user may
  see, and the application's page: timeline, attachments, the applicant's registry excerpt, the
  rule explained as of today, objections, and every action the user may take there.
- the actions on an application (POST) are in application_actions.py, the application's page
  they render again on an error in application_page.py, the offers in offers.py, and the
  eligibility of the user's records in words in standings.py; every URL is listed here.

Reads go through `queries` (an object outside the user's scope is a 404); writes go through
`services`, which check permissions (403) and refuse invalid transitions with a ValidationError
that the page shows beside the form it came from (HTTP 400), having written nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .. import queries, services
from ..application_forms import (
    ApplicationFilterForm,
    ApplicationForm,
    FinderFilterForm,
    attach_errors,
)
from ..formulas import describe_formula
from ..models import Policy
from . import application_actions as actions
from . import offers
from .application_actions import succeeded
from .application_page import EDITABLE, render_detail, returned_event, visible_application
from .standings import PolicyRow, records_of, rule_in_words, standings_for

PAGE_SIZE = 25
RESULTS_ID = "application-results"


# Finding policies ----------------------------------------------------------------------------


@login_required
def policy_finder(request):
    """The open policies: for an applicant, those for their records with the reason for each;
    for the office, reviewers and leaders (no records), every open policy and its rule."""
    today = timezone.localdate()
    records = records_of(request.user)
    policies = list(queries.open_policies(today).order_by("valid_until", "code"))
    if records:
        policies = [policy for policy in policies if policy.applicant_kind in records]
    standings = standings_for(request.user, policies, records, today)
    rows = [PolicyRow(p, rule_in_words(p), standings[p.pk]) for p in policies]
    shown = FinderFilterForm(request.GET).shown() if records else FinderFilterForm.ALL
    relevant = [row for row in rows if row.relevant]
    context = {
        "rows": relevant if shown == FinderFilterForm.ELIGIBLE else rows,
        "has_records": bool(records),
        "shown": shown,
        "relevant_count": len(relevant),
        "all_count": len(rows),
        "today": today,
    }
    return render(request, "policies/applications/finder.html", context)


@login_required
def policy_detail(request, pk):
    policy = get_object_or_404(Policy.objects.select_related("budget_line"), pk=pk)
    today = timezone.localdate()
    records = {policy.applicant_kind: queries.applicants_of(request.user)[policy.applicant_kind]}
    context = {
        "policy": policy,
        "is_open": policy.valid_from <= today <= policy.valid_until,
        "rule_words": rule_in_words(policy),
        "formula_words": describe_formula(policy),
        "stages": policy.stages.select_related("department").order_by("position"),
        "documents": policy.documents.all(),
        "standings": standings_for(request.user, [policy], records, today)[policy.pk],
    }
    return render(request, "policies/applications/policy_detail.html", context)


# Drafts --------------------------------------------------------------------------------------


@login_required
def application_create(request, pk):
    policy = get_object_or_404(Policy.objects.select_related("budget_line"), pk=pk)
    records = queries.applicants_of(request.user)[policy.applicant_kind]
    if not records:
        raise PermissionDenied("No applicant record of this policy's kind.")
    chosen = request.GET.get("applicant")
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        policy=policy,
        records=records,
        initial={"applicant": chosen} if chosen else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                actor=request.user,
                policy=policy,
                applicant=form.applicant(),
                data=form.service_data(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("Draft %(number)s saved. Attach the documents below, then submit it.")
                % {"number": application.number},
            )
            return redirect("policies:application-detail", application.pk)
    today = timezone.localdate()
    context = {
        "policy": policy,
        "is_open": policy.valid_from <= today <= policy.valid_until,
        "form": form,
        "standings": standings_for(request.user, [policy], {policy.applicant_kind: records}, today)[
            policy.pk
        ],
        "cancel_url": reverse("policies:policy-detail", args=[policy.pk]),
    }
    return render(request, "policies/applications/form.html", context)


@login_required
def application_edit(request, pk):
    application = visible_application(request, pk)
    if not request.user.has_perm("policies.apply", application):
        raise PermissionDenied("Only the applicant changes an application.")
    if request.method != "POST" and application.status not in EDITABLE:
        messages.warning(request, _("This application is in review and can no longer be changed."))
        return redirect("policies:application-detail", application.pk)
    initial = {
        "statement": application.statement,
        "unit_count": application.unit_count,
        "declared_yuan": yuan_text(application.declared_fen),
    }
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        policy=application.policy,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                actor=request.user, application=application, data=form.service_data()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return succeeded(request, application, _("Your changes are saved."))
    context = {
        "policy": application.policy,
        "application": application,
        "form": form,
        "returned": returned_event(application),
        "cancel_url": reverse("policies:application-detail", args=[application.pk]),
    }
    return render(request, "policies/applications/form.html", context)


def yuan_text(fen: int | None) -> str:
    if fen is None:
        return ""
    yuan, rest = divmod(fen, 100)
    return f"{yuan}.{rest:02d}" if rest else str(yuan)


# Lists ---------------------------------------------------------------------------------------


@login_required
def application_list(request):
    form = ApplicationFilterForm(request.GET)
    rows = form.filter(queries.visible_applications(request.user)).order_by("-created_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "filtered": any(request.GET.get(name) for name in form.fields),
        "list_url": reverse("policies:application-list"),
        "results_id": RESULTS_ID,
    }
    wants_results = request.htmx and request.htmx.target == RESULTS_ID
    template = "_list_results.html" if wants_results else "list.html"
    response = render(request, f"policies/applications/{template}", context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@login_required
def application_detail(request, pk):
    return render_detail(request, visible_application(request, pk))


urlpatterns = [
    path("", policy_finder, name="policy-finder"),
    path("<int:pk>/", policy_detail, name="policy-detail"),
    path("<int:pk>/apply/", application_create, name="application-create"),
    path("applications/", application_list, name="application-list"),
    path("applications/<int:pk>/", application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", application_edit, name="application-edit"),
    path("applications/<int:pk>/submit/", actions.application_submit, name="application-submit"),
    path("applications/<int:pk>/attachments/", actions.attachment_add, name="attachment-add"),
    path("attachments/<int:pk>/", actions.attachment_download, name="attachment-download"),
    path("applications/<int:pk>/decide/", actions.application_decide, name="application-decide"),
    path("applications/<int:pk>/objections/", actions.objection_lodge, name="objection-lodge"),
    path("objections/<int:pk>/resolve/", actions.objection_resolve, name="objection-resolve"),
    path("applications/<int:pk>/close-notice/", actions.notice_close, name="notice-close"),
    path("applications/<int:pk>/pay/", actions.application_pay, name="application-pay"),
    path("offers/", offers.offer_list, name="offer-list"),
    path("offers/<int:pk>/accept/", offers.offer_accept, name="offer-accept"),
    path("offers/<int:pk>/decline/", offers.offer_decline, name="offer-decline"),
]
