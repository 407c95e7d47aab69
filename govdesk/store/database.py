"""One office database file: opening it safely, upgrading it, and handing out sessions."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from govdesk.domain.messages import Issue
from govdesk.domain.permissions import Actor
from govdesk.store import audit_log, backup_file, errors, file_identity, migrate
from govdesk.store.engine import (
    BUSY_TIMEOUT_MS,
    is_network_path,
    is_wal_file,
    looks_like_sqlite,
    make_engine,
)
from govdesk.store.errors import StorageError
from govdesk.store.versioning import RecordSession


class DatabaseError(StorageError):
    """The file cannot be used as a govdesk database; it was left untouched."""


def _error(key: str, kind: str = errors.UNUSABLE, **params: object) -> DatabaseError:
    return DatabaseError(Issue("database", key, params), kind)


def _broken(path: Path, exc: BaseException | str) -> DatabaseError:
    """A damaged or unreadable file, with the reason in the clerk's language."""
    kind = errors.CORRUPT if isinstance(exc, str) else (errors.kind_of(exc) or errors.UNUSABLE)
    return _error("db.broken", kind, path=path, reason=errors.reason(exc))


def _truncation(path: Path) -> str | None:
    """Why the file is shorter than its own header says, or None.

    A database cut short (a copy stopped half way, a full USB stick) may still have an
    intact first page, so a quick open would not notice; the header records the size.
    """
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100:
        return errors.messages.text("store.truncated", expected=100, actual=len(header))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count is trusted only when written by a SQLite that also kept it current.
    valid = header[92:96] == header[24:28] and pages > 0
    expected = pages * page_size
    actual = path.stat().st_size
    if valid and actual < expected:
        return errors.messages.text("store.truncated", expected=expected, actual=actual)
    return None


class Database:
    """An open govdesk database. Create with `Database.create` or `Database.open`."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool = False):
        self.path = path
        self.engine = engine
        self.backup_made: Path | None = None
        # Opened read-only (another copy of govdesk is the writer, or the clerk chose so):
        # every write is refused with a clear message; the window shows it and offers none.
        self.read_only = read_only
        # Said after "opened read-only" in refusals, e.g. who else has the file open.
        self.read_only_note = ""
        # On a network share WAL is off, and the window warns that it belongs on a local disk.
        self.on_network_share = is_network_path(path)
        self._close_hooks: list[Callable[[], None]] = []
        # Who is signed in; sessions carry it so that permission checks and the audit
        # trail see the same person (services/authz.py). None until someone signs in.
        self.actor: Actor | None = None
        # Why this open gave the file a new instance id (file_identity.OTHER_MACHINE or
        # OTHER_FOLDER: it is a copy), or None; the window may tell the clerk so.
        self.instance_changed: str | None = None
        with self.engine.connect() as conn:
            self.instance_id = self._meta(conn, "instance_id") or ""

    # -- opening ---------------------------------------------------------------
    @classmethod
    def create(cls, path: Path) -> Database:
        """A new, empty database at the newest schema; refuses an existing file."""
        path = Path(path)
        if path.exists():
            raise _error("db.exists", path=path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error(
                "store.readonly_folder", errors.READ_ONLY_FOLDER, folder=path.parent
            ) from exc
        if not os.access(path.parent, os.W_OK):
            raise _error("store.readonly_folder", errors.READ_ONLY_FOLDER, folder=path.parent)
        engine = make_engine(path)
        try:
            with engine.begin() as conn:
                migrate.upgrade(conn)
                conn.execute(
                    text(
                        "INSERT INTO meta(key, value) VALUES ('instance_id', :i), ('version_counter', '0')"
                    ),
                    {"i": str(uuid.uuid4())},
                )
                file_identity.remember(conn, file_identity.current(path))
        except Exception as exc:
            # A full disk or a folder that refuses writes: leave no half-made file behind.
            engine.dispose()
            for leftover in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
            clear = errors.translate(exc, path)
            if clear is None:
                raise
            raise clear from exc
        return cls(path, engine)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        upgrade: bool = True,
        check: bool = True,
        read_only: bool = False,
        follow_copies: bool = True,
    ) -> Database:
        """Open an existing database, upgrading an older schema after a backup copy.

        `check=False` skips PRAGMA quick_check, which reads the whole file (about 2 s for a
        million residents); the window runs `quick_check()` on a worker after it has painted.
        `read_only=True` opens without writing a byte: no upgrade, no journal change, and
        every write attempt raises a StorageError of kind READ_ONLY_OPEN.
        A writable open of a file copied from another computer or folder gives it a new
        instance id first (file_identity, `instance_changed`); `follow_copies=False` is for
        a file under a temporary name that records its final place itself (a restore).
        """
        path = Path(path)
        if not path.is_file():
            raise _error("db.missing", errors.CANT_OPEN, path=path)
        try:
            if not looks_like_sqlite(path):
                raise _error("db.not_sqlite", errors.NOT_A_DATABASE, path=path)
            short = _truncation(path)
        except OSError as exc:
            raise _error(
                "db.broken", errors.CANT_OPEN, path=path, reason=exc.strerror or exc
            ) from exc
        if short is not None:
            raise _error("db.broken", errors.CORRUPT, path=path, reason=short)
        # Look first through a read-only connection: setting our pragmas (WAL) would
        # already rewrite the header of a file that turns out not to be ours.
        rev = cls._inspect(path, check=check)
        if rev is None:
            raise _error("db.not_sqlite", path=path)
        if rev not in migrate.known_revisions():
            raise _error("db.newer", path=path, rev=rev)
        if read_only and rev != migrate.head_revision():
            raise _error("store.read_only_old", errors.READ_ONLY_OPEN, path=path)
        if not read_only:
            # SQLite needs to write beside the file (-wal, -shm or -journal), and it would
            # quietly open a write-protected file read-only and refuse only the first save:
            # say so now, and the window can offer read-only opening instead.
            folder = path.resolve().parent
            if not os.access(folder, os.W_OK):
                raise _error("store.readonly_folder", errors.READ_ONLY_FOLDER, folder=folder)
            if not os.access(path, os.W_OK):
                raise _error("store.readonly_file", errors.READ_ONLY_FOLDER, path=path)
        engine = make_engine(path, read_only=read_only)
        try:
            db = cls(path, engine, read_only=read_only)
        except SQLAlchemyError as exc:  # damage the fast open did not read past
            engine.dispose()
            if not read_only and errors.kind_of(exc) in (errors.READ_ONLY_FOLDER, errors.CANT_OPEN):
                folder = path.resolve().parent
                if not os.access(folder, os.W_OK) or errors.kind_of(exc) == errors.READ_ONLY_FOLDER:
                    raise _error(
                        "store.readonly_folder", errors.READ_ONLY_FOLDER, folder=folder
                    ) from exc
            raise _broken(path, exc) from exc
        if rev != migrate.head_revision() and upgrade and not read_only:
            try:
                db.backup_made = db.backup_before_upgrade()
                with db.begin() as conn:
                    migrate.upgrade(conn)
            except BaseException:
                db.close()
                raise
        if follow_copies and not read_only:
            try:
                db._follow_copies()
            except BaseException:
                db.close()
                raise
        return db

    def _follow_copies(self) -> None:
        """A new instance id when the file is not where it was last opened for writing."""
        with self.engine.connect() as conn:
            if not file_identity.needs_check(conn, self.path):
                return
        with self.begin() as conn:
            reason = file_identity.check(conn, self.path)
            instance_id = self._meta(conn, "instance_id") or ""
        self.instance_id = instance_id
        self.instance_changed = reason

    @classmethod
    def upgrade_pending(cls, path: Path) -> bool:
        """Whether a writable open of `path` would upgrade its schema first (a backup copy,
        then the migrations). False for a file that cannot be read: opening says why."""
        try:
            rev = cls._inspect(Path(path), check=False)
        except (DatabaseError, OSError):
            return False
        return (
            rev is not None and rev in migrate.known_revisions() and rev != migrate.head_revision()
        )

    @staticmethod
    def _inspect(path: Path, *, check: bool = True) -> str | None:
        """The schema revision of a file, read without changing a byte of it."""
        uri = f"{path.resolve().as_uri()}?mode=ro"
        # A WAL file nobody has open (no -wal beside it) is read as immutable: a read-only
        # connection would otherwise create -wal and -shm files it cannot remove again.
        if is_wal_file(path) and not Path(f"{path}-wal").exists():
            uri += "&immutable=1"
        try:
            con = sqlite3.connect(uri, uri=True)
        except sqlite3.Error as exc:
            raise _broken(path, exc) from exc
        try:
            if check:
                ok = con.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    raise _broken(path, str(ok))
            else:  # still fail now, not later, on a file that is not a database at all
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            has_version = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_version:
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        except sqlite3.DatabaseError as exc:
            raise _broken(path, exc) from exc
        finally:
            con.close()

    def quick_check(self) -> str:
        """'ok', or SQLite's description of the first damage it finds."""
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA quick_check").scalar())

    def on_close(self, hook: Callable[[], None]) -> None:
        """Run `hook` after the connections are closed (the window releases its writer lock)."""
        self._close_hooks.append(hook)

    def close(self) -> None:
        self.engine.dispose()
        hooks, self._close_hooks = self._close_hooks, []
        for hook in hooks:
            hook()

    # -- use ---------------------------------------------------------------------
    @contextlib.contextmanager
    def _clear_errors(self) -> Iterator[None]:
        """Disk full, a read-only folder, a busy or damaged file: a StorageError a clerk can act
        on, chained to SQLite's own error. The transaction has been rolled back by then."""
        try:
            yield
        except Exception as exc:
            clear = errors.translate(
                exc, self.path, read_only=self.read_only, why=self.read_only_note
            )
            if clear is None:
                raise
            raise clear from exc

    @contextlib.contextmanager
    def session(self) -> Iterator[RecordSession]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with (
            self._clear_errors(),
            RecordSession(self.engine, instance_id=self.instance_id, expire_on_commit=False) as s,
        ):
            s.info["actor"] = self.actor
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                refused = s.info.pop("refused", None)
                if refused is not None:
                    self.note_refusal(*refused)
                raise

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read connection for queries that need no ORM objects."""
        with self._clear_errors(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def begin(self) -> Iterator[Connection]:
        """A Core write transaction, for bulk work such as imports."""
        with self._clear_errors(), self.engine.begin() as conn:
            yield conn

    def audit(self, action: str, **fields: object) -> None:
        """One audit entry in a transaction of its own, by the signed-in user (see audit_log.append)."""
        username = self.actor.username if self.actor is not None else "govdesk"
        with self.begin() as conn:
            audit_log.append(conn, username=username, action=action, **fields)  # type: ignore[arg-type]

    def note_refusal(self, actor: Actor, permission: str) -> None:
        """A permission refusal on the audit trail, as far as the file allows.

        Best effort: the refusal itself must reach the user even when the entry cannot be
        written (a read-only copy, or another transaction of this thread holding the lock).
        """
        if self.read_only:
            return
        try:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA busy_timeout = 200")
                try:
                    audit_log.append(
                        conn,
                        username=actor.username,
                        action="refused",
                        detail={"permission": str(permission), "role": str(actor.role)},
                    )
                finally:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except SQLAlchemyError:
            pass

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return self._meta(conn, key)

    @staticmethod
    def _meta(conn: Connection, key: str) -> str | None:
        row = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).first()
        return None if row is None else str(row[0])

    def set_meta(self, conn: Connection, key: str, value: str) -> None:
        conn.execute(
            text(
                "INSERT INTO meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO UPDATE SET value = :v"
            ),
            {"k": key, "v": value},
        )

    # -- backups -------------------------------------------------------------------
    def backup_path(
        self, reason: str, *, encrypted: bool = False, when: dt.datetime | None = None
    ) -> Path:
        """A new file in the backups folder beside the database, named by local time and reason."""
        local = dt.datetime.now() if when is None else when.astimezone().replace(tzinfo=None)
        stamp = local.strftime("%Y%m%d-%H%M%S")
        folder = self.path.parent / "backups"
        suffix = backup_file.ENCRYPTED_SUFFIX if encrypted else backup_file.PLAIN_SUFFIX
        target = folder / f"{self.path.stem}-{stamp}-{reason}{suffix}"
        n = 2
        while target.exists():  # two backups within one second keep both
            target = folder / f"{self.path.stem}-{stamp}-{reason}_{n}{suffix}"
            n += 1
        return target

    def backup_before_upgrade(self) -> Path:
        """The copy made before a migration: encrypted once a backup passphrase is set."""
        reason = f"before-{migrate.head_revision()}"
        encrypted = self.meta(backup_file.KEY_META) is not None
        path, _about = backup_file.write_backup(
            self, self.backup_path(reason, encrypted=encrypted), reason=reason
        )
        return path

    def backup(
        self,
        target: Path,
        *,
        progress: Callable[[int, int], None] | None = None,
        during: Callable[[sqlite3.Connection], None] | None = None,
    ) -> Path:
        """A consistent copy of the live file; never a plain file copy of a database in use.

        SQLite's backup API copies the pages inside one read transaction, so writers go on
        meanwhile (WAL) and the copy is the database as it was when the copy began; `during`
        runs inside that same transaction first (a backup's row counts come from it).
        `progress(pages done, pages)` may raise to stop the copy; the target is then removed.
        """
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert source is not None
            copy = sqlite3.connect(target, isolation_level=None)
            try:
                source.execute("BEGIN")
                try:
                    # A read transaction takes its snapshot at its first read, not at BEGIN.
                    source.execute("SELECT count(*) FROM sqlite_master").fetchone()
                    if during is not None:
                        during(source)

                    def step(_status: int, remaining: int, total: int) -> None:
                        if progress is not None:
                            progress(total - remaining, total)

                    source.backup(copy, pages=_BACKUP_STEP_PAGES, progress=step)
                finally:
                    source.execute("ROLLBACK")
            finally:
                copy.close()
        except BaseException:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
        finally:
            raw.close()
        return target


# Pages copied per step of the backup API: progress and cancel are heard between steps.
_BACKUP_STEP_PAGES = 1024
