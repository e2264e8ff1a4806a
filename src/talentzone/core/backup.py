"""Backups of the whole site in one file, and their restore (`talentzone backup` / `restore`).

A backup is a gzipped tar archive:
- `database.sqlite3` or `database.pgdump`: the database in its engine's own form, taken
  consistently while the site runs (SQLite's online backup API; `pg_dump --format=custom` in
  the snapshot of a repeatable-read transaction);
- `media/…`: the media directory (attachments, import workbooks, reports);
- `manifest.json`, written last: format version, when, engine, Django version, the applied
  migrations, the sha256 and size of every other member, and each table's row count and
  content checksum, computed from exactly what was dumped.

The field keys are not in it, on purpose: without them the personal numbers in a backup are
unreadable. The manifest keeps only fingerprints of the keys, so a restore can say when the
configured keys are not the ones the data was encrypted with.

A restore refuses before changing anything when the archive does not verify, comes from the
other engine, or the database already holds data (unless forced); it then restores the database
in one step (one pg_restore transaction; one SQLite backup-API copy into the live database),
swaps the media directory, and checks every table against the manifest.
"""

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3

# pg_dump/pg_restore run from an argument list, never through a shell.
import subprocess  # nosec B404
import tarfile
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend
from django.utils import timezone
from django.utils.translation import gettext as _

from . import crypto
from .models import AuditRecord

FORMAT = "talentzone-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1 << 20
FETCH_ROWS = 2000
SQLITE_PAGES_PER_STEP = 4096
PROGRESS_EVERY = 2.0  # seconds between progress lines

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def _quiet(message: str) -> None:
    pass


class _Throttle:
    """Passes a progress line on at most every PROGRESS_EVERY seconds (long loops call it
    per table or per step; the operator needs a sign of life, not a flood)."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.last = 0.0

    def __call__(self, message: str) -> None:
        if time.monotonic() - self.last >= PROGRESS_EVERY:
            self.last = time.monotonic()
            self.progress(message)


# Table checksums ----------------------------------------------------------------------------


def _normalised(value):
    """Binary values as hex; the rest JSON holds as it is, or as its str() (dates, decimals,
    durations, UUIDs, addresses): the same stored value reads the same on one engine."""
    if isinstance(value, memoryview | bytes | bytearray):
        return {"bytes": bytes(value).hex()}
    return value


def _row_text(row) -> str:
    return json.dumps(
        [_normalised(v) for v in row], sort_keys=True, ensure_ascii=False, default=str
    )


def table_rows(db, table: str) -> Iterator[str]:
    """Every row of a table as normalised JSON text, ordered by primary key (by the whole row
    when the table has none), columns in name order so that their order on disk is no matter."""
    quote = db.ops.quote_name
    with db.cursor() as cursor:
        # The column names from a query that reads no row: Django's SQLite introspection of
        # the full description trips over some tables' CREATE statements.
        cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")  # nosec B608
        columns = sorted(column[0] for column in cursor.description)
        pk = db.introspection.get_primary_key_columns(cursor, table) or []
        select = ", ".join(quote(c) for c in columns)
        order = f" ORDER BY {', '.join(quote(c) for c in pk)}" if pk else ""
        # Table and column names come from the database itself, quoted.
        cursor.execute(f"SELECT {select} FROM {quote(table)}{order}")  # nosec B608
        rows = _fetch(cursor)
        if not pk:
            rows = iter(sorted(rows))
        yield json.dumps(columns)
        yield from rows


def _fetch(cursor) -> Iterator[str]:
    while batch := cursor.fetchmany(FETCH_ROWS):
        for row in batch:
            yield _row_text(row)


def table_names(db) -> list[str]:
    with db.cursor() as cursor:
        return sorted(db.introspection.table_names(cursor))


def table_checksums(db, progress: Progress = _quiet) -> dict[str, dict]:
    """{table: {"rows": n, "sha256": …}} for every table of the database, Django's own too."""
    throttle = _Throttle(progress)
    names = table_names(db)
    result = {}
    for number, table in enumerate(names, 1):
        digest = hashlib.sha256()
        rows = -1  # the first line is the column list
        for line in table_rows(db, table):
            digest.update(line.encode())
            digest.update(b"\n")
            rows += 1
        result[table] = {"rows": rows, "sha256": digest.hexdigest()}
        throttle(
            _("  checksums: %(done)s/%(total)s tables") % {"done": number, "total": len(names)}
        )
    return result


def snapshot(db=None) -> dict[str, list[str]]:
    """Every table's rows as normalised text (tests compare databases row by row with it)."""
    db = db or connection
    return {table: list(table_rows(db, table)) for table in table_names(db)}


# Archive members ----------------------------------------------------------------------------


class _HashingReader:
    """A file wrapper that hashes what tarfile reads from it."""

    def __init__(self, raw):
        self.raw = raw
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.digest.update(data)
        return data


def _add_file(archive: tarfile.TarFile, path: Path, name: str, members: dict) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as raw:
        reader = _HashingReader(raw)
        archive.addfile(info, reader)
    members[name] = {"sha256": reader.digest.hexdigest(), "size": info.size}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _media_files(media_root: Path) -> Iterator[tuple[Path, str]]:
    """Regular files under the media directory with their archive names (symlinks are not
    followed: uploads never make them)."""
    if not media_root.is_dir():
        return
    for directory, dirs, files in os.walk(media_root):
        dirs.sort()
        for name in sorted(files):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path, MEDIA_PREFIX + path.relative_to(media_root).as_posix()


# Keys ----------------------------------------------------------------------------------------


def _fingerprint(key: bytes) -> str:
    """A one-way, truncated digest of a key: enough to tell keys apart, nothing to recover."""
    return hashlib.sha256(b"talentzone key fingerprint\0" + key).hexdigest()[:16]


def key_fingerprints() -> dict:
    keys = crypto.keys()
    return {
        "current": keys.current_id,
        "field": {key_id: _fingerprint(key) for key_id, key in keys.field_keys.items()},
        "index": _fingerprint(keys.index_key),
    }


def key_mismatches(recorded: dict) -> list[str]:
    """What of the backup's keys the configured ones lack (empty: they match)."""
    if not recorded:
        return []
    current = key_fingerprints()
    problems = [
        _("field key %(id)s") % {"id": key_id}
        for key_id, fingerprint in recorded.get("field", {}).items()
        if current["field"].get(key_id) != fingerprint
    ]
    if recorded.get("index") != current["index"]:
        problems.append(_("the index key"))
    return problems


# Backup --------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    path: Path
    size: int
    tables: int
    rows: int
    media_files: int
    seconds: float


def default_output() -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"talentzone-{stamp}.tar.gz"


def _applied_migrations(db) -> list[list[str]]:
    """Read with SQL, not MigrationRecorder: `db` may be a connection of our own that the ORM
    does not know by alias."""
    table = MigrationRecorder.Migration._meta.db_table
    if table not in table_names(db):
        return []
    with db.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {db.ops.quote_name(table)}")  # nosec B608
        return sorted([app, name] for app, name in cursor.fetchall())


def _database_summary(db, progress: Progress) -> dict:
    progress(_("Counting and checksumming every table…"))
    return {"migrations": _applied_migrations(db), "tables": table_checksums(db, progress)}


def _dump_sqlite(target: Path, progress: Progress) -> dict:
    """Copy the live database with the online backup API (pages in steps; SQLite restarts
    the copy when another connection writes meanwhile, so the result is one consistent state),
    then checksum the copy itself, not the database that goes on changing."""
    connection.ensure_connection()
    throttle = _Throttle(progress)

    def step(status, remaining, total):
        throttle(
            _("  database: %(done)s/%(total)s pages") % {"done": total - remaining, "total": total}
        )

    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination, pages=SQLITE_PAGES_PER_STEP, progress=step)
    finally:
        destination.close()
    with _sqlite_connection(target) as copy:
        return _database_summary(copy, progress)


@contextlib.contextmanager
def _sqlite_connection(path: Path):
    """A Django connection of our own to a SQLite file, registered under a one-off alias for
    as long as it is used (introspection asks the connection handler for it by alias)."""
    backend = load_backend(connection.settings_dict["ENGINE"])
    alias = f"backup-{uuid.uuid4().hex}"
    wrapper = backend.DatabaseWrapper(
        {**connection.settings_dict, "NAME": str(path), "OPTIONS": {}}, alias=alias
    )
    connections[alias] = wrapper
    try:
        yield wrapper
    finally:
        wrapper.close()
        del connections[alias]


def _pg_command(program: str, arguments: list[str]) -> tuple[list[str], dict]:
    """pg_dump/pg_restore with the configured connection; the password travels in the
    environment (PGPASSWORD), never on the command line where `ps` would show it."""
    settings_dict = connection.settings_dict
    _, extra_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    command = [program]
    if settings_dict.get("USER"):
        command += ["--username", settings_dict["USER"]]
    if settings_dict.get("HOST"):
        command += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        command += ["--port", str(settings_dict["PORT"])]
    command += ["--no-password", *arguments, "--dbname", settings_dict["NAME"]]
    return command, {**os.environ, **(extra_env or {})}


def _run(command: list[str], env: dict, what: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            _("%(program)s is not installed: install the PostgreSQL client programs.")
            % {"program": command[0]}
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if done.returncode != 0:
        raise BackupError(
            _("%(what)s failed (%(program)s exit %(code)s): %(error)s")
            % {
                "what": what,
                "program": command[0],
                "code": done.returncode,
                "error": done.stderr.strip()[-2000:],
            }
        )


def _dump_postgresql(target: Path, progress: Progress) -> dict:
    """pg_dump in the snapshot of our own repeatable-read transaction, and the checksums read
    in that same transaction: the dump and the manifest describe the same moment."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
        progress(_("Dumping the database (pg_dump)…"))
        command, env = _pg_command(
            "pg_dump", ["--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"]
        )
        _run(command, env, _("The database dump"))
        return _database_summary(connection, progress)


def create_backup(output: Path | None = None, progress: Progress = _quiet) -> BackupResult:
    """Write the backup to a temporary name beside `output` and rename it when complete, so a
    file of that name is always a whole backup."""
    started = time.monotonic()
    output = Path(output or default_output())
    output.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBER:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(engine)s.") % {"engine": vendor}
        )
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    partial = work / "archive.tar.gz"
    try:
        dump = work / DATABASE_MEMBER[vendor]
        summary = (_dump_sqlite if vendor == "sqlite" else _dump_postgresql)(dump, progress)
        members: dict[str, dict] = {}
        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(partial, "w:gz") as archive:
            progress(_("Writing the archive…"))
            _add_file(archive, dump, DATABASE_MEMBER[vendor], members)
            dump.unlink()
            throttle = _Throttle(progress)
            for path, name in _media_files(media_root):
                _add_file(archive, path, name, members)
                throttle(_("  media: %(count)s files") % {"count": len(members) - 1})
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "engine": vendor,
                "django": django.get_version(),
                "keys": key_fingerprints(),
                "members": members,
                **summary,
            }
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
        os.chmod(partial, 0o600)  # personal data (encrypted or not) lives in it
        os.replace(partial, output)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tables = summary["tables"]
    return BackupResult(
        path=output,
        size=output.stat().st_size,
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        media_files=len(members) - 1,
        seconds=time.monotonic() - started,
    )


# Restore -------------------------------------------------------------------------------------


@dataclass
class Archive:
    """A verified archive unpacked into a staging directory."""

    staging: Path
    manifest: dict
    database: Path
    media: Path


@dataclass
class RestoreResult:
    tables: int
    rows: int
    media_files: int
    seconds: float
    mismatches: list[str] = field(default_factory=list)


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def unpack(path: Path, staging: Path, progress: Progress = _quiet) -> Archive:
    """Unpack into `staging`, hashing each member, then check the whole against the manifest:
    every member listed, none missing, none extra, each of its recorded size and sha256."""
    found: dict[str, dict] = {}
    manifest_bytes = None
    throttle = _Throttle(progress)
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive:
                manifest_bytes = _unpack_member(archive, member, staging, found, manifest_bytes)
                throttle(_("  unpacked %(count)s files") % {"count": len(found)})
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        raise BackupError(
            _("%(path)s is not a readable backup archive: %(error)s")
            % {"path": path, "error": error}
        ) from error
    if manifest_bytes is None:
        raise BackupError(
            _("%(path)s holds no manifest.json: it is not a talentzone backup.") % {"path": path}
        )
    manifest = _read_manifest(manifest_bytes)
    problems = _member_problems(manifest.get("members", {}), found)
    if problems:
        raise BackupError(
            _("The archive does not match its manifest (damaged or altered): %(problems)s")
            % {"problems": "; ".join(problems[:10])}
        )
    member = DATABASE_MEMBER.get(manifest.get("engine"), "database")
    return Archive(staging, manifest, staging / member, staging / "media")


def _unpack_member(archive, member, staging: Path, found: dict, manifest_bytes):
    if member.isdir():
        return manifest_bytes
    if not member.isfile() or not _safe_name(member.name):
        raise BackupError(
            _("The archive holds an unexpected member: %(name)s") % {"name": member.name}
        )
    source = archive.extractfile(member)
    if member.name == MANIFEST:
        return source.read()
    target = staging / member.name
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    found[member.name] = {"sha256": digest.hexdigest(), "size": member.size}
    return manifest_bytes


def _read_manifest(data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise BackupError(_("The archive's manifest.json is not valid JSON.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("The archive's manifest is not a talentzone backup manifest."))
    if not all(isinstance(manifest.get(key), dict) for key in ("members", "tables")):
        raise BackupError(_("The archive's manifest lacks its members or tables."))
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            _("This backup has format version %(found)s; this talentzone reads version %(known)s.")
            % {"found": manifest.get("version"), "known": FORMAT_VERSION}
        )
    return manifest


def _member_problems(listed: dict, found: dict) -> list[str]:
    problems = [_("%(name)s is missing") % {"name": n} for n in sorted(set(listed) - set(found))]
    problems += [
        _("%(name)s is not in the manifest") % {"name": n} for n in sorted(set(found) - set(listed))
    ]
    problems += [
        _("%(name)s differs from its checksum") % {"name": name}
        for name in sorted(set(listed) & set(found))
        if listed[name] != found[name]
    ]
    return problems


def existing_data() -> dict[str, int]:
    """What in the database someone put there: user accounts and audit records. `migrate`
    makes neither (it only fills groups, permissions and reference tables), and every record
    anyone adds comes with one or both, so their absence means an empty site."""
    existing = set(table_names(connection))
    counts = {}
    for model in (get_user_model(), AuditRecord):
        if model._meta.db_table in existing:
            counts[str(model._meta.verbose_name_plural)] = model._default_manager.count()
    return {name: count for name, count in counts.items() if count}


def check_restorable(archive: Archive, force: bool) -> list[str]:
    """Refusals before anything changes; returns warnings worth printing."""
    engine = archive.manifest["engine"]
    if engine != connection.vendor:
        raise BackupError(
            _(
                "This backup is of a %(archive)s database; the configured database is "
                "%(configured)s. Restore it onto a %(archive)s database (DATABASE_URL)."
            )
            % {"archive": engine, "configured": connection.vendor}
        )
    if not archive.database.is_file():
        raise BackupError(_("The archive holds no database dump."))
    held = existing_data()
    if held and not force:
        raise BackupError(
            _(
                "The database already holds data (%(held)s). A restore replaces all of it: "
                "run again with --force if that is what you mean."
            )
            % {"held": ", ".join(f"{count} {name}" for name, count in held.items())}
        )
    return _migration_warnings(archive.manifest)


def _migration_warnings(manifest: dict) -> list[str]:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    recorded = {tuple(m) for m in manifest.get("migrations", [])}
    warnings = []
    if unknown := sorted(recorded - known):
        warnings.append(
            _(
                "The backup has migrations this code does not know (%(names)s): it was made "
                "by a newer talentzone."
            )
            % {"names": ", ".join(f"{a}.{n}" for a, n in unknown[:5])}
        )
    if sorted(known - recorded):
        warnings.append(
            _(
                "This code has migrations the backup lacks: run `talentzone migrate` after "
                "the restore."
            )
        )
    return warnings


def _restore_sqlite(source: Path) -> None:
    """Copy the backup's pages into the configured database through the backup API: one
    locked step that other processes see as a single change (copying the file over a database
    in WAL mode would mix it with the old write-ahead log)."""
    connection.close()
    connection.ensure_connection()
    backup = sqlite3.connect(source)
    try:
        backup.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(
            _("Copying the database into place failed: %(error)s") % {"error": error}
        ) from error
    finally:
        backup.close()
    connection.close()


def _restore_postgresql(dump: Path) -> None:
    """pg_restore in one transaction: it drops what the dump holds and makes it again, or (on
    any error) leaves the database as it was."""
    connection.close()
    command, env = _pg_command(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(dump),
        ],
    )
    _run(command, env, _("The database restore"))


def _swap_media(staged: Path, media_root: Path) -> int:
    """Put the backup's media in place of the current ones: the old entries move aside, the
    new move in (renames when on one file system), then the old go; if moving in fails, the
    old ones come back."""
    media_root.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=".media-before-restore-", dir=media_root.parent))
    try:
        _move_entries(media_root, aside)
        if staged.is_dir():
            _move_entries(staged, media_root)
    except OSError as error:
        for entry in list(media_root.iterdir()):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        _move_entries(aside, media_root)
        raise BackupError(
            _(
                "The database is restored, but putting the media files in place failed (the "
                "old ones are back): %(error)s. Fix that and restore again with --force."
            )
            % {"error": error}
        ) from error
    shutil.rmtree(aside, ignore_errors=True)
    return sum(1 for _path in _media_files(media_root))


def _move_entries(source: Path, target: Path) -> None:
    for entry in list(source.iterdir()):
        shutil.move(str(entry), target / entry.name)


def verify_database(manifest: dict, progress: Progress = _quiet) -> list[str]:
    """Each table of the manifest against the database as it is now (empty: all match)."""
    actual = table_checksums(connection, progress)
    expected = manifest["tables"]
    problems = [
        _("table %(name)s is missing") % {"name": t} for t in sorted(set(expected) - set(actual))
    ]
    problems += [
        _("table %(name)s is not in the backup") % {"name": t}
        for t in sorted(set(actual) - set(expected))
    ]
    for table in sorted(set(expected) & set(actual)):
        if expected[table] != actual[table]:
            problems.append(
                _("table %(name)s: %(actual)s rows, expected %(expected)s, or different content")
                % {
                    "name": table,
                    "actual": actual[table]["rows"],
                    "expected": expected[table]["rows"],
                }
            )
    return problems


def restore_backup(
    path: Path, *, force: bool = False, progress: Progress = _quiet
) -> RestoreResult:
    """Verify, refuse or restore, then check every table against the manifest."""
    started = time.monotonic()
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("No such backup file: %(path)s") % {"path": path})
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".talentzone-restore-", dir=media_root.parent))
    try:
        progress(_("Verifying the archive…"))
        archive = unpack(path, staging, progress)
        for warning in check_restorable(archive, force):
            progress(warning)
        if problems := key_mismatches(archive.manifest.get("keys", {})):
            progress(
                _(
                    "WARNING: the configured keys are not those of the backup (%(keys)s): "
                    "personal numbers will not decrypt or be found. Set TALENTZONE_FIELD_KEY "
                    "and TALENTZONE_INDEX_KEY to the keys in use when the backup was made."
                )
                % {"keys": ", ".join(problems)}
            )
        progress(_("Restoring the database…"))
        (_restore_sqlite if connection.vendor == "sqlite" else _restore_postgresql)(
            archive.database
        )
        progress(_("Restoring the media directory…"))
        media_files = _swap_media(archive.media, media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress(_("Checking every table against the manifest…"))
    mismatches = verify_database(archive.manifest, progress)
    expected_media = sum(1 for name in archive.manifest["members"] if name.startswith(MEDIA_PREFIX))
    if media_files != expected_media:
        mismatches.append(
            _("the media directory holds %(actual)s files, the backup %(expected)s")
            % {"actual": media_files, "expected": expected_media}
        )
    tables = archive.manifest["tables"]
    return RestoreResult(
        tables=len(tables),
        rows=sum(t["rows"] for t in tables.values()),
        media_files=media_files,
        seconds=time.monotonic() - started,
        mismatches=mismatches,
    )
