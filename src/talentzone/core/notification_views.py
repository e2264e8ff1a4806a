"""The notification centre: the user's own notifications, newest first, unread ones marked.

Opening one marks it read and follows its link; "mark all read" clears the bell. Nobody sees
another's notifications: opening one of someone else's answers 404.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Notification
from .notifications import mark_read

PAGE_SIZE = 25


@login_required
def notification_list(request):
    rows = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "notifications": page.object_list,
        "has_unread": rows.filter(read_at__isnull=True).exists(),
    }
    return render(request, "core/notifications.html", context)


@login_required
def notification_open(request, pk: int):
    """Mark one read and go where it points (only within the site; else back to the list)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    mark_read(request.user, [notification.pk])
    allowed = url_has_allowed_host_and_scheme(
        notification.url, {request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notification.url if notification.url and allowed else "notifications")


@login_required
@require_POST
def notifications_read_all(request):
    mark_read(request.user)
    return redirect("notifications")
