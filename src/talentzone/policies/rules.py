"""Who may do what with policies, applications and offers.

The services enforce these; the API answers 403 and the pages hide buttons by the same predicates.
Deciding at a stage belongs to the stage's role, scoped: an enterprise's HR confirms its own
people only, a department's reviewers decide the stages of their department, the office the
office's stages; and nobody decides an application they act for (their own, their
enterprise's, their venture's). Reads are scoped in `queries.py`.
"""

import rules

from talentzone.core.choices import Role
from talentzone.core.roles import has_role
from talentzone.directory.queries import member_ids
from talentzone.directory.rules import is_office_admin

from .choices import StageRole


@rules.predicate
def acts_for_applicant(user, record) -> bool:
    """The user may apply (and follow the application) in the name of this applicant record:
    the talent themselves, their enterprise's HR, their agency's staff, a venture's founder."""
    if record is None:
        return False
    applicant = getattr(record, "applicant", record)
    kind = applicant._meta.model_name
    if kind == "talent":
        return applicant.user_id is not None and applicant.user_id == user.pk
    if kind == "enterprise":
        return has_role(user, Role.ENTERPRISE_HR) and applicant.pk in member_ids(user, kind)
    if kind == "agency":
        return has_role(user, Role.AGENCY_STAFF) and applicant.pk in member_ids(user, kind)
    if kind == "venture":
        return applicant.founders.filter(talent__user=user).exists()
    return False


def enterprise_of(application):
    """The enterprise that confirms an application: the applicant, or the talent's employer."""
    if application.enterprise_id:
        return application.enterprise_id
    if application.talent_id:
        return application.talent.employer_id
    return None


@rules.predicate
def decides_current_stage(user, application) -> bool:
    stage = getattr(application, "stage", None)
    if stage is None or acts_for_applicant(user, application):
        return False
    if stage.role == StageRole.OFFICE_ADMIN:
        return has_role(user, Role.OFFICE_ADMIN)
    if stage.role == StageRole.REVIEWER:
        return has_role(user, Role.REVIEWER) and (
            stage.department_id is None or stage.department_id in member_ids(user, "department")
        )
    if stage.role == StageRole.ENTERPRISE_HR:
        return has_role(user, Role.ENTERPRISE_HR) and enterprise_of(application) in member_ids(
            user, "enterprise"
        )
    return False


rules.add_perm("policies.apply", acts_for_applicant)
rules.add_perm("policies.decide_application", decides_current_stage)
rules.add_perm("policies.manage_policy", is_office_admin)
rules.add_perm("policies.resolve_objection", is_office_admin)
rules.add_perm("policies.pay_application", is_office_admin)
rules.add_perm("policies.close_notice", is_office_admin)
rules.add_perm("policies.grant_application", is_office_admin)
rules.add_perm("policies.scan_offers", is_office_admin)
rules.add_perm("policies.answer_offer", acts_for_applicant)
rules.add_perm("policies.lodge_objection", rules.is_authenticated)
rules.add_perm("policies", is_office_admin)  # the policies section of the Django admin
