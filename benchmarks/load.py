"""Mixed traffic against gunicorn on PostgreSQL: requests per second, latency and errors.

    .venv/bin/python benchmarks/load.py --scale 100 --users 40 --duration 60
    make bench-load SCALE=100 USERS=40 DURATION=60

1. A PostgreSQL database `talentzone_load_<scale>` is created, migrated and seeded with
   `talentzone seed --scale <scale>`, unless it already holds that seed: a finished seed leaves
   a comment on the database, so a rerun skips the minutes the seed takes (a database without
   the comment is an interrupted run: it is dropped and made again). Its keys, secret key and
   media live beside it in var/load-<scale>/ (the seeded ID numbers are encrypted with those
   keys, so the folder belongs to the database).
2. collectstatic, then gunicorn with the production settings (DEBUG off, the cache and the task
   queue in Redis database --redis-db, which is emptied before and after) and a Celery worker
   for the tasks the traffic sends (--no-celery leaves them queued).
3. locust runs benchmarks/locustfile.py headless for --duration seconds with --users simulated
   people (talents browsing and applying, reviewers deciding, station and agency staff booking
   rooms, leaders on the dashboard); then everything is stopped and the figures printed:
   requests, requests per second, p50/p95/p99 latency, errors by kind, expected refusals
   (documented answers such as "already registered" or "slot taken", not errors), and the 15
   busiest requests.

Exits 1 when gunicorn does not come up, 2 when requests failed.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
TOP_REQUESTS = 15


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=100.0, help="the seed's scale (100)")
    parser.add_argument("--users", type=int, default=40, help="simulated people (40)")
    parser.add_argument("--spawn-rate", type=float, help="people started per second (users/10)")
    parser.add_argument("--duration", type=int, default=60, help="seconds of traffic (60)")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker (2)")
    parser.add_argument(
        "--boot-timeout", type=float, default=180, help="seconds gunicorn may take to answer"
    )
    parser.add_argument("--postgres", default=POSTGRES, help=f"the server's URL ({POSTGRES})")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379", help="the Redis server")
    parser.add_argument("--redis-db", type=int, default=11, help="its database number (11)")
    parser.add_argument("--no-celery", action="store_true", help="start no Celery worker")
    parser.add_argument("--keep-csv", type=Path, help="keep locust's CSV files in this folder")
    return parser.parse_args()


# The database --------------------------------------------------------------------------------


def psql(url: str, sql: str) -> str:
    answer = subprocess.run(
        ["psql", url, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return answer.stdout.strip()


def seed_marker(scale: float) -> str:
    return f"talentzone seed --scale {scale:g}"


def database_state(server: str, name: str) -> str | None:
    """None when the database does not exist, else its comment ('' when it has none)."""
    return (
        psql(
            server + "postgres",
            "select coalesce(shobj_description(oid, 'pg_database'), '-') "
            f"from pg_database where datname = '{name}'",
        )
        or None
    )


def prepare_database(arguments, environment: dict) -> None:
    name = environment["DATABASE_URL"].rsplit("/", 1)[1]
    marker = seed_marker(arguments.scale)
    state = database_state(arguments.postgres, name)
    if state == marker:
        print(f"{name}: already seeded at scale {arguments.scale:g}, reused", flush=True)
        return
    if state is not None:
        print(f"{name}: no finished seed in it, made again", flush=True)
        psql(arguments.postgres + "postgres", f'drop database "{name}" with (force)')
    psql(arguments.postgres + "postgres", f'create database "{name}"')
    talentzone = [str(BIN / "talentzone")]
    seeding = {**environment}
    seeding.pop("REDIS_URL")  # the seed's tasks run in-process, as in `make demo`
    started = time.monotonic()
    subprocess.run([*talentzone, "migrate", "--no-input", "-v", "0"], env=seeding, check=True)
    print(f"{name}: migrated in {time.monotonic() - started:.0f} s; seeding…", flush=True)
    started = time.monotonic()
    # The seed prints each step as it goes: that is the progress.
    subprocess.run(
        [*talentzone, "seed", "--scale", f"{arguments.scale:g}"], env=seeding, check=True
    )
    psql(arguments.postgres + "postgres", f"comment on database \"{name}\" is '{marker}'")
    print(f"{name}: seeded in {time.monotonic() - started:.0f} s", flush=True)


# The servers ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def flush_redis(environment: dict) -> None:
    """Empty this run's Redis database: no cached figure or queued task of an earlier run."""
    import redis

    redis.Redis.from_url(environment["REDIS_URL"]).flushdb()


def start(command: list[str], environment: dict, log: Path) -> subprocess.Popen:
    # A session of its own: stopping the group stops the server's workers too, and only them.
    return subprocess.Popen(
        command,
        env=environment,
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # gunicorn and Celery finish their requests first
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(url: str, server: subprocess.Popen, seconds: float) -> bool:
    """True once the sign-in page answers 200; False if the server exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url + "/login/", timeout=5) as answer:
                if answer.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    return False


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


# The figures ---------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def number(row: dict, column: str) -> float:
    value = row.get(column) or "0"
    return float(value) if value != "N/A" else 0.0


def report(prefix: Path, outcomes_file: Path, arguments) -> int:
    """Print the figures; the number of failed requests."""
    stats = read_csv(Path(f"{prefix}_stats.csv"))
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    if total is None:
        print("locust wrote no statistics")
        return 1
    requests = int(number(total, "Request Count"))
    failures = int(number(total, "Failure Count"))
    print()
    print(
        f"scale {arguments.scale:g}, {arguments.users} users, {arguments.duration} s,"
        f" gunicorn {arguments.workers} workers × {arguments.threads} threads"
    )
    print(f"requests      {requests:,}")
    print(f"requests/s    {number(total, 'Requests/s'):.1f}")
    print(
        f"latency (ms)  p50 {number(total, '50%'):.0f}  p95 {number(total, '95%'):.0f}"
        f"  p99 {number(total, '99%'):.0f}  max {number(total, 'Max Response Time'):.0f}"
    )
    print(f"errors        {failures:,}")
    for row in sorted(
        read_csv(Path(f"{prefix}_failures.csv")), key=lambda row: -int(row["Occurrences"])
    ):
        print(f"  {int(row['Occurrences']):>6,}  {row['Method']} {row['Name']}: {row['Error']}")
    exceptions = read_csv(Path(f"{prefix}_exceptions.csv"))
    if exceptions:
        print("exceptions in the scenario itself (a bug in locustfile.py, not the server):")
        for row in exceptions:
            print(f"  {int(row['Count']):>6,}  {row['Message'][:100]}")
    outcomes = json.loads(outcomes_file.read_text()) if outcomes_file.exists() else {}
    refusals = Counter(outcomes.get("refused", {}))
    print(f"expected refusals (answered as documented, not errors) {sum(refusals.values()):,}")
    for kind, count in refusals.most_common():
        print(f"  {count:>6,}  {kind}")
    writes = Counter(outcomes.get("done", {}))
    print(f"writes that went through {sum(writes.values()):,}")
    for kind, count in writes.most_common():
        print(f"  {count:>6,}  {kind}")
    rows = sorted(
        (row for row in stats if row["Name"] != "Aggregated"),
        key=lambda row: -number(row, "Request Count"),
    )
    print()
    print(f"{'request':<44} {'count':>7} {'fail':>5} {'rps':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in rows[:TOP_REQUESTS]:
        # API requests are named with their method already ("GET /api/v1/…").
        name = (
            row["Name"]
            if row["Name"].startswith(row["Type"] + " ")
            else f"{row['Type']} {row['Name']}"
        )
        name = name[:44]
        print(
            f"{name:<44} {int(number(row, 'Request Count')):>7,} "
            f"{int(number(row, 'Failure Count')):>5} {number(row, 'Requests/s'):>6.1f} "
            f"{number(row, '50%'):>6.0f} {number(row, '95%'):>6.0f} {number(row, '99%'):>6.0f}"
        )
    print("(latencies in ms)")
    return failures


# The run -------------------------------------------------------------------------------------


def environment_for(arguments, var_dir: Path) -> dict:
    name = f"talentzone_load_{arguments.scale:g}".replace(".", "_")
    return {
        **os.environ,
        "DATABASE_URL": arguments.postgres + name,
        "TALENTZONE_VAR_DIR": str(var_dir),
        "TALENTZONE_DEBUG": "0",
        "REDIS_URL": f"{arguments.redis}/{arguments.redis_db}",
        "DJANGO_SETTINGS_MODULE": "talentzone.settings",
        "TALENTZONE_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TALENTZONE_LOG_LEVEL": "WARNING",  # a line per request would be the bottleneck
    }


def collect_static(environment: dict) -> None:
    """collectstatic unless the manifest is newer than every file of the project's static
    folders: compressing them all again takes minutes on a busy machine."""
    manifest = Path(environment["TALENTZONE_VAR_DIR"]) / "static" / "staticfiles.json"
    sources = (ROOT / "src" / "talentzone").glob("**/static/**/*")
    newest = max((path.stat().st_mtime for path in sources if path.is_file()), default=0)
    if manifest.exists() and manifest.stat().st_mtime > newest:
        return
    started = time.monotonic()
    subprocess.run(
        [str(BIN / "talentzone"), "collectstatic", "--no-input", "-v", "0"],
        env=environment,
        check=True,
    )
    print(f"collectstatic: {time.monotonic() - started:.0f} s", flush=True)


def run(arguments, environment: dict, scratch: Path) -> int:
    prepare_database(arguments, environment)
    collect_static(environment)
    flush_redis(environment)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    gunicorn_log = scratch / "gunicorn.log"
    servers = []
    booted = time.monotonic()
    try:
        gunicorn = start(
            [
                str(BIN / "gunicorn"),
                "talentzone.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                f"--workers={arguments.workers}",
                f"--threads={arguments.threads}",
                "--timeout=60",
                # Longer than the simulated people's pauses (1–4 s): with the default 2 s the
                # server closes a kept-alive connection just as the client reuses it, and the
                # request fails with "connection reset" (a proxy in front would hide that).
                "--keep-alive=10",
            ],
            environment,
            gunicorn_log,
        )
        servers.append(gunicorn)
        if not arguments.no_celery:
            servers.append(
                start(
                    [
                        str(BIN / "celery"),
                        "-A",
                        "talentzone",
                        "worker",
                        "--concurrency=1",
                        "-l",
                        "warning",
                    ],
                    environment,
                    scratch / "celery.log",
                )
            )
        if not wait_until_up(url, gunicorn, arguments.boot_timeout):
            print(f"gunicorn did not start:\n{tail(gunicorn_log)}", file=sys.stderr)
            return 1
        print(
            f"gunicorn up at {url} after {time.monotonic() - booted:.0f} s:"
            f" {arguments.workers} workers × {arguments.threads} threads",
            flush=True,
        )
        prefix = (arguments.keep_csv or scratch) / "load"
        prefix.parent.mkdir(parents=True, exist_ok=True)
        outcomes = scratch / "outcomes.json"
        spawn_rate = arguments.spawn_rate or max(1.0, arguments.users / 10)
        print(
            f"locust: {arguments.users} users (+{spawn_rate:g}/s) for {arguments.duration} s",
            flush=True,
        )
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--host",
                url,
                "-u",
                str(arguments.users),
                "-r",
                f"{spawn_rate:g}",
                "-t",
                f"{arguments.duration}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={**os.environ, "TALENTZONE_LOAD_OUTCOMES": str(outcomes)},
            cwd=ROOT,
            stdout=(scratch / "locust.log").open("w"),  # its own summary: the report below
            stderr=subprocess.STDOUT,
            check=False,  # locust exits 1 when a request failed: the report says which
        )
        if not Path(f"{prefix}_stats.csv").exists():
            print(tail(scratch / "locust.log"), file=sys.stderr)
        failed = report(prefix, outcomes, arguments)
        server_errors = [
            line
            for line in gunicorn_log.read_text(errors="replace").splitlines()
            if "Error" in line
        ]
        if server_errors:
            print(f"\ngunicorn's log has {len(server_errors)} error lines; the last ones:")
            print("\n".join(server_errors[-10:]))
        return 2 if failed else 0
    finally:
        for server in reversed(servers):
            stop(server)
        flush_redis(environment)


def main() -> int:
    arguments = parse_arguments()
    if shutil.which("psql") is None:
        print("psql is missing: the load benchmark runs against PostgreSQL", file=sys.stderr)
        return 1
    var_dir = ROOT / "var" / f"load-{arguments.scale:g}"
    var_dir.mkdir(parents=True, exist_ok=True)
    environment = environment_for(arguments, var_dir)
    with tempfile.TemporaryDirectory(prefix="talentzone-load-") as scratch:
        return run(arguments, environment, Path(scratch))


if __name__ == "__main__":
    sys.exit(main())
