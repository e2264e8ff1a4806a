"""The talent apartments API: each endpoint for the roles that may use it and one that may not
(403; a record outside one's sight 404), refusals 400 on the field at fault (never 500), a
household's way from the queue to a lease through the API, applications and school places, and
the OpenAPI schema without warnings."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.directory.tests.factories import DepartmentFactory
from talentzone.housing.choices import ApartmentStatus, LeaseStatus
from talentzone.housing.models import Lease, Offer, SchoolingRequest
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    QueueEntryFactory,
    SchemeFactory,
    talent_user,
)
from talentzone.policies.choices import ApplicationStatus, Benefit
from talentzone.policies.models import Application
from talentzone.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/housing"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def client_for(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def ok(response, code: int = 200):
    assert response.status_code == code, (response.status_code, response.content)
    return response.json()


def errors_of(response) -> dict:
    assert response.status_code == 400, (response.status_code, response.content)
    return response.json()


def rows(body):
    return body["results"] if isinstance(body, dict) else body


def in_kind_policy():
    today = timezone.localtime().date()
    return PolicyFactory(
        benefit=Benefit.IN_KIND,
        formula="",
        amount_fen=None,
        budget_line=None,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
    )


@pytest.fixture
def world(db, community):
    scheme = SchemeFactory(policy=in_kind_policy())
    flat = ApartmentFactory(community=community)
    ApartmentFactory(community=community, layout="studio")
    talent, user = talent_user()
    entry = QueueEntryFactory(scheme=scheme, talent=talent)
    other, other_user = talent_user()
    QueueEntryFactory(scheme=scheme, talent=other, household_size=4)
    return scheme, flat, entry, user, other_user


def test_a_household_goes_from_the_queue_to_a_lease(world, office, leader):
    scheme, flat, entry, user, other_user = world
    office_api, talent_api = client_for(office), client_for(user)

    queue = ok(office_api.get(f"{API}/queue/", {"scheme": scheme.pk}))["results"]
    assert [row["rank"] for row in queue] == [1, 2] and queue[0]["parts"]
    errors_of(office_api.get(f"{API}/queue/", {"scheme": "x"}))
    own = ok(talent_api.get(f"{API}/queue/"))["results"]
    assert [row["id"] for row in own] == [entry.pk]
    assert own[0]["positions"] == {"two_rooms": 2} and len(own[0]["parts"]) == 4

    assert client_for(leader).post(f"{API}/rounds/", {"scheme": scheme.pk}).status_code == 403
    assert talent_api.post(f"{API}/rounds/", {"scheme": scheme.pk}).status_code == 403
    assert set(errors_of(office_api.post(f"{API}/rounds/", {"scheme": 999}))) == {"scheme"}
    report = ok(office_api.post(f"{API}/rounds/", {"scheme": scheme.pk}), 201)
    assert report["unoffered"] == 1 and len(report["offers"]) == 1
    assert "Priority score" in report["offers"][0]["reason"]
    ok(client_for(leader).get(f"{API}/rounds/{report['id']}/"))

    offer = Offer.objects.get()
    assert offer.entry != entry  # the larger household scores higher
    owner_api = client_for(offer.entry.talent.user)
    stranger_api = client_for(user)
    assert stranger_api.post(f"{API}/offers/{offer.pk}/accept/").status_code == 404
    assert office_api.post(f"{API}/offers/{offer.pk}/accept/").status_code == 403
    assert len(rows(ok(owner_api.get(f"{API}/offers/")))) == 1
    assert ok(owner_api.post(f"{API}/offers/{offer.pk}/accept/"))["status"] == "accepted"
    assert errors_of(owner_api.post(f"{API}/offers/{offer.pk}/decline/", {}))

    assert owner_api.post(f"{API}/leases/", {"offer": offer.pk}).status_code == 403
    assert set(
        errors_of(office_api.post(f"{API}/leases/", {"offer": offer.pk, "starts_on": "x"}))
    ) == {"starts_on"}
    lease = ok(office_api.post(f"{API}/leases/", {"offer": offer.pk}), 201)
    assert set(errors_of(office_api.post(f"{API}/leases/", {"offer": offer.pk}))) == {"offer"}
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.LET
    assert len(rows(ok(owner_api.get(f"{API}/leases/")))) == 1
    assert rows(ok(stranger_api.get(f"{API}/leases/"))) == []

    assert set(errors_of(office_api.post(f"{API}/leases/{lease['id']}/renew/", {"months": 0}))) == {
        "months"
    }
    renewed = ok(office_api.post(f"{API}/leases/{lease['id']}/renew/", {"months": 6}), 201)
    assert set(
        errors_of(office_api.post(f"{API}/leases/{renewed['id']}/terminate/", {"on": "2026-07-01"}))
    ) == {"reason"}
    before = datetime.date.fromisoformat(renewed["starts_on"]) - datetime.timedelta(days=1)
    assert set(
        errors_of(
            office_api.post(
                f"{API}/leases/{renewed['id']}/terminate/",
                {"on": before.isoformat(), "reason": "调离"},
            )
        )
    ) == {"on"}
    ended = ok(
        office_api.post(
            f"{API}/leases/{renewed['id']}/terminate/",
            {"on": renewed["starts_on"], "reason": "调离"},
        )
    )
    assert ended["status"] == LeaseStatus.TERMINATED
    assert set(
        errors_of(office_api.post(f"{API}/leases/{lease['id']}/inspection/", {"outcome": "repair"}))
    ) == {"lease"}
    ok(office_api.post(f"{API}/leases/{renewed['id']}/inspection/", {"outcome": "repair"}))
    assert ok(office_api.post(f"{API}/apartments/{flat.pk}/repaired/"))["status"] == "vacant"
    flat.refresh_from_db()
    assert flat.status == ApartmentStatus.VACANT
    assert Lease.objects.count() == 2


def test_flats_and_the_board(world, office, leader):
    _scheme, flat, _entry, user, _other = world
    board = ok(client_for(leader).get(f"{API}/communities/"))
    assert board[0]["total"] == 2 and board[0]["vacant"] == 2 and board[0]["occupancy"] == 0
    studios = rows(ok(client_for(office).get(f"{API}/apartments/", {"layout": "studio"})))
    assert len(studios) == 1
    assert set(errors_of(client_for(office).get(f"{API}/apartments/", {"status": "x"}))) == {
        "status"
    }
    assert client_for(user).get(f"{API}/apartments/").status_code == 403
    assert client_for(user).get(f"{API}/communities/").status_code == 403
    assert set(errors_of(client_for(office).post(f"{API}/apartments/{flat.pk}/repaired/"))) == {
        "apartment"
    }
    assert client_for(leader).post(f"{API}/apartments/{flat.pk}/repaired/").status_code == 403
    assert client_for(None).get(f"{API}/apartments/").status_code in (401, 403)


def test_applications_and_school_places(db, office, make_user):
    scheme = SchemeFactory(policy=in_kind_policy())
    schooling = in_kind_policy()
    _talent, user = talent_user()
    api = client_for(user)
    assert set(
        errors_of(
            api.post(
                f"{API}/housing-requests/",
                {"scheme": scheme.pk, "layouts": [], "household_size": 2},
                format="json",
            )
        )
    ) == {"layouts"}
    assert set(
        errors_of(
            api.post(
                f"{API}/housing-requests/",
                {"scheme": scheme.pk, "layouts": ["studio"], "household_size": 3},
                format="json",
            )
        )
    ) == {"household_size"}
    made = ok(
        api.post(
            f"{API}/housing-requests/",
            {"scheme": scheme.pk, "layouts": ["two_rooms"], "household_size": 3},
            format="json",
        ),
        201,
    )
    assert made["application_status"] == ApplicationStatus.DRAFT
    assert client_for(office).post(f"{API}/housing-requests/", {}, format="json").status_code == 403

    body = {
        "policy": schooling.pk,
        "child_name": "陈小雨",
        "child_birth_date": "2099-01-01",
        "level": "primary",
    }
    assert set(errors_of(api.post(f"{API}/schooling-requests/", body, format="json"))) == {
        "child_birth_date"
    }
    assert set(
        errors_of(api.post(f"{API}/schooling-requests/", {**body, "level": "x"}, format="json"))
    ) == {"level"}
    made = ok(
        api.post(
            f"{API}/schooling-requests/", {**body, "child_birth_date": "2020-03-05"}, format="json"
        ),
        201,
    )
    request = SchoolingRequest.objects.get(pk=made["id"])
    bureau = make_user("reviewer", department=DepartmentFactory(code="education"))
    assert set(
        errors_of(
            client_for(bureau).post(
                f"{API}/schooling-requests/{request.pk}/assign/", {"school": "东侨实验小学"}
            )
        )
    ) == {"request"}
    Application.objects.filter(pk=request.application_id).update(status=ApplicationStatus.APPROVED)
    assert (
        api.post(f"{API}/schooling-requests/{request.pk}/assign/", {"school": "x"}).status_code
        == 403
    )
    outsider = make_user("reviewer", department=DepartmentFactory())
    assert (
        outsider
        and client_for(outsider)
        .post(f"{API}/schooling-requests/{request.pk}/assign/", {"school": "x"})
        .status_code
        == 404
    )
    assert set(
        errors_of(
            client_for(bureau).post(
                f"{API}/schooling-requests/{request.pk}/assign/", {"school": ""}
            )
        )
    ) == {"school"}
    done = ok(
        client_for(bureau).post(
            f"{API}/schooling-requests/{request.pk}/assign/", {"school": "东侨实验小学"}
        )
    )
    assert done["school_assigned"] == "东侨实验小学"
    assert [row["id"] for row in rows(ok(api.get(f"{API}/schooling-requests/")))] == [request.pk]


def test_the_openapi_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular",
        "--fail-on-warn",
        "--validate",
        file=str(tmp_path / "schema.yaml"),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    schema = (tmp_path / "schema.yaml").read_text()
    for path in (
        "/api/v1/housing/queue/",
        "/api/v1/housing/rounds/",
        "/api/v1/housing/offers/{id}/accept/",
        "/api/v1/housing/leases/{id}/terminate/",
        "/api/v1/housing/schooling-requests/{id}/assign/",
    ):
        assert path in schema
