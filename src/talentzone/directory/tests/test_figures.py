"""The registry's figures: each counted on a small hand-made zone, the expected numbers written
out by hand. Also the day a talent left, which the stock figures count from: set by the services
and the import when the status becomes "left", cleared when it changes back, refused by the
database on anyone else."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from talentzone.core import figures as registry
from talentzone.core.choices import Role
from talentzone.core.figures import Period
from talentzone.directory import queries, services
from talentzone.directory.choices import Education, Industry, TalentStatus
from talentzone.directory.demo.timeline import REFERENCE_DATE
from talentzone.directory.figures import (
    enterprises_of_kind,
    talents_of_employer,
    talents_of_industry,
)
from talentzone.directory.imports.samples import talent_row, write_workbook
from talentzone.directory.imports.service import import_workbook
from talentzone.directory.models import Talent

from .factories import AgencyFactory, EnterpriseFactory, TalentFactory, tier

pytestmark = pytest.mark.django_db

YEAR = Period.year(2026)
LAST_DAY = datetime.date(2026, 12, 31)
LEFT = TalentStatus.LEFT


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def candidate(**fields) -> Talent:
    return TalentFactory(
        status=TalentStatus.CANDIDATE, agency=AgencyFactory(), employer=None, **fields
    )


@pytest.fixture
def acme():
    return EnterpriseFactory(name="示例电池公司")


# The registry of figures ---------------------------------------------------------------------


def test_the_registry_figures_are_registered_with_what_they_read():
    keys = {figure.key for figure in registry.all_figures()}
    assert {
        "directory.talents_by_tier",
        "directory.talents_by_industry",
        "directory.talents_by_education",
        "directory.talents_by_age",
        "directory.talents_by_employer",
        "directory.talents_by_arrival_year",
        "directory.inflow_outflow",
        "directory.enterprises_by_kind",
    } <= keys
    assert registry.get("directory.inflow_outflow").stock is False
    assert registry.get("directory.talents_by_age").stock is True
    assert "directory.Enterprise" in registry.get("directory.talents_by_employer").depends_on


# Who is in the zone on a day -----------------------------------------------------------------


def test_in_the_zone_from_the_day_of_arrival_until_the_day_before_leaving(acme):
    here = TalentFactory(employer=acme, arrival_date=day("2026-12-31"))
    TalentFactory(employer=acme, arrival_date=day("2027-01-01"))  # not yet arrived
    TalentFactory(employer=acme, status=LEFT, left_on=day("2026-12-31"))  # left that day
    stayed = TalentFactory(employer=acme, status=LEFT, left_on=day("2027-01-01"))
    TalentFactory(employer=acme, status=LEFT, left_on=None)  # left, day unknown: gone
    candidate(arrival_date=day("2020-01-01"))  # an agency's candidate is not in the zone

    assert set(queries.in_zone_on(LAST_DAY)) == {here, stayed}


def test_a_talent_without_arrival_date_counts_from_the_day_it_was_entered(acme):
    TalentFactory(employer=acme, arrival_date=None)

    assert queries.in_zone_on(today()).count() == 1
    assert queries.in_zone_on(today() - datetime.timedelta(days=1)).count() == 0


# Stock figures by a choice -------------------------------------------------------------------


def test_talents_by_tier(acme):
    TalentFactory(employer=acme)  # municipal, the factory's tier
    TalentFactory(employer=acme)
    TalentFactory(employer=acme, tier=tier("provincial_high"))
    TalentFactory(employer=acme, tier=None)
    TalentFactory(employer=acme, tier=tier("national_top"), arrival_date=day("2027-02-01"))

    data = queries.talents_by_tier(YEAR)

    assert data.value(str(tier("municipal").pk)) == 2
    assert data.value(str(tier("provincial_high").pk)) == 1
    assert data.value(str(tier("national_top").pk)) == 0
    assert data.value("") == 1
    assert data.total() == 4


def test_talents_by_industry_counts_those_in_the_zone_on_the_last_day(acme):
    equipment, electronics = Industry.EQUIPMENT, Industry.ELECTRONICS
    TalentFactory(employer=acme, industry=equipment)
    TalentFactory(employer=acme, industry=equipment, arrival_date=day("2026-12-31"))
    TalentFactory(employer=acme, industry=equipment, arrival_date=day("2027-01-01"))
    TalentFactory(employer=acme, industry=electronics, status=LEFT, left_on=day("2026-12-31"))
    TalentFactory(employer=acme, industry=electronics, status=LEFT, left_on=day("2027-01-02"))
    candidate(industry=electronics)

    data = queries.talents_by_industry(YEAR)

    assert data.keys == list(Industry.values)
    assert data.value("equipment") == 2
    assert data.value("electronics") == 1
    assert data.value("lithium_battery") == 0
    assert data.total() == 3


def test_a_stock_figure_of_a_past_period_counts_those_then_in_the_zone(acme):
    """Arrived in 2020, left in 2025: in the figures of 2024, not in those of 2026."""
    TalentFactory(
        employer=acme, industry=Industry.LOGISTICS, status=LEFT, left_on=day("2025-03-01")
    )

    assert queries.talents_by_industry(Period.year(2024)).value("logistics") == 1
    assert queries.talents_by_industry(YEAR).value("logistics") == 0
    assert queries.talents_by_industry(Period.year(2019)).value("logistics") == 0


def test_talents_by_education(acme):
    TalentFactory(employer=acme, education=Education.DOCTORATE)
    TalentFactory(employer=acme, education=Education.DOCTORATE)
    TalentFactory(employer=acme, education=Education.BACHELOR)
    TalentFactory(
        employer=acme, education=Education.BACHELOR, status=LEFT, left_on=day("2026-06-01")
    )

    data = queries.talents_by_education(YEAR)

    assert data.keys == list(Education.values)
    assert [data.value(k) for k in ("doctorate", "master", "bachelor", "other")] == [2, 0, 1, 0]


def test_an_empty_zone_gives_zeros_in_every_category():
    assert queries.talents_by_industry(YEAR).total() == 0
    assert queries.talents_by_education(YEAR).total() == 0
    assert queries.talents_by_age(YEAR).total() == 0
    assert queries.enterprises_by_kind(YEAR).total() == 0


# Ages ----------------------------------------------------------------------------------------


def test_talents_by_age_on_the_last_day_of_the_period(acme):
    for born in (
        "1997-01-01",  # 29 on 2026-12-31 (30 the next day)
        "1996-12-31",  # 30 that very day
        "1992-01-01",  # 34
        "1991-12-31",  # 35
        "1987-01-01",  # 39
        "1986-12-31",  # 40
        "1977-01-01",  # 49
        "1976-12-31",  # 50
        "1960-05-05",  # 66
    ):
        TalentFactory(employer=acme, born=day(born))
    TalentFactory(employer=acme, born=day("1999-01-01"), status=LEFT, left_on=day("2026-01-01"))

    data = queries.talents_by_age(YEAR)

    assert data.keys == ["under_30", "30_34", "35_39", "40_49", "50_plus"]
    assert data.series[0].values == [1, 2, 2, 2, 2]


def test_someone_born_on_29_february_is_a_year_older_from_1_march_in_a_common_year(acme):
    TalentFactory(employer=acme, born=day("1996-02-29"))

    on_28_february = queries.talents_by_age(Period(day("2026-01-01"), day("2026-02-28")))
    on_1_march = queries.talents_by_age(Period(day("2026-01-01"), day("2026-03-01")))

    assert on_28_february.value("under_30") == 1
    assert on_1_march.value("30_34") == 1


def test_on_29_february_someone_born_on_28_february_has_had_their_birthday(acme):
    TalentFactory(employer=acme, born=day("1994-02-28"))
    TalentFactory(employer=acme, born=day("1994-03-01"))

    data = queries.talents_by_age(Period(day("2024-02-01"), day("2024-02-29")))

    assert (data.value("under_30"), data.value("30_34")) == (1, 1)


# Employers -----------------------------------------------------------------------------------


def test_talents_by_employer_shows_the_top_15_then_the_others_then_no_employer():
    employers = [EnterpriseFactory(name=f"示例企业{n:02d}") for n in range(1, 18)]
    for employer, count in zip(employers, [3, 2] + [1] * 15, strict=True):
        for _ in range(count):
            TalentFactory(employer=employer)
    TalentFactory(employer=employers[16], status=LEFT, left_on=day("2026-05-01"))  # gone
    TalentFactory(employer=employers[15], arrival_date=day("2027-01-05"))  # not yet here
    TalentFactory(employer=None)

    data = queries.talents_by_employer(YEAR)

    assert [str(c) for c in data.categories[:3]] == ["示例企业01", "示例企业02", "示例企业03"]
    assert str(data.categories[14]) == "示例企业15"
    assert data.keys[:15] == [str(e.pk) for e in employers[:15]]
    assert data.keys[15:] == ["others", ""]
    assert data.series[0].values == [3, 2] + [1] * 13 + [2, 1]
    assert data.total() == 21


def test_an_employer_drills_down_to_its_talents_the_others_nowhere(acme):
    url = talents_of_employer(str(acme.pk), YEAR)
    assert url == reverse("directory:talent-list") + f"?status=in_zone&employer={acme.pk}"
    assert talents_of_employer("others", YEAR) is None
    assert talents_of_employer("", YEAR) is None
    assert talents_of_industry("equipment", YEAR).endswith("?status=in_zone&industry=equipment")


def test_the_employer_drill_down_lists_that_employers_talents(client, make_user, acme):
    TalentFactory(employer=acme, name="甲某")
    TalentFactory(name="乙某")
    client.force_login(make_user(Role.LEADER))

    page = client.get(talents_of_employer(str(acme.pk), YEAR))

    assert page.status_code == 200
    assert "甲某" in page.content.decode()
    assert "乙某" not in page.content.decode()


# Arrival years and flows ---------------------------------------------------------------------


def test_talents_by_arrival_year_from_the_earliest_year_to_the_period_end(acme):
    TalentFactory(employer=acme, arrival_date=day("2019-05-01"))
    TalentFactory(employer=acme, arrival_date=day("2021-01-01"))
    TalentFactory(employer=acme, arrival_date=day("2021-12-31"))
    TalentFactory(employer=acme, arrival_date=day("2026-12-31"))
    TalentFactory(employer=acme, arrival_date=day("2027-01-01"))  # after the period
    TalentFactory(
        employer=acme, arrival_date=day("2018-01-01"), status=LEFT, left_on=day("2022-01-01")
    )

    data = queries.talents_by_arrival_year(YEAR)

    assert data.keys == [str(y) for y in range(2019, 2027)] + [""]
    assert data.series[0].values == [1, 0, 2, 0, 0, 0, 0, 1, 0]


def test_arrival_years_of_an_empty_zone_are_only_the_unknown_ones():
    data = queries.talents_by_arrival_year(YEAR)
    assert (data.keys, data.series[0].values) == ([""], [0])


def test_inflow_outflow_counts_arrivals_and_departures_per_month_of_the_period(acme):
    period = Period(day("2026-01-15"), day("2026-03-31"))
    for arrived in (
        "2026-01-14",
        "2026-01-15",
        "2026-02-10",
        "2026-02-10",
        "2026-03-31",
        "2026-04-01",
    ):
        TalentFactory(employer=acme, arrival_date=day(arrived))
    candidate(arrival_date=day("2026-02-11"))  # candidates do not arrive in the zone
    for left in ("2026-01-14", "2026-01-20", "2026-03-31", "2026-04-01"):
        TalentFactory(employer=acme, status=LEFT, left_on=day(left))
    # came and went within the period: counted both ways
    TalentFactory(
        employer=acme, arrival_date=day("2026-02-01"), status=LEFT, left_on=day("2026-03-01")
    )

    data = queries.inflow_outflow(period)

    assert data.keys == ["2026-01", "2026-02", "2026-03"]
    assert data.get("arrivals").values == [1, 3, 1]
    assert data.get("departures").values == [1, 0, 2]


def test_inflow_outflow_of_a_month_without_movement_is_zero(acme):
    TalentFactory(employer=acme, arrival_date=day("2026-05-31"))
    data = queries.inflow_outflow(Period.month(2026, 6))
    assert (data.keys, data.get("arrivals").values, data.get("departures").values) == (
        ["2026-06"],
        [0],
        [0],
    )


# Enterprises ---------------------------------------------------------------------------------


def test_enterprises_by_kind_counts_enterprises_and_their_talents_in_the_zone():
    big_tech = EnterpriseFactory(above_scale=True, high_tech=True)
    institute = EnterpriseFactory(above_scale=False, rd_institution=True)
    small = EnterpriseFactory(above_scale=False)
    EnterpriseFactory(above_scale=True)  # no talents
    TalentFactory(employer=big_tech)
    TalentFactory(employer=big_tech)
    TalentFactory(employer=big_tech, status=LEFT, left_on=day("2026-02-01"))
    TalentFactory(employer=institute)
    TalentFactory(employer=small)

    data = queries.enterprises_by_kind(YEAR)

    assert data.keys == ["above_scale", "high_tech", "rd_institution"]
    assert data.get("enterprises").values == [2, 1, 1]
    assert data.get("talents").values == [2, 2, 1]
    assert enterprises_of_kind("high_tech", YEAR) == (
        reverse("directory:enterprise-list") + "?high_tech=true"
    )


# The day a talent left -----------------------------------------------------------------------


def test_a_talent_whose_status_becomes_left_gets_todays_date_and_loses_it_on_return(
    make_user, acme
):
    office = make_user(Role.OFFICE_ADMIN)
    talent = TalentFactory(employer=acme)

    services.talent_update(actor=office, talent=talent, data={"status": LEFT})
    talent.refresh_from_db()
    assert talent.left_on == today()

    services.talent_update(actor=office, talent=talent, data={"status": TalentStatus.IN_ZONE})
    talent.refresh_from_db()
    assert talent.left_on is None


def test_saving_a_talent_who_had_left_keeps_the_day_they_left(make_user, acme):
    office = make_user(Role.OFFICE_ADMIN)
    talent = TalentFactory(employer=acme, status=LEFT, left_on=day("2025-07-01"))

    services.talent_update(actor=office, talent=talent, data={"major": "化学", "status": LEFT})
    talent.refresh_from_db()

    assert talent.left_on == day("2025-07-01")


def test_a_talent_registered_as_left_is_dated_today(make_user, acme):
    office = make_user(Role.OFFICE_ADMIN)
    data = {
        "name": "郑明轩",
        "gender": "male",
        "birth_date": day("1990-04-02"),
        "id_number": TalentFactory.build(born=day("1990-04-02")).id_number,
        "phone": "13905937788",
        "education": "doctorate",
        "industry": "lithium_battery",
        "employer": acme,
        "status": LEFT,
    }

    talent = services.talent_create(actor=office, data=data)

    assert talent.left_on == today()


def test_the_database_refuses_a_leaving_day_on_a_talent_in_the_zone(acme):
    talent = TalentFactory(employer=acme)
    talent.left_on = day("2026-01-01")
    with pytest.raises(IntegrityError), transaction.atomic():
        talent.save()


def import_rows(actor, rows, update_existing=False):
    buffer = io.BytesIO()
    write_workbook(buffer, rows)
    buffer.seek(0)
    with translation.override("en"):
        report = import_workbook(
            actor=actor, kind="talents", path_or_file=buffer, update_existing=update_existing
        )
    assert not report.rejected, report.errors
    return report


def test_the_import_dates_departures_and_clears_the_date_of_a_return(make_user):
    office = make_user(Role.OFFICE_ADMIN)
    import_rows(office, [talent_row(1, **{"状态": "left"}), talent_row(2)])
    first = queries.talents_with_id_numbers([talent_row(1)["身份证号码"]]).get()
    second = queries.talents_with_id_numbers([talent_row(2)["身份证号码"]]).get()
    assert (first.left_on, second.left_on) == (today(), None)

    report = import_rows(
        office, [talent_row(1), talent_row(2, **{"状态": "left"})], update_existing=True
    )

    assert report.updated == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.left_on) == ("in_zone", None)
    assert (second.status, second.left_on) == ("left", today())


def test_the_import_tells_the_figures_it_wrote_talents(make_user):
    seen = []

    def listener(sender, models=(), **kwargs):
        seen.extend(models)

    registry.records_changed.connect(listener)
    try:
        import_rows(make_user(Role.OFFICE_ADMIN), [talent_row(1)])
    finally:
        registry.records_changed.disconnect(listener)

    assert seen == ["directory.Talent"]


# The demo ------------------------------------------------------------------------------------


def test_the_demo_dates_every_departure_in_the_two_years_before_the_reference_date():
    with translation.override("en"):
        call_command("seed", "--scale", "0.2", "--registry-only", verbosity=0)

    left = Talent.objects.filter(status=LEFT)
    assert left.exists()
    assert not left.filter(left_on__isnull=True).exists()
    assert not Talent.objects.exclude(status=LEFT).filter(left_on__isnull=False).exists()
    for arrived, left_on in left.values_list("arrival_date", "left_on"):
        assert datetime.date(2024, 6, 30) <= left_on <= REFERENCE_DATE
        assert left_on > arrived or left_on == arrived == REFERENCE_DATE
