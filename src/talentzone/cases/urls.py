"""The case desk's pages under /cases/: URL names are `cases:<name>` (see views/)."""

from django.urls import path

from .views import consultation, desk, liaison, overview, visits

app_name = "cases"

urlpatterns = [
    path("", desk.queue, name="queue"),
    path("mine/", desk.mine, name="mine"),
    path("new/", desk.raise_case, name="raise"),
    path("<int:pk>/", desk.detail, name="detail"),
    path("<int:pk>/comment/", desk.comment, name="comment"),
    path("<int:pk>/attach/", desk.attach, name="attach"),
    path("<int:pk>/escalate/", desk.escalate, name="escalate"),
    path("<int:pk>/department/", desk.change_department, name="department"),
    path("<int:pk>/resolve/", desk.resolve, name="resolve"),
    path("<int:pk>/confirm/", desk.confirm, name="confirm"),
    path("<int:pk>/reopen/", desk.reopen, name="reopen"),
    path("<int:pk>/consultation/", consultation.consultation, name="consultation"),
    path("tasks/<int:pk>/done/", consultation.task_done, name="task_done"),
    path("attachments/<int:pk>/", desk.attachment, name="attachment"),
    path("grids/", overview.grids, name="grids"),
    path("visits/", visits.visits, name="visits"),
    path("visits/new/", visits.visit_new, name="visit_new"),
    path("visits/plans/<int:pk>/", visits.visit_plan, name="visit_plan"),
    path("liaison/", liaison.liaison, name="liaison"),
    path("liaison/new/", liaison.liaison_new, name="liaison_new"),
    path("liaison/<int:pk>/visit/", liaison.liaison_visit_new, name="liaison_visit_new"),
    path("liaison/<int:pk>/end/", liaison.liaison_end, name="liaison_end"),
]
