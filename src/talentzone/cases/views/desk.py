"""The desk: the queue per team and department, my cases (enterprises and talents), raising a
case, a case's page with its timeline and the actions the reader may take, attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.recruiting.views.common import results_or_page

from .. import queries, services
from ..choices import ConsultationStatus, Level
from ..forms import (
    AttachForm,
    CommentForm,
    ConfirmForm,
    DepartmentForm,
    EscalateForm,
    QueueFilterForm,
    RaiseForm,
    ReopenForm,
    ResolveForm,
    attach_errors,
)
from ..models import CaseAttachment
from .common import (
    REQUESTER_ROLES,
    is_desk,
    mark_overdue,
    paginate,
    require,
    visible_case,
)

FILTERS = ("level", "status", "overdue", "team", "department", "category")


def default_scope(user) -> str:
    """What the queue shows first: what the reader must act on; leaders act on nothing."""
    if has_role(user, Role.OFFICE_ADMIN, Role.GRID_OFFICER, Role.REVIEWER):
        return "mine"
    return "all"


# The queue ---------------------------------------------------------------------------------------


@login_required
def queue(request):
    user = request.user
    if not is_desk(user):
        raise PermissionDenied("The queue is the desk's.")
    form = QueueFilterForm(request.GET)
    scope = request.GET.get("scope")
    if scope not in ("mine", "all"):
        scope = default_scope(user)
    rows = queries.queue(user, scope=scope, **form.query())
    page = paginate(request, rows)
    mark_overdue(page["page"].object_list)
    list_url = reverse("cases:queue")
    context = {
        "form": form,
        "scope": scope,
        "bar_fields": [form[name] for name in FILTERS],
        "filters_open": any(request.GET.get(name) for name in FILTERS),
        "hidden": [],
        "list_url": list_url,
        "results_id": "case-results",
        "may_raise": user.has_perm("cases.raise_case"),
        **page,
    }
    return results_or_page(
        request,
        context,
        page="cases/queue.html",
        results="cases/_case_results.html",
        results_id="case-results",
    )


@login_required
def mine(request):
    """The requester's cases: an enterprise's HR their enterprise's, a talent theirs."""
    user = request.user
    if not has_role(user, *REQUESTER_ROLES):
        raise PermissionDenied("Only enterprises and talents raise their own cases.")
    page = paginate(request, queries.my_cases(user))
    mark_overdue(page["page"].object_list)
    context = {
        "may_raise": user.has_perm("cases.raise_case"),
        "results_id": "case-results",
        "requester": True,
        **page,
    }
    return render(request, "cases/mine.html", context)


# Raising a case --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def raise_case(request):
    user = request.user
    require(user, "cases.raise_case")
    initial = {}
    for name in ("enterprise", "talent"):
        if request.GET.get(name, "").isdigit():
            initial[name] = request.GET[name]
    form = RaiseForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        files = [form.cleaned_data["file"]] if form.cleaned_data.get("file") else []
        try:
            case = services.case_raise(
                actor=user,
                category=form.cleaned_data["category"],
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                files=files,
                **form.party(),
            )
        except ValidationError as error:
            attach_errors(form, error, rename={"files": "file", "party": "enterprise"})
        else:
            messages.success(
                request,
                _("Case %(number)s is raised and sent to %(team)s.")
                % {"number": case.number, "team": case.team},
            )
            return redirect("cases:detail", case.pk)
    back = "cases:mine" if has_role(user, *REQUESTER_ROLES) else "cases:queue"
    context = {"form": form, "cancel_url": reverse(back)}
    return render(request, "cases/raise.html", context, status=400 if form.errors else 200)


# A case ----------------------------------------------------------------------------------------


class Action:
    """One thing done to a case from its page: its form, the permission, the service call."""

    def __init__(self, name, form_class, perm, label, call, *, needs_case=False):
        self.name = name
        self.form_class = form_class
        self.perm = perm
        self.label = label
        self.call = call
        self.needs_case = needs_case

    def form(self, case, data=None, files=None):
        kwargs = {"case": case} if self.needs_case else {}
        return self.form_class(data, files, prefix=self.name, **kwargs)


ACTIONS = {
    action.name: action
    for action in (
        Action(
            "comment",
            CommentForm,
            "cases.comment_case",
            gettext_lazy("Comment added."),
            lambda actor, case, data: services.case_comment(
                actor=actor, case=case, note=data["note"]
            ),
        ),
        Action(
            "attach",
            AttachForm,
            "cases.comment_case",
            gettext_lazy("File attached."),
            lambda actor, case, data: services.case_attach(
                actor=actor, case=case, uploaded_file=data["file"]
            ),
        ),
        Action(
            "escalate",
            EscalateForm,
            "cases.escalate_case",
            gettext_lazy("The case is escalated."),
            lambda actor, case, data: services.case_escalate(
                actor=actor, case=case, reason=data["reason"], department=data.get("department")
            ),
            needs_case=True,
        ),
        Action(
            "department",
            DepartmentForm,
            "cases.change_department",
            gettext_lazy("The case went to the other department."),
            lambda actor, case, data: services.case_change_department(
                actor=actor, case=case, department=data["department"], reason=data["reason"]
            ),
            needs_case=True,
        ),
        Action(
            "resolve",
            ResolveForm,
            "cases.resolve_case",
            gettext_lazy("The case is resolved; the requester is asked to confirm."),
            lambda actor, case, data: services.case_resolve(
                actor=actor, case=case, resolution=data["resolution"]
            ),
        ),
        Action(
            "confirm",
            ConfirmForm,
            "cases.answer_case",
            gettext_lazy("Thank you: the case is closed."),
            lambda actor, case, data: services.case_confirm(
                actor=actor, case=case, rating=data["rating"], comment=data.get("comment", "")
            ),
        ),
        Action(
            "reopen",
            ReopenForm,
            "cases.answer_case",
            gettext_lazy("The case is open again."),
            lambda actor, case, data: services.case_reopen(
                actor=actor, case=case, reason=data["reason"]
            ),
        ),
    )
}


@login_required
def detail(request, pk):
    return render_case(request, visible_case(request, pk))


def render_case(request, case, *, bound=None, status: int = 200):
    user = request.user
    forms = {}
    for name, action in ACTIONS.items():
        if user.has_perm(action.perm, case):
            forms[name] = bound if bound is not None and bound.prefix == name else action.form(case)
    mark_overdue([case])
    consultations = list(
        case.consultations.prefetch_related("departments", "tasks__department").order_by(
            "scheduled_at"
        )
    )
    context = {
        "case": case,
        "timeline": queries.timeline(case),
        "attachments": case.attachments.order_by("id"),
        "consultations": consultations,
        "scheduled": next(
            (c for c in consultations if c.status == ConsultationStatus.SCHEDULED), None
        ),
        "forms": forms,
        "convenes": user.has_perm("cases.convene_consultation", case),
        "at_consultation": case.level == Level.CONSULTATION,
        "back_url": reverse("cases:queue") if is_desk(user) else reverse("cases:mine"),
        "today": timezone.localdate(),
    }
    return render(request, "cases/detail.html", context, status=status)


def act(request, pk, name):
    action = ACTIONS[name]
    case = visible_case(request, pk)
    require(request.user, action.perm, case)
    form = action.form(case, request.POST, request.FILES)
    if not form.is_valid():
        return render_case(request, case, bound=form, status=400)
    try:
        action.call(request.user, case, form.cleaned_data)
    except ValidationError as error:
        attach_errors(form, error)
        return render_case(request, visible_case(request, pk), bound=form, status=400)
    messages.success(request, str(action.label))
    return redirect("cases:detail", case.pk)


def action_view(name):
    @login_required
    @require_POST
    def view(request, pk):
        return act(request, pk, name)

    view.__name__ = f"case_{name}"
    return view


comment = action_view("comment")
attach = action_view("attach")
escalate = action_view("escalate")
change_department = action_view("department")
resolve = action_view("resolve")
confirm = action_view("confirm")
reopen = action_view("reopen")


@login_required
def attachment(request, pk):
    """A file of a case, for whoever sees the case."""
    found = get_object_or_404(CaseAttachment.objects.select_related("case"), pk=pk)
    if not queries.visible_cases(request.user).filter(pk=found.case_id).exists():
        raise Http404("No such attachment.")
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404("The file is gone.") from missing
    return FileResponse(handle, as_attachment=True, filename=found.file_name)
