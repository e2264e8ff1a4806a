from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from talentzone.core.lockout import TokenView

urlpatterns = [
    path("", include("talentzone.core.urls")),
    path("directory/", include("talentzone.directory.urls")),
    path("policies/", include("talentzone.policies.urls")),
    path("recruiting/", include("talentzone.recruiting.urls")),
    path("venues/", include("talentzone.venues.urls")),
    path("events/", include("talentzone.events.urls")),
    path("cases/", include("talentzone.cases.urls")),
    path("housing/", include("talentzone.housing.urls")),
    path("awards/", include("talentzone.awards.urls")),
    path("insights/", include("talentzone.insights.urls")),
    path("api/v1/directory/", include("talentzone.directory.api_urls")),
    path("api/v1/policies/", include("talentzone.policies.api_urls")),
    path("api/v1/recruiting/", include("talentzone.recruiting.api_urls")),
    path("api/v1/venues/", include("talentzone.venues.api_urls")),
    path("api/v1/events/", include("talentzone.events.api_urls")),
    path("api/v1/cases/", include("talentzone.cases.api_urls")),
    path("api/v1/housing/", include("talentzone.housing.api_urls")),
    path("api/v1/awards/", include("talentzone.awards.api_urls")),
    path("api/v1/insights/", include("talentzone.insights.api_urls")),
    path("api/v1/core/", include("talentzone.core.api_urls")),
    path("api/v1/auth/token/", TokenView.as_view(), name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The "split" view serves Swagger UI's init script from ?script instead of inline (CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="schema", template_name="core/swagger_ui.html"
        ),
        name="swagger-ui",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A URL no route matches: JSON under /api/, the HTML page elsewhere.
handler404 = "talentzone.core.api.not_found"
