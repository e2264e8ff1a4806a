"""The OpenAPI schema is valid and its browsable documentation needs no other site."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, make_user, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client.force_login(make_user("office_admin"))
    return client


def test_the_schema_is_valid_openapi(signed_in):
    response = signed_in.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    validate(response.json())


def test_the_schema_lists_every_registry_endpoint(signed_in):
    paths = signed_in.get("/api/schema/", {"format": "json"}).json()["paths"]
    for plural in (
        "talents",
        "enterprises",
        "credentials",
        "platforms",
        "ventures",
        "agencies",
        "stations",
        "grids",
        "grid-teams",
        "departments",
        "tiers",
    ):
        assert f"/api/v1/directory/{plural}/" in paths
        assert f"/api/v1/directory/{plural}/{{id}}/" in paths
        assert "delete" not in paths[f"/api/v1/directory/{plural}/{{id}}/"]
    assert "/api/v1/auth/token/" in paths


@pytest.fixture
def static_without_manifest(settings):
    """Tests run without `collectstatic`, so there is no manifest of hashed names to look in."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_the_api_documentation_loads_nothing_from_another_site(signed_in, static_without_manifest):
    response = signed_in.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    linked = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert linked, "the page links its scripts and styles"
    # Static files, and Swagger UI's init script from the page's own URL (CSP: no inline script).
    assert all(link.startswith(("/static/", "/api/docs/?")) for link in linked), linked
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", html, re.IGNORECASE)
