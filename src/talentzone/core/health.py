"""Endpoints for the machines that watch the service: /healthz for probes, /metrics for Prometheus.

/healthz asks each part the service needs, with short timeouts so that a probe always gets an
answer within a few seconds: the database (SELECT 1), Redis (PING) and a Celery worker (a
control ping) — the last two only when REDIS_URL is set; without it tasks run in-process and
there is nothing to ask. It answers 200 when every needed part is up, 503 otherwise: "down" when
the database is away (no page can be served), "degraded" when only the queue is.

The answer names each failure by its exception class only: the probe is public, and the full
message (host names, ports) goes to the log instead.
"""

import functools
import ipaddress
import logging
import time
from collections.abc import Callable

import redis
from celery import Celery
from django.conf import settings
from django.db import connection
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView

logger = logging.getLogger(__name__)

OK, ERROR = "ok", "error"


def _timed(check: Callable[[], dict]) -> dict:
    """Run one check; its outcome with the milliseconds it took, an exception as an error."""
    started = time.perf_counter()
    try:
        outcome = check()
    except Exception as error:  # any failure of a dependency is an answer, never a 500
        logger.warning("health check %s failed: %s", check.__name__, error, exc_info=True)
        outcome = {"status": ERROR, "error": type(error).__name__}
    outcome["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return outcome


def _timeout() -> float:
    return settings.TALENTZONE_HEALTH_TIMEOUT


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (answer,) = cursor.fetchone()
    return {"status": OK if answer == 1 else ERROR}


def redis_ping() -> dict:
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_connect_timeout=_timeout(), socket_timeout=_timeout()
    )
    try:
        client.ping()
    finally:
        client.close()
    return {"status": OK}


@functools.cache
def _probe_app(broker_url: str) -> Celery:
    """A Celery app that only sends control pings, through broker_url with the probe's socket
    timeouts. Not the project's app: its broker is the in-memory one when the process started
    without REDIS_URL, and its pool's connections wait as long as a task publish may."""
    timeout = settings.TALENTZONE_HEALTH_TIMEOUT
    return Celery(
        "talentzone-health",
        broker=broker_url,
        set_as_current=False,
        config_source={
            "broker_connection_timeout": timeout,
            "broker_connection_retry": False,
            "broker_transport_options": {
                "socket_timeout": timeout,
                "socket_connect_timeout": timeout,
            },
        },
    )


def celery_workers() -> dict:
    """At least one worker answers a control ping sent through REDIS_URL."""
    # limit=1: return as soon as one worker answers instead of waiting out the timeout
    replies = _probe_app(settings.REDIS_URL).control.ping(timeout=_timeout(), limit=1)
    if not replies:
        return {"status": ERROR, "error": "no worker answered"}
    return {"status": OK, "workers": [name for reply in replies for name in reply]}


def run_checks() -> dict:
    checks = {"database": _timed(database)}
    if not settings.REDIS_URL:
        checks["redis"] = {"status": "not configured"}
        checks["celery"] = {"status": "in-process"}
        return checks
    checks["redis"] = _timed(redis_ping)
    if checks["redis"]["status"] == OK:
        checks["celery"] = _timed(celery_workers)
    else:
        # without the broker a ping would only wait for its timeout
        checks["celery"] = {"status": ERROR, "error": "broker unreachable"}
    return checks


@never_cache
@require_safe
def healthz(request):
    checks = run_checks()
    if checks["database"]["status"] != OK:
        status = "down"
    elif any(check["status"] == ERROR for check in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, "checks": checks}, status=200 if status == "ok" else 503)


def _allowed_to_scrape(request) -> bool:
    """The address is in TALENTZONE_METRICS_ALLOWED_IPS (addresses or networks), and the request
    did not come through a proxy: behind a reverse proxy on the same machine every visitor's
    request arrives from 127.0.0.1, but carries the proxy's forwarding headers."""
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.TALENTZONE_METRICS_ALLOWED_IPS
    )


@never_cache
@require_safe
def metrics(request):
    """Prometheus' text format for allowed addresses; 404 to everybody else, as if absent."""
    if not _allowed_to_scrape(request):
        raise Http404
    return ExportToDjangoView(request)
