"""The statistics' pages: the leader's wall screen, the office's view of every figure, one
figure large, and each figure's data as CSV and Excel.

Only `directory.talents_by_tier` is checked number by number: the other figures the registry
holds come and go, and the pages must show whichever there are.
"""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from talentzone.core.figures import Period, Section
from talentzone.directory.tests.factories import TalentFactory, tier
from talentzone.insights.views.overview import refresh_seconds

KEY = "directory.talents_by_tier"
YEAR_2024 = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def zone(db):
    """Three municipal talents and one provincial, all in the zone since 2020/2021, and one who
    arrives in 2025 (not in the zone at the end of 2024)."""
    municipal, provincial = tier("municipal"), tier("provincial_high")
    for _n in range(3):
        TalentFactory(tier=municipal, arrival_date=datetime.date(2020, 3, 1))
    TalentFactory(tier=provincial, arrival_date=datetime.date(2021, 5, 1))
    TalentFactory(tier=provincial, arrival_date=datetime.date(2025, 2, 1))
    return municipal, provincial


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "overview", "figures"),
    [
        ("leader", 200, 200),
        ("office_admin", 200, 200),
        ("reviewer", 403, 200),
        ("talent", 403, 403),
        ("enterprise_hr", 403, 403),
        ("grid_officer", 403, 403),
    ],
)
def test_who_reads_the_overview_and_the_figures(client, make_user, zone, role, overview, figures):
    signed_in(client, make_user(role))
    assert client.get(reverse("insights:overview")).status_code == overview
    assert client.get(reverse("insights:figures")).status_code == figures
    assert client.get(reverse("insights:figure", args=[KEY])).status_code == figures
    assert client.get(reverse("insights:figure-csv", args=[KEY])).status_code == figures
    assert client.get(reverse("insights:figure-xlsx", args=[KEY])).status_code == figures


def test_a_visitor_who_has_not_signed_in_is_sent_to_the_login(client, db):
    for name in ("insights:overview", "insights:figures"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_overview_shows_the_key_numbers_and_charts_of_the_year(client, make_user, zone):
    response = signed_in(client, make_user("leader")).get(reverse("insights:overview"))
    assert response.status_code == 200
    numbers = {number.name: value for number, _item, value in response.context["numbers"]}
    assert numbers["talents"] == 5  # the arrival of 2025 is in the zone too by now
    keys = [item.figure.key for item in response.context["charts"]]
    assert keys[0] == KEY
    content = response.content.decode()
    assert f'data-chart="{KEY}"' in content
    assert 'id="overview-config"' in content
    assert 'data-testid="as-of"' in content
    assert "vendor/echarts/echarts.min.js" in content
    config = response.context["config"]
    assert config["refresh"] == 300
    assert config["api"] == "/api/v1/insights/figures/"
    assert config["query"] == f"year={timezone.localdate().year}"
    assert KEY in config["figures"]
    assert {
        "name": "talents",
        "figure": KEY,
        "series": None,
        "category": None,
        "without": None,
    } in config["numbers"]


def test_the_overview_of_a_past_year_and_its_refresh(client, make_user, zone):
    client = signed_in(client, make_user("office_admin"))
    response = client.get(reverse("insights:overview"), {"year": 2024, "refresh": 60})
    assert response.context["period"] == YEAR_2024
    numbers = {number.name: value for number, _item, value in response.context["numbers"]}
    assert numbers["talents"] == 4  # the 2025 arrival is not there yet
    assert response.context["config"]["query"] == "year=2024"
    assert response.context["config"]["refresh"] == 60
    # A year that has not begun falls back to the year to date.
    future = client.get(reverse("insights:overview"), {"year": 2999})
    assert future.context["period"].start.year == timezone.localdate().year


def test_the_refresh_interval_is_bounded():
    assert refresh_seconds(None) == 300
    assert refresh_seconds("x") == 300
    assert refresh_seconds("0") == 0
    assert refresh_seconds("1") == 10
    assert refresh_seconds("99999") == 3600


def test_the_office_view_shows_every_section_with_drill_downs(client, make_user, zone):
    municipal, _provincial = zone
    client = signed_in(client, make_user("office_admin"))
    response = client.get(reverse("insights:figures"), {"year": 2024})
    assert response.status_code == 200
    assert response.context["period"] == YEAR_2024
    sections = dict(response.context["sections"])
    assert KEY in [item.figure.key for item in sections[Section.TALENTS]]
    chart = response.context["charts"][KEY]
    assert chart["period"] == {"start": "2024-01-01", "end": "2024-12-31"}
    index = chart["keys"].index(str(municipal.pk))
    assert chart["series"][0]["values"][index] == 3
    drill = chart["drill"][index]
    assert drill == f"{reverse('directory:talent-list')}?status=in_zone&tier={municipal.pk}"
    content = response.content.decode()
    assert f'href="{drill.replace("&", "&amp;")}"' in content  # the table links it too
    csv_link = reverse("insights:figure-csv", args=[KEY]) + "?start=2024-01-01&amp;end=2024-12-31"
    assert csv_link in content


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ({"kind": "year", "year": "2024"}, "2024-01-01", "2024-12-31"),
        ({"kind": "month", "month": "2024-02", "year": "2020"}, "2024-02-01", "2024-02-29"),
        ({"month": "2024-02"}, "2024-02-01", "2024-02-29"),
        (
            {"kind": "custom", "start": "2023-07-01", "end": "2024-06-30"},
            "2023-07-01",
            "2024-06-30",
        ),
    ],
)
def test_the_period_form(client, make_user, db, query, start, end):
    response = signed_in(client, make_user("reviewer")).get(reverse("insights:figures"), query)
    period = response.context["period"]
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert not response.context["form"].errors


def test_a_wrong_period_is_shown_beside_the_form_and_the_year_to_date_instead(
    client, make_user, db
):
    response = signed_in(client, make_user("office_admin")).get(
        reverse("insights:figures"), {"kind": "custom", "start": "2024-06-30", "end": "2024-01-01"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"end"}
    assert response.context["period"].start == datetime.date(timezone.localdate().year, 1, 1)
    assert 'data-testid="period-errors"' in response.content.decode()


def test_one_figure_large_with_its_table(client, make_user, zone):
    municipal, _provincial = zone
    response = signed_in(client, make_user("leader")).get(
        reverse("insights:figure", args=[KEY]), {"year": 2024}
    )
    assert response.status_code == 200
    rows = {row[0]: row[1:] for row, _url in response.context["item"].table}
    assert rows[str(municipal)] == [3]
    assert 'data-testid="figure-table"' in response.content.decode()


def test_an_unknown_figure_is_not_found(client, make_user, db):
    client = signed_in(client, make_user("office_admin"))
    assert client.get(reverse("insights:figure", args=["directory.nope"])).status_code == 404
    assert client.get(reverse("insights:figure-csv", args=["nope.nope"])).status_code == 404


def test_the_csv_download_carries_the_numbers(client, make_user, zone):
    municipal, provincial = zone
    response = signed_in(client, make_user("office_admin")).get(
        reverse("insights:figure-csv", args=[KEY]), {"start": "2024-01-01", "end": "2024-12-31"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="directory.talents_by_tier-20240101-20241231.csv"'
        in (response["Content-Disposition"])
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    table = {row[0]: row[1:] for row in rows[1:]}
    assert table[str(municipal)] == ["3"]
    assert table[str(provincial)] == ["1"]
    assert len(rows[0]) == 2


def test_the_excel_download_carries_the_numbers_the_period_and_the_as_of_time(
    client, make_user, zone
):
    municipal, provincial = zone
    response = signed_in(client, make_user("leader")).get(
        reverse("insights:figure-xlsx", args=[KEY]), {"year": 2024}
    )
    assert response.status_code == 200
    assert (
        'filename="directory.talents_by_tier-20240101-20241231.xlsx"'
        in (response["Content-Disposition"])
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [row for row in workbook.active.iter_rows(values_only=True) if any(row)]
    table = {row[0]: row[1] for row in rows}
    assert table[str(municipal)] == 3
    assert table[str(provincial)] == 1
    period_row = next(row for row in rows if row[1] == datetime.datetime(2024, 1, 1))
    assert period_row[2] == datetime.datetime(2024, 12, 31)
    assert any(isinstance(row[1], datetime.datetime) and row[2] is None for row in rows)


def test_a_download_over_a_wrong_period_is_refused(client, make_user, db):
    response = signed_in(client, make_user("office_admin")).get(
        reverse("insights:figure-csv", args=[KEY]), {"start": "2024-02-30", "end": "2024-03-01"}
    )
    assert response.status_code == 400
    assert "start" in response.content.decode()
