"""Roles are groups made by a migration; a person with several roles picks which one to act in."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from talentzone.core.choices import Role
from talentzone.core.roles import roles_of

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_a_superuser_counts_as_talent_office_admin(django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x-long-password")
    assert roles_of(root) == {Role.OFFICE_ADMIN}


def test_a_person_with_two_roles_can_switch_the_one_they_act_in(client, make_user):
    user = make_user(Role.LEADER, Role.REVIEWER)
    client.force_login(user)
    response = client.post(reverse("switch-role"), {"role": Role.LEADER, "next": "/"})
    assert response.status_code == 302
    assert client.session["active_role"] == Role.LEADER


def test_nobody_can_switch_to_a_role_they_do_not_hold(client, make_user):
    client.force_login(make_user(Role.TALENT))
    response = client.post(reverse("switch-role"), {"role": Role.OFFICE_ADMIN})
    assert response.status_code == 400
    assert "active_role" not in client.session


def test_the_role_switch_does_not_redirect_to_another_site(client, make_user):
    client.force_login(make_user(Role.LEADER, Role.REVIEWER))
    response = client.post(
        reverse("switch-role"), {"role": Role.REVIEWER, "next": "https://evil.example/"}
    )
    assert response.url == reverse("home")


def test_signing_in_is_required_for_the_home_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_talent_office_admin_without_superuser_rights_sees_the_registry_in_the_admin(
    client, make_user
):
    office = make_user(Role.OFFICE_ADMIN)
    office.is_staff = True
    office.save()
    client.force_login(office)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert reverse("admin:directory_talent_changelist") in page.content.decode()
    assert client.get(reverse("admin:directory_talent_changelist")).status_code == 200


def test_a_leader_with_staff_status_still_cannot_open_the_registry_admin(client, make_user):
    leader = make_user(Role.LEADER)
    leader.is_staff = True
    leader.save()
    client.force_login(leader)
    assert client.get(reverse("admin:directory_talent_changelist")).status_code == 403
