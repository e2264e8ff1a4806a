"""The application's actions, one service call each (POST): submit, attach, decide, object,
resolve, close the notice, pay; and downloading an attachment.

Success goes back to the application's page with a message. A refused step shows its error where
the form was: on the application's page (HTTP 400), or, when the form lives on another page that
passed `next` (the review queue, the notice board), as a message there.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries, services
from ..application_forms import (
    AttachmentForm,
    DecisionForm,
    ObjectionForm,
    PayForm,
    ResolveForm,
    attach_errors,
)
from ..choices import ApplicationStatus, Decision
from ..models import Application, Attachment, Objection
from .application_page import render_detail, visible_application


def next_url(request) -> str | None:
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else None


def succeeded(request, application: Application, message: str, fallback: str | None = None):
    messages.success(request, message)
    detail = reverse("policies:application-detail", args=[application.pk])
    return redirect(next_url(request) or fallback or detail)


def failed(request, application, name: str, form_or_error, fallback: str | None = None):
    """Show what went wrong: on the application's page (400), or, when the form came from
    another page (`next`) or the user does not see the application (`fallback`), as messages
    on that page."""
    if isinstance(form_or_error, forms.BaseForm):
        texts = [str(e) for errors in form_or_error.errors.values() for e in errors]
        bound = {name: form_or_error}
    else:
        texts = list(form_or_error.messages)
        bound = {"errors": texts}
    target = next_url(request) or fallback
    if target:
        for text in texts:
            messages.error(request, text)
        return redirect(target)
    return render_detail(request, application, bound, status=400)


def run(form: forms.BaseForm, call):
    """`call(cleaned_data)` if the form is valid: the service's result, or None when the form
    or the service refused (the service's ValidationError lands on the form)."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return None


@login_required
@require_POST
def application_submit(request, pk):
    application = visible_application(request, pk)
    try:
        services.application_submit(actor=request.user, application=application)
    except ValidationError as error:
        return failed(request, application, "submit", error)
    application.refresh_from_db()
    return succeeded(
        request,
        application,
        _("Application %(number)s submitted: %(status)s.")
        % {"number": application.number, "status": application.get_status_display()},
    )


@login_required
@require_POST
def attachment_add(request, pk):
    application = visible_application(request, pk)
    form = AttachmentForm(
        request.POST, request.FILES, policy=application.policy, auto_id="attach_%s"
    )

    def call(data):
        return services.attachment_add(
            actor=request.user,
            application=application,
            uploaded_file=data["file"],
            document=data["document"],
        )

    if run(form, call) is not None:
        return succeeded(
            request, application, _("Attached: %(file)s") % {"file": form.cleaned_data["file"]}
        )
    return failed(request, application, "attachment", form)


@login_required
def attachment_download(request, pk):
    visible = queries.visible_applications(request.user).values("pk")
    attachment = get_object_or_404(Attachment.objects.filter(application__in=visible), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    return FileResponse(handle, as_attachment=True, filename=attachment.file_name)


@login_required
@require_POST
def application_decide(request, pk):
    application = visible_application(request, pk)
    form = DecisionForm(request.POST, auto_id="decide_%s")

    def call(data):
        shown = application.policy.stages.filter(pk=data.get("stage")).first()
        return services.application_decide(
            actor=request.user,
            application=application,
            decision=data["decision"],
            reason=data["reason"],
            stage=shown,
        )

    if run(form, call) is not None:
        decision = Decision(form.cleaned_data["decision"]).label
        return succeeded(
            request,
            application,
            _("Decision recorded for %(number)s: %(decision)s.")
            % {"number": application.number, "decision": decision},
        )
    return failed(request, application, "decide", form)


@login_required
@require_POST
def objection_lodge(request, pk):
    """Anyone signed in may object to an application on public notice, seen or not (the notice
    board shows them all); only those who may see the application come back to its page."""
    visible = queries.visible_applications(request.user).values("pk")
    application = get_object_or_404(
        Application.objects.filter(Q(pk__in=visible) | Q(status=ApplicationStatus.NOTICE)), pk=pk
    )
    form = ObjectionForm(request.POST, auto_id="objection_%s")
    sees_it = queries.visible_applications(request.user).filter(pk=application.pk).exists()
    fallback = None if sees_it else reverse("policies:notice-board")
    done = run(
        form,
        lambda data: services.objection_lodge(
            actor=request.user, application=application, reason=data["reason"]
        ),
    )
    if done is not None:
        return succeeded(
            request,
            application,
            _("Your objection to %(number)s is recorded; the talent office will resolve it.")
            % {"number": application.number},
            fallback,
        )
    return failed(request, application, "objection", form, fallback)


@login_required
@require_POST
def objection_resolve(request, pk):
    visible = queries.visible_applications(request.user).values("pk")
    objection = get_object_or_404(
        Objection.objects.filter(application__in=visible).select_related("application"), pk=pk
    )
    application = objection.application
    form = ResolveForm(request.POST, auto_id=f"objection{objection.pk}_%s")

    def call(data):
        return services.objection_resolve(
            actor=request.user,
            objection=objection,
            uphold=form.uphold,
            resolution=data["resolution"],
        )

    if run(form, call) is not None:
        message = (
            _("Objection upheld: the application is rejected.")
            if form.uphold
            else _("Objection dismissed: the notice goes on.")
        )
        return succeeded(request, application, message)
    return failed(request, application, f"resolve-{objection.pk}", form)


@login_required
@require_POST
def notice_close(request, pk):
    application = visible_application(request, pk)
    try:
        services.notice_close(actor=request.user, application=application)
    except ValidationError as error:
        return failed(request, application, "close", error)
    return succeeded(
        request,
        application,
        _("The public notice of %(number)s is closed: approved.") % {"number": application.number},
    )


@login_required
@require_POST
def application_pay(request, pk):
    application = visible_application(request, pk)
    form = PayForm(request.POST, auto_id="pay_%s")
    done = run(
        form,
        lambda data: services.application_pay(
            actor=request.user, application=application, memo=data["memo"]
        ),
    )
    if done is not None:
        return succeeded(
            request,
            application,
            _("Payment of %(number)s recorded.") % {"number": application.number},
        )
    return failed(request, application, "pay", form)
