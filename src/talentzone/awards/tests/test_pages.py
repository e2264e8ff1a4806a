"""The evaluations' pages: each renders for those who may see it (in English and Chinese) and
answers 403 to the other roles, 404 for what the user may not know of (a draft, another's
nomination, another expert's assignment); forms post through to `awards.services`, and a refusal
comes back beside its field (HTTP 400) or as a message after a button — never a 500.

Rounds are dated around today (the pages let the services take today's date)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

from talentzone.awards import services
from talentzone.awards.choices import (
    Conflict,
    EntryStatus,
    NominationStatus,
    ObjectionStatus,
    Outcome,
    RoundStatus,
)
from talentzone.awards.models import (
    Assignment,
    Criterion,
    Expert,
    Nomination,
    NominationAttachment,
    Objection,
    PanelMember,
    RankingEntry,
    Round,
)
from talentzone.awards.tests.factories import (
    ExpertFactory,
    NominationFactory,
    RoundFactory,
    with_criteria,
)
from talentzone.core.models import AuditRecord
from talentzone.core.tests import samples
from talentzone.directory.tests.factories import EnterpriseFactory, TalentFactory, UserFactory
from talentzone.policies.tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
CHINESE = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def url(name: str, *args) -> str:
    return reverse(f"awards:{name}", args=args)


def get(client, user, path, **headers):
    client.force_login(user)
    return client.get(path, **{**ENGLISH, **headers})


def post(client, user, path, data=None, **extra):
    client.force_login(user)
    return client.post(path, data or {}, **ENGLISH, **extra)


def today() -> datetime.date:
    return timezone.localtime(timezone.now()).date()


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def round_now(status=RoundStatus.NOMINATING, **fields) -> Round:
    """A round open for nominations around today, paid under a policy open all the while."""
    policy = PolicyFactory(
        valid_from=today() - days(400), valid_until=today() + days(400), granted_only=True
    )
    fields = {
        "nominations_open": today() - days(5),
        "nominations_close": today() + days(5),
        "reward_policy": policy,
        "budget_line": policy.budget_line,
        "status": status,
        **fields,
    }
    return RoundFactory(**fields)


def scoring_round(office, *, nominees=2, experts=3, conflicted=False, **fields):
    """A round in scoring: the standard criteria, `nominees` admitted, a panel of `experts`
    (with `conflicted`, one more expert who works for the first nominee's enterprise)."""
    round_ = round_now(status=RoundStatus.SCREENING, **fields)
    criteria = with_criteria(round_)
    nominations = [
        NominationFactory(round=round_, status=NominationStatus.ADMITTED) for _ in range(nominees)
    ]
    panel = [ExpertFactory() for _ in range(experts)]
    if conflicted:
        panel.append(ExpertFactory(employer=nominations[0].enterprise))
    services.panel_set(actor=office, round=round_, experts=panel)
    services.round_start_scoring(actor=office, round=round_)
    round_.refresh_from_db()
    return round_, criteria, nominations, panel


def assignment_of(nomination, expert) -> Assignment:
    return Assignment.objects.get(nomination=nomination, expert=expert)


def score_all(round_, criteria, experts, points=(40, 20, 8)) -> None:
    for assignment in Assignment.objects.filter(round=round_, conflict="", expert__in=experts):
        services.score_submit(
            actor=assignment.expert.user,
            assignment=assignment,
            points={c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)},
        )


@pytest.fixture
def leader(make_user):
    return make_user("leader")


# Who sees which page -------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [ENGLISH, CHINESE])
def test_the_office_and_leaders_read_the_round_pages(client, office, leader, headers):
    round_, criteria, nominations, panel = scoring_round(office)
    office_only = [url("round-new"), url("round-edit", round_.pk), url("panel", round_.pk)]
    readers = [
        url("rounds"),
        url("round", round_.pk),
        url("nominations", round_.pk),
        url("nominations", round_.pk) + "?status=admitted",
        url("ranking", round_.pk),
        url("notices"),
        url("my-nominations"),
    ]
    for path in readers + office_only:
        response = get(client, office, path, **headers)
        assert response.status_code in (200, 302), path
    # A round being scored cannot be edited: the office is sent back with the reason.
    assert get(client, office, url("round-edit", round_.pk)).status_code == 302
    for path in readers:
        assert get(client, leader, path, **headers).status_code == 200, path
    for path in office_only:
        assert get(client, leader, path).status_code == 403, path
    page = get(client, office, url("round", round_.pk), **headers).content.decode()
    assert 'data-testid="round-stepper"' in page and 'data-state="current"' in page
    assert page.count('data-testid="criterion"') == 3


def test_other_roles_get_403_and_drafts_are_the_offices(client, office, make_user, acme_hr):
    round_, *_rest = scoring_round(office)
    draft = round_now(status=RoundStatus.DRAFT)
    expert = ExpertFactory().user
    talent_user = make_user("talent")
    for user in (acme_hr, expert, talent_user):
        assert get(client, user, url("rounds")).status_code == 200
        assert get(client, user, url("round", round_.pk)).status_code == 200
        assert get(client, user, url("round", draft.pk)).status_code == 404
        for path in (
            url("round-new"),
            url("panel", round_.pk),
            url("nominations", round_.pk),
            url("ranking", round_.pk),
            url("ranking-export", round_.pk),
        ):
            assert get(client, user, path).status_code == 403, (user, path)
        assert post(client, user, url("round-action", round_.pk, "rank")).status_code == 403
    assert get(client, office, url("round", draft.pk)).status_code == 200
    assert get(client, acme_hr, url("scoring")).status_code == 403
    assert get(client, expert, url("nominate", round_.pk)).status_code == 403
    client.logout()
    assert client.get(url("rounds")).status_code == 302


def test_the_home_pages_show_the_evaluations_cards(client, office, acme_hr):
    round_, criteria, nominations, panel = scoring_round(office)
    expert = panel[0].user
    page = get(client, expert, reverse("home")).content.decode()
    assert url("scoring") in page and url("notices") in page
    assert url("my-nominations") in get(client, acme_hr, reverse("home")).content.decode()
    assert url("rounds") in get(client, office, reverse("home")).content.decode()


# Setting a round up --------------------------------------------------------------------------


def round_data(policy, **overrides) -> dict:
    data = {
        "year": "2027",
        "title": "2027年度优秀青年人才评选",
        "kind": "award",
        "category": "young",
        "max_age": "35",
        "rule": "",
        "nominations_open": "2027-06-01",
        "nominations_close": "2027-06-30",
        "quota": "3",
        "panel_size": "5",
        "notice_days": "7",
        "issuer": "开发区人才工作领导小组",
        "reward_policy": str(policy.pk),
        "budget_line": str(policy.budget_line_id),
        "programme": "",
        "programme_level": "",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "创新成果",
        "criteria-0-weight": "60",
        "criteria-0-max_points": "50",
        "criteria-1-name": "经济效益",
        "criteria-1-weight": "40",
        "criteria-1-max_points": "30",
    }
    data.update(overrides)
    return data


def test_the_office_sets_a_round_up_with_its_criteria_and_opens_it(client, office, leader):
    policy = PolicyFactory(
        valid_from=today() - days(400), valid_until=today() + days(800), granted_only=True
    )
    assert get(client, office, url("round-new")).status_code == 200
    assert post(client, leader, url("round-new"), round_data(policy)).status_code == 403

    bad = post(client, office, url("round-new"), round_data(policy, **{"criteria-1-weight": "30"}))
    assert bad.status_code == 400 and not Round.objects.exists()
    half = post(client, office, url("round-new"), round_data(policy, **{"criteria-2-name": "x"}))
    assert half.status_code == 400 and not Round.objects.exists()

    good = post(client, office, url("round-new"), round_data(policy))
    round_ = Round.objects.get()
    assert good.status_code == 302 and good["Location"] == url("round", round_.pk)
    assert round_.created_by == office and round_.max_age == 35
    assert list(round_.criteria.values_list("name", "weight", "position")) == [
        ("创新成果", 60, 1),
        ("经济效益", 40, 2),
    ]
    page = get(client, office, url("round", round_.pk)).content.decode()
    assert 'data-testid="action-open"' in page

    # Edited: the criteria are replaced by the rows given.
    data = round_data(
        policy,
        **{
            "criteria-TOTAL_FORMS": "1",
            "criteria-0-weight": "100",
            "criteria-1-name": "",
        },
    )
    assert post(client, office, url("round-edit", round_.pk), data).status_code == 302
    assert list(round_.criteria.values_list("name", "weight")) == [("创新成果", 100)]

    assert post(client, office, url("round-action", round_.pk, "nope")).status_code == 404
    response = post(client, office, url("round-action", round_.pk, "open"))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.NOMINATING


def test_a_refused_action_is_a_message_with_the_reason(client, office):
    round_ = round_now(status=RoundStatus.DRAFT)
    page = get(client, office, url("round", round_.pk)).content.decode()
    assert 'data-testid="action-blocked"' in page  # no criteria yet
    response = post(client, office, url("round-action", round_.pk, "open"), follow=True)
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT


# Nominating ----------------------------------------------------------------------------------


def test_a_web_page_renamed_pdf_refuses_the_nomination_beside_its_files(client, acme, acme_hr):
    round_ = round_now(max_age=40)
    with_criteria(round_)
    young = TalentFactory(employer=acme, born=today() - days(365 * 30))
    response = post(
        client,
        acme_hr,
        url("nominate", round_.pk),
        {
            "talent": young.pk,
            "achievements": "主持研发高镍正极材料。",
            "files": [samples.pdf("证书.pdf"), samples.disguised_html("专利.pdf")],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "专利.pdf is not a PDF" in page and "an HTML web page" in page
    assert not Nomination.objects.exists()
    assert not NominationAttachment.objects.exists()


def test_hr_checks_a_talent_clause_by_clause_then_nominates(client, acme, acme_hr, make_user):
    round_ = round_now(max_age=40)
    with_criteria(round_)
    young = TalentFactory(employer=acme, born=today() - days(365 * 30))
    old = TalentFactory(employer=acme, born=today() - days(365 * 50))
    stranger = TalentFactory()

    page = get(client, acme_hr, url("nominate", round_.pk) + f"?talent={old.pk}").content.decode()
    assert 'data-testid="eligibility" data-passed="false"' in page
    assert 'data-testid="clause" data-passed="false"' in page
    assert 'data-testid="nomination-form"' not in page

    page = get(client, acme_hr, url("nominate", round_.pk) + f"?talent={young.pk}").content.decode()
    assert 'data-testid="eligibility" data-passed="true"' in page
    assert 'data-testid="nomination-form"' in page
    # Another enterprise's talent is not among the choices.
    page = get(client, acme_hr, url("nominate", round_.pk) + f"?talent={stranger.pk}")
    assert 'data-testid="eligibility"' not in page.content.decode()

    empty = post(client, acme_hr, url("nominate", round_.pk), {"talent": young.pk})
    assert empty.status_code == 400 and not Nomination.objects.exists()
    too_old = post(
        client, acme_hr, url("nominate", round_.pk), {"talent": old.pk, "achievements": "专利"}
    )
    assert too_old.status_code == 400 and not Nomination.objects.exists()

    upload = SimpleUploadedFile("证书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = post(
        client,
        acme_hr,
        url("nominate", round_.pk),
        {"talent": young.pk, "achievements": "主持研发高镍正极材料。", "files": [upload]},
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == url("nomination", nomination.pk)
    assert nomination.talent == young and nomination.enterprise == acme
    assert nomination.attachments.count() == 1

    again = post(
        client, acme_hr, url("nominate", round_.pk), {"talent": young.pk, "achievements": "再次"}
    )
    assert again.status_code == 400 and Nomination.objects.count() == 1

    page = get(client, acme_hr, url("nomination", nomination.pk)).content.decode()
    assert 'data-testid="attachments"' in page and 'data-testid="withdraw-form"' in page
    file_pk = nomination.attachments.get().pk
    assert get(client, acme_hr, url("attachment", file_pk)).status_code == 200
    other_hr = make_user("enterprise_hr", enterprise=EnterpriseFactory())
    assert get(client, other_hr, url("nomination", nomination.pk)).status_code == 404
    assert get(client, other_hr, url("attachment", file_pk)).status_code == 404
    assert "nomination-row" in get(client, acme_hr, url("my-nominations")).content.decode()

    # Achievements edited, then the nomination withdrawn, through the services.
    response = post(
        client,
        acme_hr,
        url("nomination", nomination.pk),
        {"do": "update", "edit-achievements": "  "},
    )
    assert response.status_code == 400
    response = post(
        client,
        acme_hr,
        url("nomination", nomination.pk),
        {"do": "update", "edit-achievements": "新增产值2亿元。"},
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.achievements == "新增产值2亿元。"
    assert post(client, acme_hr, url("nomination", nomination.pk), {"do": "withdraw"}).status_code
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN


def test_a_closed_round_takes_no_nomination(client, acme, acme_hr):
    round_ = round_now(status=RoundStatus.SCREENING)
    talent = TalentFactory(employer=acme)
    page = get(client, acme_hr, url("nominate", round_.pk) + f"?talent={talent.pk}")
    assert 'data-testid="nominations-closed"' in page.content.decode()
    response = post(
        client, acme_hr, url("nominate", round_.pk), {"talent": talent.pk, "achievements": "x"}
    )
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_the_office_screens_nominations_and_a_refusal_needs_its_reason(client, office, leader):
    round_ = round_now(status=RoundStatus.SCREENING)
    nomination = NominationFactory(round=round_)
    page = get(client, office, url("nominations", round_.pk)).content.decode()
    assert 'data-testid="admit-button"' in page
    assert (
        'data-testid="admit-button"'
        not in get(client, leader, url("nominations", round_.pk)).content.decode()
    )
    assert (
        post(client, leader, url("nomination-screen", nomination.pk), {"admit": "1"}).status_code
        == 403
    )

    response = post(
        client, office, url("nomination-screen", nomination.pk), {"admit": "0", "reason": ""}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    post(
        client,
        office,
        url("nomination-screen", nomination.pk),
        {"admit": "0", "reason": "材料不全"},
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REFUSED and nomination.refusal_reason == "材料不全"
    post(client, office, url("nomination-screen", nomination.pk), {"admit": "1"})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ADMITTED


# The panel -----------------------------------------------------------------------------------


def test_the_office_draws_the_panel_and_sees_the_conflicts(client, office):
    round_ = round_now(status=RoundStatus.SCREENING)
    nomination = NominationFactory(round=round_, status=NominationStatus.ADMITTED)
    ExpertFactory(), ExpertFactory()
    colleague = ExpertFactory(employer=nomination.enterprise)

    too_many = post(client, office, url("panel", round_.pk), {"draw": "1", "draw-size": "5"})
    assert too_many.status_code == 400 and not PanelMember.objects.exists()
    response = post(
        client, office, url("panel", round_.pk), {"draw": "1", "draw-size": "3", "draw-seed": "7"}
    )
    assert response.status_code == 302 and PanelMember.objects.filter(round=round_).count() == 3
    page = get(client, office, url("panel", round_.pk)).content.decode()
    assert page.count('data-testid="panel-member"') == 3
    assert page.count('data-state="conflict"') == 1
    assert escape(str(Conflict.SAME_EMPLOYER.label)) in page
    assert colleague.name in page


# Scoring -------------------------------------------------------------------------------------


def test_an_expert_scores_one_nominee_at_a_time_blind_to_the_others(client, office):
    round_, criteria, nominations, panel = scoring_round(office, conflicted=True)
    expert, other, colleague = panel[0], panel[1], panel[-1]
    first, second = (assignment_of(n, expert) for n in nominations)
    services.score_submit(
        actor=other.user,
        assignment=assignment_of(nominations[0], other),
        points={criteria[0].pk: "37.3", criteria[1].pk: "21.9", criteria[2].pk: "6.7"},
    )

    page = get(client, expert.user, url("scoring")).content.decode()
    assert page.count('data-state="todo"') == 2
    page = get(client, expert.user, url("score", first.pk)).content.decode()
    assert 'data-position="1" data-count="2"' in page and "autofocus" in page
    assert 'accesskey="n"' in page
    assert "37.3" not in page and "21.9" not in page  # no other expert's score

    # The colleague of the first nominee's enterprise sees it excluded, and cannot open it.
    conflicted = assignment_of(nominations[0], colleague)
    page = get(client, colleague.user, url("scoring")).content.decode()
    assert 'data-state="excluded"' in page and escape(str(Conflict.SAME_EMPLOYER.label)) in page
    assert get(client, colleague.user, url("score", conflicted.pk)).status_code == 403
    # Another expert's assignment is not there at all.
    assert get(client, other.user, url("score", first.pk)).status_code == 404
    assert get(client, office, url("score", first.pk)).status_code == 403

    key = {c: f"c{c.pk}" for c in criteria}
    too_high = post(
        client,
        expert.user,
        url("score", first.pk),
        {key[criteria[0]]: "51", key[criteria[1]]: "20", key[criteria[2]]: "8"},
    )
    assert too_high.status_code == 400
    assert 'data-testid="form-errors"' in too_high.content.decode()
    first.refresh_from_db()
    assert first.submitted_at is None
    missing = post(client, expert.user, url("score", first.pk), {key[criteria[0]]: "40"})
    assert missing.status_code == 400

    saved = post(
        client,
        expert.user,
        url("score", first.pk),
        {key[criteria[0]]: "45.5", key[criteria[1]]: "20", key[criteria[2]]: "8", "comment": "好"},
    )
    assert saved.status_code == 302 and saved["Location"] == url("score", second.pk)
    first.refresh_from_db()
    assert first.submitted_at is not None and first.comment == "好"
    page = get(client, expert.user, url("score", first.pk)).content.decode()
    assert 'value="45.5"' in page  # the expert's own points, to revise

    last = post(
        client,
        expert.user,
        url("score", second.pk),
        {key[criteria[0]]: "30", key[criteria[1]]: "15", key[criteria[2]]: "5"},
    )
    assert last.status_code == 302 and last["Location"] == url("scoring")


# Ranking, export, notice ---------------------------------------------------------------------


def test_incomplete_scoring_blocks_the_ranking_with_the_count(client, office):
    round_, criteria, nominations, panel = scoring_round(office)
    score_all(round_, criteria, panel[:2])
    page = get(client, office, url("ranking", round_.pk)).content.decode()
    assert 'data-testid="publish-blocked"' in page and "2 of 6" in page
    response = post(client, office, url("round-action", round_.pk, "rank"), follow=True)
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    round_.refresh_from_db()
    assert round_.status == RoundStatus.SCORING


def test_the_office_publishes_the_ranking_and_exports_it(client, office, leader, acme_hr):
    round_, criteria, nominations, panel = scoring_round(office, nominees=4, experts=5)
    score_all(round_, criteria, panel[:4], points=(40, 20, 8))
    score_all(round_, criteria, panel[4:], points=(50, 30, 10))
    ranking_url = url("ranking", round_.pk)
    response = post(client, office, url("round-action", round_.pk, "rank"), {"next": ranking_url})
    assert response.status_code == 302 and response["Location"] == ranking_url
    round_.refresh_from_db()
    assert round_.status == RoundStatus.NOTICE

    page = get(client, leader, ranking_url).content.decode()
    assert page.count('data-testid="entry"') == 4
    assert 'data-testid="trimmed-total"' in page  # five experts: highest and lowest dropped
    assert "quota-line" in page and 'data-testid="rules"' in page
    assert get(client, acme_hr, ranking_url).status_code == 403

    export = get(client, office, url("ranking-export", round_.pk))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    sheet = book.active
    assert round_.title in sheet["A1"].value
    headers = [cell.value for cell in sheet[3]]
    assert len(headers) == 6 + 5 + 3 + 1
    assert sheet.max_row == 3 + 4
    assert any(sheet.cell(row=4, column=7 + i).font.strike for i in range(5))

    # The notice: everyone signed in reads it; the winners are there.
    notice = get(client, acme_hr, url("notice", round_.pk)).content.decode()
    assert notice.count('data-testid="notice-entry"') == 3
    assert 'data-testid="objection-form"' in notice


def test_an_objection_is_lodged_and_an_upheld_one_promotes_the_next(client, office, acme_hr):
    round_, criteria, nominations, panel = scoring_round(office, nominees=4, experts=3)
    score_all(round_, criteria, panel)
    services.round_rank(actor=office, round=round_)
    notice_url = url("notice", round_.pk)
    entry = RankingEntry.objects.get(round=round_, rank=1)

    assert get(client, acme_hr, notice_url).status_code == 200
    empty = post(client, acme_hr, notice_url, {"entry": entry.pk, "reason": " "})
    assert empty.status_code == 400 and not Objection.objects.exists()
    below = RankingEntry.objects.get(round=round_, rank=4)
    wrong = post(client, acme_hr, notice_url, {"entry": below.pk, "reason": "不属实"})
    assert wrong.status_code == 400 and not Objection.objects.exists()
    response = post(client, acme_hr, notice_url, {"entry": entry.pk, "reason": "成果不属实"})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.lodged_by == acme_hr

    page = get(client, office, notice_url).content.decode()
    assert 'data-testid="uphold-form"' in page and 'data-testid="dismiss-form"' in page
    resolve = url("objection-resolve", objection.pk)
    prefix = f"r{objection.pk}"
    assert post(client, acme_hr, resolve, {f"{prefix}-uphold": "1"}).status_code == 403
    post(client, office, resolve, {f"{prefix}-uphold": "1", f"{prefix}-resolution": ""})
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN
    response = post(
        client, office, resolve, {f"{prefix}-uphold": "1", f"{prefix}-resolution": "经核实属实"}
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    entry.refresh_from_db()
    below.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD
    assert entry.status == EntryStatus.REMOVED and below.status == EntryStatus.NOTICE

    # Announcing while the notice runs: refused with the day it ends.
    page = get(client, office, url("round", round_.pk)).content.decode()
    assert 'data-action="announce"' in page


def test_the_notice_of_a_round_not_ranked_is_not_found(client, office, acme_hr):
    round_, *_rest = scoring_round(office)
    assert get(client, acme_hr, url("notice", round_.pk)).status_code == 404
    assert get(client, office, url("ranking-export", round_.pk)).status_code == 302


def test_the_office_records_a_programmes_decision(client, office):
    round_, criteria, nominations, panel = scoring_round(
        office, nominees=2, recommendation=True, reward_policy=None, budget_line=None
    )
    score_all(round_, criteria, panel)
    services.round_rank(actor=office, round=round_, today=today() - days(30))
    services.round_announce(actor=office, round=round_, today=today() - days(20))
    entry = RankingEntry.objects.filter(round=round_, status=EntryStatus.NAMED).first()
    page = get(client, office, url("ranking", round_.pk)).content.decode()
    assert 'data-testid="outcome-form"' in page
    prefix = f"o{entry.pk}"
    bad = post(client, office, url("outcome", entry.pk), {f"{prefix}-selected": "1"})
    assert bad.status_code == 302
    entry.refresh_from_db()
    assert entry.outcome == Outcome.PENDING
    response = post(
        client,
        office,
        url("outcome", entry.pk),
        {f"{prefix}-selected": "1", f"{prefix}-decided_on": today().isoformat()},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.outcome == Outcome.SELECTED and entry.credential is not None
    assert Criterion.objects.filter(round=round_).count() == 3


# The admin: the expert pool ------------------------------------------------------------------


def test_the_office_adds_an_expert_to_the_pool_in_the_admin(client, office, acme):
    office.is_staff = True
    office.save()
    account = UserFactory()
    client.force_login(office)
    assert client.get(reverse("admin:awards_expert_add")).status_code == 200
    response = client.post(
        reverse("admin:awards_expert_add"),
        {
            "user": account.pk,
            "name": "周教授",
            "affiliation": "闽东理工大学",
            "employer": acme.pk,
            "speciality": "储能材料",
            "active": "on",
        },
    )
    assert response.status_code == 302
    expert = Expert.objects.get()
    assert expert.employer == acme
    assert account.groups.filter(name="expert").exists()
    assert AuditRecord.objects.filter(target_id=str(expert.pk)).exists()
    round_, *_rest = scoring_round(office)
    assert client.get(reverse("admin:awards_round_change", args=[round_.pk])).status_code == 200
    assert client.get(reverse("admin:awards_round_add")).status_code == 403
