"""Who acts in the demo's applications: the demo accounts where they fit, stand-ins elsewhere.

The applications are made through the services, which check that the actor may act: a talent
applies for themselves, an enterprise's HR staff confirm their own people, a department's
reviewers decide its stages. The demo accounts cover one talent, one enterprise, one agency and
one department; everyone else who applies or decides gets a stand-in account here, tied to their
record or organisation like a real one. Stand-ins have no password: nobody signs in as them.
"""

from random import Random

from django.contrib.auth.models import Group

from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.directory.demo import names
from talentzone.directory.models import Agency, Department, Enterprise, Membership, Talent

# Display names of the stand-in reviewers of the departments that have no demo account.
REVIEWER_NAMES = {"science": "周振宇", "housing": "何雪梅"}


class Actors:
    """The account acting for each applicant record or deciding for each organisation."""

    def __init__(self, rng: Random):
        self.rng = rng
        demo = User.objects.in_bulk(
            ["office", "reviewer", "grid", "hr", "agency", "talent"], field_name="username"
        )
        self.office = demo["office"]
        self.objector = demo["grid"]  # the grid officer hears what the neighbourhood says
        self.talent_user = demo["talent"]
        self.groups = {group.name: group for group in Group.objects.all()}
        self.by_enterprise = {self._organisation(demo["hr"], "enterprise"): demo["hr"]}
        self.by_agency = {self._organisation(demo["agency"], "agency"): demo["agency"]}
        self.by_department = {self._organisation(demo["reviewer"], "department"): demo["reviewer"]}
        self.made = 0

    @staticmethod
    def _organisation(user: User, kind: str) -> int:
        return Membership.objects.get(user=user, **{f"{kind}__isnull": False}).organisation.pk

    @property
    def demo_enterprise_id(self) -> int:
        return next(iter(self.by_enterprise))

    @property
    def demo_agency_id(self) -> int:
        return next(iter(self.by_agency))

    def for_applicant(self, record) -> User:
        if isinstance(record, Talent):
            return self.for_talent(record)
        if isinstance(record, Enterprise):
            return self.hr_of(record.pk)
        if isinstance(record, Agency):
            return self._member(self.by_agency, "agency", record.pk, Role.AGENCY_STAFF, "agency")
        raise TypeError(f"The demo has no account acting for {type(record).__name__}.")

    def for_talent(self, talent: Talent) -> User:
        if talent.user_id is None:
            talent.user = self._stand_in("talent", talent.name, Role.TALENT)
            talent.save(update_fields=["user"])
        return talent.user

    def hr_of(self, enterprise_id: int) -> User:
        known = self.by_enterprise
        return self._member(known, "enterprise", enterprise_id, Role.ENTERPRISE_HR, "hr")

    def reviewer_of(self, department: Department) -> User:
        known = self.by_department
        return self._member(known, "department", department.pk, Role.REVIEWER, "reviewer")

    def _member(self, known: dict, kind: str, pk: int, role: Role, prefix: str) -> User:
        if pk not in known:
            user = self._stand_in(prefix, self._display_name(kind, pk), role)
            Membership.objects.create(user=user, **{f"{kind}_id": pk})
            known[pk] = user
        return known[pk]

    def _display_name(self, kind: str, pk: int) -> str:
        if kind == "agency":
            return Agency.objects.get(pk=pk).contact_name
        if kind == "department":
            code = Department.objects.get(pk=pk).code
            return REVIEWER_NAMES.get(code) or names.person_name(self.rng, True)
        return names.person_name(self.rng, self.rng.random() < 0.4)

    def _stand_in(self, prefix: str, display_name: str, role: Role) -> User:
        """A new account without a password; the username is its place in the seed's order."""
        self.made += 1
        user = User(username=f"demo-{prefix}-{self.made:04d}", display_name=display_name[:50])
        user.set_unusable_password()
        user.save()
        user.groups.add(self.groups[role.value])
        return user
