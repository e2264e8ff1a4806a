"""`talentzone seed` builds a realistic demo zone: the same one for the same scale, valid row by
row, seeded once however often it runs, with a demo account per role that can sign in."""

import datetime
import hashlib
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from talentzone.core.choices import Role
from talentzone.core.models import User
from talentzone.core.validators import id_number_birth_date, id_number_is_male
from talentzone.directory.choices import Gender, StationLevel, TalentStatus
from talentzone.directory.demo.accounts import DEMO_PASSWORD, DEMO_USERNAMES
from talentzone.directory.demo.names import REAL_BRANDS
from talentzone.directory.demo.timeline import REFERENCE_DATE, add_years, age_on_reference_date
from talentzone.directory.demo.zone import ZONE_MODELS
from talentzone.directory.models import (
    Agency,
    Credential,
    Department,
    Enterprise,
    Founder,
    Grid,
    GridTeam,
    Membership,
    Platform,
    Station,
    Talent,
    TalentTier,
    Venture,
)

from .factories import GridFactory

pytestmark = pytest.mark.django_db

TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PROVINCIAL_OR_ABOVE = ("national_top", "national_leading", "provincial_high", "provincial_leading")
ACCOUNT_ORGANISATIONS = {
    "office": "department",
    "reviewer": "department",
    "grid": "grid",
    "hr": "enterprise",
    "agency": "agency",
    "station": "station",
}
# How a row of each model is named independently of database ids, for comparing two zones.
NATURAL_KEYS = {
    Department: "code",
    Grid: "code",
    Station: "name",
    Agency: "credit_code",
    Enterprise: "credit_code",
    TalentTier: "code",
    Talent: "id_number",
    Venture: "name",
    User: "username",
}


def seed(scale: str = "1") -> str:
    """The registry only: the policies' demo (policies/tests/test_demo_and_commands.py) leaves
    audit records and timelines, which cannot be deleted to seed again."""
    out = StringIO()
    with translation.override("en"):
        call_command("seed", "--scale", scale, "--registry-only", stdout=out)
    return out.getvalue()


def remove_demo_zone() -> None:
    User.objects.filter(username__in=DEMO_USERNAMES).delete()
    for model in reversed(ZONE_MODELS):
        model.objects.all().delete()


@pytest.fixture(scope="module")
def zone(django_db_setup, django_db_blocker):
    """The zone at scale 1, seeded once for this module (6,320 talents) and removed after it.
    Passwords are hashed as in every test (conftest's `test_settings`), so logins work."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=TEST_HASHERS):
        call_command("seed", "--scale", "1", "--registry-only", verbosity=0)
        yield
        remove_demo_zone()


def row_counts() -> dict[str, int]:
    models = (*ZONE_MODELS, User, Membership)
    return {model.__name__: model.objects.count() for model in models}


def rows(model) -> list[tuple]:
    """Every row of `model` without ids or timestamps, relations named by natural keys."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in ("created_at", "updated_at"):
            continue
        if field.is_relation:
            columns.append(f"{field.name}__{NATURAL_KEYS[field.related_model]}")
        else:
            columns.append(field.name)
    return sorted(model.objects.values_list(*columns), key=repr)


def zone_digest() -> str:
    digest = hashlib.sha256()
    for model in ZONE_MODELS:
        digest.update(repr(rows(model)).encode())
    accounts = User.objects.filter(username__in=DEMO_USERNAMES)
    digest.update(
        repr(sorted(accounts.values_list("username", "display_name", "is_staff"))).encode()
    )
    memberships = Membership.objects.values_list(
        "user__username",
        "enterprise__credit_code",
        "agency__credit_code",
        "station__name",
        "grid__code",
        "department__code",
    )
    digest.update(repr(sorted(memberships, key=repr)).encode())
    return digest.hexdigest()


def test_a_zone_at_scale_one_has_the_shape_of_the_real_zone(zone):
    assert Grid.objects.count() == 7
    assert GridTeam.objects.filter(department__isnull=False).count() == 7
    assert Agency.objects.exclude(park_unit="").count() == 18
    assert Station.objects.filter(level=StationLevel.MUNICIPAL).count() == 3
    assert Station.objects.filter(level=StationLevel.DISTRICT).count() == 11
    above_scale = Enterprise.objects.filter(above_scale=True)
    assert above_scale.count() == 59
    assert above_scale.filter(high_tech=True).count() == 27
    assert above_scale.filter(rd_institution=True).count() == 29
    assert Department.objects.filter(code__in=["talent-office", "hrss", "education"]).count() == 3
    assert Platform.objects.exists()
    assert Venture.objects.count() == 12


def test_a_zone_at_scale_one_has_200_provincial_and_6000_municipal_talents(zone):
    assert Talent.objects.filter(tier__code__in=PROVINCIAL_OR_ABOVE).count() == 200
    assert Talent.objects.filter(tier__code="municipal").count() == 6000
    assert Talent.objects.filter(tier__code="national_top").exists()
    assert not TalentTier.objects.exclude(
        code__in=[*PROVINCIAL_OR_ABOVE, "municipal", "district"]
    ).exists()


def test_every_provincial_talent_has_credentials_and_some_municipal_ones_do(zone):
    provincial = Talent.objects.filter(tier__code__in=PROVINCIAL_OR_ABOVE)
    assert not provincial.filter(credentials=None).exists()
    municipal = Talent.objects.filter(tier__code="municipal")
    with_credentials = municipal.exclude(credentials=None).count()
    assert 0.05 * 6000 < with_credentials < 0.3 * 6000


def test_candidates_are_held_by_an_agency_and_have_no_employer(zone):
    candidates = Talent.objects.filter(status=TalentStatus.CANDIDATE)
    assert candidates.count() >= 18
    assert not candidates.filter(Q(agency=None) | Q(employer__isnull=False)).exists()
    assert Agency.objects.exclude(candidates=None).count() == 18


def test_every_venture_has_exactly_one_lead_founder(zone):
    for venture in Venture.objects.order_by("name"):
        assert venture.founders.filter(is_lead=True).count() == 1


def test_seeding_a_seeded_zone_adds_nothing(zone):
    before = row_counts()
    output = seed()
    assert "already seeded" in output
    assert row_counts() == before


def test_the_same_scale_gives_the_same_zone_in_an_empty_database(zone):
    first = zone_digest()
    remove_demo_zone()
    seed()
    assert zone_digest() == first


def test_a_sample_of_the_zone_passes_full_validation(zone):
    sample = random.Random(20261124)
    talent_ids = sorted(Talent.objects.values_list("pk", flat=True))
    credential_ids = sorted(Credential.objects.values_list("pk", flat=True))
    records = [
        *Talent.objects.filter(pk__in=sample.sample(talent_ids, 300)),
        *Credential.objects.filter(pk__in=sample.sample(credential_ids, 100)),
        *Enterprise.objects.all(),
        *Agency.objects.all(),
        *Platform.objects.all(),
        *GridTeam.objects.all(),
        *Station.objects.all(),
        *Venture.objects.all(),
        *Founder.objects.all(),
    ]
    for record in records:
        record.full_clean()


def test_every_id_number_agrees_with_gender_and_birth_date(zone):
    for id_number, gender, birth in Talent.objects.values_list("id_number", "gender", "birth_date"):
        assert id_number_birth_date(id_number) == birth, id_number
        assert id_number_is_male(id_number) == (gender == Gender.MALE), id_number


def test_talents_are_of_working_age_and_arrived_as_adults_before_today(zone):
    for birth, arrival in Talent.objects.values_list("birth_date", "arrival_date"):
        assert 22 <= age_on_reference_date(birth) <= 65
        if arrival:
            assert add_years(birth, 18) <= arrival <= REFERENCE_DATE <= datetime.date.today()


def test_no_enterprise_bears_the_name_of_a_real_company(zone):
    names = Enterprise.objects.values_list("name", flat=True)
    assert not [name for name in names if any(real in name for real in REAL_BRANDS)]


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_every_role_has_a_demo_account_that_signs_in(zone, client, role):
    user = User.objects.get(groups__name=role.value, username__in=DEMO_USERNAMES)
    # Through the sign-in page, as a person would: the lock-out backend wants the request.
    answer = client.post(reverse("login"), {"username": user.username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302, answer.content[:500]
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert user.display_name
    if kind := ACCOUNT_ORGANISATIONS.get(user.username):
        assert Membership.objects.filter(user=user, **{f"{kind}__isnull": False}).count() == 1


def test_the_demo_talent_is_a_provincial_talent_of_the_demo_enterprise(zone):
    talent = Talent.objects.get(user__username="talent")
    hr_enterprise = Membership.objects.get(user__username="hr").enterprise
    assert talent.employer == hr_enterprise
    assert talent.tier.code == "provincial_high"
    assert User.objects.get(username="talent").display_name == talent.name
    assert User.objects.get(username="office").is_staff


def test_demo_accounts_lists_each_account_with_its_password(zone):
    out = StringIO()
    with translation.override("en"):
        call_command("demo_accounts", stdout=out)
    lines = out.getvalue().splitlines()
    for username in DEMO_USERNAMES:
        assert any(f" {username} " in line and DEMO_PASSWORD in line for line in lines), username


def test_a_tiny_zone_keeps_the_fixed_structure(zone):
    remove_demo_zone()
    seed("0.01")
    assert (Grid.objects.count(), Station.objects.count(), Agency.objects.count()) == (7, 14, 18)
    assert Enterprise.objects.filter(above_scale=True).count() == 59
    assert Talent.objects.filter(tier__code__in=PROVINCIAL_OR_ABOVE).count() == 2
    assert Talent.objects.filter(tier__code="municipal").count() == 60
    assert User.objects.filter(username__in=DEMO_USERNAMES).count() == len(Role)


def test_seed_refuses_a_registry_it_did_not_make(zone):
    remove_demo_zone()
    GridFactory()
    with pytest.raises(CommandError):
        seed()
    assert Talent.objects.count() == 0


@pytest.mark.parametrize("scale", ["0", "-1", "nan", "many"])
def test_seed_refuses_a_scale_that_is_not_a_positive_number(scale):
    with pytest.raises(CommandError):
        call_command("seed", "--scale", scale)
