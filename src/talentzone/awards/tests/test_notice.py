"""The public notice: anyone signed in may object to a nominee on notice, with a reason; the
office dismisses or upholds each objection with its resolution. An upheld objection removes the
nominee, and the best-ranked nominee below the quota moves up onto the notice for a full notice
period of its own.

`noticed_round` (used by the announcement's tests too) writes a ranked round directly: the
ranking's own steps are tested in test_ranking.py."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from talentzone.awards import queries, services
from talentzone.awards.choices import EntryStatus, NominationStatus, ObjectionStatus, RoundStatus
from talentzone.awards.models import Objection, RankingEntry
from talentzone.awards.tests.conftest import codes
from talentzone.awards.tests.factories import NominationFactory, RoundFactory
from talentzone.core.models import Notification

RANKED_ON = datetime.date(2026, 7, 20)
NOTICE_ENDS = datetime.date(2026, 7, 27)  # seven days
OBJECTION_DAY = datetime.date(2026, 7, 23)


def noticed_round(*, nominees: int = 5, quota: int = 3, **round_fields):
    """A round on public notice since RANKED_ON: `nominees` admitted nominations ranked 1…n
    (scores 90, 85, …), the first `quota` on notice until NOTICE_ENDS. Answers (round,
    entries by rank)."""
    round_ = RoundFactory(
        status=RoundStatus.NOTICE, quota=quota, ranked_on=RANKED_ON, **round_fields
    )
    entries = []
    for rank in range(1, nominees + 1):
        nomination = NominationFactory(round=round_, status=NominationStatus.ADMITTED)
        on_notice = rank <= quota
        entries.append(
            RankingEntry.objects.create(
                round=round_,
                nomination=nomination,
                rank=rank,
                score=Decimal(95 - 5 * rank),
                mean_all=Decimal(95 - 5 * rank),
                experts_counted=3,
                breakdown={},
                status=EntryStatus.NOTICE if on_notice else EntryStatus.RANKED,
                notice_ends_on=NOTICE_ENDS if on_notice else None,
            )
        )
    return round_, entries


pytestmark = pytest.mark.django_db


@pytest.fixture
def noticed(db):
    return noticed_round()


@pytest.fixture
def someone(make_user):
    """Anyone signed in: a talent of the zone."""
    return make_user("talent")


def status_of(entry) -> str:
    entry.refresh_from_db()
    return entry.status


def test_anyone_signed_in_objects_to_a_nominee_on_notice(noticed, someone, office):
    _round, entries = noticed

    objection = services.objection_lodge(
        actor=someone, entry=entries[0], reason="  申报的专利并非本人主持  "
    )

    assert objection.status == ObjectionStatus.OPEN
    assert (objection.entry, objection.lodged_by) == (entries[0], someone)
    assert objection.reason == "申报的专利并非本人主持"
    assert Notification.objects.filter(recipient=office).count() == 1


def test_an_objection_needs_a_reason_and_a_nominee_on_notice(noticed, someone):
    _round, entries = noticed

    with pytest.raises(ValidationError) as refused:
        services.objection_lodge(actor=someone, entry=entries[0], reason=" ")
    assert codes(refused.value) == {"reason": ["required"]}

    with pytest.raises(ValidationError) as refused:
        services.objection_lodge(actor=someone, entry=entries[3], reason="名次有误")  # ranked
    assert codes(refused.value) == {"__all__": ["not_on_notice"]}
    assert not Objection.objects.exists()


def test_a_dismissed_objection_changes_nothing_else(noticed, someone, office):
    _round, entries = noticed
    objection = services.objection_lodge(actor=someone, entry=entries[0], reason="有异议")

    promoted = services.objection_resolve(
        actor=office,
        objection=objection,
        uphold=False,
        resolution="经核查，专利权属清楚",
        today=OBJECTION_DAY,
    )

    assert promoted is None
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.DISMISSED
    assert objection.resolved_by == office and objection.resolved_at is not None
    assert [status_of(e) for e in entries] == [EntryStatus.NOTICE] * 3 + [EntryStatus.RANKED] * 2
    assert Notification.objects.filter(recipient=someone).count() == 1  # the objector is told


def test_an_upheld_objection_promotes_the_next_nominee(noticed, someone, office, make_user):
    round_, entries = noticed
    next_hr = make_user("enterprise_hr", enterprise=entries[3].nomination.enterprise)
    objection = services.objection_lodge(actor=someone, entry=entries[1], reason="业绩造假")

    promoted = services.objection_resolve(
        actor=office,
        objection=objection,
        uphold=True,
        resolution="经核查属实，取消资格",
        today=OBJECTION_DAY,
    )

    assert promoted == entries[3]  # rank 4, the best below the quota
    assert [status_of(e) for e in entries] == [
        EntryStatus.NOTICE,
        EntryStatus.REMOVED,
        EntryStatus.NOTICE,
        EntryStatus.NOTICE,
        EntryStatus.RANKED,
    ]
    # The promoted nominee has a full notice of its own; the others keep theirs.
    entries[3].refresh_from_db()
    assert entries[3].notice_ends_on == OBJECTION_DAY + datetime.timedelta(days=7)
    entries[0].refresh_from_db()
    assert entries[0].notice_ends_on == NOTICE_ENDS
    assert list(queries.on_notice(round_).order_by("rank").values_list("rank", flat=True)) == [
        1,
        3,
        4,
    ]
    # The promoted nominee's enterprise is told.
    assert Notification.objects.filter(recipient=next_hr).count() == 1


def test_with_nobody_left_below_the_quota_nobody_moves_up(someone, office):
    _round, entries = noticed_round(nominees=2, quota=2)
    objection = services.objection_lodge(actor=someone, entry=entries[0], reason="不符合条件")

    promoted = services.objection_resolve(
        actor=office, objection=objection, uphold=True, resolution="属实", today=OBJECTION_DAY
    )

    assert promoted is None
    assert [status_of(e) for e in entries] == [EntryStatus.REMOVED, EntryStatus.NOTICE]


def test_a_second_upheld_objection_to_a_removed_nominee_promotes_nobody(
    noticed, someone, make_user, office
):
    _round, entries = noticed
    first = services.objection_lodge(actor=someone, entry=entries[0], reason="异议一")
    second = services.objection_lodge(actor=make_user("talent"), entry=entries[0], reason="异议二")
    services.objection_resolve(
        actor=office, objection=first, uphold=True, resolution="属实", today=OBJECTION_DAY
    )

    promoted = services.objection_resolve(
        actor=office, objection=second, uphold=True, resolution="同上", today=OBJECTION_DAY
    )

    assert promoted is None
    assert [status_of(e) for e in entries].count(EntryStatus.NOTICE) == 3  # 2, 3 and 4


def test_an_objection_is_resolved_once_with_its_resolution(noticed, someone, office):
    _round, entries = noticed
    objection = services.objection_lodge(actor=someone, entry=entries[0], reason="有异议")

    with pytest.raises(ValidationError) as refused:
        services.objection_resolve(
            actor=office, objection=objection, uphold=False, resolution=" ", today=OBJECTION_DAY
        )
    assert codes(refused.value) == {"resolution": ["required"]}

    services.objection_resolve(
        actor=office, objection=objection, uphold=False, resolution="不属实", today=OBJECTION_DAY
    )
    with pytest.raises(ValidationError) as refused:
        services.objection_resolve(
            actor=office, objection=objection, uphold=True, resolution="改判", today=OBJECTION_DAY
        )
    assert codes(refused.value) == {"__all__": ["resolved"]}
    assert status_of(entries[0]) == EntryStatus.NOTICE


def test_only_the_office_resolves(noticed, someone, make_user):
    _round, entries = noticed
    objection = services.objection_lodge(actor=someone, entry=entries[0], reason="有异议")

    for actor in (someone, make_user("leader")):
        with pytest.raises(PermissionDenied):
            services.objection_resolve(
                actor=actor, objection=objection, uphold=True, resolution="属实"
            )
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.OPEN
