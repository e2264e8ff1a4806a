"""/healthz tells a probe whether every part the service needs answers; /metrics is for
Prometheus on the allowed addresses only."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A Redis of the test's own, on a free port, gone when the test ends."""
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url, socket_connect_timeout=0.2)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


def database_url() -> str:
    """The URL of the test database this process uses (PostgreSQL only)."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def test_without_redis_the_database_is_all_it_needs(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["ms"] >= 0
    assert body["checks"]["redis"] == {"status": "not configured"}
    assert body["checks"]["celery"] == {"status": "in-process"}


def test_the_probe_needs_no_sign_in_and_is_never_cached(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_an_unreachable_redis_answers_503_naming_redis_within_seconds(client, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nobody listens there
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 5
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "error"
    assert body["checks"]["redis"]["error"] == "ConnectionError"
    assert body["checks"]["celery"] == {"status": "error", "error": "broker unreachable"}
    # the probe is public: no host or port in the answer
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the worker shares a PostgreSQL database")
def test_with_redis_it_waits_for_a_real_worker(client, db, settings, redis_url, tmp_path):
    settings.REDIS_URL = redis_url
    body = client.get("/healthz").json()
    assert body["checks"]["redis"]["status"] == "ok"
    assert body["checks"]["celery"] == {
        "status": "error",
        "error": "no worker answered",
        "ms": body["checks"]["celery"]["ms"],
    }
    assert body["status"] == "degraded"

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "TALENTZONE_VAR_DIR": str(tmp_path),
    }
    worker = subprocess.Popen(
        [BIN / "celery", "-A", "talentzone", "worker", "--pool", "solo", "-n", "health@%h"]
        + ["--without-mingle", "--without-gossip"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "worker.log").open("w"),
    )
    try:
        # a worker starts in about 5 s; far longer when the machine is busy
        deadline = time.monotonic() + 120
        while (response := client.get("/healthz")).status_code != 200:
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-2000:]
            assert time.monotonic() < deadline, response.json()
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["celery"]["status"] == "ok"
    assert body["checks"]["celery"]["workers"][0].startswith("health@")


def test_metrics_answer_the_allowed_addresses(client, db):
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"django_http_requests_before_middlewares_total" in response.content


def test_metrics_allow_a_network(client, db, settings):
    settings.TALENTZONE_METRICS_ALLOWED_IPS = ["10.8.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.8.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_metrics_are_absent_for_other_addresses(client, db):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404


def test_metrics_are_absent_through_a_proxy(client, db):
    """A reverse proxy on the same machine makes every visitor 127.0.0.1: what it forwards is
    refused by its forwarding header."""
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 404
