"""Celery runs tasks in-process without Redis, and on a real worker through Redis when set."""

import os

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from talentzone.core.tasks import heartbeat

REDIS_URL = os.environ.get("TALENTZONE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="REDIS_URL is set: tasks go to a worker")
def test_without_redis_a_task_runs_at_once_in_process(db):
    result = heartbeat.delay()
    assert result.successful()
    assert result.get()["database"] is True


@pytest.fixture
def redis_app():
    """An app configured like the project's (same settings, same tasks) but on Redis, as
    production runs it. A separate app, because Celery caches its broker and backend."""
    if not redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL}")
    redis_app = Celery("talentzone-redis-test", set_as_current=False)
    redis_app.config_from_object("django.conf:settings", namespace="CELERY")
    redis_app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
    redis_app.autodiscover_tasks(force=True)
    yield redis_app
    redis_app.close()


# serialized_rollback: the flush after a transactional test would drop the data migrations' rows
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_redis_a_real_worker_runs_the_task(redis_app):
    with start_worker(redis_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = redis_app.tasks[heartbeat.name].delay()
        assert result.get(timeout=20)["database"] is True
        assert result.state == "SUCCESS"
