"""School places: the schooling requests (the office, leaders and the education bureau see all
of them; a talent their own, on "My apartment") and recording the school assigned to an approved
one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from talentzone.policies.choices import ApplicationStatus

from .. import queries, services
from ..forms import SchoolAssignForm, attach_errors
from .common import chosen, paginate, require

PENDING = "pending"  # approved, no school yet


@login_required
def schooling(request):
    user = request.user
    if not queries.reads_schooling_of_all(user):
        raise PermissionDenied("School places are the office's and the education bureau's.")
    show = chosen(request, "show", [PENDING, *ApplicationStatus.values])
    rows = queries.schooling_requests(user)
    if show == PENDING:
        rows = rows.filter(application__status=ApplicationStatus.APPROVED, school_assigned="")
    elif show:
        rows = rows.filter(application__status=show)
    context = {
        **paginate(request, rows),
        "show": show,
        "pending": PENDING,
        "statuses": ApplicationStatus.choices,
        "may_assign": user.has_perm("housing.assign_school"),
        "approved": ApplicationStatus.APPROVED,
    }
    return render(request, "housing/schooling.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def schooling_assign(request, pk):
    found = get_object_or_404(queries.schooling_requests(request.user), pk=pk)
    require(request.user, "housing.assign_school", found)
    form = SchoolAssignForm(
        request.POST or None, initial={"school": found.school_assigned or found.school_wanted}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.schooling_assign(
                actor=request.user, request=found, school=form.cleaned_data["school"]
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The school place is recorded."))
            return redirect("housing:schooling")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "housing/schooling_assign.html", {"found": found, "form": form}, status=status
    )
