"""Time our Excel import of 10,000 talents against the plainest alternative, on the same file.

    .venv/bin/python benchmarks/import_talents.py            # or: make bench-import
    .venv/bin/python benchmarks/import_talents.py --rows 2000 --database-url postgres://…/name

A small demo zone is seeded (`seed --scale 0.01`) on a scratch SQLite database (removed
afterwards) or on an empty PostgreSQL database named by `--database-url` (migrated here; drop it
afterwards). A workbook of valid rows naming the zone's enterprises and tiers is written, then
imported twice, the talents deleted in between:

- ours: `import_workbook()` as the page and the command run it: every cell parsed, every row
  validated (ID checksum, birth date and gender against it, mobile, permissions, duplicates),
  all rows written in one transaction with a hash-chained audit record per row;
- plain: openpyxl reads the rows, Talent objects are built straight from the cells (labels
  mapped to values, names to keys) and `bulk_create`d: no validation, no audit trail.

Both encrypt the personal numbers (the model's fields do it). The ratio is what checking every
row and keeping the trail cost.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows in the workbook (10,000)")
    parser.add_argument("--database-url", help="an empty database instead of a scratch SQLite")
    return parser.parse_args()


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def prepare_zone():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed", "--scale", "0.01", verbosity=0)


def office_admin():
    from talentzone.core.choices import Role
    from talentzone.core.models import User

    return User.objects.filter(groups__name=Role.OFFICE_ADMIN).order_by("pk").first()


def sample_rows(count: int) -> list[dict]:
    """Valid rows spread over the zone's enterprises and tiers, none already registered."""
    from talentzone.directory.imports.samples import talent_row
    from talentzone.directory.models import Enterprise, Talent, TalentTier

    enterprises = list(Enterprise.objects.order_by("pk").values_list("name", flat=True))
    tiers = [*TalentTier.objects.order_by("rank").values_list("name", flat=True), ""]
    registered = {talent.id_number for talent in Talent.objects.all()}
    rows, number = [], 0
    while len(rows) < count:
        row = talent_row(
            number,
            employer=enterprises[number % len(enterprises)],
            tier=tiers[number % len(tiers)],
        )
        if row["身份证号码"] not in registered:
            rows.append(row)
        number += 1
    return rows


def ours(path: Path, actor) -> tuple[int, dict[str, float]]:
    """Our import; answers the rows imported and the seconds each phase took."""
    from talentzone.directory.imports.service import import_workbook

    started = {}

    def progress(phase: str, done: int, total: int) -> None:
        started.setdefault(phase, time.monotonic())

    begin = time.monotonic()
    report = import_workbook(
        actor=actor, kind="talents", path_or_file=path, update_existing=False, progress=progress
    )
    end = time.monotonic()
    if report.rejected:
        raise SystemExit(f"our import rejected the file: {report.errors[:5]}")
    phases = {
        "reading and checking": started.get("importing", end) - begin,
        "writing": end - started.get("importing", end),
    }
    return report.created, phases


def plain(path: Path) -> int:
    """openpyxl + bulk_create, nothing checked: the floor any importer stands on."""
    from django.utils import translation
    from openpyxl import load_workbook

    from talentzone.directory.choices import (
        Education,
        Gender,
        Industry,
        ProfessionalTitle,
        TalentStatus,
    )
    from talentzone.directory.models import Enterprise, Talent, TalentTier

    with translation.override("zh-hans"):
        labels = {
            str(label): value
            for choices in (Gender, Education, ProfessionalTitle, Industry, TalentStatus)
            for value, label in choices.choices
        }
    employers = dict(Enterprise.objects.values_list("name", "pk"))
    tiers = dict(TalentTier.objects.values_list("name", "pk"))
    workbook = load_workbook(path, read_only=True)
    rows = workbook.worksheets[0].iter_rows(min_row=2, values_only=True)
    talents = [
        Talent(
            name=name,
            gender=labels[gender],
            birth_date=birth.date(),
            id_number=id_number,
            phone=phone,
            education=labels[education],
            major=major or "",
            title=labels[title],
            employer_id=employers.get(employer),
            industry=labels[industry],
            tier_id=tiers.get(tier),
            skills=skills or "",
            arrival_date=arrival.date() if arrival else None,
            status=labels[status],
        )
        for (
            name,
            gender,
            birth,
            id_number,
            phone,
            education,
            major,
            title,
            employer,
            industry,
            tier,
            skills,
            arrival,
            status,
            _agency,
        ) in rows
    ]
    workbook.close()
    Talent.objects.bulk_create(talents, batch_size=500)
    return len(talents)


def delete_imported(before: set[int]) -> None:
    from talentzone.directory.models import Talent

    Talent.objects.exclude(pk__in=before).delete()


def main() -> None:
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="talentzone-bench-") as scratch:
        sqlite_file = Path(scratch) / "import.sqlite3"
        os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{sqlite_file}"
        os.environ["TALENTZONE_VAR_DIR"] = scratch  # keep the benchmark out of the project's var/
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentzone.settings")

        import django

        django.setup()
        from talentzone.directory.imports.samples import write_workbook
        from talentzone.directory.models import Talent

        print(f"import of {arguments.rows:,} talents on {os.environ['DATABASE_URL']}", flush=True)
        _, seconds = timed(prepare_zone)
        print(f"migrate + seed --scale 0.01: {seconds:.1f} s", flush=True)
        before = set(Talent.objects.values_list("pk", flat=True))
        workbook = Path(scratch) / "talents.xlsx"
        rows = sample_rows(arguments.rows)
        _, seconds = timed(lambda: write_workbook(workbook, rows))
        size = workbook.stat().st_size / 2**20
        print(f"workbook: {len(rows):,} rows, {size:.1f} MB, written in {seconds:.1f} s\n")

        (created, phases), ours_seconds = timed(lambda: ours(workbook, office_admin()))
        delete_imported(before)
        plain_created, plain_seconds = timed(lambda: plain(workbook))
        assert created == plain_created == arguments.rows, (created, plain_created)

        ours_rate = created / ours_seconds
        plain_rate = plain_created / plain_seconds
        detail = ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in phases.items())
        print(f"ours   {ours_seconds:6.1f} s  {ours_rate:8,.0f} rows/s  ({detail})")
        print(f"plain  {plain_seconds:6.1f} s  {plain_rate:8,.0f} rows/s  (openpyxl + bulk_create)")
        print(f"ratio  {ours_seconds / plain_seconds:6.1f} × the time of the plain import")


if __name__ == "__main__":
    sys.exit(main())
