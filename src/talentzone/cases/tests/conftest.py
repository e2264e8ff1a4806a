"""Fixtures of the case desk's tests: two grids with their teams, an enterprise in each with its
HR, a talent with an account, two departments, the office and a leader — on a fixed clock.

The clock is Monday 1 June 2026, 09:00 in the park (Asia/Shanghai); services take it as
`today=MONDAY, now=NOW`, so the deadlines do not depend on the day the tests run. The category
`housing` gives 5 working days at level 1, 10 at level 2 and 15 at level 3: a case raised on
Monday 1 June is due on Monday 8 June.
"""

import datetime
from dataclasses import dataclass
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from talentzone.cases import services
from talentzone.cases.tests.factories import CategoryFactory
from talentzone.directory.tests.factories import (
    DepartmentFactory,
    EnterpriseFactory,
    GridFactory,
    GridTeamFactory,
    TalentFactory,
)


def park_time(date: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware moment on the park's clock (Asia/Shanghai)."""
    naive = datetime.datetime.combine(date, datetime.time(hour, minute))
    return timezone.make_aware(naive, timezone.get_default_timezone())


MONDAY = datetime.date(2026, 6, 1)
NOW = park_time(MONDAY, 9)
DUE_AT_LEVEL_1 = datetime.date(2026, 6, 8)  # five working days after Monday 1 June


def day(n: int) -> datetime.date:
    """The n-th of June 2026 (1 is a Monday)."""
    return datetime.date(2026, 6, n)


def at(date: datetime.date, hour: int = 9) -> datetime.datetime:
    return park_time(date, hour)


def codes(error: ValidationError) -> dict[str, list[str]]:
    """{field: [codes]} of a refusal."""
    if hasattr(error, "error_dict"):
        return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}
    return {"__all__": [e.code for e in error.error_list]}


@pytest.fixture
def reference_data(transactional_db):
    """The roles and talent tiers the data migrations create, made again if missing: a
    transactional test empties every table when it ends."""
    for migration, create in (
        ("talentzone.core.migrations.0002_roles", "create_roles"),
        ("talentzone.directory.migrations.0002_default_tiers", "create_tiers"),
    ):
        getattr(import_module(migration), create)(apps, None)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Desk:
    """The people and places of the case desk's scenes."""

    make_user: object

    def __post_init__(self) -> None:
        make = self.make_user
        self.office = make("office_admin")
        self.leader = make("leader")
        self.housing = DepartmentFactory(name="住建局")
        self.policy = DepartmentFactory(name="人社局")
        self.category = CategoryFactory(department=self.housing, name="人才住房")
        self.grid = GridFactory(name="城南网格")
        self.team = GridTeamFactory(grid=self.grid, name="城南网格服务队")
        self.other_grid = GridFactory(name="城北网格")
        self.other_team = GridTeamFactory(grid=self.other_grid, name="城北网格服务队")
        self.officer = make("grid_officer", grid=self.grid)
        self.other_officer = make("grid_officer", grid=self.other_grid)
        self.enterprise = EnterpriseFactory(grid=self.grid, name="宁德新能源材料有限公司")
        self.hr = make("enterprise_hr", enterprise=self.enterprise)
        self.other_enterprise = EnterpriseFactory(grid=self.other_grid, name="城北电机有限公司")
        self.other_hr = make("enterprise_hr", enterprise=self.other_enterprise)
        self.talent_user = make("talent")
        self.talent = TalentFactory(employer=self.enterprise, user=self.talent_user, name="陈思远")
        self.housing_staff = make("reviewer", department=self.housing)
        self.policy_staff = make("reviewer", department=self.policy)

    def raise_case(self, actor=None, **fields):
        """A case raised on Monday 1 June (by the enterprise's HR unless told)."""
        values = {
            "actor": actor or self.hr,
            "category": self.category,
            "title": "人才公寓申请无进展",
            "description": "三名博士的人才公寓申请已提交两个月，仍未分配。",
            "today": MONDAY,
            "now": NOW,
            **fields,
        }
        return services.case_raise(**values)

    def at_level(self, level: int, **fields):
        """A case raised on Monday and escalated by hand the same day up to `level`."""
        case = self.raise_case(**fields)
        if level >= 2:
            case = services.case_escalate(
                actor=self.officer, case=case, reason="需住建局协调房源", today=MONDAY, now=NOW
            )
        if level >= 3:
            case = services.case_escalate(
                actor=self.housing_staff, case=case, reason="需多部门会商", today=MONDAY, now=NOW
            )
        return case

    def consulted(self, case, now: datetime.datetime = NOW):
        """The joint consultation of a level-3 case, met the next day, with one task for the
        housing department, done: the case may now be resolved."""
        consultation = services.consultation_schedule(
            actor=self.office,
            case=case,
            scheduled_at=now + datetime.timedelta(days=1),
            place="管委会三楼会议室",
            departments=[self.housing, self.policy],
            now=now,
        )
        consultation = services.consultation_record(
            actor=self.office,
            consultation=consultation,
            minutes="住建局、人社局参会，议定由住建局调配房源。",
            decision="住建局两周内调配两套人才公寓。",
            tasks=[{"department": self.housing, "description": "调配两套公寓", "due_on": day(30)}],
            now=now + datetime.timedelta(days=1),
        )
        for task in consultation.tasks.all():
            services.task_done(
                actor=self.housing_staff,
                task=task,
                note="已交付钥匙",
                now=now + datetime.timedelta(days=2),
            )
        return consultation

    def resolved(self, on: datetime.date = MONDAY, **fields):
        case = self.raise_case(**fields)
        return services.case_resolve(
            actor=self.officer, case=case, resolution="已协调分配两套人才公寓。", now=at(on, 16)
        )


@pytest.fixture
def desk(make_user) -> Desk:
    return Desk(make_user)
