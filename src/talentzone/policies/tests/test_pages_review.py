"""The reviewers' pages: the queue (scoped to the stages each user decides, decided in bulk with a
report per application), overdue reviews, the public notice board and the open objections."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from talentzone.core.choices import Role
from talentzone.directory.tests.factories import DepartmentFactory, TalentFactory
from talentzone.policies import services
from talentzone.policies.choices import ApplicationStatus, StageRole
from talentzone.policies.models import Application
from talentzone.policies.tests.factories import (
    PolicyFactory,
    ReviewStageFactory,
    three_stage_policy,
)
from talentzone.policies.views import review

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
ENGLISH = {"Accept-Language": "en"}
QUEUE = reverse("policies:review-queue")
OVERDUE = reverse("policies:review-overdue")
NOTICES = reverse("policies:notice-board")
OBJECTIONS = reverse("policies:objection-list")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The pages count deadlines from TODAY, the day the applications below are submitted."""
    monkeypatch.setattr(review, "today", lambda: TODAY)


def submitted(make_user, policy, talent=None, day=TODAY) -> Application:
    """A talent's application under `policy`, submitted on `day` (at the first stage)."""
    talent = talent or TalentFactory(user=make_user(Role.TALENT))
    application = services.application_create(
        actor=talent.user, policy=policy, applicant=talent, today=day
    )
    services.application_submit(actor=talent.user, application=application, today=day)
    application.refresh_from_db()
    return application


def approve(actor, application, day=TODAY) -> Application:
    services.application_decide(actor=actor, application=application, decision="approve", today=day)
    application.refresh_from_db()
    return application


def hr_of(make_user, application):
    return make_user(Role.ENTERPRISE_HR, enterprise=application.talent.employer)


def reviewer_of(make_user, application):
    department = application.policy.stages.get(role=StageRole.REVIEWER).department
    return make_user(Role.REVIEWER, department=department)


def at_stage(make_user, policy, position: int) -> Application:
    """An application of a three-stage policy waiting at stage `position` (1, 2 or 3)."""
    application = submitted(make_user, policy)
    if position > 1:
        approve(hr_of(make_user, application), application)
    if position > 2:
        approve(reviewer_of(make_user, application), application)
    return application


def on_notice(make_user, policy) -> Application:
    application = at_stage(make_user, policy, 3)
    return approve(make_user(Role.OFFICE_ADMIN), application)


def queue_numbers(response) -> list[str]:
    return [application.number for application in response.context["page"].object_list]


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def url_or_skip(name: str, pk: int) -> str:
    try:
        return reverse(f"policies:{name}", args=[pk])
    except NoReverseMatch:
        pytest.skip(f"policies:{name} is built in views/applications.py, not there yet")


# Who may open which page ---------------------------------------------------------------------

PAGES_AND_ROLES = [
    (QUEUE, {Role.OFFICE_ADMIN, Role.REVIEWER, Role.ENTERPRISE_HR}),
    (OVERDUE, {Role.OFFICE_ADMIN, Role.LEADER}),
    (NOTICES, set(Role.values)),
    (OBJECTIONS, {Role.OFFICE_ADMIN}),
]


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize(("url", "allowed"), PAGES_AND_ROLES)
def test_each_review_page_opens_for_its_roles_and_is_forbidden_to_the_others(
    client, make_user, role, url, allowed
):
    client.force_login(make_user(role))
    assert client.get(url).status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize("url", [QUEUE, OVERDUE, NOTICES, OBJECTIONS])
def test_the_review_pages_send_anonymous_visitors_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_user_without_a_queue_role_may_not_post_a_bulk_decision(client, make_user):
    policy = three_stage_policy()
    application = at_stage(make_user, policy, 3)
    client.force_login(make_user(Role.LEADER))
    response = client.post(QUEUE, {"applications": [application.pk], "decision": "approve"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.stage.position == 3


# The queue's scope ---------------------------------------------------------------------------


def test_a_reviewer_sees_the_stages_of_their_department_only(client, make_user):
    department, other = DepartmentFactory(), DepartmentFactory()
    application = at_stage(make_user, three_stage_policy(department=department), 2)

    client.force_login(make_user(Role.REVIEWER, department=other))
    response = client.get(QUEUE, headers=ENGLISH)
    assert queue_numbers(response) == []
    assert "Nothing waits for your decision." in response.content.decode()

    client.force_login(make_user(Role.REVIEWER, department=department))
    assert queue_numbers(client.get(QUEUE)) == [application.number]


def test_enterprise_hr_sees_the_applications_of_its_own_people_only(client, make_user):
    policy = three_stage_policy()
    ours, theirs = submitted(make_user, policy), submitted(make_user, policy)
    assert ours.talent.employer != theirs.talent.employer

    client.force_login(hr_of(make_user, ours))
    response = client.get(QUEUE)
    assert queue_numbers(response) == [ours.number]
    assert theirs.number not in response.content.decode()


def test_the_office_sees_only_applications_waiting_at_an_office_stage(client, make_user):
    policy = three_stage_policy()
    at_office = at_stage(make_user, policy, 3)
    at_stage(make_user, policy, 1)
    at_stage(make_user, policy, 2)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    assert queue_numbers(client.get(QUEUE)) == [at_office.number]


def test_the_queue_shows_each_application_with_a_link_to_decide_it(client, make_user):
    policy = three_stage_policy(title="高层次人才奖励")
    application = at_stage(make_user, policy, 1)
    client.force_login(hr_of(make_user, application))
    page = client.get(QUEUE).content.decode()
    assert reverse("policies:application-detail", args=[application.pk]) in page
    for shown in (application.number, "高层次人才奖励", application.talent.name, "企业确认"):
        assert shown in page
    assert "¥50,000.00" in page
    assert "2026-06-11" in page  # due: submitted on 1 June, ten days to decide


def test_the_queue_marks_applications_past_their_deadline(client, make_user):
    policy = three_stage_policy()
    on_time, late = at_stage(make_user, policy, 3), at_stage(make_user, policy, 3)
    Application.objects.filter(pk=late.pk).update(stage_due_on=TODAY - datetime.timedelta(1))
    client.force_login(make_user(Role.OFFICE_ADMIN))
    rows = client.get(QUEUE).content.decode().split('data-testid="queue-row"')[1:]
    assert len(rows) == 2
    assert late.number in rows[0] and 'data-testid="overdue"' in rows[0]
    assert on_time.number in rows[1] and 'data-testid="overdue"' not in rows[1]


def test_the_queue_filters_by_policy_and_by_stage_name(client, make_user):
    housing = three_stage_policy(title="住房补贴")
    reward = three_stage_policy(title="人才奖励")
    office_only = PolicyFactory()
    ReviewStageFactory(policy=office_only, position=1, name="人才办复核")
    housing_app = at_stage(make_user, housing, 3)
    reward_app = at_stage(make_user, reward, 3)
    quick = submitted(make_user, office_only)
    client.force_login(make_user(Role.OFFICE_ADMIN))

    assert set(queue_numbers(client.get(QUEUE))) == {
        housing_app.number,
        reward_app.number,
        quick.number,
    }
    assert queue_numbers(client.get(QUEUE, {"policy": housing.pk})) == [housing_app.number]
    assert queue_numbers(client.get(QUEUE, {"stage": "人才办复核"})) == [quick.number]
    both = client.get(QUEUE, {"policy": reward.pk, "stage": "人才办审批"})
    assert queue_numbers(both) == [reward_app.number]


def test_a_filter_that_cannot_be_read_shows_its_error_and_no_rows(client, make_user):
    at_stage(make_user, three_stage_policy(), 3)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.get(QUEUE, {"policy": "nonsense", "page": "x"}, headers=ENGLISH)
    assert response.status_code == 200
    assert queue_numbers(response) == []
    assert "Select a valid choice." in response.content.decode()


def test_the_filter_bar_asks_htmx_for_the_results_alone(client, make_user):
    application = at_stage(make_user, three_stage_policy(), 3)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.get(QUEUE, headers={"HX-Request": "true", "HX-Target": "queue-results"})
    page = response.content.decode()
    assert application.number in page
    assert "<html" not in page
    assert "HX-Target" in response["Vary"]


# Deciding in bulk ----------------------------------------------------------------------------


def test_bulk_approval_decides_each_it_may_and_reports_each_refusal(client, make_user):
    policy = three_stage_policy()
    first, second = at_stage(make_user, policy, 3), at_stage(make_user, policy, 3)
    not_ours = at_stage(make_user, policy, 2)  # the office sees it, but a department decides it
    client.force_login(make_user(Role.OFFICE_ADMIN))

    response = client.post(
        QUEUE,
        {"applications": [first.pk, second.pk, not_ours.pk], "decision": "approve"},
        headers=ENGLISH,
        follow=True,
    )

    assert response.redirect_chain == [(QUEUE, 302)]
    statuses = Application.objects.in_bulk([first.pk, second.pk, not_ours.pk])
    assert statuses[first.pk].status == ApplicationStatus.NOTICE
    assert statuses[second.pk].status == ApplicationStatus.NOTICE
    assert statuses[not_ours.pk].stage.position == 2
    done, refused = messages_of(response)
    assert done == f"Approve: 2 of 3 done ({first.number}, {second.number})."
    assert refused == (
        f"{not_ours.number} was not decided: "
        "You may not decide this application at its current stage."
    )


def test_an_application_decided_meanwhile_is_reported_not_decided_again(client, make_user):
    application = at_stage(make_user, three_stage_policy(), 2)
    reviewer = reviewer_of(make_user, application)
    colleague = make_user(Role.REVIEWER, department=application.stage.department)
    approve(colleague, application)  # between the page's loading and the reviewer's click
    client.force_login(reviewer)
    response = client.post(
        QUEUE,
        {"applications": [application.pk], "decision": "reject", "reason": "材料不全"},
        headers=ENGLISH,
        follow=True,
    )
    assert messages_of(response) == [
        f"{application.number} was not decided: "
        "You may not decide this application at its current stage."
    ]
    application.refresh_from_db()
    assert application.stage.position == 3


def test_bulk_return_sends_each_back_to_its_applicant_with_the_one_reason(client, make_user):
    department = DepartmentFactory()
    policy = three_stage_policy(department=department)
    first, second = at_stage(make_user, policy, 2), at_stage(make_user, policy, 2)
    client.force_login(make_user(Role.REVIEWER, department=department))
    response = client.post(
        f"{QUEUE}?policy={policy.pk}",
        {"applications": [first.pk, second.pk], "decision": "return", "reason": "请补充社保证明"},
        headers=ENGLISH,
    )
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?policy={policy.pk}"  # the filter is kept
    for application in (first, second):
        application.refresh_from_db()
        assert application.status == ApplicationStatus.RETURNED
        assert application.events.last().reason == "请补充社保证明"


@pytest.mark.parametrize("decision", ["reject", "return"])
def test_bulk_reject_or_return_needs_a_reason(client, make_user, decision):
    application = at_stage(make_user, three_stage_policy(), 3)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.post(
        QUEUE,
        {"applications": [application.pk], "decision": decision, "reason": "  "},
        headers=ENGLISH,
    )
    assert response.status_code == 200
    assert response.context["bulk"].errors["reason"] == [
        "Give a reason: the applicant will read it."
    ]
    page = response.content.decode()
    assert "Give a reason: the applicant will read it." in page
    assert f'value="{application.pk}" data-tick id="tick-{application.pk}" checked' in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW


def test_a_bulk_decision_with_nothing_ticked_says_so(client, make_user):
    at_stage(make_user, three_stage_policy(), 3)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.post(QUEUE, {"decision": "approve"}, headers=ENGLISH)
    assert response.status_code == 200
    assert "Tick at least one application." in response.content.decode()


def test_a_bulk_decision_on_an_application_out_of_sight_is_refused_whole(client, make_user):
    policy = three_stage_policy()
    ours, theirs = at_stage(make_user, policy, 1), at_stage(make_user, policy, 1)
    client.force_login(hr_of(make_user, ours))
    response = client.post(
        QUEUE, {"applications": [ours.pk, theirs.pk], "decision": "approve"}, headers=ENGLISH
    )
    assert response.status_code == 200
    assert f"Application {theirs.pk} is not one you may see." in response.content.decode()
    assert Application.objects.get(pk=ours.pk).stage.position == 1


def test_a_bulk_decision_without_a_decision_is_an_error_not_a_crash(client, make_user):
    application = at_stage(make_user, three_stage_policy(), 3)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    for decision in ("", "pay-me"):
        response = client.post(
            QUEUE, {"applications": [application.pk], "decision": decision}, headers=ENGLISH
        )
        assert response.status_code == 200
        assert "decision" in response.context["bulk"].errors


# Overdue reviews -----------------------------------------------------------------------------


def test_overdue_reviews_are_listed_most_overdue_first_with_who_decides(
    client, make_user, monkeypatch
):
    department = DepartmentFactory(name="科技局")
    policy = three_stage_policy(department=department, title="人才奖励")
    at_hr = submitted(make_user, policy, day=datetime.date(2026, 5, 1))  # due 11 May
    at_department = submitted(make_user, policy, day=datetime.date(2026, 5, 1))
    approve(hr_of(make_user, at_department), at_department, day=datetime.date(2026, 5, 20))
    submitted(make_user, policy, day=datetime.date(2026, 5, 29))  # due 8 June: not yet
    monkeypatch.setattr(review, "today", lambda: datetime.date(2026, 6, 5))

    client.force_login(make_user(Role.LEADER))
    response = client.get(OVERDUE, headers=ENGLISH)

    rows = response.context["rows"]
    assert [row["application"].number for row in rows] == [at_hr.number, at_department.number]
    assert [row["days"] for row in rows] == [25, 6]  # due 11 May and 30 May
    assert [row["decider"] for row in rows] == [at_hr.talent.employer.name, "科技局"]
    page = response.content.decode()
    assert "Overdue reviews (2)" in page
    assert reverse("policies:application-detail", args=[at_hr.pk]) in page


def test_an_overdue_office_stage_names_the_talent_office(client, make_user, monkeypatch):
    application = at_stage(make_user, three_stage_policy(), 3)  # due 11 June
    monkeypatch.setattr(review, "today", lambda: datetime.date(2026, 6, 12))
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.get(OVERDUE, headers=ENGLISH)
    assert [
        (row["application"], row["days"], row["decider"]) for row in response.context["rows"]
    ] == [(application, 1, "Talent office")]


def test_no_overdue_review_says_so(client, make_user):
    at_stage(make_user, three_stage_policy(), 1)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    page = client.get(OVERDUE, headers=ENGLISH).content.decode()
    assert "Overdue reviews (0)" in page
    assert "No review is overdue." in page


# The public notice board ---------------------------------------------------------------------


def test_the_notice_board_lists_applications_on_notice_with_their_open_objections(
    client, make_user
):
    policy = three_stage_policy(title="人才奖励")
    noticed = on_notice(make_user, policy)
    at_stage(make_user, policy, 3)  # still in review: not on the board
    someone = make_user(Role.STATION_STAFF)
    services.objection_lodge(actor=someone, application=noticed, reason="此人已离职")
    client.force_login(someone)

    response = client.get(NOTICES, headers=ENGLISH)

    assert [a.number for a in response.context["page"].object_list] == [noticed.number]
    assert response.context["page"].object_list[0].open_objections == 1
    page = response.content.decode()
    for shown in (noticed.talent.name, "人才奖励", "¥50,000.00", str(noticed.notice_ends_on)):
        assert shown in page
    # A stranger to the application reads the notice but has no link into the application.
    assert f'href="{reverse("policies:application-detail", args=[noticed.pk])}"' not in page


def test_the_applicant_and_the_office_get_a_link_from_the_notice_board(client, make_user):
    noticed = on_notice(make_user, three_stage_policy())
    detail = reverse("policies:application-detail", args=[noticed.pk])
    for user in (noticed.talent.user, make_user(Role.OFFICE_ADMIN)):
        client.force_login(user)
        assert f'href="{detail}"' in client.get(NOTICES).content.decode()


def test_the_notice_board_offers_an_objection_form_to_everyone_signed_in(client, make_user):
    noticed = on_notice(make_user, three_stage_policy())
    lodge = url_or_skip("objection-lodge", noticed.pk)
    client.force_login(make_user(Role.TALENT))
    page = client.get(NOTICES).content.decode()
    assert f'action="{lodge}"' in page
    assert 'name="reason"' in page


def test_an_empty_notice_board_says_so(client, make_user):
    client.force_login(make_user(Role.TALENT))
    page = client.get(NOTICES, headers=ENGLISH).content.decode()
    assert "No application is on public notice." in page


# Open objections -----------------------------------------------------------------------------


def test_the_office_sees_each_open_objection_with_who_lodged_it(client, make_user):
    noticed = on_notice(make_user, three_stage_policy())
    lodger = make_user(Role.TALENT)
    lodger.display_name = "王举报"
    lodger.save()
    services.objection_lodge(actor=lodger, application=noticed, reason="获奖证书系伪造")
    resolved = services.objection_lodge(actor=lodger, application=noticed, reason="重复")
    office = make_user(Role.OFFICE_ADMIN)
    services.objection_resolve(actor=office, objection=resolved, uphold=False, resolution="查无")
    client.force_login(office)

    response = client.get(OBJECTIONS, headers=ENGLISH)

    assert [o.reason for o in response.context["page"].object_list] == ["获奖证书系伪造"]
    page = response.content.decode()
    assert "Open objections (1)" in page
    for shown in ("王举报", "获奖证书系伪造", noticed.number):
        assert shown in page
    assert reverse("policies:application-detail", args=[noticed.pk]) in page


def test_each_open_objection_has_a_resolve_form(client, make_user):
    noticed = on_notice(make_user, three_stage_policy())
    objection = services.objection_lodge(
        actor=make_user(Role.TALENT), application=noticed, reason="有误"
    )
    resolve = url_or_skip("objection-resolve", objection.pk)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    page = client.get(OBJECTIONS).content.decode()
    assert f'action="{resolve}"' in page
    for field in (
        'name="outcome" value="uphold"',
        'name="outcome" value="dismiss"',
        'name="resolution"',
    ):
        assert field in page


def test_no_open_objection_says_so(client, make_user):
    client.force_login(make_user(Role.OFFICE_ADMIN))
    with translation.override("en"):
        page = client.get(OBJECTIONS, headers=ENGLISH).content.decode()
    assert "No objection is open." in page


def test_an_objection_lodged_from_the_notice_board_comes_back_to_it(client, make_user):
    noticed = on_notice(make_user, three_stage_policy())
    lodge = url_or_skip("objection-lodge", noticed.pk)
    client.force_login(make_user(Role.TALENT))
    response = client.post(lodge, {"reason": "此人已离职", "next": NOTICES}, follow=True)
    assert response.redirect_chain[-1][0] == NOTICES
    assert response.context["page"].object_list[0].open_objections == 1


@pytest.mark.parametrize(("outcome", "status"), [("uphold", "upheld"), ("dismiss", "dismissed")])
def test_an_objection_resolved_from_the_list_leaves_it(client, make_user, outcome, status):
    noticed = on_notice(make_user, three_stage_policy())
    objection = services.objection_lodge(
        actor=make_user(Role.TALENT), application=noticed, reason="有误"
    )
    resolve = url_or_skip("objection-resolve", objection.pk)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.post(
        resolve, {"outcome": outcome, "resolution": "经核实", "next": OBJECTIONS}, follow=True
    )
    assert response.redirect_chain[-1][0] == OBJECTIONS
    assert list(response.context["page"].object_list) == []
    objection.refresh_from_db()
    assert objection.status == status


def test_a_resolution_left_empty_comes_back_to_the_list_as_an_error(client, make_user):
    noticed = on_notice(make_user, three_stage_policy())
    objection = services.objection_lodge(
        actor=make_user(Role.TALENT), application=noticed, reason="有误"
    )
    resolve = url_or_skip("objection-resolve", objection.pk)
    client.force_login(make_user(Role.OFFICE_ADMIN))
    response = client.post(
        resolve,
        {"outcome": "dismiss", "resolution": "", "next": OBJECTIONS},
        headers=ENGLISH,
        follow=True,
    )
    assert response.redirect_chain[-1][0] == OBJECTIONS
    assert messages_of(response) == ["This field is required."]
    assert list(response.context["page"].object_list) == [objection]
