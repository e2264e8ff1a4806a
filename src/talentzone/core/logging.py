"""Logs: JSON lines in production, one line per request saying who asked what and how it went.

`logging_config()` builds settings.LOGGING. With TALENTZONE_LOG_FORMAT=json (what `deploy/start`
and deploy/production.env.example set) every record is one JSON object with `timestamp`,
`level`, `logger` and `message`, plus the record's extra fields; otherwise a plain line, which
reads better in a terminal and in the test suite's captured output.
"""

import logging
import time

REQUEST_LOGGER = logging.getLogger("talentzone.request")

# Probes ask every few seconds: at INFO they would drown the requests people make.
PROBE_PATHS = frozenset({"/healthz", "/metrics"})

JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    # an ISO 8601 UTC time taken from the record, under the key "timestamp"
    "timestamp": True,
}
TEXT_FORMATTER = {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}


def logging_config(log_format: str, level: str) -> dict:
    """settings.LOGGING for "json" or "text": one handler on stderr, used by every logger."""
    if log_format not in ("json", "text"):
        raise ValueError(f"TALENTZONE_LOG_FORMAT must be json or text, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"default": JSON_FORMATTER if log_format == "json" else TEXT_FORMATTER},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own loggers propagate to the root; runserver's keeps its handler.
            "django": {"level": level},
        },
    }


class RequestLogMiddleware:
    """One record per request: method, path, status, duration in ms and the user's id.

    It sits near the top of MIDDLEWARE so the duration covers the other middlewares too;
    request.user exists once the authentication middleware has run, i.e. after the response.
    A streamed response (Excel downloads) is timed until its first byte is ready.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        REQUEST_LOGGER.log(
            logging.DEBUG if request.path in PROBE_PATHS else logging.INFO,
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user_id,
            },
        )
        return response
