"""The 360° pages (跟踪服务) of a talent and of an enterprise, their API, and each app's part.

Every record is made with the apps' factories (or written directly where an app has none) on
fixed days of 2026, so the expected order is written out by hand."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from talentzone.awards.models import Nomination
from talentzone.awards.tests.factories import NominationFactory
from talentzone.cases.choices import CaseSource, CaseStatus
from talentzone.cases.models import Case, Visit
from talentzone.cases.tests.factories import CategoryFactory
from talentzone.core import timeline
from talentzone.directory.models import GridTeam
from talentzone.directory.tests.factories import (
    CredentialFactory,
    EnterpriseFactory,
    GridFactory,
    GridTeamFactory,
    PlatformFactory,
    TalentFactory,
    UserFactory,
)
from talentzone.events.choices import RegistrationStatus
from talentzone.events.tests.factories import EventFactory, RegistrationFactory
from talentzone.housing.tests.factories import QueueEntryFactory
from talentzone.policies.choices import ApplicationStatus, OfferStatus
from talentzone.policies.models import Application, Offer
from talentzone.policies.tests.factories import PolicyFactory, ReviewStageFactory
from talentzone.recruiting.choices import ReferralStatus
from talentzone.recruiting.models import Referral
from talentzone.recruiting.tests.factories import (
    DemandFactory,
    InterviewFactory,
    ReferralFactory,
)
from talentzone.venues.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def moment(month: int, day: int, hour: int = 10) -> datetime.datetime:
    naive = datetime.datetime(2026, month, day, hour)
    return timezone.make_aware(naive, timezone.get_default_timezone())


def application_for(applicant_field: str, applicant, *, policy=None, when=None):
    policy = policy or PolicyFactory()
    stage = ReviewStageFactory(policy=policy, position=1)
    return Application.objects.create(
        applicant_kind=applicant_field,
        **{applicant_field: applicant},
        policy=policy,
        created_by=UserFactory(),
        status=ApplicationStatus.IN_REVIEW,
        stage=stage,
        amount_fen=5_000_000,
        submitted_at=when or moment(2, 10),
    )


def team_of(grid):
    return GridTeam.objects.filter(grid=grid).first() or GridTeamFactory(grid=grid)


def case_about(raiser, *, opened_on, **party):
    enterprise = party.get("enterprise") or party["talent"].employer
    team = team_of(enterprise.grid)
    return Case.objects.create(
        number=f"AJ2026-{Case.objects.count() + 1:04d}",
        title="子女入学咨询",
        description="询问子女入学政策。",
        category=CategoryFactory(),
        source=CaseSource.TALENT if "talent" in party else CaseSource.ENTERPRISE,
        raised_by=raiser,
        team=team,
        status=CaseStatus.OPEN,
        opened_on=opened_on,
        level_since=opened_on,
        due_on=opened_on + datetime.timedelta(days=7),
        **party,
    )


@pytest.fixture
def talent():
    """A talent with one record from each app, on days written out below."""
    person = TalentFactory(arrival_date=datetime.date(2020, 3, 1))
    CredentialFactory(
        talent=person, name="省级高层次人才认定", awarded_on=datetime.date(2021, 5, 1)
    )
    application_for("talent", person, when=moment(2, 10))
    referral = ReferralFactory(talent=person, status=ReferralStatus.INTERVIEW)
    Referral.objects.filter(pk=referral.pk).update(created_at=moment(3, 5))
    InterviewFactory(referral=referral, starts_at=moment(3, 12))
    RegistrationFactory(
        event=EventFactory(title="青年人才联谊会", starts_at=moment(4, 18, 19)),
        talent=person,
        status=RegistrationStatus.ATTENDED,
    )
    case_about(UserFactory(), opened_on=datetime.date(2026, 5, 6), talent=person)
    QueueEntryFactory(talent=person, approved_on=datetime.date(2026, 6, 1))
    nomination = NominationFactory(talent=person)
    Nomination.objects.filter(pk=nomination.pk).update(created_at=moment(7, 1))
    return person


# The talent's entries, newest first: (source, day).
EXPECTED = [
    ("awards", "2026-07-01"),
    ("housing", "2026-06-01"),
    ("cases", "2026-05-06"),
    ("events", "2026-04-18"),
    ("recruiting", "2026-03-12"),
    ("recruiting", "2026-03-05"),
    ("policies", "2026-02-10"),
    ("directory", "2021-05-01"),
    ("directory", "2020-03-01"),
]


def page_entries(content: str) -> list[tuple[str, str]]:
    import re

    pattern = r'data-testid="entry" data-source="([a-z]+)" data-day="([0-9-]+)"'
    return re.findall(pattern, content)


def test_a_talent_with_a_record_from_each_app_shows_them_newest_first(client, make_user, talent):
    client.force_login(make_user("office_admin"))

    response = client.get(reverse("insights:talent-timeline", args=[talent.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert page_entries(content) == EXPECTED
    assert talent.name in content
    for title in ("省级高层次人才认定", "青年人才联谊会", "子女入学咨询"):
        assert title in content
    # Entries link to their own pages where the reader may open one.
    case = Case.objects.get(talent=talent)
    assert reverse("cases:detail", args=[case.pk]) in content
    application = Application.objects.get(talent=talent)
    assert reverse("policies:application-detail", args=[application.pk]) in content


def test_the_chips_filter_the_timeline_to_one_source(client, make_user, talent):
    client.force_login(make_user("leader"))

    response = client.get(
        reverse("insights:talent-timeline", args=[talent.pk]), {"source": "recruiting"}
    )

    assert page_entries(response.content.decode()) == [
        ("recruiting", "2026-03-12"),
        ("recruiting", "2026-03-05"),
    ]
    assert 'data-source="recruiting"' in response.content.decode()


def test_a_record_with_nothing_yet_shows_the_empty_state(client, make_user):
    enterprise = EnterpriseFactory()
    client.force_login(make_user("office_admin"))

    response = client.get(reverse("insights:enterprise-timeline", args=[enterprise.pk]))

    assert response.status_code == 200
    assert 'data-testid="empty-state"' in response.content.decode()
    assert page_entries(response.content.decode()) == []


def test_a_grid_officer_follows_the_records_of_their_grid_only(client, make_user, talent):
    enterprise = talent.employer
    inside = make_user("grid_officer", grid=enterprise.grid)
    outside = make_user("grid_officer", grid=GridFactory())

    client.force_login(inside)
    assert client.get(reverse("insights:talent-timeline", args=[talent.pk])).status_code == 200
    url = reverse("insights:enterprise-timeline", args=[enterprise.pk])
    assert client.get(url).status_code == 200

    client.force_login(outside)
    assert client.get(reverse("insights:talent-timeline", args=[talent.pk])).status_code == 404
    assert client.get(url).status_code == 404
    api = reverse("insights-api:talent-timeline", args=[talent.pk])
    assert client.get(api).status_code == 404


def test_a_talent_may_not_read_any_360_page_not_even_their_own(client, talent):
    user = UserFactory(roles=["talent"])
    talent.user = user
    talent.save(update_fields=["user"])
    client.force_login(user)

    assert client.get(reverse("insights:talent-timeline", args=[talent.pk])).status_code == 403
    api = reverse("insights-api:talent-timeline", args=[talent.pk])
    assert client.get(api).status_code == 403
    enterprise = reverse("insights:enterprise-timeline", args=[talent.employer_id])
    assert client.get(enterprise).status_code == 403


def test_enterprise_hr_may_not_read_the_360_page_of_their_enterprise(client, make_user, talent):
    client.force_login(make_user("enterprise_hr", enterprise=talent.employer))

    url = reverse("insights:enterprise-timeline", args=[talent.employer_id])
    assert client.get(url).status_code == 403


def test_the_api_returns_the_entries_of_the_page(client, make_user, talent):
    client.force_login(make_user("office_admin"))

    response = client.get(reverse("insights-api:talent-timeline", args=[talent.pk]))

    assert response.status_code == 200
    data = response.json()
    assert [(row["source"], row["moment"][:10]) for row in data] == EXPECTED
    entries = timeline.talent_timeline(talent, UserFactory(roles=["office_admin"]))
    assert [row["title"] for row in data] == [str(entry.title) for entry in entries]
    first = data[0]
    assert set(first) == {
        "when",
        "moment",
        "all_day",
        "source",
        "kind",
        "title",
        "status",
        "detail",
        "url",
    }
    arrival = data[-1]
    assert arrival["when"] == "2020-03-01" and arrival["all_day"] is True
    only = client.get(
        reverse("insights-api:talent-timeline", args=[talent.pk]), {"source": "policies"}
    ).json()
    assert [row["source"] for row in only] == ["policies"]


def test_an_enterprise_shows_its_platforms_demands_bookings_cases_visits_and_nominations(
    client, make_user
):
    enterprise = EnterpriseFactory(founded_on=datetime.date(2015, 4, 1))
    PlatformFactory(enterprise=enterprise, approved_on=datetime.date(2019, 9, 1))
    demand = DemandFactory(enterprise=enterprise, title="正极材料研发工程师")
    type(demand).objects.filter(pk=demand.pk).update(created_at=moment(1, 20))
    hired = ReferralFactory(demand=demand, status=ReferralStatus.HIRED)
    Referral.objects.filter(pk=hired.pk).update(
        created_at=moment(1, 25), hired_on=datetime.date(2026, 2, 28)
    )
    application_for("enterprise", enterprise, policy=PolicyFactory(applicant_kind="enterprise"))
    BookingFactory(enterprise=enterprise, starts_at=moment(6, 2))
    case_about(UserFactory(), opened_on=datetime.date(2026, 5, 6), enterprise=enterprise)
    Visit.objects.create(
        team=team_of(enterprise.grid),
        enterprise=enterprise,
        visited_on=datetime.date(2026, 4, 9),
        visitors="林志远",
        met="人事经理",
        notes="了解用工需求。",
        recorded_by=UserFactory(),
    )
    nomination = NominationFactory(enterprise=enterprise, talent=TalentFactory(employer=enterprise))
    Nomination.objects.filter(pk=nomination.pk).update(created_at=moment(7, 1))
    client.force_login(make_user("grid_officer", grid=enterprise.grid))

    response = client.get(reverse("insights:enterprise-timeline", args=[enterprise.pk]))

    assert response.status_code == 200
    assert page_entries(response.content.decode()) == [
        ("awards", "2026-07-01"),
        ("venues", "2026-06-02"),
        ("cases", "2026-05-06"),
        ("cases", "2026-04-09"),
        ("recruiting", "2026-02-28"),
        ("policies", "2026-02-10"),
        ("recruiting", "2026-01-20"),
        ("directory", "2019-09-01"),
        ("directory", "2015-04-01"),
    ]
    assert "正极材料研发工程师" in response.content.decode()


def test_the_registry_detail_pages_offer_the_360_button_to_those_who_may_read_it(
    client, make_user, talent
):
    pages = [
        (
            reverse("directory:talent-detail", args=[talent.pk]),
            reverse("insights:talent-timeline", args=[talent.pk]),
        ),
        (
            reverse("directory:enterprise-detail", args=[talent.employer_id]),
            reverse("insights:enterprise-timeline", args=[talent.employer_id]),
        ),
    ]
    client.force_login(make_user("office_admin"))
    for detail, target in pages:
        content = client.get(detail).content.decode()
        assert 'data-testid="timeline-button"' in content and target in content

    client.force_login(make_user("enterprise_hr", enterprise=talent.employer))
    for detail, _target in pages:
        response = client.get(detail)
        assert response.status_code == 200
        assert 'data-testid="timeline-button"' not in response.content.decode()


def test_each_source_reads_a_few_queries_however_many_records(make_user, talent):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    reader = make_user("office_admin")
    with CaptureQueriesContext(connection) as one_each:
        timeline.talent_timeline(talent, reader)
    # A second record of each kind the talent can have many of.
    CredentialFactory(talent=talent, name="市级拔尖人才", awarded_on=datetime.date(2022, 1, 1))
    application_for("talent", talent)
    referral = ReferralFactory(talent=talent, status=ReferralStatus.INTERVIEW)
    InterviewFactory(referral=referral)
    RegistrationFactory(talent=talent)
    case_about(UserFactory(), opened_on=datetime.date(2026, 5, 7), talent=talent)
    NominationFactory(talent=talent)
    reader = make_user("office_admin")
    with CaptureQueriesContext(connection) as two_each:
        entries = timeline.talent_timeline(talent, reader)

    assert len(entries) == len(EXPECTED) + 7
    assert len(two_each) == len(one_each)


def test_policies_show_the_decision_the_payment_and_offers(make_user):
    person = TalentFactory()
    application = application_for("talent", person)
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.REJECTED, stage=None, decided_at=moment(3, 1)
    )
    Offer.objects.create(
        applicant_kind="talent", talent=person, policy=PolicyFactory(), status=OfferStatus.OPEN
    )

    entries = timeline.talent_timeline(person, make_user("leader"))

    kinds = [(entry.source, entry.status) for entry in entries if entry.source == "policies"]
    assert (("policies", OfferStatus.OPEN.label)) in kinds
    assert kinds.count(("policies", ApplicationStatus.REJECTED.label)) == 2  # applied, decided


def test_a_grid_officer_sees_entries_without_links_to_pages_they_may_not_open(make_user, talent):
    officer = make_user("grid_officer", grid=talent.employer.grid)

    entries = timeline.talent_timeline(talent, officer)

    awards = [entry for entry in entries if entry.source == "awards"]
    assert awards and awards[0].url == ""  # nominations are the office's and the nominee's
    housing = [entry for entry in entries if entry.source == "housing"]
    assert housing and housing[0].url == ""
