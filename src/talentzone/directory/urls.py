"""The registry's pages: /directory/<plural>/, …/<pk>/, …/new/ and …/<pk>/edit/ per entity.

URL names are `directory:<model name>-list|detail|create|edit` (talent-list, gridteam-detail…).
"""

from django.urls import path

from .pages import ENTITIES
from .views import RegistryDetailView, RegistryFormView, RegistryListView

app_name = "directory"


def entity_urls(entity) -> list:
    return [
        path(
            f"{entity.path}/",
            RegistryListView.as_view(entity=entity),
            name=f"{entity.name}-list",
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
