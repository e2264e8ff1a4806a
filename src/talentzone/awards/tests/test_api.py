"""The evaluations API: each endpoint for the roles that may use it and those that may not (403;
a record outside one's sight 404), refusals 400 on the field at fault (never 500), blind
scoring (an expert reads their own scores only, and no endpoint shows an expert another's), a
round's whole way from set-up to named and rewarded winners through the API, an upload, and the
OpenAPI schema without warnings.

API calls that use today's date run on the real date: the rounds here take their nominations
around it (`window()`), and their reward policy is open a year either side."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone, translation
from rest_framework.test import APIClient

from talentzone.awards.choices import (
    Conflict,
    EntryStatus,
    NominationStatus,
    RoundStatus,
)
from talentzone.awards.models import Assignment, Nomination, RankingEntry, Round
from talentzone.awards.tests.factories import (
    ExpertFactory,
    NominationFactory,
    RoundFactory,
    with_criteria,
)
from talentzone.core.tests import samples
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory, UserFactory
from talentzone.policies.choices import ApplicationStatus
from talentzone.policies.ledger import line_figures
from talentzone.policies.tests.factories import YUAN, BudgetLineFactory, PolicyFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/awards"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


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


def fields_of(response) -> set[str]:
    return set(errors_of(response))


def rows(body):
    return body["results"] if isinstance(body, dict) else body


def today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def reward_policy():
    """A ¥50,000 talent reward open a year either side of today."""
    return PolicyFactory(valid_from=days(-365), valid_until=days(365), granted_only=True)


def window(**fields) -> Round:
    """A zone evaluation whose nominations run around today, with the standard criteria."""
    fields = {
        "year": today().year,
        "nominations_open": days(-10),
        "nominations_close": days(10),
        "reward_policy": reward_policy(),
        "budget_line": BudgetLineFactory(year=today().year),
        **fields,
    }
    round_ = RoundFactory(**fields)
    with_criteria(round_)
    return round_


def upload(name="业绩证明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


@pytest.fixture
def leader(make_user):
    return make_user("leader")


@pytest.fixture
def other_hr(make_user):
    """HR of another enterprise."""
    return make_user("enterprise_hr", enterprise=EnterpriseFactory(name="闽东新材料有限公司"))


def round_body(policy, line, **fields) -> dict:
    return {
        "year": today().year,
        "title": f"{today().year}年度开发区优秀人才评选",
        "kind": "award",
        "category": "outstanding",
        "nominations_open": days(-5).isoformat(),
        "nominations_close": days(5).isoformat(),
        "quota": 2,
        "panel_size": 5,
        "notice_days": 7,
        "issuer": "开发区人才工作领导小组",
        "reward_policy": policy.pk,
        "budget_line": line.pk,
        "criteria": [
            {"name": "创新成果", "weight": 50, "max_points": 50},
            {"name": "经济社会效益", "weight": 30, "max_points": 30},
            {"name": "团队与培养", "description": "带教与团队建设", "weight": 20, "max_points": 10},
        ],
        **fields,
    }


def sheet(criteria: list[dict], k: int) -> dict:
    """Points for the k-th nominee: each criterion's maximum less a tenth of it per k, so the
    weighted total is 100 − 10k."""
    return {str(c["id"]): c["max_points"] - k * c["max_points"] // 10 for c in criteria}


# A round's whole way --------------------------------------------------------------------------


def test_a_round_goes_from_set_up_to_rewarded_winners(office, leader, acme, acme_hr, make_user):
    office_api, hr_api, leader_api = client_for(office), client_for(acme_hr), client_for(leader)
    policy, line = reward_policy(), BudgetLineFactory(year=today().year)

    # Set-up: a draft with its criteria, which only the office sees.
    made = ok(office_api.post(f"{API}/rounds/", round_body(policy, line), format="json"), 201)
    assert made["status"] == RoundStatus.DRAFT and made["status_display"]
    assert [(c["position"], c["weight"]) for c in made["criteria"]] == [(1, 50), (2, 30), (3, 20)]
    url = f"{API}/rounds/{made['id']}"
    assert hr_api.get(f"{url}/").status_code == 404
    assert made["id"] not in [r["id"] for r in rows(ok(hr_api.get(f"{API}/rounds/")))]
    assert leader_api.post(f"{url}/open/").status_code == 403
    assert ok(office_api.post(f"{url}/open/"))["status"] == RoundStatus.NOMINATING
    assert fields_of(office_api.post(f"{url}/open/")) == {"non_field_errors"}
    assert ok(hr_api.get(f"{url}/"))["status"] == RoundStatus.NOMINATING

    # Nominations by acme's HR, one talent each.
    talents = [TalentFactory(employer=acme, name=f"候选人{k}") for k in range(4)]
    nominations = [
        ok(
            hr_api.post(
                f"{API}/nominations/",
                {"round": made["id"], "talent": t.pk, "achievements": "主持研发高镍正极材料"},
            ),
            201,
        )
        for t in talents
    ]
    assert {n["status"] for n in nominations} == {NominationStatus.SUBMITTED}
    assert nominations[0]["enterprise"] == acme.pk and nominations[0]["number"].startswith("TM")

    # Closed early, screened: every nomination admitted.
    assert hr_api.post(f"{url}/close/").status_code == 403
    assert ok(office_api.post(f"{url}/close/"))["status"] == RoundStatus.SCREENING
    for nomination in nominations:
        screened = ok(
            office_api.post(f"{API}/nominations/{nomination['id']}/screen/", {"admit": True})
        )
        assert screened["status"] == NominationStatus.ADMITTED

    # The panel: five experts drawn from the pool; scoring starts.
    experts = [ExpertFactory() for _ in range(5)]
    assert hr_api.post(f"{url}/draw-panel/", {"size": 5}).status_code == 403
    panel = ok(office_api.post(f"{url}/draw-panel/", {"size": 5, "seed": 7}))
    assert sorted(m["expert"] for m in panel) == sorted(e.pk for e in experts)
    assert ok(office_api.post(f"{url}/start-scoring/"))["status"] == RoundStatus.SCORING
    assert Assignment.objects.filter(round_id=made["id"]).count() == 20

    # Each expert scores their own four nominees; the ranking waits for the last scoresheet.
    order = {n["id"]: k for k, n in enumerate(nominations)}
    for number, expert in enumerate(experts):
        api = client_for(expert.user)
        own = rows(ok(api.get(f"{API}/assignments/")))
        assert len(own) == 4 and all(a["scores"] == [] for a in own)
        for assignment in own:
            points = sheet(assignment["criteria"], order[assignment["nomination"]])
            scored = ok(
                api.post(
                    f"{API}/assignments/{assignment['id']}/score/",
                    {"points": points},
                    format="json",
                )
            )
            assert scored["submitted_at"] and len(scored["scores"]) == 3
        if number == 3:
            progress = ok(office_api.get(f"{url}/progress/"))
            assert (progress["done"], progress["total"]) == (16, 20)
            assert fields_of(office_api.post(f"{url}/rank/")) == {"non_field_errors"}
    assert client_for(experts[0].user).get(f"{url}/ranking/").status_code == 403

    ranking = ok(office_api.post(f"{url}/rank/"))
    assert [e["nomination"] for e in ranking] == [n["id"] for n in nominations]
    assert [Decimal(e["score"]) for e in ranking] == [100, 90, 80, 70]
    assert [e["status"] for e in ranking] == ["notice", "notice", "ranked", "ranked"]
    assert ranking[0]["breakdown"]["trimmed"] is True

    # The public notice: names without figures for everyone; the figures for leaders.
    notice = ok(hr_api.get(f"{url}/notice/"))
    assert [e["rank"] for e in notice] == [1, 2]
    assert all(e["score"] is None and e["breakdown"] is None for e in notice)
    assert len(ok(leader_api.get(f"{url}/ranking/"))[0]["breakdown"]["experts"]) == 5
    assert hr_api.get(f"{url}/ranking/").status_code == 403

    # An objection upheld: the second leaves the notice and the third moves up.
    objector = make_user("talent")
    objector_api = client_for(objector)
    second = ranking[1]["id"]
    assert fields_of(objector_api.post(f"{API}/objections/", {"entry": second, "reason": ""})) == {
        "reason"
    }
    assert fields_of(
        objector_api.post(f"{API}/objections/", {"entry": ranking[2]["id"], "reason": "x"})
    ) == {"entry"}  # not on notice: not among the entries they see
    objection = ok(
        objector_api.post(f"{API}/objections/", {"entry": second, "reason": "论文涉嫌抄袭"}), 201
    )
    assert [o["id"] for o in rows(ok(objector_api.get(f"{API}/objections/")))] == [objection["id"]]
    assert rows(ok(hr_api.get(f"{API}/objections/"))) == []
    resolve = f"{API}/objections/{objection['id']}/resolve/"
    assert hr_api.post(resolve, {"uphold": True, "resolution": "属实"}).status_code == 403
    assert fields_of(office_api.post(resolve, {"uphold": True, "resolution": ""})) == {"resolution"}
    assert fields_of(office_api.post(f"{url}/announce/")) == {"non_field_errors"}  # open objection
    resolved = ok(office_api.post(resolve, {"uphold": True, "resolution": "经核实属实"}))
    assert resolved["objection"]["status"] == "upheld"
    assert resolved["promoted"]["id"] == ranking[2]["id"]
    assert resolved["promoted"]["status"] == EntryStatus.NOTICE
    statuses = {e["id"]: e["status"] for e in ok(leader_api.get(f"{url}/ranking/"))}
    assert statuses[second] == EntryStatus.REMOVED

    # Announced once the notice has run: the winners' rewards granted, the amount reserved.
    assert fields_of(office_api.post(f"{url}/announce/")) == {"non_field_errors"}  # still running
    RankingEntry.objects.filter(round_id=made["id"]).exclude(notice_ends_on=None).update(
        notice_ends_on=days(-1)
    )
    assert leader_api.post(f"{url}/announce/").status_code == 403
    announced = ok(office_api.post(f"{url}/announce/"))
    assert announced["status"] == RoundStatus.ANNOUNCED
    assert announced["announced_on"] == today().isoformat()
    named = [e for e in ok(office_api.get(f"{url}/ranking/")) if e["status"] == EntryStatus.NAMED]
    assert [e["id"] for e in named] == [ranking[0]["id"], ranking[2]["id"]]
    for entry in RankingEntry.objects.filter(pk__in=[e["id"] for e in named]):
        application = entry.reward_application
        assert application.status == ApplicationStatus.APPROVED
        assert application.amount_fen == 50_000 * YUAN
        assert application.reservation.line_id == line.pk
        assert entry.credential.name == made["title"]
    assert line_figures(line).reserved == 2 * 50_000 * YUAN
    public = ok(hr_api.get(f"{url}/notice/"))
    assert [e["status"] for e in public] == ["named", "named"]
    assert all(e["reward_application"] is None for e in public)


# Rounds ---------------------------------------------------------------------------------------


def test_round_set_up_is_the_offices_and_refused_on_the_field_at_fault(office, leader, acme_hr):
    office_api = client_for(office)
    policy, line = reward_policy(), BudgetLineFactory(year=today().year)
    body = round_body(policy, line)

    for user in (leader, acme_hr):
        assert client_for(user).post(f"{API}/rounds/", body, format="json").status_code == 403
    assert client_for(None).get(f"{API}/rounds/").status_code in (401, 403)
    assert fields_of(office_api.post(f"{API}/rounds/", {**body, "quota": 0}, format="json")) == {
        "quota"
    }
    heavy = [{**c, "weight": 60} for c in body["criteria"]]
    assert fields_of(
        office_api.post(f"{API}/rounds/", {**body, "criteria": heavy}, format="json")
    ) == {"criteria"}
    assert fields_of(
        office_api.post(f"{API}/rounds/", {**body, "rule": "age <<< 3"}, format="json")
    ) == {"rule"}
    assert fields_of(
        office_api.post(f"{API}/rounds/", {**body, "reward_policy": 0}, format="json")
    ) == {"reward_policy"}
    made = ok(office_api.post(f"{API}/rounds/", body, format="json"), 201)
    assert (
        "non_field_errors"
        in errors_of(office_api.post(f"{API}/rounds/", body, format="json"))  # same title
    )

    url = f"{API}/rounds/{made['id']}/"
    assert client_for(leader).patch(url, {"quota": 3}, format="json").status_code == 403
    changed = ok(
        office_api.patch(
            url,
            {"quota": 3, "criteria": [{"name": "综合评价", "weight": 100, "max_points": 100}]},
            format="json",
        )
    )
    assert changed["quota"] == 3 and [c["name"] for c in changed["criteria"]] == ["综合评价"]
    assert changed["title"] == body["title"] and changed["status"] == RoundStatus.DRAFT
    assert fields_of(office_api.patch(url, {"max_age": 5}, format="json")) == {"max_age"}
    assert rows(ok(office_api.get(f"{API}/rounds/", {"status": "draft"})))[0]["id"] == made["id"]
    assert fields_of(office_api.get(f"{API}/rounds/", {"status": "x"})) == {"status"}

    Round.objects.filter(pk=made["id"]).update(status=RoundStatus.SCORING)
    assert fields_of(office_api.patch(url, {"quota": 4}, format="json")) == {"non_field_errors"}


def test_the_expert_pool_is_the_offices(office, leader, acme_hr):
    ExpertFactory(name="林教授"), ExpertFactory(active=False)
    assert len(rows(ok(client_for(office).get(f"{API}/experts/", {"active": True})))) == 1
    for user in (leader, acme_hr):
        assert client_for(user).get(f"{API}/experts/").status_code == 403


# Nominations ----------------------------------------------------------------------------------


def test_nominations_by_role(office, leader, acme, acme_hr, other_hr, make_user):
    round_ = window(status=RoundStatus.NOMINATING, max_age=35)
    young = TalentFactory(employer=acme, born=days(-30 * 365).replace(day=1))
    old = TalentFactory(employer=acme, born=datetime.date(1960, 1, 1))
    hr_api, other_api = client_for(acme_hr), client_for(other_hr)

    def nominate(api, talent, achievements="获发明专利3项"):
        return api.post(
            f"{API}/nominations/",
            {"round": round_.pk, "talent": talent.pk, "achievements": achievements},
        )

    assert nominate(other_api, young).status_code == 403  # not their enterprise's talent
    assert nominate(client_for(office), young).status_code == 403
    assert fields_of(nominate(hr_api, young, achievements="")) == {"achievements"}
    assert fields_of(nominate(hr_api, old)) == {"talent"}  # over the age limit
    assert fields_of(hr_api.post(f"{API}/nominations/", {"round": 0})) == {
        "round",
        "talent",
        "achievements",
    }
    draft = window(status=RoundStatus.DRAFT)
    assert fields_of(
        hr_api.post(
            f"{API}/nominations/", {"round": draft.pk, "talent": young.pk, "achievements": "x"}
        )
    ) == {"round"}  # a draft is out of HR's sight
    made = ok(nominate(hr_api, young), 201)
    assert [c["passed"] for c in made["eligibility"]] == [True, True]  # age, not rewarded
    assert fields_of(nominate(hr_api, young)) == {"talent"}  # already nominated

    # The eligibility check, clause by clause, before nominating.
    check = f"{API}/nominations/check/"
    verdict = ok(hr_api.get(check, {"round": round_.pk, "talent": old.pk}))
    assert verdict["passed"] is False and len(verdict["reasons"]) == 1
    assert ok(client_for(office).get(check, {"round": round_.pk, "talent": young.pk}))["passed"]
    assert other_api.get(check, {"round": round_.pk, "talent": young.pk}).status_code == 403
    assert fields_of(hr_api.get(check, {"round": "x"})) == {"round", "talent"}

    # Who sees it: acme's HR, the office, leaders and the nominee; not another enterprise's HR
    # nor an expert.
    nominee_user = UserFactory(roles=["talent"])
    young.user = nominee_user
    young.save()
    expert = ExpertFactory()
    url = f"{API}/nominations/{made['id']}/"
    for user in (acme_hr, office, leader, nominee_user):
        assert ok(client_for(user).get(url))["id"] == made["id"]
    for user in (other_hr, expert.user):
        assert client_for(user).get(url).status_code == 404
        assert rows(ok(client_for(user).get(f"{API}/nominations/"))) == []
        assert client_for(user).post(f"{url}withdraw/").status_code == 404

    # Changing it: acme's HR (and the office); not leaders nor the nominee.
    for user in (leader, nominee_user):
        assert client_for(user).patch(url, {"achievements": "x"}).status_code == 403
        assert client_for(user).post(f"{url}withdraw/").status_code == 403
    assert fields_of(hr_api.patch(url, {"achievements": ""})) == {"achievements"}
    assert ok(hr_api.patch(url, {"achievements": "新增产值2亿元"}))["achievements"] == (
        "新增产值2亿元"
    )
    assert hr_api.post(f"{url}screen/", {"admit": True}).status_code == 403
    assert fields_of(client_for(office).post(f"{url}screen/", {"admit": True})) == {
        "non_field_errors"
    }  # nominations are still open
    assert ok(hr_api.post(f"{url}withdraw/"))["status"] == NominationStatus.WITHDRAWN
    assert ok(nominate(hr_api, young), 201)["status"] == NominationStatus.SUBMITTED

    by_status = rows(ok(client_for(office).get(f"{API}/nominations/", {"status": "withdrawn"})))
    assert [n["id"] for n in by_status] == [made["id"]]


def test_attachments_are_uploaded_through_attach(acme, acme_hr, other_hr, leader):
    round_ = window(status=RoundStatus.NOMINATING)
    nomination = NominationFactory(round=round_, talent=TalentFactory(employer=acme))
    url = f"{API}/nominations/{nomination.pk}/attach/"
    attached = ok(client_for(acme_hr).post(url, {"file": upload()}, format="multipart"), 201)
    assert attached["file_name"] == "业绩证明.pdf" and attached["size"] == len(b"%PDF-1.4 test")
    assert fields_of(client_for(acme_hr).post(url, {}, format="multipart")) == {"file"}
    assert client_for(other_hr).post(url, {"file": upload()}, format="multipart").status_code == 404
    assert client_for(leader).post(url, {"file": upload()}, format="multipart").status_code == 403
    shown = ok(client_for(acme_hr).get(f"{API}/nominations/{nomination.pk}/"))
    assert [a["file_name"] for a in shown["attachments"]] == ["业绩证明.pdf"]
    assert nomination.attachments.get().file.read() == b"%PDF-1.4 test"

    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.SCREENING)
    assert "non_field_errors" in errors_of(
        client_for(acme_hr).post(url, {"file": upload()}, format="multipart")
    )


def test_a_program_renamed_pdf_is_refused_on_file_and_nothing_is_attached(acme, acme_hr):
    round_ = window(status=RoundStatus.NOMINATING)
    nomination = NominationFactory(round=round_, talent=TalentFactory(employer=acme))
    response = client_for(acme_hr).post(
        f"{API}/nominations/{nomination.pk}/attach/",
        {"file": samples.disguised_exe("业绩证明.pdf")},
        format="multipart",
    )
    [message] = errors_of(response)["file"]
    assert "业绩证明.pdf is not a PDF" in message and "a Windows program (.exe)" in message
    assert not nomination.attachments.exists()


def test_screening_refuses_without_a_reason(office, acme, acme_hr):
    round_ = window(status=RoundStatus.SCREENING)
    nomination = NominationFactory(round=round_, talent=TalentFactory(employer=acme))
    url = f"{API}/nominations/{nomination.pk}/screen/"
    assert fields_of(client_for(office).post(url, {"admit": False})) == {"reason"}
    assert fields_of(client_for(office).post(url, {})) == {"admit"}
    refused = ok(client_for(office).post(url, {"admit": False, "reason": "业绩材料不实"}))
    assert refused["status"] == NominationStatus.REFUSED
    assert refused["refusal_reason"] == "业绩材料不实"
    assert ok(client_for(acme_hr).get(f"{API}/nominations/{nomination.pk}/"))["refusal_reason"]


# Scoring --------------------------------------------------------------------------------------


@pytest.fixture
def scoring(office, acme, acme_hr):
    """A round being scored: two admitted acme nominees, a panel of four of whom one works for
    acme (conflicted with both)."""
    round_ = window(status=RoundStatus.SCREENING, panel_size=4)
    nominations = [
        NominationFactory(
            round=round_, talent=TalentFactory(employer=acme), status=NominationStatus.ADMITTED
        )
        for _ in range(2)
    ]
    experts = [ExpertFactory() for _ in range(3)] + [ExpertFactory(employer=acme)]
    ok(client_for(office).post(f"{API}/rounds/{round_.pk}/draw-panel/", {}))
    ok(client_for(office).post(f"{API}/rounds/{round_.pk}/start-scoring/"))
    return round_, nominations, experts


def test_experts_score_their_own_assignments_blind(scoring, office, leader, acme_hr):
    round_, nominations, experts = scoring
    first, second, _third, insider = experts
    first_api, second_api = client_for(first.user), client_for(second.user)
    mine = rows(ok(first_api.get(f"{API}/assignments/")))
    assert len(mine) == 2 and {a["nomination"] for a in mine} == {n.pk for n in nominations}
    assert [c["max_points"] for c in mine[0]["criteria"]] == [50, 30, 10]
    criteria = mine[0]["criteria"]
    url = f"{API}/assignments/{mine[0]['id']}/score/"

    full = {str(c["id"]): c["max_points"] for c in criteria}
    over = {**full, str(criteria[0]["id"]): 51}
    assert fields_of(first_api.post(url, {"points": over}, format="json")) == {"points"}
    part = {str(criteria[0]["id"]): 40}
    assert fields_of(first_api.post(url, {"points": part}, format="json")) == {"points"}
    odd = {**full, str(criteria[1]["id"]): "12.55"}
    assert fields_of(first_api.post(url, {"points": odd}, format="json")) == {"points"}
    assert fields_of(first_api.post(url, {"points": {**full, "0": 1}}, format="json")) == {"points"}
    sent = {**full, str(criteria[0]["id"]): 42.5}
    scored = ok(first_api.post(url, {"points": sent, "comment": "成果突出"}, format="json"))
    assert [Decimal(str(s["points"])) for s in scored["scores"]] == [
        Decimal("42.5"),
        Decimal(30),
        Decimal(10),
    ]

    # Nobody else reaches that scoresheet: another expert, the office, leaders, HR.
    for user in (second.user, office, leader, acme_hr):
        assert client_for(user).get(f"{API}/assignments/{mine[0]['id']}/").status_code == 404
        assert client_for(user).post(url, {"points": full}, format="json").status_code == 404
    theirs = rows(ok(second_api.get(f"{API}/assignments/")))
    assert len(theirs) == 2 and all(a["scores"] == [] for a in theirs)
    assert rows(ok(client_for(office).get(f"{API}/assignments/"))) == []
    done = rows(ok(first_api.get(f"{API}/assignments/", {"submitted": True})))
    assert [a["id"] for a in done] == [mine[0]["id"]]

    # The progress shows counts, never scores; it is the office's.
    progress = ok(client_for(office).get(f"{API}/rounds/{round_.pk}/progress/"))
    assert (progress["done"], progress["total"]) == (1, 6)
    counts = {e["expert"]: (e["done"], e["total"]) for e in progress["experts"]}
    assert counts[first.pk] == (1, 2) and counts[insider.pk] == (0, 0)
    for user in (leader, acme_hr, first.user):
        assert client_for(user).get(f"{API}/rounds/{round_.pk}/progress/").status_code == 403

    # The insider's assignments show the conflict and cannot be scored.
    conflicted = rows(ok(client_for(insider.user).get(f"{API}/assignments/")))
    assert {a["conflict"] for a in conflicted} == {Conflict.SAME_EMPLOYER}
    assert all(a["conflict_display"] for a in conflicted)
    refused = client_for(insider.user).post(
        f"{API}/assignments/{conflicted[0]['id']}/score/", {"points": full}, format="json"
    )
    assert fields_of(refused) == {"non_field_errors"}

    # Scores close with the scoring.
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.NOTICE)
    assert fields_of(first_api.post(url, {"points": full}, format="json")) == {"non_field_errors"}


def test_no_endpoint_shows_an_expert_another_experts_scores(scoring, office):
    round_, nominations, experts = scoring
    for expert in experts[:3]:
        api = client_for(expert.user)
        for assignment in rows(ok(api.get(f"{API}/assignments/"))):
            points = {str(c["id"]): c["max_points"] for c in assignment["criteria"]}
            ok(
                api.post(
                    f"{API}/assignments/{assignment['id']}/score/",
                    {"points": points},
                    format="json",
                )
            )
    ok(client_for(office).post(f"{API}/rounds/{round_.pk}/rank/"))
    expert_api = client_for(experts[0].user)
    assert expert_api.get(f"{API}/rounds/{round_.pk}/ranking/").status_code == 403
    for entry in ok(expert_api.get(f"{API}/rounds/{round_.pk}/notice/")) + rows(
        ok(expert_api.get(f"{API}/entries/"))
    ):
        assert entry["score"] is None and entry["breakdown"] is None
        assert entry["mean_all"] is None and entry["experts_counted"] is None
    entry = RankingEntry.objects.filter(round=round_).first()
    assert ok(expert_api.get(f"{API}/entries/{entry.pk}/"))["breakdown"] is None
    assert ok(client_for(office).get(f"{API}/entries/{entry.pk}/"))["breakdown"]["experts"]
    for assignment in rows(ok(expert_api.get(f"{API}/assignments/"))):
        assert {s["criterion"] for s in assignment["scores"]} == {
            c["id"] for c in assignment["criteria"]
        }
        assert Assignment.objects.get(pk=assignment["id"]).expert_id == experts[0].pk


def test_entries_are_read_like_the_notice(office, leader, acme_hr, make_user):
    round_ = window(status=RoundStatus.NOTICE, quota=1)
    on_notice, below = (
        RankingEntry.objects.create(
            round=round_,
            nomination=NominationFactory(round=round_, status=NominationStatus.ADMITTED),
            rank=rank,
            score=score,
            mean_all=score,
            experts_counted=3,
            breakdown={"experts": [], "criteria": [], "lead_criterion": None, "trimmed": False},
            status=status,
            notice_ends_on=days(7) if status == EntryStatus.NOTICE else None,
        )
        for rank, score, status in ((1, 90, EntryStatus.NOTICE), (2, 80, EntryStatus.RANKED))
    )
    for user in (office, leader):
        seen = rows(ok(client_for(user).get(f"{API}/entries/", {"round": round_.pk})))
        assert [e["id"] for e in seen] == [on_notice.pk, below.pk]
        assert seen[0]["score"] is not None
    for user in (acme_hr, make_user("talent")):
        seen = rows(ok(client_for(user).get(f"{API}/entries/")))
        assert [e["id"] for e in seen] == [on_notice.pk] and seen[0]["score"] is None
        assert client_for(user).get(f"{API}/entries/{below.pk}/").status_code == 404
    assert (
        client_for(leader)
        .post(
            f"{API}/entries/{on_notice.pk}/outcome/",
            {"selected": True, "decided_on": today().isoformat()},
        )
        .status_code
        == 403
    )
    assert fields_of(
        client_for(office).post(f"{API}/entries/{on_notice.pk}/outcome/", {"selected": True})
    ) == {"decided_on"}
    assert "non_field_errors" in errors_of(
        client_for(office).post(
            f"{API}/entries/{on_notice.pk}/outcome/",
            {"selected": True, "decided_on": today().isoformat()},
        )
    )  # not a recommendation round


def test_a_recommendation_records_the_programmes_outcome(office):
    round_ = window(
        recommendation=True,
        reward_policy=None,
        budget_line=None,
        status=RoundStatus.ANNOUNCED,
        announced_on=days(-3),
        quota=1,
    )
    nomination = NominationFactory(round=round_, status=NominationStatus.ADMITTED)
    entry = RankingEntry.objects.create(
        round=round_,
        nomination=nomination,
        rank=1,
        score=90,
        mean_all=90,
        experts_counted=3,
        status=EntryStatus.NAMED,
        outcome="pending",
    )
    url = f"{API}/entries/{entry.pk}/outcome/"
    assert fields_of(
        client_for(office).post(url, {"selected": True, "decided_on": days(1).isoformat()})
    ) == {"decided_on"}
    recorded = ok(
        client_for(office).post(
            url, {"selected": True, "decided_on": today().isoformat(), "note": "入选"}
        )
    )
    assert recorded["outcome"] == "selected" and recorded["credential"]
    assert Nomination.objects.get(pk=nomination.pk).talent.credentials.count() == 1


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
        "/api/v1/awards/rounds/{id}/draw-panel/",
        "/api/v1/awards/rounds/{id}/start-scoring/",
        "/api/v1/awards/rounds/{id}/ranking/",
        "/api/v1/awards/nominations/check/",
        "/api/v1/awards/nominations/{id}/attach/",
        "/api/v1/awards/assignments/{id}/score/",
        "/api/v1/awards/objections/{id}/resolve/",
        "/api/v1/awards/entries/{id}/outcome/",
        "/api/v1/awards/experts/",
    ):
        assert path in schema
