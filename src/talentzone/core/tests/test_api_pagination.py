"""Every list the API answers comes in pages, and no page is longer than 200 rows.

The lists are found in the schema the API serves, not named here: a GET whose answer is an
array is a list answered whole, one whose answer has `count`, `next`, `previous` and `results`
is paginated. A list answered whole must be bounded by its nature (one record's history, the
zone's grid teams, the best `k` matches) and say so in BOUNDED below; a new list that is
neither paginated nor there fails the first test.
"""

import pytest
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from talentzone.core.choices import Role
from talentzone.core.models import Notification

pytestmark = pytest.mark.django_db

MAX_PAGE_SIZE = 200
PAGE_KEYS = {"count", "next", "previous", "results"}

# Lists answered whole, each with why it cannot grow past a few hundred rows.
BOUNDED = {
    "/api/v1/awards/rounds/{id}/notice/": "the winners of one round (its quota)",
    "/api/v1/awards/rounds/{id}/ranking/": "the nominees of one round",
    "/api/v1/cases/cases/{id}/timeline/": "one case's history",
    "/api/v1/cases/categories/": "the office's short list of what a case may be about",
    "/api/v1/cases/grid-overview/": "one row per grid team of the zone",
    "/api/v1/cases/liaisons/schedule/": "the active leader–enterprise pairings",
    "/api/v1/cases/visit-plans/": "one row per grid team of the zone",
    "/api/v1/events/station-attendance/": "one row per talent station",
    "/api/v1/housing/communities/": "the zone's apartment communities",
    "/api/v1/insights/enterprises/{id}/timeline/": "one enterprise's history",
    "/api/v1/insights/figures/": "the fixed list of key figures",
    "/api/v1/insights/talents/{id}/timeline/": "one talent's history",
    "/api/v1/policies/applications/{id}/timeline/": "one application's history",
    "/api/v1/policies/policies/{id}/eligibility/": "the clauses of one policy's rule",
    "/api/v1/recruiting/agency-performance/": "one row per HR agency",
    "/api/v1/recruiting/candidates/{talent_id}/demands/": "the best `k` demands (k ≤ 100)",
    "/api/v1/recruiting/demands/{id}/matches/": "the best `k` candidates (k ≤ 100)",
    "/api/v1/recruiting/referrals/{id}/timeline/": "one referral's history",
    "/api/v1/venues/find-free/": "the venues of one kind free at one time",
    "/api/v1/venues/venues/{id}/slots/": "one venue's slots on one day",
}


@pytest.fixture(scope="module")
def lists(django_db_setup, django_db_blocker) -> dict[str, dict[str, str]]:
    """The GET operations of the schema whose answer is a list: "paginated" or "whole"."""
    with django_db_blocker.unblock():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]

    def resolved(node: dict) -> dict:
        while "$ref" in node:
            node = components[node["$ref"].rsplit("/", 1)[-1]]
        return node

    found = {"paginated": {}, "whole": {}}
    for path, operations in schema["paths"].items():
        answer = operations.get("get", {}).get("responses", {}).get("200", {})
        for content in answer.get("content", {}).values():
            body = resolved(content.get("schema", {}))
            if body.get("type") == "array":
                found["whole"][path] = operations["get"]
            elif set(body.get("properties", {})) >= PAGE_KEYS:
                found["paginated"][path] = operations["get"]
    return found


def test_every_list_is_paginated_or_bounded_by_nature(lists):
    whole = set(lists["whole"])
    assert whole - set(BOUNDED) == set(), "paginate these lists, or say in BOUNDED why not"
    assert set(BOUNDED) - whole == set(), "BOUNDED names lists that are gone or now paginated"
    assert len(lists["paginated"]) > 40  # the registry, the desks, the workflows…


def test_every_paginated_list_caps_the_page_size_a_client_asks_for(lists):
    """However large `page_size` is, the list's paginator gives at most 200 rows a page."""
    asked = Request(APIRequestFactory().get("/", {"page_size": 100_000}))
    for path in lists["paginated"]:
        match = resolve(path.replace("{id}", "1").replace("{talent_id}", "1"))
        view = match.func
        paginator_class = view.initkwargs.get("pagination_class", view.cls.pagination_class)
        assert paginator_class is not None, path
        paginator = paginator_class()
        assert paginator.get_page_size(asked) == MAX_PAGE_SIZE, path


@pytest.fixture
def clients(make_user) -> list[APIClient]:
    """A client signed in for each role (some lists are one role's: an expert's assignments)."""
    signed_in = []
    for role in Role:
        client = APIClient()
        client.force_authenticate(make_user(role))
        signed_in.append(client)
    return signed_in


def test_every_paginated_list_answers_a_page(lists, clients):
    """Asked for a page of 100,000 rows, every list answers a page (for a role that reads it;
    a list under an object's id is asked for an id that does not exist: 404, not a list)."""
    for path, operation in lists["paginated"].items():
        required = {p["name"] for p in operation.get("parameters", []) if p.get("required")}
        if required - {"id"}:
            continue
        url = path.replace("{id}", "999999999")
        answers = [client.get(url, {"page_size": 100_000}) for client in clients]
        if "{id}" in path:
            assert {a.status_code for a in answers} <= {403, 404}, path
            continue
        pages = [a.json() for a in answers if a.status_code == 200]
        assert pages, f"no role reads {path}"
        for page in pages:
            assert set(page) == PAGE_KEYS, path
            assert len(page["results"]) <= MAX_PAGE_SIZE, path


def test_a_client_asking_for_every_row_gets_200_and_a_link_to_the_rest(make_user):
    reader = make_user(Role.TALENT)
    Notification.objects.bulk_create(
        Notification(recipient=reader, title=f"通知{n}") for n in range(MAX_PAGE_SIZE + 5)
    )
    client = APIClient()
    client.force_authenticate(reader)
    page = client.get("/api/v1/core/notifications/", {"page_size": 100_000}).json()
    assert page["count"] == MAX_PAGE_SIZE + 5
    assert len(page["results"]) == MAX_PAGE_SIZE
    assert "page=2" in page["next"]
