"""gunicorn's configuration: `gunicorn -c deploy/gunicorn.conf.py talentzone.wsgi`.

Every value comes from the environment (deploy/production.env.example lists them). The access
log is one JSON object per line on stdout; gunicorn's own messages go to stderr.
"""

import json
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger

from talentzone.core.logging import JSON_FORMATTER


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("TALENTZONE_BIND", "127.0.0.1:8000")
# Sync workers, one request each: pages are short and CPU-bound (matching, figures). Two per
# core plus one is gunicorn's rule of thumb; memory sets the real ceiling (about 250 MB each).
workers = _int("TALENTZONE_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1)
threads = _int("TALENTZONE_WEB_THREADS", 1)
# The slowest legitimate request is an Excel export of 100,000 rows; beyond this a worker is
# stuck and gunicorn replaces it.
timeout = _int("TALENTZONE_WEB_TIMEOUT", 120)
# On SIGTERM, requests under way get this long to finish.
graceful_timeout = _int("TALENTZONE_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Replacing a worker after this many requests (0: never) bounds any slow leak.
max_requests = _int("TALENTZONE_WEB_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
# The workers' heartbeat files: in memory, and writable under systemd's ProtectSystem=strict.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The proxy's X-Forwarded-Proto is trusted from these addresses only (gunicorn's default).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket (gunicornc): signals manage the server, and its default path under $HOME is
# shared by every gunicorn of the user and out of reach under systemd's ProtectHome.
control_socket_disable = True

accesslog = "-" if os.environ.get("TALENTZONE_ACCESS_LOG", "1") not in ("0", "false") else None
errorlog = "-"
loglevel = os.environ.get("TALENTZONE_LOG_LEVEL", "info").lower()


class JsonAccessLogger(Logger):
    """Writes each access record as one JSON object (gunicorn's format strings cannot escape
    quotes in a path or a user agent)."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        record = {
            "timestamp": datetime.now(UTC).isoformat(),
            "level": "INFO",
            "logger": "gunicorn.access",
            "message": f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')} {status}",
            "remote_addr": environ.get("REMOTE_ADDR"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "method": environ["REQUEST_METHOD"],
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "pid": os.getpid(),
        }
        self.access_log.info(json.dumps(record, ensure_ascii=False))


logger_class = JsonAccessLogger

if os.environ.get("TALENTZONE_LOG_FORMAT") == "json":
    # gunicorn's own messages (start, worker timeouts) as JSON lines too, like the application's.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": JSON_FORMATTER, "as_is": {"format": "%(message)s"}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "as_is",
                "stream": "ext://sys.stdout",
            },
        },
        "root": {"handlers": ["stderr"], "level": "INFO"},
        "loggers": {
            "gunicorn.error": {
                "handlers": ["stderr"],
                "level": loglevel.upper(),
                "propagate": False,
            },
            "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        },
    }


def child_exit(server, worker):
    """With several workers, Prometheus' client keeps each one's figures in files under
    PROMETHEUS_MULTIPROC_DIR; a worker that is gone must stop counting as alive."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
