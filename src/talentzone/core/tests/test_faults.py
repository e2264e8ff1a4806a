"""Redis stops, the site goes on: pages answer 200 with the cache missing (its errors logged),
a task asked for while the broker is down runs in process instead of failing the request, and
once Redis is back the cache fills and tasks go to the queue again.

The Redis here is a server of the test's own (the shared one must not be stopped), used as the
production settings use it: the django-redis cache and the Celery broker.
"""

import json
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from talentzone.celery import app as celery_app
from talentzone.core import queue
from talentzone.core.choices import Role
from talentzone.insights.choices import ReportStatus
from talentzone.insights.models import Report
from talentzone.settings import redis_cache

from .redis_server import RedisServer, redis_server_available

pytestmark = [
    pytest.mark.skipif(not redis_server_available(), reason="no redis-server to start"),
    pytest.mark.django_db,
]

PAGES = ["home", "directory:talent-list", "insights:overview"]
PASSWORD = "faults-password-1"


@pytest.fixture
def redis_cache_and_broker(settings, redis_server):
    """The cache and the Celery broker on the test's Redis, configured as in production."""
    settings.CACHES = {"default": redis_cache(redis_server.url)}
    settings.TALENTZONE_BROKER_RETRY_AFTER = 0  # try the broker with every task
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=redis_server.url, task_always_eager=False)
    forget_connections()
    yield redis_server
    celery_app.conf.update(saved)
    forget_connections()
    queue.broker_failure_forgotten()


def forget_connections() -> None:
    """Celery keeps its broker connections; a changed broker_url needs new ones."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def office(make_user):
    user = make_user(Role.OFFICE_ADMIN)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, user) -> None:
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


def statuses(client) -> dict[str, int]:
    return {name: client.get(reverse(name)).status_code for name in PAGES}


def ask_for_report(client, django_capture_on_commit_callbacks) -> tuple[int, Report]:
    """Ask for last year's report through its form; the task is queued once the request has
    committed (callbacks captured: the test runs in one transaction)."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("insights:report-new"), {"kind": "yearly", "year": "2025"})
    return response.status_code, Report.objects.latest("pk")


def queued_tasks(server: RedisServer) -> list[str]:
    """The names of the tasks waiting in the broker's default queue."""
    return [json.loads(raw)["headers"]["task"] for raw in server.client().lrange("celery", 0, -1)]


def test_pages_and_queued_work_survive_redis_stopping_and_recover_when_it_returns(
    client, office, redis_cache_and_broker, django_capture_on_commit_callbacks, caplog
):
    server = redis_cache_and_broker
    sign_in(client, office)
    assert statuses(client) == dict.fromkeys(PAGES, 200)
    assert server.client().dbsize() > 0  # the overview's figures went to the cache
    status, report = ask_for_report(client, django_capture_on_commit_callbacks)
    assert (status, report.status) == (302, ReportStatus.QUEUED)  # waiting for a worker
    assert queued_tasks(server).count("insights.write_report") == 1

    server.stop()

    client.logout()
    sign_in(client, office)  # sessions and sign-in throttling live in the database
    started = time.monotonic()
    assert statuses(client) == dict.fromkeys(PAGES, 200)
    pages_took = time.monotonic() - started
    assert cache.get("anything") is None  # the cache misses, it does not raise
    assert "Exception ignored" in caplog.text  # …and says so in the log
    status, report = ask_for_report(client, django_capture_on_commit_callbacks)
    assert status == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE  # run in process, in the request
    assert "The task queue is unreachable" in caplog.text
    assert pages_took < 30, pages_took  # no page waits on the dead Redis for long

    server.start()  # on the same port: Redis is back, empty

    statuses(client)  # the first use of each pooled connection finds it dead, and reconnects
    assert statuses(client) == dict.fromkeys(PAGES, 200)
    assert server.client().dbsize() > 0  # the cache fills again
    cache.set("faults:back", "yes")
    assert cache.get("faults:back") == "yes"
    status, report = ask_for_report(client, django_capture_on_commit_callbacks)
    assert (status, report.status) == (302, ReportStatus.QUEUED)
    assert queued_tasks(server) == ["insights.write_report"]  # to the queue again
