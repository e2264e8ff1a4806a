"""The figures' API: the list of figures and one figure's numbers over a period.

Only `directory.talents_by_tier` is checked number by number (other figures come and go)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from talentzone.core import figures as registry
from talentzone.core.figures import Chart, Figure, FigureData, Section, Series
from talentzone.directory.tests.factories import TalentFactory, tier

API = "/api/v1/insights/figures/"
KEY = "directory.talents_by_tier"
SUMMARY_FIELDS = {
    "key",
    "section",
    "section_label",
    "title",
    "unit",
    "chart",
    "stock",
    "description",
    "url",
}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def zone(db):
    municipal = tier("municipal")
    TalentFactory(tier=municipal, arrival_date=datetime.date(2024, 1, 1))
    TalentFactory(tier=municipal, arrival_date=datetime.date(2024, 2, 29))
    TalentFactory(tier=municipal, arrival_date=datetime.date(2024, 3, 1))
    TalentFactory(tier=None, arrival_date=datetime.date(2023, 5, 1))
    return municipal


def test_the_list_names_every_figure(make_user, db):
    response = client_for(make_user("reviewer")).get(API)
    assert response.status_code == 200
    body = response.json()
    assert all(set(row) == SUMMARY_FIELDS for row in body)
    row = next(row for row in body if row["key"] == KEY)
    assert row["section"] == "talents"
    assert row["chart"] == "bar"
    assert row["stock"] is True
    assert row["url"] == reverse("insights:figure", args=[KEY])
    assert [row["key"] for row in body] == [figure.key for figure in registry.all_figures()]


def test_the_list_of_one_section(make_user, db):
    api = client_for(make_user("leader"))
    body = api.get(API, {"section": "talents"}).json()
    assert KEY in [row["key"] for row in body]
    assert {row["section"] for row in body} == {"talents"}
    response = api.get(API, {"section": "weather"})
    assert response.status_code == 400
    assert set(response.json()) == {"section"}


def test_one_figure_over_a_month(make_user, zone):
    response = client_for(make_user("office_admin")).get(f"{API}{KEY}/", {"month": "2024-02"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == SUMMARY_FIELDS | {
        "period",
        "as_of",
        "categories",
        "keys",
        "series",
        "note",
        "drill",
    }
    assert body["period"] == {"start": "2024-02-01", "end": "2024-02-29"}
    assert body["key"] == KEY
    index = body["keys"].index(str(zone.pk))
    assert body["categories"][index] == str(zone)
    assert [s["key"] for s in body["series"]] == ["talents"]
    values = body["series"][0]["values"]
    assert values[index] == 2  # arrived on the first day and on the last day of February
    assert values[body["keys"].index("")] == 1  # no tier
    assert body["drill"][index] == (
        f"{reverse('directory:talent-list')}?status=in_zone&tier={zone.pk}"
    )
    as_of = datetime.datetime.fromisoformat(body["as_of"])
    assert abs(timezone.now() - as_of) < datetime.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("query", "period", "municipal"),
    [
        ({"start": "2024-01-01", "end": "2024-01-31"}, ("2024-01-01", "2024-01-31"), 1),
        ({"year": "2024"}, ("2024-01-01", "2024-12-31"), 3),
        ({"year": "2023"}, ("2023-01-01", "2023-12-31"), 0),
        # start and end win over month and year
        (
            {"start": "2024-02-01", "end": "2024-02-28", "year": "2023"},
            ("2024-02-01", "2024-02-28"),
            1,
        ),
    ],
)
def test_the_period_parameters(make_user, zone, query, period, municipal):
    body = client_for(make_user("leader")).get(f"{API}{KEY}/", query).json()
    assert (body["period"]["start"], body["period"]["end"]) == period
    assert body["series"][0]["values"][body["keys"].index(str(zone.pk))] == municipal


def test_without_a_period_the_year_to_date(make_user, db):
    today = timezone.localdate()
    body = client_for(make_user("leader")).get(f"{API}{KEY}/").json()
    assert body["period"] == {"start": f"{today.year}-01-01", "end": today.isoformat()}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2024-02-30", "end": "2024-03-31"}, "start"),
        ({"start": "2024-03-01", "end": "31/03/2024"}, "end"),
        ({"start": "2024-03-01"}, "end"),
        ({"end": "2024-03-01"}, "start"),
        ({"start": "2024-03-02", "end": "2024-03-01"}, "end"),
        ({"start": "2000-01-01", "end": "2024-03-01"}, "end"),  # more than ten years
        ({"month": "2024-13"}, "month"),
        ({"month": "March"}, "month"),
        ({"month": "2999-01"}, "month"),
        ({"year": "soon"}, "year"),
        ({"year": "2999"}, "year"),
    ],
)
def test_a_wrong_period_answers_400_naming_the_field(make_user, db, query, field):
    response = client_for(make_user("leader")).get(f"{API}{KEY}/", query)
    assert response.status_code == 400
    assert set(response.json()) == {field}


def test_an_unknown_figure_is_404(make_user, db):
    api = client_for(make_user("leader"))
    assert api.get(f"{API}directory.nothing_here/").status_code == 404
    assert api.get(f"{API}nothing.at_all/").status_code == 404


@pytest.mark.parametrize("role", ["talent", "enterprise_hr", "agency_staff", "grid_officer"])
def test_only_leaders_the_office_and_reviewers_read_figures(make_user, db, role):
    api = client_for(make_user(role))
    assert api.get(API).status_code == 403
    assert api.get(f"{API}{KEY}/").status_code == 403
    assert api.get(f"{API}directory.nothing_here/").status_code == 403


def test_a_visitor_without_credentials_reads_nothing(db):
    assert client_for(None).get(API).status_code in (401, 403)
    assert client_for(None).get(f"{API}{KEY}/").status_code in (401, 403)


def test_money_is_a_json_number_and_a_missing_value_null(make_user, db, monkeypatch):
    figure = Figure(
        key="testing.money",
        section=Section.MONEY,
        title="钱",
        compute=lambda period: FigureData(
            ["甲", "乙"], ["a", "b"], [Series("paid", "已付", [Decimal("1234.50"), None])]
        ),
        chart=Chart.PIE,
        unit="元",
    )
    monkeypatch.setitem(registry._FIGURES, figure.key, figure)
    body = client_for(make_user("leader")).get(f"{API}testing.money/", {"year": 2024}).json()
    assert body["series"] == [{"key": "paid", "name": "已付", "values": [1234.5, None]}]
    assert body["drill"] == [None, None]
    assert body["chart"] == "pie"


def test_the_openapi_schema_has_the_figures_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        file=str(tmp_path / "schema.yaml"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    schema = (tmp_path / "schema.yaml").read_text()
    assert "/api/v1/insights/figures/:" in schema
    assert "/api/v1/insights/figures/{key}/:" in schema
