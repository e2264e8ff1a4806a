"""The joint consultation of level 3: the office schedules it (time, place, chair, invited
departments) and records it (minutes, decision, a task per owner department); each owner marks
its task done; then the office resolves the case from its page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import queries, services
from ..choices import ConsultationStatus
from ..forms import RecordForm, ScheduleForm, TaskDoneForm, TaskRows, attach_errors
from ..models import ConsultationTask
from .common import require, visible_case


def consultation_context(request, case, *, schedule=None, record=None, rows=None, done=None):
    user = request.user
    consultations = list(
        case.consultations.prefetch_related(
            "departments",
            Prefetch(
                "tasks",
                queryset=ConsultationTask.objects.select_related("department", "done_by"),
            ),
        ).order_by("scheduled_at")
    )
    scheduled = next((c for c in consultations if c.status == ConsultationStatus.SCHEDULED), None)
    convenes = user.has_perm("cases.convene_consultation", case)
    for consultation in consultations:
        for task in consultation.tasks.all():
            task.may_finish = task.done_at is None and user.has_perm("cases.finish_task", task)
            if task.may_finish:
                task.form = (
                    done
                    if done is not None and done.task_pk == task.pk
                    else TaskDoneForm(prefix=f"task{task.pk}")
                )
    context = {
        "case": case,
        "consultations": consultations,
        "scheduled": scheduled,
        "convenes": convenes,
        "today": timezone.localdate(),
    }
    if convenes and scheduled is None:
        context["schedule_form"] = schedule or ScheduleForm(prefix="schedule", case=case)
    if convenes and scheduled is not None:
        context["record_form"] = record or RecordForm(prefix="record")
        context["rows"] = rows or TaskRows(prefix="tasks")
    return context


@login_required
@require_http_methods(["GET", "POST"])
def consultation(request, pk):
    case = visible_case(request, pk)
    if request.method == "GET":
        return render(request, "cases/consultation.html", consultation_context(request, case))
    require(request.user, "cases.convene_consultation", case)
    if request.POST.get("step") == "record":
        return record(request, case)
    return schedule(request, case)


def schedule(request, case):
    form = ScheduleForm(request.POST, prefix="schedule", case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.consultation_schedule(
                actor=request.user,
                case=case,
                scheduled_at=data["scheduled_at"],
                place=data["place"],
                chair=data["chair"],
                departments=list(data["departments"]),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The consultation is scheduled; the departments are told."))
            return redirect("cases:consultation", case.pk)
    context = consultation_context(request, case, schedule=form)
    return render(request, "cases/consultation.html", context, status=400)


def record(request, case):
    scheduled = get_object_or_404(case.consultations, status=ConsultationStatus.SCHEDULED)
    form = RecordForm(request.POST, prefix="record")
    rows = TaskRows(request.POST, prefix="tasks")
    form_ok, rows_ok = form.is_valid(), rows.is_valid()
    if form_ok and rows_ok and not rows.rows():
        form.add_error(None, _("Give at least one task: who does what by when."))
    elif form_ok and rows_ok:
        try:
            services.consultation_record(
                actor=request.user,
                consultation=scheduled,
                minutes=form.cleaned_data["minutes"],
                decision=form.cleaned_data["decision"],
                tasks=rows.rows(),
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The consultation is recorded; each owner has its task."))
            return redirect("cases:consultation", case.pk)
    context = consultation_context(request, case, record=form, rows=rows)
    return render(request, "cases/consultation.html", context, status=400)


@login_required
@require_POST
def task_done(request, pk):
    task = get_object_or_404(ConsultationTask.objects.select_related("consultation"), pk=pk)
    case = get_object_or_404(queries.visible_cases(request.user), pk=task.consultation.case_id)
    require(request.user, "cases.finish_task", task)
    form = TaskDoneForm(request.POST, prefix=f"task{task.pk}")
    form.task_pk = task.pk
    if form.is_valid():
        try:
            services.task_done(actor=request.user, task=task, note=form.cleaned_data["note"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The task is done."))
            return redirect("cases:consultation", case.pk)
    context = consultation_context(request, case, done=form)
    return render(request, "cases/consultation.html", context, status=400)
