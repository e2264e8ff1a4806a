"""One application from draft to paid, through three stages (a quick proof the engine runs)."""

import datetime

from django.utils import translation

from talentzone.directory.tests.factories import TalentFactory
from talentzone.policies import ledger, services
from talentzone.policies.choices import ApplicationStatus, EventKind
from talentzone.policies.tests.factories import three_stage_policy

TODAY = datetime.date(2026, 6, 1)


def test_an_application_walks_from_draft_to_paid(make_user, db):
    with translation.override("en"):
        talent_user = make_user("talent")
        talent = TalentFactory(user=talent_user)
        hr = make_user("enterprise_hr", enterprise=talent.employer)
        policy = three_stage_policy(rule="age <= 45")
        department = policy.stages.get(position=2).department
        reviewer = make_user("reviewer", department=department)
        office = make_user("office_admin")

        application = services.application_create(
            actor=talent_user, policy=policy, applicant=talent, today=TODAY
        )
        services.application_submit(actor=talent_user, application=application, today=TODAY)
        for actor in (hr, reviewer, office):
            services.application_decide(
                actor=actor, application=application, decision="approve", today=TODAY
            )
        application.refresh_from_db()
        assert application.status == ApplicationStatus.NOTICE
        assert ledger.line_figures(policy.budget_line).reserved == policy.amount_fen
        services.notice_close(
            actor=office, application=application, today=TODAY + datetime.timedelta(days=6)
        )
        services.application_pay(actor=office, application=application)
        application.refresh_from_db()
        assert application.status == ApplicationStatus.PAID
        figures = ledger.line_figures(policy.budget_line)
        assert (figures.reserved, figures.disbursed) == (0, policy.amount_fen)
        assert list(application.events.values_list("kind", flat=True)) == [
            EventKind.CREATED,
            EventKind.SUBMITTED,
            EventKind.APPROVED_STAGE,
            EventKind.APPROVED_STAGE,
            EventKind.APPROVED_STAGE,
            EventKind.NOTICE_STARTED,
            EventKind.APPROVED,
            EventKind.PAID,
        ]
        assert talent_user.notifications.count() == 3
