"""The registry's pages: /directory/<plural>/, …/<pk>/, …/new/ and …/<pk>/edit/ per entity.

URL names are `directory:<model name>-list|detail|create|edit` (talent-list, gridteam-detail…),
and `…-export` for a list's Excel export (/directory/<plural>/export/?<the list's query>).
"""

from django.urls import path

from .export_views import RegistryExportView
from .import_views import (
    ImportDetailView,
    ImportNewView,
    ImportReportView,
    TemplateDownloadView,
)
from .pages import ENTITIES
from .views import RegistryDetailView, RegistryFormView, RegistryListView, TalentRevealView

app_name = "directory"


def entity_urls(entity) -> list:
    return [
        path(
            f"{entity.path}/",
            RegistryListView.as_view(entity=entity),
            name=f"{entity.name}-list",
        ),
        path(
            f"{entity.path}/export/",
            RegistryExportView.as_view(entity=entity),
            name=f"{entity.name}-export",
        ),
        path(
            f"{entity.path}/new/",
            RegistryFormView.as_view(entity=entity),
            name=f"{entity.name}-create",
        ),
        path(
            f"{entity.path}/<int:pk>/",
            RegistryDetailView.as_view(entity=entity),
            name=f"{entity.name}-detail",
        ),
        path(
            f"{entity.path}/<int:pk>/edit/",
            RegistryFormView.as_view(entity=entity),
            name=f"{entity.name}-edit",
        ),
    ]


urlpatterns = [pattern for entity in ENTITIES for pattern in entity_urls(entity)]
urlpatterns += [
    path("talents/<int:pk>/reveal/", TalentRevealView.as_view(), name="talent-reveal"),
]
# Excel import: the template (?kind=talents|enterprises), the upload, a job's page and report.
urlpatterns += [
    path("imports/template/", TemplateDownloadView.as_view(), name="import-template"),
    path("imports/new/", ImportNewView.as_view(), name="import-new"),
    path("imports/<int:pk>/", ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:pk>/report/", ImportReportView.as_view(), name="import-report"),
]
