"""Time the leader's overview (/insights/) over the demo zone at several scales.

    .venv/bin/python benchmarks/dashboard.py --scales 1,100     # or: make bench-dashboard

For each scale, a scratch SQLite database is migrated and seeded (`seed --scale S`; several
minutes at 100, about 630,000 talents) in a temporary directory removed afterwards; `--keep DIR`
keeps one file per scale there and reuses it when it is already seeded.

What a leader's browser asks for is timed through Django's test client, signed in as the demo
leader. The overview page computes (or reads from the cache) every figure it shows and draws
them into the page; the wall screen then refreshes them from the figure API. Readings:

- cold: the page with the cache emptied first, so every figure is computed from the records
  (what the first reader pays after a change to the records; the beat task
  `insights.warm_overview` pays it instead every ten minutes);
- warm: the page again, figures from the cache (what every other reader pays); median of five;
- refresh: the JSON of every figure on the page from the API, warm; median of five;
- per figure, cold: which figure costs what when computed.

The target: the warm overview under one second at scale 100.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.0
WARM_RUNS = 5


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,100", help="comma-separated seed scales (1,100)")
    parser.add_argument("--keep", type=Path, help="keep the seeded databases in this folder")
    parser.add_argument("--scale", type=float, help=argparse.SUPPRESS)  # one scale, internal
    return parser.parse_args()


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def prepare(scale: float) -> int:
    from django.core.management import call_command

    from talentzone.directory.demo.zone import is_seeded
    from talentzone.directory.models import Talent

    call_command("migrate", verbosity=0)
    if not is_seeded():
        _, seconds = timed(lambda: call_command("seed", "--scale", f"{scale:g}", verbosity=0))
        print(f"  seed --scale {scale:g}: {seconds:.0f} s", flush=True)
    return Talent.objects.count()


def overview_keys() -> list[str]:
    """The figures the overview shows (its charts and the figures behind its key numbers)."""
    from talentzone.insights.views.overview import KEY_NUMBERS, OVERVIEW_FIGURES, registered

    wanted = [*OVERVIEW_FIGURES, *(number.figure for number in KEY_NUMBERS)]
    return [key for key in dict.fromkeys(wanted) if registered(key)]


def page(client) -> float:
    """The overview page: every figure computed (or read from the cache) and drawn into it."""
    from django.urls import reverse

    started = time.perf_counter()
    answer = client.get(reverse("insights:overview"))
    assert answer.status_code == 200, answer.status_code
    return time.perf_counter() - started


def refresh(client) -> float:
    """The wall screen's refresh: each figure's JSON from the API, as its script asks."""
    from django.urls import reverse

    started = time.perf_counter()
    for key in overview_keys():
        answer = client.get(reverse("insights-api:figure-detail", args=[key]))
        assert answer.status_code == 200, (key, answer.status_code)
    return time.perf_counter() - started


def per_figure_cold() -> list[tuple[str, float]]:
    from talentzone.insights import cache as figure_cache
    from talentzone.insights.forms import PeriodForm

    period = PeriodForm({"year": ""}).period
    return [
        (key, timed(lambda key=key: figure_cache.compute_key(key, period, fresh=True))[1])
        for key in overview_keys()
    ]


def measure(scale: float) -> dict:
    from django.core.cache import cache
    from django.test import Client

    from talentzone.core.models import User

    talents = prepare(scale)
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    page(client)  # the process's first request loads templates and code: not the figures' cost
    cache.clear()
    cold = page(client)
    warm = statistics.median(page(client) for _ in range(WARM_RUNS))
    refreshed = statistics.median(refresh(client) for _ in range(WARM_RUNS))
    figures = per_figure_cold()
    return {
        "scale": scale,
        "talents": talents,
        "cold": cold,
        "warm": warm,
        "refresh": refreshed,
        "figures": figures,
    }


def run_one(scale: float) -> None:
    """Measure one scale in this process (each scale gets a fresh process and database)."""
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Production settings but without collectstatic: static URLs straight from the finders.
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
        row = measure(scale)
    print(
        f"  scale {row['scale']:g}: {row['talents']:,} talents; overview cold {row['cold']:.3f} s,"
        f" warm {row['warm']:.3f} s; the wall screen's refresh through the API (warm)"
        f" {row['refresh']:.3f} s (medians of {WARM_RUNS})",
        flush=True,
    )
    for key, seconds in sorted(row["figures"], key=lambda item: -item[1]):
        print(f"    {key:<40} cold {seconds:.3f} s")
    verdict = "meets" if row["warm"] < TARGET_SECONDS else "DOES NOT meet"
    print(f"  warm overview {verdict} the {TARGET_SECONDS:g} s target", flush=True)


def main() -> int:
    arguments = parse_arguments()
    if arguments.scale is not None:
        run_one(arguments.scale)
        return 0
    import subprocess

    scales = [float(scale) for scale in arguments.scales.split(",")]
    with tempfile.TemporaryDirectory(prefix="talentzone-bench-") as scratch:
        folder = (arguments.keep or Path(scratch)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        for scale in scales:
            database = folder / f"dashboard-{scale:g}.sqlite3"
            environment = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{database}",
                "TALENTZONE_VAR_DIR": str(folder),
                "DJANGO_SETTINGS_MODULE": "talentzone.settings",
                "TALENTZONE_ALLOWED_HOSTS": "testserver",  # Django's test client
            }
            environment.pop("REDIS_URL", None)  # the in-process cache: one process, no network
            print(f"overview at scale {scale:g} on {database}", flush=True)
            command = [sys.executable, __file__, "--scale", f"{scale:g}"]
            subprocess.run(command, env=environment, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
