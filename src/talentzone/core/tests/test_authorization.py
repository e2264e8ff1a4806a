"""Every page and every API endpoint, for every role and for anonymous visitors, on an object the
role owns and on one it does not: the role opens what `access_table.py` says it may, and is
refused (403, or 404 as if the object did not exist) everywhere else.

The URL conf is the list of what there is: a URL name without a table entry fails, so a new
endpoint must declare who may open it. The world is the demo (`talentzone seed`) at a small
scale, seeded once for the module inside a transaction rolled back after it. One test per URL
name tries every caller (signed in once for the module) and lists every mismatch; each POST runs
in a savepoint rolled back at once, so what an allowed write changes is gone before the next.
"""

from functools import cache

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from rest_framework.test import APIClient

from talentzone.core.models import User
from talentzone.directory.demo.accounts import ACCOUNTS

from .access_table import ENTRIES, EXCLUDED_NAMESPACES, KINDS, ROLES, Access, Kind

SCALE = "0.01"
API_NAMES = {"api-token", "schema", "swagger-ui"}
REFUSED = {403, 404}
NO_SUCH_ID = 2**31 - 1
# Who may open what is decided in Python over querysets, the same on either database, and the
# demo world costs minutes to seed and walk there: CI runs the suite on both, the walk on one.
SQLITE_ONLY = pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="access decisions are Python over querysets, the same on both databases: the walk "
    "over every URL × role runs on SQLite only (the guard tests run on both)",
)


def walk(patterns, namespace: str | None = None):
    """(URL name, its keyword arguments) for every named URL; the `.json`/`.api` duplicates DRF's
    format suffixes add to each route are one endpoint with their plain route, so skipped."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            if namespace and inner:
                inner = f"{namespace}:{inner}"
            yield from walk(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if "(?P<format>" in str(pattern.pattern):
                continue
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, tuple(pattern.pattern.regex.groupindex)


@cache
def url_conf() -> dict[str, tuple[str, ...]]:
    found = {}
    for name, arguments in walk(get_resolver().url_patterns):
        if name.split(":")[0] not in EXCLUDED_NAMESPACES:
            found.setdefault(name, arguments)
    return found


def is_api(name: str) -> bool:
    return name.split(":")[0].endswith("-api") or name in API_NAMES


class World:
    """The demo accounts and, per kind, the objects each role owns and one nobody owns."""

    def __init__(self):
        self.users = {
            account.role.value: User.objects.get(username=account.username) for account in ACCOUNTS
        }
        self.anchors = {role: self.anchor(role, user) for role, user in self.users.items()}
        self.cache = {}

    @staticmethod
    def anchor(role, user):
        if role == "talent":
            return user.talent
        membership = user.memberships.first()
        if membership is None:
            return None
        for kind in ("enterprise", "agency", "station", "grid", "department"):
            if getattr(membership, f"{kind}_id"):
                return getattr(membership, kind)
        return None

    def tie(self, kind: Kind, role: str) -> Q | None:
        lookups = kind.links.get(role)
        if not lookups:
            return None
        q = Q()
        for lookup in lookups:
            if lookup.startswith("user:"):
                q |= Q(**{lookup[5:]: self.users[role]})
            elif self.anchors[role] is not None:
                # `pk` (and `talent__pk`) compare with a number, not with a model instance
                anchor = self.anchors[role]
                q |= Q(**{lookup: anchor.pk if lookup.endswith("pk") else anchor})
        return q or None

    def rows(self, kind: Kind):
        model = apps.get_model(kind.model)
        return model.objects.filter(kind.base()).order_by("pk")

    def own(self, kind_name: str, role: str):
        key = ("own", kind_name, role)
        if key not in self.cache:
            kind = KINDS[kind_name]
            q = self.tie(kind, role)
            rows = self.rows(kind).filter(q) if q is not None else None
            self.cache[key] = rows.values_list(kind.value, flat=True).first() if rows else None
        return self.cache[key]

    def other(self, kind_name: str):
        key = ("other", kind_name)
        if key not in self.cache:
            kind = KINDS[kind_name]
            rows = self.rows(kind)
            for role in ROLES:
                q = self.tie(kind, role)
                if q is not None:
                    rows = rows.exclude(q)
            self.cache[key] = rows.values_list(kind.value, flat=True).first()
        return self.cache[key]

    def any(self, kind_name: str):
        kind = KINDS[kind_name]
        return self.rows(kind).values_list(kind.value, flat=True).first()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            TALENTZONE_MATCH_INDEX_DIR=tmp_path_factory.mktemp("index"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        translation.override("en"),
        transaction.atomic(),
    ):
        call_command("seed", "--scale", SCALE, verbosity=0)
        yield World()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def callers(world, django_db_blocker):
    with django_db_blocker.unblock():
        return Callers(world)


def target(world: World, name: str, access: Access, role: str | None, which: str):
    """The URL of `name` on the role's own object ("own") or on nobody's ("other"), or None
    when the world holds no such object."""
    arguments = url_conf()[name]
    value = None
    if access.kind:
        value = world.own(access.kind, role) if which == "own" else world.other(access.kind)
        if value is None and role is None:
            # Anonymous visitors own nothing: where every row has an owner, any row will do, and
            # where the world holds none, an id that names nothing (the sign-in gate comes first).
            value = world.any(access.kind) or NO_SUCH_ID
        if value is None:
            return None
    kwargs = dict(access.extra(world, value)) if access.extra else {}
    if access.kind:
        slot = access.arg or next(a for a in arguments if a not in kwargs)
        kwargs[slot] = value
    return reverse(name, kwargs=kwargs)


class Callers:
    """One signed-in client per role (and an anonymous one) for pages and for the API, made once
    for the module: signing in per request would be most of the run's time."""

    def __init__(self, world: World):
        self.clients = {}
        for role in (None, *ROLES):
            for api in (False, True):
                client = APIClient() if api else Client()
                if role:
                    client.force_login(world.users[role])
                self.clients[role, api] = client

    def send(self, name: str, access: Access, role: str | None, url: str):
        client = self.clients[role, is_api(name)]
        send = {"GET": client.get, "POST": client.post, "PATCH": client.patch}[access.method]
        if access.method == "GET":  # a GET's data is its query string
            return send(url, access.data, HTTP_ACCEPT_LANGUAGE="en")
        # What an allowed write changes is rolled back before the next caller, and so is the
        # session it may end (sign-out): the client keeps its sign-in for the next URL.
        cookies = {key: morsel.value for key, morsel in client.cookies.items()}
        with transaction.atomic():
            response = send(url, access.data, HTTP_ACCEPT_LANGUAGE="en")
            transaction.set_rollback(True)
        client.cookies.clear()
        for key, value in cookies.items():
            client.cookies[key] = value
        return response


def verdict(response) -> str:
    if response.status_code in REFUSED or response.status_code == 401:
        return "refused"
    if response.status_code == 302 and "/login/" in response["Location"]:
        return "refused"
    return "allowed"


def expected(name: str, access: Access, role: str | None, which: str) -> str:
    if role is None:
        return "allowed" if access.anonymous else "refused"
    if role not in access.may:
        return "refused"
    if which == "other" and access.kind and KINDS[access.kind].links:
        return "allowed" if role in access.anywhere else "refused"
    return "allowed"


def test_every_url_name_has_a_table_entry():
    """A new page or endpoint fails here until access_table.py says who may open it."""
    missing = sorted(set(url_conf()) - set(ENTRIES))
    assert not missing, f"URL names without an entry in access_table.py: {missing}"


def test_every_table_entry_names_a_url():
    stale = sorted(set(ENTRIES) - set(url_conf()))
    assert not stale, f"access_table.py entries naming no URL: {stale}"


def test_every_entry_names_known_roles_and_kinds():
    for name, access in ENTRIES.items():
        assert access.may <= set(ROLES) and access.anywhere <= access.may, name
        assert access.kind is None or access.kind in KINDS, name


def check(world: World, callers: Callers, name: str, role: str | None) -> list[str]:
    """What `role` gets on `name` that the table does not say, one line per object tried."""
    access = ENTRIES[name]
    wrong, checked = [], 0
    for which in ("own", "other") if access.kind and role else ("other",):
        url = target(world, name, access, role, which)
        if url is None:
            continue
        checked += 1
        response = callers.send(name, access, role, url)
        got, want = verdict(response), expected(name, access, role, which)
        status = response.status_code
        if role is None and want == "refused" and got == want:
            # signing in is the way in: pages send to it, the API answers 401/403
            sent_to_login = status in (401, 403) if is_api(name) else status == 302
            got = got if sent_to_login else f"refused with {status}, not sent to sign in"
        if status >= 500 or got != want:
            wrong.append(
                f"{name} × {role or 'anonymous'} × {which}: {status} ({got}), table: {want}"
            )
    if not checked and (role is None or role in ENTRIES[name].may):
        wrong.append(f"{name} × {role or 'anonymous'}: the world holds no object to try")
    return wrong


@SQLITE_ONLY
@pytest.mark.parametrize("name", sorted(ENTRIES))
def test_callers_open_only_what_the_table_allows(world, callers, db, name):
    """Every role and anonymous, on an object the role owns and on one nobody owns."""
    wrong = [line for role in (None, *ROLES) for line in check(world, callers, name, role)]
    assert not wrong, "\n".join(wrong)


@SQLITE_ONLY
def test_the_admin_lets_in_staff_only(world, db):
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert (response.status_code == 200) == user.is_staff, role
        assert response.status_code in (200, 302), role
    assert Client().get(reverse("admin:index")).status_code == 302
