"""Who acts in the demo's recruiting: the demo accounts where they fit, stand-ins elsewhere.

The services check that the actor may act: an enterprise's HR staff post its demands and screen
the referrals made to them, an agency's staff refer and record their candidates' consent, a
candidate declines for themselves. The demo accounts act for one enterprise, one agency and one
talent; every other organisation acts through an account already tied to it (the policies demo
made some) or a stand-in made here, without a password: nobody signs in as them.
"""

import re
from random import Random

from django.contrib.auth.models import Group

from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.directory.demo import names
from talentzone.directory.models import Agency, Membership, Talent

STAND_IN = re.compile(r"^demo-[a-z]+-(\d{4})$")


class Actors:
    def __init__(self, rng: Random):
        self.rng = rng
        demo = User.objects.in_bulk(["office", "hr", "agency", "talent"], field_name="username")
        self.office = demo["office"]
        self.hr = demo["hr"]
        self.agency = demo["agency"]
        self.talent_user = demo["talent"]
        self.demo_enterprise_id = self._organisation(self.hr, "enterprise")
        self.demo_agency_id = self._organisation(self.agency, "agency")
        self.groups = {group.name: group for group in Group.objects.all()}
        self.by_enterprise = self._members("enterprise", Role.ENTERPRISE_HR)
        self.by_enterprise[self.demo_enterprise_id] = self.hr
        self.by_agency = self._members("agency", Role.AGENCY_STAFF)
        self.by_agency[self.demo_agency_id] = self.agency
        # Stand-ins go on numbering after those the policies demo made.
        taken = [
            int(match.group(1))
            for username in User.objects.filter(username__startswith="demo-").values_list(
                "username", flat=True
            )
            if (match := STAND_IN.match(username))
        ]
        self.made = max(taken, default=0)

    @staticmethod
    def _organisation(user: User, kind: str) -> int:
        membership = Membership.objects.filter(user=user, **{f"{kind}__isnull": False}).first()
        return getattr(membership, f"{kind}_id")

    @staticmethod
    def _members(kind: str, role: Role) -> dict[int, User]:
        """The first account of each organisation that holds the role (by account id)."""
        found: dict[int, User] = {}
        memberships = (
            Membership.objects.filter(**{f"{kind}__isnull": False}, user__groups__name=role.value)
            .select_related("user")
            .order_by("user_id")
        )
        for membership in memberships:
            found.setdefault(getattr(membership, f"{kind}_id"), membership.user)
        return found

    def hr_of(self, enterprise_id: int) -> User:
        if enterprise_id not in self.by_enterprise:
            name = names.person_name(self.rng, self.rng.random() < 0.4)
            user = self._stand_in("hr", name, Role.ENTERPRISE_HR)
            Membership.objects.create(user=user, enterprise_id=enterprise_id)
            self.by_enterprise[enterprise_id] = user
        return self.by_enterprise[enterprise_id]

    def staff_of(self, agency_id: int) -> User:
        if agency_id not in self.by_agency:
            name = Agency.objects.get(pk=agency_id).contact_name
            user = self._stand_in("agency", name, Role.AGENCY_STAFF)
            Membership.objects.create(user=user, agency_id=agency_id)
            self.by_agency[agency_id] = user
        return self.by_agency[agency_id]

    def for_talent(self, talent: Talent) -> User:
        """The candidate's own account (a stand-in when they have none)."""
        if talent.user_id is None:
            talent.user = self._stand_in("talent", talent.name, Role.TALENT)
            talent.save(update_fields=["user"])
        return talent.user

    def _stand_in(self, prefix: str, display_name: str, role: Role) -> User:
        self.made += 1
        user = User(username=f"demo-{prefix}-{self.made:04d}", display_name=display_name[:50])
        user.set_unusable_password()
        user.save()
        user.groups.add(self.groups[role.value])
        return user
