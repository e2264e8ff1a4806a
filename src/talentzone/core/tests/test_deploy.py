"""The production run: Django's deployment checks pass with a production environment, and
deploy/start runs web, worker and beat against PostgreSQL and Redis, and stops them on SIGTERM."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from talentzone.core.tests.test_health import database_url, free_port, redis_url  # noqa: F401

BIN = Path(sys.executable).parent
START = Path(settings.BASE_DIR) / "deploy" / "start"
REQUIRED = ("DATABASE_URL", "REDIS_URL", "TALENTZONE_SECRET_KEY")


def production_env(tmp_path: Path, **more: str) -> dict:
    # The browser tests' runner allows Django's ORM in async code for itself; a deployment
    # must not (check --deploy says so), and the subprocess is one.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "TALENTZONE_DEBUG": "0",
        "TALENTZONE_SECRET_KEY": secrets.token_urlsafe(50),
        "TALENTZONE_ALLOWED_HOSTS": "rc.example.gov.cn,127.0.0.1",
        "TALENTZONE_HTTPS": "1",
        "TALENTZONE_VAR_DIR": str(tmp_path),
        **more,
    }


def check_deploy(env: dict, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BIN / "talentzone", "check", "--deploy", "--fail-level", "WARNING", *options],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_deployment_checks_pass_with_a_production_environment(tmp_path):
    result = check_deploy(production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_deployment_checks_fail_over_plain_http(tmp_path):
    result = check_deploy(production_env(tmp_path, TALENTZONE_HTTPS="0"), "--tag", "security")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_start_refuses_to_run_without_the_required_environment(tmp_path):
    env = {name: value for name, value in os.environ.items() if name not in REQUIRED}
    result = subprocess.run([START], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 64
    assert "missing environment variable(s): DATABASE_URL REDIS_URL TALENTZONE_SECRET_KEY" in (
        result.stderr
    )


def stub(directory: Path, name: str, body: str) -> None:
    script = directory / name
    script.write_text(f"#!/usr/bin/env bash\n{body}\n")
    script.chmod(0o755)


def test_start_stops_everything_when_one_process_dies(tmp_path):
    """The supervision alone, on stand-ins: gunicorn fails after a moment, so the worker and beat
    are stopped and deploy/start exits with gunicorn's status for the supervisor to see."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub(bin_dir, "gunicorn", "sleep 1; exit 3")
    # the worker and beat note that they were told to stop, and stop
    stub(bin_dir, "celery", f'sleep 60 & trap "echo $3 >> {tmp_path}/stopped; kill $!" TERM; wait')
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://unused",
        "REDIS_URL": "redis://unused",
        "TALENTZONE_SECRET_KEY": "unused",
        "TALENTZONE_BIN": str(bin_dir),
        "TALENTZONE_VAR_DIR": str(tmp_path),
    }
    started = time.monotonic()
    result = subprocess.run(
        [START, "--no-migrate", "--no-collectstatic"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert "a process ended (status 3); stopping the others" in result.stderr
    assert sorted((tmp_path / "stopped").read_text().split()) == ["beat", "worker"]
    assert time.monotonic() - started < 15


def get(url: str) -> tuple[int, bytes] | None:
    """Status and body, without following a redirect; None while nothing listens."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def processes_in_group(group: int) -> list[int]:
    """The processes left in a process group (deploy/start and everything it started)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(connection.vendor == "sqlite", reason="production runs on PostgreSQL")
def test_start_runs_web_worker_and_beat_and_stops_them_on_sigterm(
    django_db_setup,
    redis_url,  # noqa: F811 (the fixture, imported from test_health)
    tmp_path,
):
    """Against the (migrated) test database, so `migrate` finds nothing to do; collectstatic is
    skipped: it compresses every static file, a minute of work that proves nothing here."""
    port = free_port()
    env = production_env(
        tmp_path,
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        TALENTZONE_BIND=f"127.0.0.1:{port}",
        TALENTZONE_WEB_WORKERS="1",
        TALENTZONE_WORKER_CONCURRENCY="1",
        TALENTZONE_MATCH_INDEX_DIR=str(tmp_path / "index"),
    )
    out, err = (tmp_path / "stdout.log").open("w"), (tmp_path / "stderr.log").open("w")
    start = subprocess.Popen(
        [START, "--no-collectstatic"], env=env, stdout=out, stderr=err, start_new_session=True
    )
    try:
        # about 10 s on an idle machine; far longer when it is busy
        deadline = time.monotonic() + 240
        while (answer := get(f"http://127.0.0.1:{port}/healthz")) is None or answer[0] != 200:
            assert start.poll() is None, (tmp_path / "stderr.log").read_text()[-3000:]
            assert time.monotonic() < deadline, answer
            time.sleep(0.5)
        body = json.loads(answer[1])
        assert body["checks"]["celery"]["status"] == "ok"
        # TALENTZONE_HTTPS: pages redirect to https, the probe (plain HTTP) does not
        assert get(f"http://127.0.0.1:{port}/login/")[0] == 301

        assert len(processes_in_group(start.pid)) >= 4  # start, gunicorn (+ worker), celery ×2
        start.send_signal(signal.SIGTERM)
        assert start.wait(timeout=60) == 0
        assert processes_in_group(start.pid) == []
    finally:
        if start.poll() is None or processes_in_group(start.pid):
            os.killpg(start.pid, signal.SIGKILL)
            start.wait(timeout=10)
        out.close()
        err.close()
    # production logs are JSON lines: gunicorn's access log names the probe
    lines = (tmp_path / "stdout.log").read_text().splitlines()
    access = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(entry.get("path") == "/healthz" and entry["status"] == 200 for entry in access)
    assert "deploy/start: stopping on signal" in (tmp_path / "stderr.log").read_text()
