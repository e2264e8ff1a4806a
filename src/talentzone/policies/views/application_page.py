"""The application's page: what it shows each reader, and which forms it offers them.

The action endpoints (application_actions.py) render it again, with their bound form and its
errors, when a step is refused.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import capfirst

from .. import queries, services
from ..application_forms import AttachmentForm, DecisionForm, ObjectionForm, PayForm, ResolveForm
from ..choices import ApplicantKind, ApplicationStatus, EventKind, ObjectionStatus
from ..eligibility import RuleSyntaxError
from ..formulas import compute_amount
from ..models import Application
from .standings import rule_in_words

EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)

# The registry fields an application's page shows of its applicant (personal numbers masked).
EXCERPT_FIELDS = {
    ApplicantKind.TALENT: (
        "name",
        "gender",
        "birth_date",
        "education",
        "title",
        "tier",
        "employer",
        "status",
        "id_number",
        "phone",
    ),
    ApplicantKind.ENTERPRISE: (
        "name",
        "credit_code",
        "industry",
        "high_tech",
        "rd_institution",
        "above_scale",
        "employees",
        "founded_on",
    ),
    ApplicantKind.AGENCY: ("name", "credit_code", "services", "park_unit", "moved_in_on"),
    ApplicantKind.VENTURE: ("name", "field", "stage", "joined_on", "park_unit"),
}

# Timeline: an icon and a colour per kind of event.
EVENT_LOOKS = {
    EventKind.CREATED: ("file-earmark-plus", "secondary"),
    EventKind.SUBMITTED: ("send", "primary"),
    EventKind.RESUBMITTED: ("send-check", "primary"),
    EventKind.APPROVED_STAGE: ("check-lg", "success"),
    EventKind.SKIPPED_STAGE: ("skip-forward", "info"),
    EventKind.RETURNED: ("arrow-return-left", "warning"),
    EventKind.REJECTED: ("x-lg", "danger"),
    EventKind.NOTICE_STARTED: ("megaphone", "info"),
    EventKind.OBJECTION_LODGED: ("exclamation-lg", "warning"),
    EventKind.OBJECTION_DISMISSED: ("shield-check", "secondary"),
    EventKind.OBJECTION_UPHELD: ("shield-x", "danger"),
    EventKind.APPROVED: ("patch-check", "success"),
    EventKind.PAID: ("cash-coin", "success"),
}


def visible_application(request, pk) -> Application:
    return get_object_or_404(queries.visible_applications(request.user), pk=pk)


def returned_event(application: Application):
    """The reviewer's reason an applicant must read while the application is returned."""
    if application.status != ApplicationStatus.RETURNED:
        return None
    return (
        application.events.filter(kind=EventKind.RETURNED)
        .select_related("stage", "actor")
        .order_by("-at", "-id")
        .first()
    )


def expected_amount(application: Application) -> int | None:
    """What a draft would be worth if submitted now (None: a figure is still missing)."""
    if application.amount_fen is not None:
        return application.amount_fen
    if application.policy.is_in_kind:
        return None  # no money: nothing to expect
    talent = application.talent if application.talent_id else None
    try:
        return compute_amount(
            application.policy,
            tier_code=talent.tier.code if talent and talent.tier_id else None,
            unit_count=application.unit_count,
            declared_fen=application.declared_fen,
        )
    except ValidationError:
        return None


def timeline(application: Application, show_objectors: bool) -> list[dict[str, Any]]:
    """The events with their look; who objected is withheld from all but the office."""
    rows = []
    for event in application.events.select_related("actor", "stage"):
        icon, colour = EVENT_LOOKS.get(event.kind, ("dot", "secondary"))
        withheld = event.kind == EventKind.OBJECTION_LODGED and not show_objectors
        rows.append({"event": event, "icon": icon, "colour": colour, "withheld": withheld})
    return rows


def applicant_excerpt(application: Application) -> tuple[Any, list[tuple[str, str]]]:
    applicant = application.applicant
    fields = [
        (name, capfirst(applicant._meta.get_field(name).verbose_name))
        for name in EXCERPT_FIELDS[application.applicant_kind]
    ]
    return applicant, fields


def detail_context(request, application: Application, bound: dict) -> dict[str, Any]:
    """What the page shows `request.user`; `bound` holds a refused action's form (by name) or
    its error messages ("errors")."""
    user = request.user
    today = timezone.localdate()
    applicant, excerpt_fields = applicant_excerpt(application)
    may_resolve = user.has_perm("policies.resolve_objection", application)
    return {
        "application": application,
        "policy": application.policy,
        "events": timeline(application, show_objectors=may_resolve),
        **attachments_context(application, bound),
        "applicant": applicant,
        "excerpt_fields": excerpt_fields,
        "explanation": explanation_today(application, applicant, today),
        "rule_words": rule_in_words(application.policy),
        "expected_amount": expected_amount(application),
        "returned": returned_event(application),
        **objections_context(application, bound, may_resolve),
        **actions_context(user, application, bound, today),
        "action_errors": bound.get("errors", []),
        "today": today,
    }


def attachments_context(application: Application, bound: dict) -> dict[str, Any]:
    """The policy's required documents, each with what is attached for it, and the extras."""
    attachments = list(application.attachments.select_related("document"))
    documents = [
        {"document": document, "attachments": [a for a in attachments if a.document == document]}
        for document in application.policy.documents.all()
    ]
    return {
        "documents": documents,
        "extra_attachments": [a for a in attachments if a.document_id is None],
        "missing_documents": [row["document"] for row in documents if not row["attachments"]],
        "attachment_form": bound.get("attachment")
        or AttachmentForm(policy=application.policy, auto_id="attach_%s"),
    }


def explanation_today(application: Application, applicant, today):
    try:
        return services.explain(application.policy, applicant, today)
    except RuleSyntaxError:
        return None  # the page says the rule cannot be read (rule_in_words)


def objections_context(application: Application, bound: dict, may_resolve: bool) -> dict:
    """The objections; the office gets a resolve form on each open one."""
    objections = list(application.objections.select_related("lodged_by", "resolved_by"))
    for objection in objections:
        objection.form = None
        if may_resolve and objection.status == ObjectionStatus.OPEN:
            objection.form = bound.get(f"resolve-{objection.pk}") or ResolveForm(
                auto_id=f"objection{objection.pk}_%s"
            )
    return {
        "objections": objections,
        "open_objections": [o for o in objections if o.status == ObjectionStatus.OPEN],
        "may_see_objectors": may_resolve,
    }


def actions_context(user, application: Application, bound: dict, today) -> dict[str, Any]:
    """The forms of the steps this user may take now (the services check again)."""
    status = application.status
    editable = status in EDITABLE and user.has_perm("policies.apply", application)
    on_notice = status == ApplicationStatus.NOTICE
    notice_over = on_notice and application.notice_ends_on < today
    may_close = on_notice and user.has_perm("policies.close_notice", application)
    decides = status == ApplicationStatus.IN_REVIEW and user.has_perm(
        "policies.decide_application", application
    )
    objects = on_notice and user.has_perm("policies.lodge_objection", application)
    pays = status == ApplicationStatus.APPROVED and not application.policy.is_in_kind
    pays = pays and user.has_perm("policies.pay_application", application)
    return {
        "may_edit": editable,
        "may_attach": editable,
        "may_submit": editable,
        "decide_form": (bound.get("decide") or DecisionForm(auto_id="decide_%s"))
        if decides
        else None,
        "objection_form": (bound.get("objection") or ObjectionForm(auto_id="objection_%s"))
        if objects
        else None,
        "may_close_notice": may_close and notice_over,
        "notice_running": may_close and not notice_over,
        "pay_form": (bound.get("pay") or PayForm(auto_id="pay_%s")) if pays else None,
    }


def render_detail(request, application: Application, bound: dict | None = None, status=200):
    context = detail_context(request, application, bound or {})
    return render(request, "policies/applications/detail.html", context, status=status)
