"""Every operation of the API, fuzzed from its own OpenAPI schema, as every role.

Schemathesis reads the live schema (`/api/schema/`, served by the WSGI app in this process) and
generates requests from it, valid ones and invalid ones, which go through the whole stack
(middleware, authentication, the views, the services, the database). Each role signs in with a
token as a user who acts for an organisation of a small world made with the apps' factories;
path ids are drawn now and then from that world's rows, so detail routes are found as well as
missed. Whatever a request sends, the answer must not be a server error and must be what the
schema says: a documented status code, a documented content type, a body of the documented
shape.

Examples per operation and role: `TALENTZONE_FUZZ_EXAMPLES` (default 1, Hypothesis's simplest
request, which fits the suite's time; 2 and more add generated ones — 2 takes about twice as
long. The run is deterministic, so CI fuzzes the same requests each time), and
`TALENTZONE_FUZZ_ONLY=/recruiting/` to fuzz one app's paths. The number of requests made per
role is printed and kept in `var/api-fuzz.json`.
"""

import datetime
import json
import os
import time
from pathlib import Path

import hypothesis
import hypothesis.errors
import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from talentzone.awards.tests.factories import (
    ExpertFactory,
    NominationFactory,
    RoundFactory,
    with_criteria,
)
from talentzone.cases.tests.factories import CategoryFactory
from talentzone.core.choices import Role
from talentzone.directory.tests.factories import (
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
)
from talentzone.events.tests.factories import (
    EventFactory,
    EventQuotaFactory,
    RegistrationFactory,
    TrainingSessionFactory,
)
from talentzone.housing.tests.factories import (
    ApartmentFactory,
    QueueEntryFactory,
    SchemeFactory,
)
from talentzone.policies.tests.factories import three_stage_policy
from talentzone.recruiting.tests.factories import (
    DemandFactory,
    DemandSkillFactory,
    InterviewFactory,
    ProjectFactory,
    ReferralFactory,
    SkillFactory,
    agency_candidate,
    open_candidate,
)
from talentzone.venues.tests.factories import BookingFactory, VenueClosureFactory, VenueFactory
from talentzone.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("TALENTZONE_FUZZ_EXAMPLES", "1"))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# Fuzz only the operations whose path holds this (e.g. "/recruiting/"), to look deeper at one app.
ONLY = os.environ.get("TALENTZONE_FUZZ_ONLY", "")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
COUNTS_FILE = Path(settings.VAR_DIR) / "api-fuzz.json"


@pytest.fixture(scope="module")
def api_schema(django_db_setup, django_db_blocker):
    """The schema as the running app serves it (it needs no signed-in user)."""
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def connection_kept_open():
    """Django closes the database connection when a request ends, which inside the test's
    transaction would throw it away (PostgreSQL); Django's test client unhooks the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def small_world(make_user) -> dict:
    """A handful of rows in every app, and one user per role acting for one of its
    organisations: the office, reviewer and leader for a department, the grid officer for the
    grid of one enterprise, HR for that enterprise, agency and station staff for theirs, the
    talent linked to their registry record, the expert in the evaluations' pool."""
    office = DepartmentFactory(name="人才办")
    grid = GridFactory()
    GridTeamFactory(grid=grid, department=office)
    acme = EnterpriseFactory(grid=grid)
    agency, station = AgencyFactory(), StationFactory()
    users = {
        Role.OFFICE_ADMIN: make_user(Role.OFFICE_ADMIN, department=office),
        Role.REVIEWER: make_user(Role.REVIEWER, department=office),
        Role.LEADER: make_user(Role.LEADER, department=office),
        Role.GRID_OFFICER: make_user(Role.GRID_OFFICER, grid=grid),
        Role.ENTERPRISE_HR: make_user(Role.ENTERPRISE_HR, enterprise=acme),
        Role.AGENCY_STAFF: make_user(Role.AGENCY_STAFF, agency=agency),
        Role.STATION_STAFF: make_user(Role.STATION_STAFF, station=station),
        Role.TALENT: make_user(Role.TALENT),
        Role.EXPERT: make_user(Role.EXPERT),
    }
    me = TalentFactory(employer=acme, user=users[Role.TALENT])
    engineer = open_candidate(employer=acme)
    candidate = agency_candidate(agency)
    CredentialFactory(talent=me)
    PlatformFactory(enterprise=acme)
    FounderFactory(talent=me)

    policy = three_stage_policy(department=office)

    skill = SkillFactory(name="化成分容")
    ProjectFactory(enterprise=acme)
    demand = DemandFactory(enterprise=acme)
    DemandSkillFactory(demand=demand, text=skill.name)
    InterviewFactory(referral=ReferralFactory(demand=demand, talent=engineer))
    ReferralFactory(demand=demand, talent=candidate, agency=agency)

    venue = VenueFactory()
    VenueClosureFactory(venue=venue)
    BookingFactory(venue=venue, booked_by=users[Role.ENTERPRISE_HR])

    event = EventFactory(station=station, organiser=users[Role.STATION_STAFF])
    EventQuotaFactory(event=event)
    RegistrationFactory(event=event, user=users[Role.TALENT], talent=me)
    TrainingSessionFactory(event__station=station)

    CategoryFactory(department=office)

    scheme = SchemeFactory()
    ApartmentFactory()
    QueueEntryFactory(scheme=scheme, talent=me)

    round_ = RoundFactory(reward_policy=policy, budget_line=policy.budget_line)
    with_criteria(round_)
    ExpertFactory(user=users[Role.EXPERT])
    NominationFactory(round=round_, talent=me, enterprise=acme)
    return users


def known_ids() -> list[int]:
    """The primary keys of the world's rows: a drawn path id is often one that exists."""
    from django.apps import apps

    ids = set()
    for app in ("directory", "policies", "recruiting", "venues", "events", "cases"):
        for model in apps.get_app_config(app).get_models():
            ids.update(model.objects.values_list("pk", flat=True)[:20])
    for app in ("housing", "awards"):
        for model in apps.get_app_config(app).get_models():
            ids.update(model.objects.values_list("pk", flat=True)[:20])
    return sorted(i for i in ids if isinstance(i, int))


def fuzz(operation, mode, headers: dict, ids: list[int], failures: list) -> int:
    """Send EXAMPLES generated requests to one operation; returns how many were sent."""
    sent = 0

    @hypothesis.settings(
        max_examples=EXAMPLES,
        derandomize=True,  # the same requests on every run: CI is deterministic
        database=None,
        deadline=None,
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def run(case, data):
        nonlocal sent
        for name, value in case.path_parameters.items():
            # Hypothesis's first example is its simplest (False): that one asks for a real row.
            if isinstance(value, int) and ids and not data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(ids))
        # Each request in a savepoint rolled back after it: the world stays as it was made,
        # and a failed statement on PostgreSQL does not poison the requests after it.
        savepoint = transaction.savepoint()
        try:
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS, headers=headers)
        except BaseExceptionGroup as group:  # collected: one run reports them all
            failures.append(describe(case, response, group.exceptions))
        finally:
            transaction.savepoint_rollback(savepoint)
            sent += 1

    try:
        run()
    except hypothesis.errors.Unsatisfiable:
        # Nothing to make invalid (no parameters, no body): the operation gets valid requests.
        if mode is GenerationMode.POSITIVE:
            raise
        return fuzz(operation, GenerationMode.POSITIVE, headers, ids, failures)
    return sent


def describe(case, response, failures) -> str:
    """One failed request: what was sent, what came back, and what the checks say of it."""
    found = "; ".join(f"{f.title}: {str(f.message).strip().splitlines()[0]}" for f in failures)
    body = response.text[:300].replace("\n", " ")
    sent = case.as_curl_command()
    return f"{case.operation.label} → {response.status_code}: {found}\n  {body}\n  {sent}"


def record_count(role: str, operations: int, requests: int, seconds: float) -> None:
    counts = json.loads(COUNTS_FILE.read_text()) if COUNTS_FILE.exists() else {}
    counts.setdefault(connection.vendor, {})[role] = {
        "operations": operations,
        "requests": requests,
        "examples_per_operation": EXAMPLES,
        "seconds": round(seconds, 1),
        "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    COUNTS_FILE.write_text(json.dumps(counts, indent=2, sort_keys=True))


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_no_request_gets_a_server_error_or_an_answer_the_schema_does_not_describe(
    role, api_schema, make_user, capsys, connection_kept_open
):
    users = small_world(make_user)
    token = Token.objects.create(user=users[role])
    headers = {"Authorization": f"Token {token.key}"}
    ids = known_ids()
    started = time.monotonic()
    failures: list[str] = []
    operations = requests = 0
    for number, result in enumerate(api_schema.get_all_operations()):
        operation = result.ok()
        if ONLY not in operation.path:
            continue
        operations += 1
        # Valid requests to half the operations, invalid ones (wrong types, missing fields,
        # values out of range) to the other half; the halves swap from one role to the next.
        mode = MODES[(number + list(Role).index(role)) % 2]
        requests += fuzz(operation, mode, headers, ids, failures)
    seconds = time.monotonic() - started
    record_count(str(role), operations, requests, seconds)
    with capsys.disabled():
        print(
            f"\nschemathesis, {role} on {connection.vendor}: {requests} requests over "
            f"{operations} operations in {seconds:.1f} s"
        )
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures)
