"""Backups: the passphrase, making, listing, rotating and restoring encrypted copies of the office file.

The file format and key handling live in store/backup_file.py; docs/backups.md explains
both for administrators.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import SYSTEM, Actor, Permission
from govdesk.services.authz import require
from govdesk.services.progress import Cancelled, ProgressFn, checkpoint
from govdesk.store import audit_log, backup_file, file_identity, migrate
from govdesk.store.backup_file import BackupFileError, KeyRecord
from govdesk.store.database import Database

PASSPHRASE_MIN = 10
DAILY_KEPT = 7
WEEKLY_KEPT = 4
DAILY = "daily"
MANUAL = "manual"
FOLDER = "backups"

messages.register(
    {
        "backup.passphrase_short": (
            "备份口令至少要有 {min} 个字符",
            "The backup passphrase needs at least {min} characters",
        ),
        "backup.old_passphrase": (
            "请输入原来的备份口令；没有它就只能生成新的密钥（以前的备份仍需原口令才能恢复）",
            "Enter the current backup passphrase; without it only a new key can be made "
            "(earlier backups then still need the old passphrase)",
        ),
        "backup.not_govdesk": (
            "“{name}”中不是 govdesk 的数据库，没有恢复",
            "'{name}' does not hold a govdesk database; nothing was restored",
        ),
        "backup.integrity": (
            "“{name}”中的数据库没有通过完整性检查（{reason}），没有恢复",
            "The database in '{name}' failed the integrity check ({reason}); nothing was restored",
        ),
        "backup.newer_schema": (
            "“{name}”由更新版本的 govdesk 制作，请先升级本程序",
            "'{name}' was made by a newer govdesk; please upgrade first",
        ),
        "backup.read_only": (
            "数据库以只读方式打开，不能在这里备份；请在正在使用它的电脑上备份",
            "The database is open read-only; make the backup on the computer that has it open",
        ),
        "backup.same_file": (
            "备份不能写到数据库文件本身：{path}",
            "A backup cannot be written over the database file itself: {path}",
        ),
        "backup.missing": (
            "找不到备份文件“{name}”",
            "The backup file '{name}' was not found",
        ),
    }
)


def _error(key: str, **params: object) -> DomainError:
    return DomainError(Issue("backup", key, params))


# -- the passphrase -------------------------------------------------------------------
def has_backup_key(db: Database) -> bool:
    """Whether backups are encrypted: an administrator has set the backup passphrase."""
    return db.meta(backup_file.KEY_META) is not None


def passphrase_issues(passphrase: str) -> list[Issue]:
    if len(passphrase.strip()) < PASSPHRASE_MIN:
        return [Issue("passphrase", "backup.passphrase_short", {"min": PASSPHRASE_MIN})]
    return []


def set_backup_passphrase(
    db: Database,
    passphrase: str,
    *,
    old_passphrase: str | None = None,
    new_key: bool = False,
) -> None:
    """Set or change the backup passphrase (SETTINGS_MANAGE).

    The first time, a key pair is made. A change seals the same private key with the new
    passphrase, which needs the old one; earlier backups then open with either passphrase
    while this database is at hand. `new_key=True` (the old passphrase is lost) makes a new
    key pair: earlier backups keep needing the passphrase they were made with.
    """
    actor = require(db, Permission.SETTINGS_MANAGE)
    issues = passphrase_issues(passphrase)
    if issues:
        raise DomainError(issues)
    current = db.meta(backup_file.KEY_META)
    auth_key: bytes | None = None
    if current is None or new_key:
        record, auth_key = backup_file.new_key_record(passphrase)
        kind = "new"
    else:
        if not old_passphrase:
            raise _error("backup.old_passphrase")
        record = backup_file.reseal(KeyRecord.from_json(current), old_passphrase, passphrase)
        kind = "resealed"
    with db.begin() as conn:
        for key, value in backup_file.meta_values(record, auth_key).items():
            db.set_meta(conn, key, value)
        audit_log.append(
            conn,
            username=actor.username,
            action=AuditAction.UPDATE,
            record_type="settings",
            record_id="backup_passphrase",
            detail={"key": kind},  # never the passphrase, never the key
        )


# -- listing ----------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupInfo:
    """One backup file of a database, as its name tells (local time of making, reason)."""

    path: Path
    made_at: dt.datetime  # local, naive
    reason: str
    encrypted: bool

    @property
    def automatic(self) -> bool:
        return self.reason == DAILY


_NAME = re.compile(r"-(\d{8}-\d{6})-([A-Za-z0-9-]+?)(?:_\d+)?(\.gdbak|\.db)")


def backups_folder(db_path: Path) -> Path:
    return Path(db_path).parent / FOLDER


def parse_name(path: Path, stem: str) -> BackupInfo | None:
    name = Path(path).name
    if not name.startswith(stem):
        return None
    m = _NAME.fullmatch(name[len(stem) :])
    if m is None:
        return None
    try:
        made = dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return BackupInfo(Path(path), made, m.group(2), m.group(3) == backup_file.ENCRYPTED_SUFFIX)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at `db_path` in its backups folder, newest first."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = [parse_name(p, stem) for p in folder.iterdir() if p.is_file()]
    return sorted((b for b in found if b is not None), key=lambda b: b.made_at, reverse=True)


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that looks intact without the passphrase (header and length)."""
    for info in list_backups(db_path):
        if backup_file.looks_intact(info.path):
            return info
    return None


@dataclass(frozen=True)
class BackupSummary:
    """What a backup file says about itself before it is opened."""

    path: Path
    encrypted: bool
    made_at: dt.datetime | None  # aware, from the header; None for a plain file
    reason: str
    counts: dict[str, int] = field(default_factory=dict)


def describe(file: Path) -> BackupSummary:
    """Read a backup's header (no passphrase needed); BackupFileError when it is not one."""
    file = Path(file)
    if not file.is_file():
        raise _error("backup.missing", name=file.name)
    if backup_file.is_encrypted_backup(file):
        h = backup_file.read_header(file)
        return BackupSummary(file, True, h.made_at, h.reason, dict(h.counts))
    if not backup_file.looks_intact(file):
        raise BackupFileError(Issue("backup", "backup.not_backup", {"name": file.name}))
    return BackupSummary(file, False, None, "", {})


# -- making -----------------------------------------------------------------------------
def _with_cancel(progress: ProgressFn | None, cancel: threading.Event | None) -> ProgressFn:
    def report(done: int, total: int) -> None:
        checkpoint(cancel)  # raising here stops the copy or the encryption between steps
        if progress is not None:
            progress(done, total)

    return report


def _write(
    db: Database,
    target: Path,
    *,
    reason: str,
    username: str,
    progress: ProgressFn | None,
    cancel: threading.Event | None,
) -> Path:
    if getattr(db, "read_only", False):
        raise _error("backup.read_only")
    checkpoint(cancel)
    path, about = backup_file.write_backup(
        db, target, reason=reason, progress=_with_cancel(progress, cancel)
    )
    with db.begin() as conn:
        audit_log.append(
            conn,
            username=username,
            action=AuditAction.BACKUP,
            record_type="database",
            detail={
                "file": str(path),
                "reason": reason,
                "encrypted": about["encrypted"],
                "counts": about["counts"],
            },
        )
    return path


def make_backup(
    db: Database,
    out: Path | None = None,
    *,
    reason: str = MANUAL,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Back up `db` to `out` (default: a new file in the backups folder); BACKUP_MAKE.

    Encrypted when a backup passphrase is set, else a plain SQLite file. Written under a
    temporary name and renamed when complete; audited as a backup. Raises Cancelled when
    `cancel` is set, leaving no file behind.
    """
    actor = require(db, Permission.BACKUP_MAKE)
    encrypted = has_backup_key(db)
    target = Path(out) if out is not None else db.backup_path(reason, encrypted=encrypted)
    live = Path(db.path).resolve()
    if target.resolve() in {live, *(Path(f"{live}{side}") for side in _SIDE_FILES)}:
        raise _error("backup.same_file", path=target)
    return _write(
        db, target, reason=reason, username=actor.username, progress=progress, cancel=cancel
    )


def _local_date(now: dt.datetime | None) -> dt.date:
    now = now or dt.datetime.now()
    return (now.astimezone() if now.tzinfo else now).date()


def daily_backup_due(db: Database, now: dt.datetime | None = None) -> bool:
    """True when no automatic backup of this database was made on `now`'s local day."""
    today = _local_date(now)
    return not any(b.automatic and b.made_at.date() == today for b in list_backups(db.path))


def run_daily_backup(
    db: Database,
    now: dt.datetime | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> Path | None:
    """The day's automatic backup when it is due, then rotation; None when not due.

    govdesk's own work, whoever is signed in: it needs no permission and is audited as govdesk.
    """
    if getattr(db, "read_only", False) or not daily_backup_due(db, now):
        return None
    target = db.backup_path(DAILY, encrypted=has_backup_key(db), when=now)
    path = _write(
        db, target, reason=DAILY, username=SYSTEM.username, progress=progress, cancel=cancel
    )
    rotate(db.path)
    return path


# -- rotation ---------------------------------------------------------------------------
def plan_rotation(
    backups: list[BackupInfo], *, daily: int = DAILY_KEPT, weekly: int = WEEKLY_KEPT
) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(kept, removed) among automatic backups: the newest of each of the last `daily` days
    that have one, and the newest of each of the last `weekly` ISO weeks.

    Manual and pre-migration backups are never in either list: they are never removed.
    """
    auto = sorted((b for b in backups if b.automatic), key=lambda b: b.made_at, reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for b in auto:
        day = b.made_at.date()
        if day not in days:
            days.append(day)
            if len(days) <= daily:
                keep.add(b.path)
        iso = b.made_at.isocalendar()
        week = (iso.year, iso.week)
        if week not in weeks:
            weeks.append(week)
            if len(weeks) <= weekly:
                keep.add(b.path)
    kept = [b for b in auto if b.path in keep]
    removed = [b for b in auto if b.path not in keep]
    return kept, removed


def rotate(db_path: Path) -> list[Path]:
    """Remove the automatic backups rotation no longer keeps; returns what was removed."""
    _kept, removed = plan_rotation(list_backups(db_path))
    gone = []
    for b in removed:
        with contextlib.suppress(FileNotFoundError):
            b.path.unlink()
            gone.append(b.path)
    return gone


# -- restoring --------------------------------------------------------------------------
@dataclass(frozen=True)
class RestoreResult:
    path: Path  # the restored database, at the place asked for
    replaced: Path | None  # the file that was there before, kept aside
    instance_id: str  # the restored database's new instance id
    made_at: dt.datetime | None  # when the backup was made (encrypted backups say so)
    counts: dict[str, int]


def _current_keys(db_path: Path) -> tuple[KeyRecord, bytes | None] | None:
    """The backup key (and authentication key) stored in the database now at `db_path`,
    if it can be read at all."""
    if not db_path.is_file():
        return None
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    # Nobody has it open (no -wal beside it): read it as immutable, or SQLite would leave
    # -wal and -shm files beside a file it must not change.
    if not Path(f"{db_path}-wal").exists():
        uri += "&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
        try:
            rows = dict(
                con.execute(
                    "SELECT key, value FROM meta WHERE key IN (?, ?)",
                    (backup_file.KEY_META, backup_file.AUTH_META),
                ).fetchall()
            )
        finally:
            con.close()
        if backup_file.KEY_META not in rows:
            return None
        auth = rows.get(backup_file.AUTH_META)
        return (
            KeyRecord.from_json(str(rows[backup_file.KEY_META])),
            None if auth is None else backup_file.auth_key_from(str(auth)),
        )
    except (sqlite3.Error, ValueError, KeyError):
        return None


def _unlock_for(
    header: backup_file.Header, passphrase: str, db_path: Path
) -> tuple[backup_file.Unlocked, KeyRecord]:
    """The keys, and the key record the passphrase opened."""
    try:
        return backup_file.unlock(header.key, passphrase), header.key
    except BackupFileError as first:
        # The passphrase may have been changed since the backup: the database being
        # replaced holds the same keys sealed with the current passphrase.
        current = _current_keys(db_path)
        if current is None or current[0].public != header.key.public:
            raise
        try:
            return backup_file.unlock(current[0], passphrase), current[0]
        except BackupFileError:
            raise first from None


# What a restored database keeps as its backup key: the record and the authentication key.
_Keep = tuple[KeyRecord, bytes | None]


def _decrypt(
    file: Path, tmp: Path, passphrase: str, db_path: Path, progress: ProgressFn
) -> tuple[backup_file.Header | None, _Keep | None]:
    """Write the database in `file` to `tmp`; returns the header and the key record the
    restored database keeps (the one the passphrase typed opens)."""
    if not backup_file.is_encrypted_backup(file):
        # A plain backup (made before a passphrase was set) is copied page by page
        # through SQLite too; it is read as immutable, never changed.
        src = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst, pages=1024, progress=lambda _s, r, t: progress(t - r, t))
        except sqlite3.DatabaseError as exc:
            raise BackupFileError(
                Issue("backup", "backup.integrity", {"name": file.name, "reason": exc})
            ) from exc
        finally:
            dst.close()
            src.close()
        # Made before a passphrase was set: the one set since stays in force.
        return None, _current_keys(db_path)
    header = backup_file.read_header(file)
    keys, record = _unlock_for(header, passphrase, db_path)
    with tmp.open("xb") as out:
        backup_file.decrypt_to(file, out, keys, progress=progress)
        out.flush()
        os.fsync(out.fileno())
    return header, (record, keys.auth_key)


def _check(tmp: Path, name: str) -> str:
    """The schema revision of the decrypted file, once it has proved sound and govdesk's."""
    con = sqlite3.connect(tmp, isolation_level=None)
    try:
        try:
            result = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
            tables = {
                str(r[0]) for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError as exc:
            raise _error("backup.integrity", name=name, reason=exc) from exc
        if result != ["ok"]:
            raise _error("backup.integrity", name=name, reason="; ".join(result[:3]))
        if not {"meta", "alembic_version", "office"} <= tables:
            raise _error("backup.not_govdesk", name=name)
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        instance = con.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
        if row is None or instance is None:
            raise _error("backup.not_govdesk", name=name)
        rev = str(row[0])
        if rev not in migrate.known_revisions():
            raise _error("backup.newer_schema", name=name)
        return rev
    finally:
        con.close()


def _adopt(
    tmp: Path,
    rev: str,
    *,
    file: Path,
    header: backup_file.Header | None,
    key: _Keep | None,
    username: str,
    target: Path | None = None,
) -> str:
    """Bring the restored file to the current schema, give it a new instance id and record
    the restore in its own audit trail; returns the new instance id."""
    db = Database.open(tmp, upgrade=False, check=False, follow_copies=False)
    try:
        new_id = str(uuid.uuid4())
        with db.begin() as conn:
            if rev != migrate.head_revision():
                migrate.upgrade(conn)
            old_id = db._meta(conn, "instance_id")
            # A restored copy must never hand out version numbers its original already used
            # (docs: EXCHANGE.md), so it becomes a new instance.
            db.set_meta(conn, "instance_id", new_id)
            if old_id:
                file_identity.add_history(conn, old_id, file_identity.RESTORED)
            if target is not None:
                # Where it will live: its first open there is not taken for a copy.
                file_identity.remember(conn, file_identity.current(target))
            if key is not None:
                # The passphrase just used keeps opening this database's backups.
                for name, value in backup_file.meta_values(*key).items():
                    db.set_meta(conn, name, value)
            audit_log.append(
                conn,
                username=username,
                action=AuditAction.RESTORE,
                record_type="database",
                detail={
                    "file": str(file),
                    "made_at": header.created_at if header is not None else None,
                    "reason": header.reason if header is not None else None,
                    "previous_instance": old_id,
                    "instance": new_id,
                },
            )
    finally:
        db.close()
    return new_id


def _aside_name(db_path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = db_path.suffix or ".db"
    aside = db_path.with_name(f"{db_path.stem}-replaced-{stamp}{suffix}")
    n = 2
    while aside.exists():
        aside = db_path.with_name(f"{db_path.stem}-replaced-{stamp}_{n}{suffix}")
        n += 1
    return aside


_SIDE_FILES = ("-wal", "-shm", "-journal")


def _swap_in(tmp: Path, db_path: Path) -> Path | None:
    """Put `tmp` at `db_path`, keeping the file that was there aside (never deleted)."""
    aside: Path | None = None
    moved: list[tuple[Path, Path]] = []
    if db_path.exists():
        aside = _aside_name(db_path)
        # The -wal file holds committed changes of the old file: it travels with it, and
        # must never be left beside the restored one, which SQLite would then misread.
        for side in ("", *_SIDE_FILES):
            src = Path(f"{db_path}{side}")
            if src.exists():
                dst = Path(f"{aside}{side}")
                os.rename(src, dst)
                moved.append((dst, src))
    try:
        os.replace(tmp, db_path)
    except BaseException:
        for dst, src in reversed(moved):
            with contextlib.suppress(OSError):
                os.rename(dst, src)
        raise
    backup_file.fsync_folder(db_path.parent)
    return aside


def _discard(tmp: Path) -> None:
    for side in ("", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{tmp}{side}").unlink()


@dataclass
class PreparedRestore:
    """A backup decrypted, checked and made ready beside its target; nothing replaced yet.

    The window prepares on a worker while the database is still open, and only closes it
    for `commit`, which is a rename or two.
    """

    tmp: Path
    target: Path
    instance_id: str
    made_at: dt.datetime | None
    counts: dict[str, int]

    def commit(self) -> RestoreResult:
        """Keep the current file aside and put the restored one in its place."""
        try:
            replaced = _swap_in(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise
        return RestoreResult(self.target, replaced, self.instance_id, self.made_at, self.counts)

    def discard(self) -> None:
        _discard(self.tmp)


def prepare_restore(
    file: Path,
    db_path: Path,
    passphrase: str,
    *,
    actor: Actor | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> PreparedRestore:
    """Everything `restore_backup` does except replacing the file at `db_path`."""
    if actor is not None:
        require(actor, Permission.BACKUP_RESTORE)
    file, db_path = Path(file), Path(db_path)
    if not file.is_file():
        raise _error("backup.missing", name=file.name)
    report = _with_cancel(progress, cancel)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = backup_file.temp_beside(db_path, "restore")
    try:
        header, key = _decrypt(file, tmp, passphrase, db_path, report)
        checkpoint(cancel)
        rev = _check(tmp, file.name)
        username = actor.username if actor is not None else SYSTEM.username
        new_id = _adopt(
            tmp, rev, file=file, header=header, key=key, username=username, target=db_path
        )
        checkpoint(cancel)
    except BaseException:
        _discard(tmp)
        raise
    return PreparedRestore(
        tmp=tmp,
        target=db_path,
        instance_id=new_id,
        made_at=header.made_at if header is not None else None,
        counts=dict(header.counts) if header is not None else {},
    )


def restore_backup(
    file: Path,
    db_path: Path,
    passphrase: str,
    *,
    actor: Actor | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> RestoreResult:
    """Restore the backup `file` to `db_path` (which must not be open meanwhile).

    Needs BACKUP_RESTORE when `actor` is given; without one, knowing the passphrase is the
    authority (the database may be lost, so there is nobody to sign in against). The backup
    is decrypted and checked beside the target first; a wrong passphrase, a damaged or
    altered file, or a failed integrity check write nothing. The restored database gets a
    new instance id and a restore entry in its audit trail. The file it replaces is renamed
    `<name>-replaced-<time>.db` and kept, with its -wal file.
    """
    return prepare_restore(
        file, db_path, passphrase, actor=actor, progress=progress, cancel=cancel
    ).commit()


__all__ = [
    "BackupInfo",
    "BackupSummary",
    "Cancelled",
    "PreparedRestore",
    "RestoreResult",
    "daily_backup_due",
    "describe",
    "has_backup_key",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "plan_rotation",
    "prepare_restore",
    "restore_backup",
    "rotate",
    "run_daily_backup",
    "set_backup_passphrase",
]
