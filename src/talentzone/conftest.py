"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation

from talentzone.directory.tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def test_settings(settings):
    """Pages link static files by name: without `collectstatic` there is no manifest to look the
    hashed names up in, so tests serve them plainly. Passwords hash fast: the suite makes
    hundreds of users, and the hasher's strength is not what it tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the default language (Chinese). The locale middleware activates a
    request's language for the thread and leaves it there, so a test that asked in English
    would otherwise hand English to whichever test runs next."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def make_user(db):
    """make_user("enterprise_hr", enterprise=acme) → a user holding that role, acting for acme."""

    def make(*roles: str, **organisation):
        user = UserFactory(roles=roles)
        for kind, org in organisation.items():
            MembershipFactory(user=user, **{kind: org})
        return user

    return make


@pytest.fixture(autouse=True)
def match_index_dir(settings, tmp_path_factory):
    """Each test has its own, empty matching index (tests that commit — live server, threads —
    write to it, and none sees another's candidates), and starts with the segmenter knowing only
    the domain words: the skills list a previous test made is gone with its database rows."""
    from talentzone.recruiting import sources
    from talentzone.recruiting.matching.segment import reset as reset_segmenter

    reset_segmenter()
    sources.skills_changed()
    settings.TALENTZONE_MATCH_INDEX_DIR = tmp_path_factory.mktemp("match-index")
    return settings.TALENTZONE_MATCH_INDEX_DIR


@pytest.fixture
def redis_server():
    """A Redis server of the test's own (a temporary port and directory), for tests that stop,
    restart or share it with worker processes without touching the machine's Redis."""
    from talentzone.core.tests.redis_server import RedisServer

    server = RedisServer().start()
    yield server
    server.stop()
