from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

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
    path("api/v1/auth/token/", obtain_auth_token, name="api-token"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
