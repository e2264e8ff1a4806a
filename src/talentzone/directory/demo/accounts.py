"""One demo account per role, each acting for an organisation of the seeded zone.

DEMO ONLY: every account shares the published password below. Never seed a production database.
"""

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils.translation import gettext as _

from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.directory.choices import TalentStatus
from talentzone.directory.models import (
    Agency,
    Department,
    Enterprise,
    Grid,
    Membership,
    Station,
    Talent,
)

from . import names, structure
from .zone import DEMO_TALENT_TIER

DEMO_PASSWORD = "talentzone-demo"


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    display_name: str
    # The kind of organisation (a Membership field) and how to find the seeded one.
    organisation: str | None = None
    find: Callable[[], models.Model] | None = None
    is_staff: bool = False


ACCOUNTS = (
    DemoAccount(
        Role.OFFICE_ADMIN,
        "office",
        "林晓燕",
        "department",
        lambda: Department.objects.get(code=structure.TALENT_OFFICE),
        is_staff=True,  # the talent office also works in the Django admin
    ),
    DemoAccount(
        Role.REVIEWER,
        "reviewer",
        "陈建华",
        "department",
        lambda: Department.objects.get(code=structure.REVIEWING_DEPARTMENT),
    ),
    DemoAccount(
        Role.GRID_OFFICER,
        "grid",
        "黄志强",
        "grid",
        lambda: Grid.objects.get(code=structure.GRIDS[0].code),
    ),
    DemoAccount(Role.LEADER, "leader", "郑国栋"),
    DemoAccount(
        Role.ENTERPRISE_HR,
        "hr",
        "吴丽娟",
        "enterprise",
        lambda: Enterprise.objects.get(name=names.ANCHOR_ENTERPRISE_NAME),
    ),
    DemoAccount(
        Role.AGENCY_STAFF,
        "agency",
        "刘佳怡",
        "agency",
        lambda: Agency.objects.get(name=names.AGENCY_NAMES[0]),
    ),
    DemoAccount(
        Role.STATION_STAFF,
        "station",
        "张文斌",
        "station",
        lambda: Station.objects.get(name=structure.DEMO_STATION),
    ),
    # The talent account's display name is that of the talent record it is linked to.
    DemoAccount(Role.TALENT, "talent", ""),
    # An evaluation expert from a university outside the zone (the awards demo puts them in the
    # expert pool and on the panels).
    DemoAccount(Role.EXPERT, "expert", "方振宇"),
)
DEMO_USERNAMES = tuple(account.username for account in ACCOUNTS)


def demo_talent() -> Talent:
    """The talent behind the demo talent account: the first provincial talent of the enterprise
    the demo HR account works for (the seed always makes one)."""
    linked = Talent.objects.filter(user__username="talent").first()
    if linked:
        return linked
    return (
        Talent.objects.filter(
            employer__name=names.ANCHOR_ENTERPRISE_NAME,
            tier__code=DEMO_TALENT_TIER,
            status=TalentStatus.IN_ZONE,
            user=None,
        )
        .order_by("birth_date", "name", "pk")  # not the ID number: its column is ciphertext
        .first()
    )


@transaction.atomic
def ensure_demo_accounts() -> None:
    """Create the demo accounts that are missing and tie each to its organisation; accounts
    that exist keep their password."""
    for account in ACCOUNTS:
        talent = demo_talent() if account.role == Role.TALENT else None
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "display_name": talent.name if talent else account.display_name,
                "is_staff": account.is_staff,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        group, _created = Group.objects.get_or_create(name=account.role.value)
        user.groups.add(group)
        if account.organisation:
            Membership.objects.get_or_create(user=user, **{account.organisation: account.find()})
        if talent and talent.user_id is None:
            talent.user = user
            talent.save(update_fields=["user"])


def demo_account_rows() -> list[tuple[str, str, str, str]]:
    """(role, username, password, acts for) of each demo account that exists."""
    users = User.objects.filter(username__in=DEMO_USERNAMES).in_bulk(field_name="username")
    rows = []
    for account in ACCOUNTS:
        user = users.get(account.username)
        if user:
            rows.append((str(account.role.label), user.username, DEMO_PASSWORD, acts_for(user)))
    return rows


def acts_for(user: User) -> str:
    memberships = Membership.objects.filter(user=user).order_by("pk")
    organisations = [str(membership.organisation) for membership in memberships]
    talent = Talent.objects.filter(user=user).select_related("employer").first()
    if talent:
        organisations.append(
            _("talent record of %(name)s at %(employer)s")
            % {"name": talent.name, "employer": talent.employer}
        )
    if not organisations and user.groups.filter(name=Role.EXPERT).exists():
        return _("the evaluations they are asked to score")
    return "; ".join(organisations) or _("the whole zone")


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table; Chinese characters take two columns in a terminal, so pad by width."""
    widths = [max(display_width(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in rows]
    return "\n".join(lines)


def demo_accounts_table() -> str:
    headers = [_("Role"), _("Username"), _("Password"), _("Acts for")]
    return render_table(headers, demo_account_rows())


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    padded = [
        cell + " " * (width - display_width(cell))
        for cell, width in zip(cells, widths, strict=True)
    ]
    return "  ".join(padded).rstrip()
