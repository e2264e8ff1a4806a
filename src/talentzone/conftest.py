"""Fixtures shared by every app's tests."""

import pytest

from talentzone.directory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def make_user(db):
    """make_user("enterprise_hr", enterprise=acme) → a user holding that role, acting for acme."""

    def make(*roles: str, **organisation):
        user = UserFactory(roles=roles)
        for kind, org in organisation.items():
            MembershipFactory(user=user, **{kind: org})
        return user

    return make
