"""The audit trail's page, for the office admin: filter, browse newest first, verify the chain.

Read only: nothing here writes a record. Everyone else gets 403.
"""

import json
from typing import Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from .audit import check_chain, may_read_trail
from .audit_filters import AuditRecordFilter
from .models import AuditRecord

PAGE_SIZE = 50
RESULTS_ID = "audit-results"
SEARCH = "q"


def require_reader(user) -> None:
    if not may_read_trail(user):
        raise PermissionDenied("Only the talent office reads the audit trail.")


@login_required
def audit_list(request):
    require_reader(request.user)
    filterset = AuditRecordFilter(request.GET, queryset=AuditRecord.objects.select_related("actor"))
    style_widgets(filterset.form)
    # A filter that cannot be read (a date like 2026-13-01) shows its error and no rows.
    rows = filterset.qs if filterset.is_valid() else AuditRecord.objects.none()
    page = Paginator(rows.order_by("-seq"), PAGE_SIZE).get_page(request.GET.get("page"))
    form = filterset.form
    others = [name for name in form.fields if name != SEARCH]
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "records": [describe(record) for record in page.object_list],
        "search_field": form[SEARCH],
        "bar_fields": [form[name] for name in others],
        "filters_open": any(request.GET.get(name) for name in others),
        "list_url": reverse("audit-list"),
        "results_id": RESULTS_ID,
    }
    wants_results = request.htmx and request.htmx.target == RESULTS_ID
    template = "core/audit/_results.html" if wants_results else "core/audit/list.html"
    response = render(request, template, context)
    # The same URL answers a whole page or only the results: caches must tell them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@login_required
@require_POST
def audit_verify(request):
    """Recompute the whole chain; the answer replaces the button's result box (or, without
    htmx, comes back as a message on the list)."""
    require_reader(request.user)
    report = check_chain()
    if request.htmx:
        return render(request, "core/audit/_verify_result.html", {"report": report})
    level = messages.SUCCESS if report.intact else messages.ERROR
    messages.add_message(request, level, report.summary())
    return redirect("audit-list")


def style_widgets(form: forms.BaseForm) -> None:
    """Bootstrap classes for the filter bar, errors marked; dates get the browser's picker."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs["class"] = f"{css} is-invalid" if name in form.errors else css


def describe(record: AuditRecord) -> dict[str, Any]:
    """What a row of the page shows: names a person reads, in the page's language."""
    model = _model_of(record.target_type)
    return {
        "seq": record.seq,
        "at": record.at,
        "actor": str(record.actor) if record.actor else "",
        "actor_name": record.actor_name,
        "action": record.get_action_display(),
        "action_value": record.action,
        "target_type": capfirst(model._meta.verbose_name) if model else record.target_type,
        "target_id": record.target_id,
        "target_repr": record.target_repr,
        "changes": [_field_label(model, name) for name in record.changes],
        "detail": [(key, _shown(value)) for key, value in sorted(record.detail.items())],
        "ip": record.ip or "",
        "hash": record.hash,
    }


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _model_of(label: str):
    if not label:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None  # a kind of record the project no longer has


def _field_label(model, name: str) -> str:
    if model is None:
        return name
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except (FieldDoesNotExist, AttributeError):
        return name  # "founders", or a field removed since
