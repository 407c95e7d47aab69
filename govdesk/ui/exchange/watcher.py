"""A watched shared folder: each new package that has stopped growing is imported once, in the background."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from govdesk.ui.ops import error_text

if TYPE_CHECKING:
    from govdesk.store.database import Database

log = logging.getLogger(__name__)

SUFFIX = ".gdx"
# A package copied onto a share arrives in pieces; one whose size and time have not
# changed for this long is taken as complete (a half-written one would be refused anyway).
STABLE_MS = 2000
POLL_MS = 500
# Shares on another PC often send no change notices: the folder is listed now and then too.
IDLE_POLL_MS = 10_000

Importer = Callable[..., Any]  # (db, path, *, progress, cancel) -> ImportReport


def default_importer(db: Database, path: Path, **kwargs: Any) -> Any:
    from govdesk.exchange import apply  # written alongside this module; loaded when used

    return apply.import_package(db, path, **kwargs)


def addressed_here(db: Database, path: Path) -> bool:
    """A shared folder holds packages for other offices too: those are passed over quietly."""
    try:
        from govdesk.exchange import downward
    except ImportError:
        return True
    check = getattr(downward, "addressed_here", None)
    return True if check is None else bool(check(db, path))


@dataclass
class WatchEntry:
    """One import the watcher did: when, which file, the outcome and the report."""

    when: dt.datetime  # local time
    file_name: str
    outcome: str  # applied, nothing_new, refused, error
    summary: str  # one line for the list
    report: Any = None  # the ImportReport, None when the import failed outright


class _Carrier(QObject):
    done = Signal(object, object, object)  # path, report or None, exception or None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def summary_of(report: Any) -> str:
    """One line for the watch list, from an ImportReport."""
    from PySide6.QtCore import QCoreApplication

    outcome = getattr(report, "outcome", "")
    if outcome == "refused":
        return str(getattr(report, "reason", ""))
    if outcome == "nothing_new":
        return QCoreApplication.translate("ExchangeWatch", "没有新内容")
    return (
        QCoreApplication.translate("ExchangeWatch", "新增 %1，更新 %2，未变 %3，冲突 %4")
        .replace("%1", str(getattr(report, "new", 0)))
        .replace("%2", str(getattr(report, "updated", 0)))
        .replace("%3", str(getattr(report, "unchanged", 0)))
        .replace("%4", str(getattr(report, "conflicts", 0)))
    )


class FolderWatcher(QObject):
    """Watches one folder for *.gdx files and imports each new one once, one at a time."""

    entry_added = Signal(object)  # WatchEntry
    state_changed = Signal()

    def __init__(
        self,
        db: Database,
        parent: QObject | None = None,
        *,
        importer: Importer | None = None,
        skip_prefix: str = "",
        stable_ms: int = STABLE_MS,
        poll_ms: int = POLL_MS,
    ):
        super().__init__(parent)
        self.setObjectName("exchangeFolderWatcher")
        self.db = db
        self.importer = importer or default_importer
        # This database's own packages (named after its division code) are not for it.
        self.skip_prefix = skip_prefix
        self.stable_s = stable_ms / 1000
        self.poll_ms = poll_ms
        self.folder: Path | None = None
        self.entries: list[WatchEntry] = []
        self._seen: dict[Path, tuple[tuple[int, int], float]] = {}  # stamp, since when
        self._handled: dict[Path, tuple[int, int]] = {}
        # Refused or unfinished: looked at again when asked (a key trusted since, the
        # database free again), not on every listing, where a bad file would fail each time.
        self.unsuccessful: set[Path] = set()
        self._queue: list[Path] = []
        self._running: Path | None = None
        self.cancel = threading.Event()
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(lambda _path: self.scan())
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.scan)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._imported)

    # -- on and off -------------------------------------------------------------------
    @property
    def watching(self) -> bool:
        return self.folder is not None

    @property
    def busy(self) -> bool:
        """An import is running or waiting, or a file is still settling."""
        return self._running is not None or bool(self._queue) or bool(self._seen)

    def start(self, folder: Path) -> None:
        """Watch `folder` (every package already there is looked at too: the engine says
        nothing_new for those it has applied before)."""
        self.stop()
        self.folder = Path(folder)
        self.cancel = threading.Event()
        self._fs.addPath(str(self.folder))
        self._timer.start(self.poll_ms)
        self.scan()
        self.state_changed.emit()

    def stop(self) -> None:
        """Stop watching; an import under way is cancelled (it rolls back)."""
        if self.folder is None:
            return
        paths = self._fs.directories()
        if paths:
            self._fs.removePaths(paths)
        self._timer.stop()
        self.cancel.set()
        self.folder = None
        self._seen.clear()
        self._queue.clear()
        self.unsuccessful.clear()  # of that folder
        self.state_changed.emit()

    def retry_unsuccessful(self) -> int:
        """Import again each package that was refused or did not finish; how many."""
        again = [p for p in self.unsuccessful if p != self._running and p not in self._queue]
        for path in again:
            self._handled.pop(path, None)
        self.unsuccessful.difference_update(again)
        if again:
            self.state_changed.emit()
            self.scan()
        return len(again)

    # -- finding settled files ----------------------------------------------------------
    def _candidates(self) -> list[Path]:
        assert self.folder is not None
        try:
            names = sorted(p for p in self.folder.iterdir() if p.suffix.lower() == SUFFIX)
        except OSError:
            return []  # the share is away for now; the next listing tries again
        return [
            p
            for p in names
            if not p.name.startswith(".")
            and not (self.skip_prefix and p.name.startswith(self.skip_prefix))
        ]

    def scan(self) -> None:
        """List the folder; queue each package whose size and time have held still."""
        if self.folder is None:
            return
        now = time.monotonic()
        present = set()
        for path in self._candidates():
            present.add(path)
            stamp = _stamp(path)
            if stamp is None or self._handled.get(path) == stamp:
                continue
            if path == self._running or path in self._queue:
                continue
            seen = self._seen.get(path)
            if seen is None or seen[0] != stamp:
                self._seen[path] = (stamp, now)
            elif now - seen[1] >= self.stable_s:
                del self._seen[path]
                if self._for_here(path):
                    self._queue.append(path)
                else:
                    self._handled[path] = stamp
        for gone in [p for p in self._seen if p not in present]:
            del self._seen[gone]
        self._timer.setInterval(self.poll_ms if self._seen else IDLE_POLL_MS)
        self._next()

    def _for_here(self, path: Path) -> bool:
        try:
            return addressed_here(self.db, path)
        except Exception:  # noqa: BLE001 - the import itself then says what is wrong
            log.warning("could not read the prefix of %s", path.name, exc_info=True)
            return True

    # -- importing --------------------------------------------------------------------
    def _next(self) -> None:
        if self._running is not None or not self._queue:
            return
        path = self._queue.pop(0)
        self._running = path
        stamp = _stamp(path)
        if stamp is not None:
            self._handled[path] = stamp
        db, importer, cancel, carrier = self.db, self.importer, self.cancel, self._carrier

        def work() -> None:
            report: Any = None
            error: BaseException | None = None
            try:
                report = importer(db, path, cancel=cancel)
            except BaseException as exc:  # noqa: BLE001 - shown in the list, never a crash
                error = exc
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                carrier.done.emit(path, report, error)

        QThreadPool.globalInstance().start(work)

    def _imported(self, path: Path, report: Any, error: BaseException | None) -> None:
        self._running = None
        if error is not None:
            log.warning("watched import of %s failed", path.name, exc_info=error)
            entry = WatchEntry(
                dt.datetime.now().astimezone(), path.name, "error", error_text(error)
            )
        else:
            entry = WatchEntry(
                dt.datetime.now().astimezone(),
                path.name,
                str(getattr(report, "outcome", "")),
                summary_of(report),
                report,
            )
        if entry.outcome in ("refused", "error"):
            self.unsuccessful.add(path)
        else:
            self.unsuccessful.discard(path)
        self.entries.append(entry)
        self.entry_added.emit(entry)
        self._next()
