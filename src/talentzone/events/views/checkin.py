"""The door: one text field that a USB QR scanner types into (it presses Enter, which submits),
and a camera button that reads the QR code through the browser's BarcodeDetector where the
browser has one (static/events/checkin.js; nothing loaded from elsewhere). The answer is shown
big: the name, the group, and OK or refused with the reason. Trainings are checked in per
session (`?session=<id>`)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .. import queries, services
from ..forms import CheckInForm
from ..models import Event, Registration, TrainingSession
from .common import group_label, is_training, may_check_in, person_name, visible_event


def chosen_session(event: Event, value) -> TrainingSession | None:
    """The session asked for; else, for a training, the one running now or next."""
    sessions = event.sessions.order_by("number")
    if value not in (None, ""):
        try:
            return sessions.get(pk=int(value))
        except (TypeError, ValueError, TrainingSession.DoesNotExist):
            return None
    if not is_training(event):
        return None
    now = timezone.now()
    return sessions.filter(ends_at__gt=now).first() or sessions.last()


def recent_check_ins(event: Event, session: TrainingSession | None, count: int = 8):
    if session is not None:
        return [
            attendance.registration
            for attendance in session.attendances.select_related(
                "registration__talent", "registration__user"
            ).order_by("-checked_in_at")[:count]
        ]
    return list(
        Registration.objects.filter(event=event, checked_in_at__isnull=False)
        .select_related("talent", "user")
        .order_by("-checked_in_at")[:count]
    )


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, pk):
    event = visible_event(request, pk)
    if not may_check_in(request.user, event):
        raise PermissionDenied("This user does not check people in at this event.")
    raw_session = request.POST.get("session") if request.method == "POST" else None
    session = chosen_session(event, raw_session or request.GET.get("session"))
    result, status = None, 200
    form = CheckInForm(initial={"session": session.pk if session else None})
    if request.method == "POST":
        bound = CheckInForm(request.POST)
        if bound.is_valid():
            code = bound.cleaned_data["code"]
            try:
                registration = services.check_in(
                    actor=request.user, event=event, code=code, session=session
                )
            except ValidationError as error:
                result = refused(event, code, error)
                status = 400
            else:
                result = {
                    "ok": True,
                    "name": person_name(registration),
                    "group": group_label(registration.group),
                    "code": registration.code,
                }
        else:
            result = {"ok": False, "reasons": bound.errors.get("code", []), "code": ""}
            status = 400
    for registration in (recents := recent_check_ins(event, session)):
        registration.name = person_name(registration)
    context = {
        "event": event,
        "form": form,
        "result": result,
        "session": session,
        "sessions": event.sessions.order_by("number"),
        "recent": recents,
        "figures": queries.attendance(event),
    }
    return render(request, "events/checkin.html", context, status=status)


def refused(event: Event, code: str, error: ValidationError) -> dict:
    """A refusal: the reason, and whose code it was when the code is this event's."""
    normalised = "".join(code.split()).replace("-", "").upper()
    registration = (
        Registration.objects.filter(event=event, code=normalised)
        .select_related("talent", "user")
        .first()
    )
    return {
        "ok": False,
        "reasons": error.messages,
        "code": normalised,
        "name": person_name(registration) if registration else "",
        "group": group_label(registration.group) if registration else "",
    }
