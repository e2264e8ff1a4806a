"""Posting, changing, closing and reopening demands (and the skills list and projects they use),
through the services: who may, the rules a demand keeps, and nothing written when refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from talentzone.core.models import AuditRecord, Notification
from talentzone.directory.choices import Education, ProfessionalTitle
from talentzone.directory.tests.factories import tier
from talentzone.recruiting import services
from talentzone.recruiting.choices import DemandStatus, ReferralStatus
from talentzone.recruiting.models import Demand, DemandSkill, Project, Skill
from talentzone.recruiting.tests.factories import ProjectFactory, ReferralFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def new_demand(enterprise, **fields) -> Demand:
    return Demand(
        **{
            "enterprise": enterprise,
            "title": "涂布工艺工程师",
            "description": "负责极片涂布工艺改进与良率提升",
            "headcount": 3,
            "location": "宁德",
            "salary_min": 9000,
            "salary_max": 16000,
            **fields,
        }
    )


def errors(call) -> dict:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.message_dict


def audited(record) -> list[AuditRecord]:
    return list(
        AuditRecord.objects.filter(
            target_type=record._meta.label_lower, target_id=str(record.pk)
        ).order_by("seq")
    )


# Posting -------------------------------------------------------------------------------------


def test_enterprise_hr_posts_a_demand_for_their_enterprise(zone):
    demand = services.demand_save(
        actor=zone.hr,
        demand=new_demand(zone.enterprise, status=DemandStatus.FILLED, hired=3),
        skills=[{"text": "涂布", "required": True}],
    )
    demand.refresh_from_db()
    assert (demand.status, demand.hired) == (DemandStatus.OPEN, 0)  # the services' own
    assert demand.posted_by == zone.hr
    assert demand.skills.get().required is True
    [record] = audited(demand)
    assert record.action == "create" and record.actor == zone.hr


def test_skills_are_tied_to_the_list_by_name_or_synonym_and_kept_as_typed(zone):
    coating = SkillFactory(name="涂布", synonyms="极片涂布、Coating")
    formation = SkillFactory(name="化成", synonyms="化成分容")
    demand = services.demand_save(
        actor=zone.hr,
        demand=new_demand(zone.enterprise),
        skills=[
            {"text": " coating ", "required": True},
            {"text": "化成", "required": False},
            {"text": "MES系统", "required": False},
            {"text": "", "required": True},  # a blank row of a form
        ],
    )
    rows = {row.text: row for row in demand.skills.all()}
    assert set(rows) == {"coating", "化成", "MES系统"}
    assert rows["coating"].skill == coating and rows["coating"].required
    assert rows["化成"].skill == formation and not rows["化成"].required
    assert rows["MES系统"].skill is None


def test_a_skill_listed_twice_is_refused(zone):
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr,
            demand=new_demand(zone.enterprise),
            skills=[{"text": "涂布"}, {"text": "涂布", "required": True}],
        )
    )
    assert found == {"skills": ["“涂布” is listed twice."]}
    assert not Demand.objects.exists()


def test_enterprise_hr_may_not_post_for_another_enterprise(zone):
    with pytest.raises(PermissionDenied):
        services.demand_save(actor=zone.hr, demand=new_demand(zone.other_enterprise))
    assert not Demand.objects.exists()
    assert not AuditRecord.objects.filter(target_type="recruiting.demand").exists()


@pytest.mark.parametrize("actor", ["staff", "talent_user", "leader"])
def test_those_who_do_not_hire_may_not_post(zone, actor):
    with pytest.raises(PermissionDenied):
        services.demand_save(actor=getattr(zone, actor), demand=new_demand(zone.enterprise))
    assert not Demand.objects.exists()


def test_only_the_office_posts_a_high_level_position(zone):
    project = ProjectFactory(enterprise=zone.enterprise)
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr, demand=new_demand(zone.enterprise, high_level=True, project=project)
        )
    )
    assert found == {"high_level": ["Only the talent office posts high-level positions."]}
    demand = services.demand_save(
        actor=zone.office, demand=new_demand(zone.enterprise, high_level=True, project=project)
    )
    assert demand.high_level and demand.project == project


def test_a_high_level_position_needs_a_project_of_its_enterprise(zone):
    found = errors(
        lambda: services.demand_save(
            actor=zone.office, demand=new_demand(zone.enterprise, high_level=True)
        )
    )
    assert list(found) == ["project"]
    elsewhere = ProjectFactory(enterprise=zone.other_enterprise)
    found = errors(
        lambda: services.demand_save(
            actor=zone.office,
            demand=new_demand(zone.enterprise, high_level=True, project=elsewhere),
        )
    )
    assert found == {"project": ["This project belongs to another enterprise."]}
    assert not Demand.objects.exists()


def test_the_office_posts_an_ordinary_demand_for_any_enterprise(zone):
    demand = services.demand_save(actor=zone.office, demand=new_demand(zone.other_enterprise))
    assert demand.pk and demand.posted_by == zone.office


@pytest.mark.parametrize(
    ("value_field", "flag", "value"),
    [
        ("min_education", "education_required", Education.BACHELOR),
        ("majors", "majors_required", "材料科学与工程、化学"),
        ("min_years", "years_required", 3),
        ("min_title", "title_required", ProfessionalTitle.INTERMEDIATE),
        ("min_tier", "tier_required", "tier"),
    ],
)
def test_a_requirement_marked_required_needs_its_value(zone, value_field, flag, value):
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr, demand=new_demand(zone.enterprise, **{flag: True})
        )
    )
    assert found == {value_field: ["Marked required: say what is required, or make it preferred."]}
    assert not Demand.objects.exists()

    value = tier("municipal") if value == "tier" else value
    demand = services.demand_save(
        actor=zone.hr, demand=new_demand(zone.enterprise, **{flag: True, value_field: value})
    )
    assert getattr(demand, flag) is True


def test_blank_majors_do_not_make_a_required_major(zone):
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr,
            demand=new_demand(zone.enterprise, majors="、 ,", majors_required=True),
        )
    )
    assert list(found) == ["majors"]


def test_the_salary_range_runs_from_low_to_high(zone):
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr, demand=new_demand(zone.enterprise, salary_min=20000, salary_max=9000)
        )
    )
    assert found == {"salary_max": ["The salary range must run from low to high."]}
    services.demand_save(
        actor=zone.hr, demand=new_demand(zone.enterprise, salary_min=9000, salary_max=9000)
    )
    services.demand_save(
        actor=zone.hr, demand=new_demand(zone.enterprise, salary_min=9000, salary_max=None)
    )
    assert Demand.objects.count() == 2


def test_errors_of_the_fields_and_of_the_rules_come_together(zone):
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr,
            demand=new_demand(zone.enterprise, title="", headcount=0, salary_min=5, salary_max=1),
        )
    )
    assert {"title", "headcount", "salary_max"} <= set(found)


def test_a_new_demand_has_no_deadline_in_the_past(zone):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    found = errors(
        lambda: services.demand_save(
            actor=zone.hr, demand=new_demand(zone.enterprise, deadline=yesterday)
        )
    )
    assert found == {"deadline": ["The deadline cannot be in the past."]}


# Changing ------------------------------------------------------------------------------------


def test_an_edit_names_what_changed_and_keeps_status_and_hires(zone):
    demand = zone.demand(headcount=3, hired=1)
    demand.title = "高级涂布工艺工程师"
    demand.status = DemandStatus.FILLED  # not the editor's to set
    demand.hired = 0
    services.demand_save(actor=zone.hr, demand=demand)
    demand.refresh_from_db()
    assert demand.title == "高级涂布工艺工程师"
    assert (demand.status, demand.hired) == (DemandStatus.OPEN, 1)
    [record] = audited(demand)
    assert record.action == "update" and record.changes == ["title"]


def test_an_edit_that_changes_nothing_is_not_audited(zone):
    demand = zone.demand()
    services.demand_save(actor=zone.hr, demand=demand)
    assert audited(demand) == []


def test_new_skills_replace_the_old_and_none_keeps_them(zone):
    demand = services.demand_save(
        actor=zone.hr, demand=new_demand(zone.enterprise), skills=[{"text": "涂布"}]
    )
    services.demand_save(actor=zone.hr, demand=demand)
    assert list(demand.skills.values_list("text", flat=True)) == ["涂布"]
    services.demand_save(actor=zone.hr, demand=demand, skills=[{"text": "叠片", "required": True}])
    assert list(DemandSkill.objects.values_list("text", "required")) == [("叠片", True)]
    assert audited(demand)[-1].changes == ["skills"]


def test_hr_may_not_change_another_enterprises_demand_nor_move_their_own_there(zone):
    theirs = zone.demand(enterprise=zone.other_enterprise, posted_by=zone.other_hr)
    theirs.title = "改"
    with pytest.raises(PermissionDenied):
        services.demand_save(actor=zone.hr, demand=theirs)
    mine = zone.demand()
    mine.enterprise = zone.other_enterprise
    with pytest.raises(PermissionDenied):
        services.demand_save(actor=zone.hr, demand=mine)
    assert Demand.objects.get(pk=mine.pk).enterprise == zone.enterprise


def test_hr_may_not_change_the_offices_high_level_demand(zone):
    project = ProjectFactory(enterprise=zone.enterprise)
    demand = zone.demand(high_level=True, project=project, posted_by=zone.office)
    demand.title = "改"
    with pytest.raises(PermissionDenied):
        services.demand_save(actor=zone.hr, demand=demand)


def test_the_headcount_never_drops_below_the_hires_and_a_raise_reopens_a_filled_demand(zone):
    demand = zone.demand(headcount=2, hired=2, status=DemandStatus.FILLED)
    demand.headcount = 1
    assert list(errors(lambda: services.demand_save(actor=zone.hr, demand=demand))) == ["headcount"]
    demand.headcount = 3
    services.demand_save(actor=zone.hr, demand=demand)
    demand.refresh_from_db()
    assert (demand.status, demand.hired, demand.headcount) == (DemandStatus.OPEN, 2, 3)
    demand.headcount = 2
    services.demand_save(actor=zone.hr, demand=demand)
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.FILLED


# Closing and reopening -----------------------------------------------------------------------


def test_hr_closes_an_open_demand_with_a_reason_and_the_waiting_agencies_are_told(zone):
    demand = zone.demand()
    ReferralFactory(demand=demand, agency=zone.agency, referred_by=zone.staff)
    ReferralFactory(demand=demand, agency=zone.other_agency, status=ReferralStatus.REJECTED)
    assert list(errors(lambda: services.demand_close(actor=zone.hr, demand=demand, reason=""))) == [
        "reason"
    ]
    services.demand_close(actor=zone.hr, demand=demand, reason="岗位编制调整")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED
    assert audited(demand)[-1].detail == {"status": "closed", "reason": "岗位编制调整"}
    told = Notification.objects.get(recipient=zone.staff)
    assert told.title.startswith("Demand closed") and told.body == "岗位编制调整"
    assert not Notification.objects.filter(recipient=zone.other_staff).exists()


def test_only_an_open_demand_is_closed_and_only_a_closed_one_reopened(zone):
    demand = zone.demand()
    with pytest.raises(ValidationError) as refused:
        services.demand_reopen(actor=zone.hr, demand=demand)
    assert refused.value.code == "wrong_status"
    services.demand_close(actor=zone.hr, demand=demand, reason="暂停招聘")
    with pytest.raises(ValidationError):
        services.demand_close(actor=zone.hr, demand=demand, reason="再关")
    services.demand_reopen(actor=zone.hr, demand=demand)
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.OPEN
    filled = zone.demand(headcount=1, hired=1, status=DemandStatus.FILLED)
    with pytest.raises(ValidationError):
        services.demand_close(actor=zone.hr, demand=filled, reason="招满")


def test_another_enterprise_and_agencies_may_not_close_or_reopen(zone):
    demand = zone.demand()
    for actor in (zone.other_hr, zone.staff, zone.talent_user):
        with pytest.raises(PermissionDenied):
            services.demand_close(actor=actor, demand=demand, reason="不要了")
    services.demand_close(actor=zone.office, demand=demand, reason="人才办下架")
    with pytest.raises(PermissionDenied):
        services.demand_reopen(actor=zone.other_hr, demand=demand)
    assert Demand.objects.get(pk=demand.pk).status == DemandStatus.CLOSED


# The skills list and projects (the office's) -------------------------------------------------


def test_the_office_keeps_the_skills_list_and_a_synonym_leads_to_one_skill(zone):
    SkillFactory(name="叠片")
    skill = services.skill_save(
        actor=zone.office, skill=Skill(name=" 涂布 ", synonyms="极片涂布，coating、coating")
    )
    assert skill.name == "涂布" and skill.synonym_list == ["极片涂布", "coating"]
    found = errors(
        lambda: services.skill_save(actor=zone.office, skill=Skill(name="卷绕", synonyms="叠片"))
    )
    assert found == {"synonyms": ["“叠片” is the name of another skill."]}
    with pytest.raises(PermissionDenied):
        services.skill_save(actor=zone.hr, skill=Skill(name="分容"))
    assert audited(skill)[0].action == "create"


def test_the_office_keeps_projects_with_their_people(zone):
    project = Project(
        kind="cooperation",
        title="钠离子电池校企合作项目",
        partner="厦门大学",
        enterprise=zone.enterprise,
        funding=3_000_000_00,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 2, 1),
    )
    assert errors(lambda: services.project_save(actor=zone.office, project=project)) == {
        "ends_on": ["A project cannot end before it starts."]
    }
    project.ends_on = datetime.date(2029, 2, 28)
    services.project_save(actor=zone.office, project=project, people=[zone.talent])
    assert list(project.people.all()) == [zone.talent]
    services.project_save(actor=zone.office, project=project, people=[])
    assert audited(project)[-1].changes == ["people"]
    with pytest.raises(PermissionDenied):
        services.project_save(actor=zone.hr, project=project)
