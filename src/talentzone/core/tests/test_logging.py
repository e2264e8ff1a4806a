"""Production logs are JSON lines; each request leaves one: who asked what, and how it went."""

import io
import json
import logging
import os
import subprocess
import sys

import pytest
from django.utils.module_loading import import_string

from talentzone.core.logging import REQUEST_LOGGER, logging_config


@pytest.fixture
def json_lines():
    """What the request logger writes through the production (JSON) formatter."""
    config = logging_config("json", "INFO")["formatters"]["default"]
    formatter = import_string(config["()"])(**{k: v for k, v in config.items() if k != "()"})
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    level = REQUEST_LOGGER.level
    REQUEST_LOGGER.addHandler(handler)
    REQUEST_LOGGER.setLevel(logging.DEBUG)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    REQUEST_LOGGER.removeHandler(handler)
    REQUEST_LOGGER.setLevel(level)


def test_a_request_leaves_one_json_line_with_path_status_and_duration(client, db, json_lines):
    response = client.get("/login/", {"next": "/"})
    (line,) = json_lines()
    assert line["logger"] == "talentzone.request"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/login/"  # the path without its query: no personal data in logs
    assert line["status"] == response.status_code == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert line["message"].startswith("GET /login/ 200")
    assert line["timestamp"].endswith("+00:00")


def test_the_line_names_the_signed_in_user(client, make_user, json_lines):
    user = make_user("office_admin")
    client.force_login(user)
    response = client.get("/notifications/")
    (line,) = json_lines()
    assert (line["user_id"], line["status"]) == (user.pk, response.status_code)


def test_probes_are_logged_below_info(client, db, json_lines, settings):
    settings.REDIS_URL = ""
    client.get("/healthz")
    (line,) = json_lines()
    assert (line["path"], line["level"]) == ("/healthz", "DEBUG")


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="TALENTZONE_LOG_FORMAT"):
        logging_config("xml", "INFO")


def test_the_json_format_applies_to_every_logger(tmp_path):
    """Settings read TALENTZONE_LOG_FORMAT: any logger then writes one JSON object per line."""
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('talentzone.anything').warning('hello %s', 'world')"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "talentzone.settings",
        "TALENTZONE_LOG_FORMAT": "json",
        "TALENTZONE_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    (line,) = [json.loads(text) for text in result.stderr.splitlines()]
    assert line["level"] == "WARNING"
    assert line["logger"] == "talentzone.anything"
    assert line["message"] == "hello world"
    assert "timestamp" in line
