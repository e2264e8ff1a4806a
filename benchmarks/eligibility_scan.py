"""Scan every demo policy over the registry: its rule compiled to one query, against the same rule
evaluated record by record in Python; then the full offer scan (免申即享).

    .venv/bin/python benchmarks/eligibility_scan.py --scale 100     # or: make bench-eligibility

The database is a scratch SQLite file, migrated and seeded at the scale (`seed --scale S`, a few
minutes at 100), in a temporary directory removed afterwards; `--sqlite PATH` keeps the file
and reuses it when it is already seeded, and `--database-url postgres://…/name` measures a
PostgreSQL database (migrated and seeded here when empty; drop it afterwards).

For each policy, on the same records and the same day:

- compiled: `compile_to_q(rule, today).apply(Model.objects.all())` → the ids, one query (parsed,
  compiled and run: once to warm the caches, then three times; the fastest counts, since a
  query this short is at the mercy of whatever else the machine does);
- row by row: every record of the subject loaded with what the rule reads (select_related for
  the employer and tier, the counted credentials or platforms prefetched, nothing else) and
  `eligibility.evaluate(rule, record, today)` called on each, as the explanation page does;
  timed once (it runs for minutes, after the query has warmed the same tables).

Both must select the same ids (the script stops if they differ). Then `services.scan_offers` runs
over every open policy with no offer made yet (existing offers are set aside inside a
transaction that is rolled back, so the database stays as seeded) and its offers per second are
printed.

`--sample N` evaluates row by row on N random records per policy only and extrapolates its time
to all the records (the output says so); by default every record is evaluated, which takes a
quarter of an hour at scale 100 (`make bench-eligibility` samples 20,000; `SAMPLE=` for all).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from random import Random

REQUIRED_RATIO = 20
CHUNK = 2_000
QUERY_RUNS = 3  # the query is timed this many times after a warm-up; the fastest counts


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=100.0, help="the seed's scale (100)")
    parser.add_argument("--database-url", help="a database instead of a scratch SQLite file")
    parser.add_argument("--sqlite", type=Path, help="a scratch SQLite file to keep and reuse")
    parser.add_argument(
        "--sample",
        type=int,
        help="evaluate row by row on this many random records per policy and extrapolate",
    )
    parser.add_argument(
        "--policy", action="append", metavar="CODE", help="only this policy (repeatable)"
    )
    parser.add_argument("--no-offer-scan", action="store_true", help="skip the full offer scan")
    return parser.parse_args()


def timed(action):
    started = time.monotonic()
    result = action()
    return result, time.monotonic() - started


def prepare(scale: float) -> None:
    """Migrate; seed at the scale unless the database is seeded already."""
    from django.core.management import call_command

    from talentzone.directory.demo.zone import is_seeded
    from talentzone.directory.models import Talent

    call_command("migrate", verbosity=0)
    if is_seeded():
        print(f"already seeded: {Talent.objects.count():,} talents (not re-seeded)", flush=True)
        return
    _, seconds = timed(lambda: call_command("seed", "--scale", f"{scale:g}", verbosity=0))
    print(f"seed --scale {scale:g}: {seconds:.1f} s", flush=True)


def reads(rule):
    """What evaluating `rule` reads: FK paths to follow, collections to prefetch, fields."""
    from django.db.models import Prefetch

    from talentzone.policies.eligibility import SUBJECTS, nodes

    subject = SUBJECTS[rule.subject]
    related, prefetches, fields = set(), {}, {"pk"}
    for clause in nodes.clauses(rule.expression):
        operand = clause.operand
        if isinstance(operand, nodes.Count):
            collection = subject.collections[operand.collection]
            columns = {collection.owner_field, collection.since_field}
            columns |= {spec.path for spec in collection.keywords.values()}
            items = collection.model.objects.only(*columns).order_by()
            prefetches[collection.related_name] = Prefetch(collection.related_name, items)
            continue
        path = subject.attributes[operand.name].path
        fields.add(path)
        if "__" in path:
            related.add(path.rsplit("__", 1)[0])
    return sorted(related), list(prefetches.values()), sorted(fields)


def row_by_row_queryset(rule):
    from talentzone.policies.eligibility import SUBJECTS

    related, prefetches, fields = reads(rule)
    queryset = SUBJECTS[rule.subject].model.objects.order_by("pk").only(*fields)
    if related:
        queryset = queryset.select_related(*related)
    return queryset.prefetch_related(*prefetches)


def evaluate_rows(rule, queryset, today, pks: list[int] | None = None) -> set[int]:
    """The ids of the records that pass, evaluated one by one: all of `queryset`, or the records
    with these `pks` (read a chunk at a time, like the iterator does)."""
    from talentzone.policies.eligibility import evaluate

    if pks is None:
        records = queryset.iterator(chunk_size=CHUNK)
    else:
        records = (
            record
            for start in range(0, len(pks), CHUNK)
            for record in queryset.filter(pk__in=pks[start : start + CHUNK])
        )
    return {record.pk for record in records if evaluate(rule, record, today).passed}


def compiled_ids(policy, today) -> set[int]:
    from talentzone.policies.eligibility import SUBJECTS, compile_to_q, parse

    rule = parse(policy.rule, subject=policy.applicant_kind)
    queryset = SUBJECTS[policy.applicant_kind].model.objects.all()
    return set(compile_to_q(rule, today).apply(queryset).values_list("pk", flat=True))


def measure(policy, today, sample: int | None) -> dict:
    from talentzone.policies.eligibility import SUBJECTS, parse

    model = SUBJECTS[policy.applicant_kind].model
    records = model.objects.count()
    compiled_ids(policy, today)  # warm-up: the first read of a table pays for the disk
    runs = [timed(lambda: compiled_ids(policy, today)) for _ in range(QUERY_RUNS)]
    ids, compiled = min(runs, key=lambda run: run[1])
    rule = parse(policy.rule, subject=policy.applicant_kind)
    queryset = row_by_row_queryset(rule)
    if sample and sample < records:
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        chosen = sorted(Random(f"bench/{policy.code}").sample(pks, sample))
        found, seconds = timed(lambda: evaluate_rows(rule, queryset, today, chosen))
        assert found == ids & set(chosen), f"{policy.code}: the query and Python disagree"
        python = seconds * records / sample
    else:
        found, python = timed(lambda: evaluate_rows(rule, queryset, today))
        assert found == ids, f"{policy.code}: the query and Python disagree"
    return {
        "policy": policy.code,
        "subject": policy.applicant_kind,
        "records": records,
        "eligible": len(ids),
        "compiled": compiled,
        "python": python,
    }


def offer_scan(today) -> None:
    """The nightly scan over every open policy, as if no offer had been made yet; rolled back."""
    from django.db import transaction

    from talentzone.policies import services
    from talentzone.policies.models import Offer

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            set_aside = Offer.objects.count()
            Offer.objects.all().delete()
            made, seconds = timed(lambda: services.scan_offers(today))
            raise Rollback
    except Rollback:
        pass
    total = sum(made.values())
    print(
        f"\nfull offer scan: {len(made)} policies, {total:,} offers in {seconds:.1f} s "
        f"({total / seconds:,.0f} offers/s); {set_aside:,} existing offers set aside, "
        "all rolled back"
    )


def report(rows: list[dict], sample: int | None) -> None:
    width = max(len(row["policy"]) for row in rows)
    python_label = "python s*" if sample else "python s"
    print(
        f"\n{'policy':<{width}}  {'subject':<10} {'records':>9} {'eligible':>9}  "
        f"{'query s':>8}  {python_label:>9}  {'ratio':>7}"
    )
    for row in rows:
        ratio = row["python"] / row["compiled"]
        print(
            f"{row['policy']:<{width}}  {row['subject']:<10} {row['records']:>9,} "
            f"{row['eligible']:>9,}  {row['compiled']:>8.3f}  {row['python']:>9.2f}  "
            f"{ratio:>6.0f}×"
        )
    for subject in dict.fromkeys(row["subject"] for row in rows):
        of_subject = [row for row in rows if row["subject"] == subject]
        total(f"all {subject} policies", of_subject, width)
    ratio = total("all policies", rows, width)
    if sample:
        print(
            f"* row by row timed on {sample:,} random records per policy (all of them where "
            "there are fewer), its time multiplied by records / sample: an extrapolation"
        )
    verdict = "meets" if ratio >= REQUIRED_RATIO else "DOES NOT meet"
    print(
        f"compiled queries: {ratio:.0f}× faster than row by row in Python over all policies; "
        f"{verdict} the required {REQUIRED_RATIO}×"
    )


def total(label: str, rows: list[dict], width: int) -> float:
    compiled = sum(row["compiled"] for row in rows)
    python = sum(row["python"] for row in rows)
    records = sum(row["records"] for row in rows)
    print(
        f"{label:<{width + 11}} {records:>9,} {'':>9}  {compiled:>8.3f}  {python:>9.2f}  "
        f"{python / compiled:>6.0f}×"
    )
    return python / compiled


def main() -> int:
    arguments = parse_arguments()
    with tempfile.TemporaryDirectory(prefix="talentzone-bench-") as scratch:
        sqlite_file = arguments.sqlite or Path(scratch) / "eligibility.sqlite3"
        os.environ["DATABASE_URL"] = arguments.database_url or f"sqlite:///{sqlite_file.resolve()}"
        os.environ["TALENTZONE_VAR_DIR"] = scratch  # keep the benchmark out of the project's var/
        if arguments.sqlite:  # the seed's field keys and attachments live next to the kept file
            os.environ["TALENTZONE_VAR_DIR"] = str(sqlite_file.resolve().parent)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "talentzone.settings")

        import django

        django.setup()
        from django.utils import timezone

        from talentzone.policies.models import Policy

        print(f"eligibility scan on {os.environ['DATABASE_URL']}", flush=True)
        prepare(arguments.scale)
        today = timezone.localdate()
        policies = Policy.objects.exclude(rule="").order_by("code")
        if arguments.policy:
            policies = policies.filter(code__in=arguments.policy)
        rows = []
        for policy in policies:
            row = measure(policy, today, arguments.sample)
            rows.append(row)
            print(
                f"{policy.code}: query {row['compiled']:.3f} s, row by row {row['python']:.1f} s",
                flush=True,
            )
        report(rows, arguments.sample)
        if not arguments.no_offer_scan:
            offer_scan(today)
    return 0


if __name__ == "__main__":
    sys.exit(main())
