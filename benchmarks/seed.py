"""Time `talentzone seed --scale S` on a scratch database and count the rows it made.

    .venv/bin/python benchmarks/seed.py --scale 100     # or: make bench-seed SCALE=100

By default the database is a new SQLite file in a temporary directory, removed afterwards.
`--database-url postgres://…/name` measures an existing, empty PostgreSQL database instead
(the script migrates it; drop it afterwards).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=100.0, help="the seed's scale (100)")
    parser.add_argument("--database-url", help="an empty database instead of a scratch SQLite")
    return parser.parse_args()


def megabytes(path: Path) -> float:
    files = [path, *path.parent.glob(path.name + "-*")]  # with the WAL and shared-memory files
    return sum(f.stat().st_size for f in files if f.exists()) / 2**20


def timed(label: str, action) -> float:
    started = time.monotonic()
    action()
    seconds = time.monotonic() - started
    print(f"{label}: {seconds:.1f} s", flush=True)
    return seconds


def main() -> None:
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="talentzone-bench-") as scratch:
        sqlite_file = Path(scratch) / "seed.sqlite3"
        os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{sqlite_file}"
        os.environ["TALENTZONE_VAR_DIR"] = scratch  # keep the benchmark out of the project's var/
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentzone.settings")

        import django

        django.setup()
        from django.core.management import call_command

        from talentzone.directory.demo.zone import zone_counts

        print(f"seed --scale {arguments.scale:g} on {os.environ['DATABASE_URL']}", flush=True)
        timed("migrate", lambda: call_command("migrate", verbosity=0))
        seconds = timed("seed", lambda: call_command("seed", scale=arguments.scale))
        counts = zone_counts()
        width = max(len(label) for label, _count in counts)
        print()
        for label, count in counts:
            print(f"{label:<{width}}  {count:>9,}")
        total = sum(count for _label, count in counts)
        print(f"{'total':<{width}}  {total:>9,}  ({total / seconds:,.0f} rows/s)")
        if sqlite_file.exists():
            print(f"SQLite file: {megabytes(sqlite_file):,.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
