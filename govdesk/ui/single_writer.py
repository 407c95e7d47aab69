"""One writer per database file: a lock beside it, who holds it, and read-only opening for others."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile, QSettings
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QWidget

from govdesk.ui import settings

if TYPE_CHECKING:
    from govdesk.store.database import Database
    from govdesk.ui.main_window import MainWindow

LOCK_SUFFIX = ".lock"
# Who holds the lock, in words for the second copy: QLockFile itself keeps only the
# process id, the program and the computer, not the person or since when.
OWNER_SUFFIX = ".lock-owner"
NETWORK_WARNING_OFF = "storage/network_warning_off"

# What the clerk chose when another copy holds the lock (see ReadOnlyQuestion).
READ_ONLY = "read_only"
TAKE_OVER = "take_over"
CANCEL = "cancel"

# The lock of each open database, released when the database is closed.
_locks: weakref.WeakKeyDictionary[Database, WriterLock] = weakref.WeakKeyDictionary()


def lock_path(db_path: Path) -> Path:
    return Path(f"{Path(db_path)}{LOCK_SUFFIX}")


def owner_path(db_path: Path) -> Path:
    return Path(f"{Path(db_path)}{OWNER_SUFFIX}")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name known to the system
        return ""


@dataclass(frozen=True)
class Holder:
    """Who has a database open for writing, as far as the lock tells."""

    account: str  # the govdesk account signed in, "" before anyone has
    os_user: str
    host: str
    pid: int
    since: dt.datetime | None  # aware

    def on_this_computer(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        """One phrase for a message box: 张三，在电脑“OFFICE-PC”上，自 2026-11-26 09:12 起."""
        who = (
            self.account
            or self.os_user
            or QCoreApplication.translate("single_writer", "另一个govdesk")
        )
        if self.account and self.os_user and self.os_user != self.account:
            who = (
                QCoreApplication.translate("single_writer", "%1（系统用户 %2）")
                .replace("%1", self.account)
                .replace("%2", self.os_user)
            )
        when = self.since.astimezone().strftime("%Y-%m-%d %H:%M") if self.since else ""
        text = (
            QCoreApplication.translate("single_writer", "%1，在电脑“%2”上")
            .replace("%1", who)
            .replace("%2", self.host or "?")
        )
        if when:
            text += QCoreApplication.translate("single_writer", "，自 %1 起").replace("%1", when)
        return text


class WriterLock:
    """The lock file `<db>.lock`: whoever holds it is the one writer of the database.

    QLockFile removes a lock whose process has died on this computer (a crash or kill -9),
    so a stale lock never keeps the office out. Age alone never makes it stale: a window
    may rightly stay open all week.
    """

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)
        self._since: dt.datetime | None = None
        self._account = ""

    def acquire(self) -> bool:
        """Take the lock now, without waiting; False when another copy holds it."""
        if not self._lock.tryLock(0):
            return False
        self._since = dt.datetime.now(dt.UTC)
        self._write_owner()
        return True

    def is_locked(self) -> bool:
        return self._lock.isLocked()

    def refused_for_permission(self) -> bool:
        """The lock file could not be made: the folder does not let us write."""
        return self._lock.error() == QLockFile.LockError.PermissionError

    def set_account(self, username: str) -> None:
        """Name the signed-in govdesk account in the owner note."""
        self._account = username
        if self.is_locked():
            self._write_owner()

    def holder(self) -> Holder | None:
        """Who holds the lock now, or None when nobody does (or it cannot be read)."""
        info = self._lock.getLockInfo()
        # PySide answers (pid, host, program) when the lock file can be read, else False.
        if not isinstance(info, tuple) or len(info) < 2:
            return None
        pid, host = int(info[0]), str(info[1])
        if pid == 0:  # nobody holds it
            return None
        note: dict[str, object] = {}
        with contextlib.suppress(OSError, ValueError):
            note = json.loads(owner_path(self.db_path).read_text(encoding="utf-8"))
        if note.get("pid") != pid or note.get("host") != host:
            note = {}  # a note left by an earlier holder says nothing about this one
        since: dt.datetime | None = None
        with contextlib.suppress(KeyError, TypeError, ValueError):
            since = dt.datetime.fromisoformat(str(note["since"]))
        if since is None:
            with contextlib.suppress(OSError):
                since = dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.UTC)
        return Holder(
            account=str(note.get("account", "")),
            os_user=str(note.get("os_user", "")),
            host=host,
            pid=pid,
            since=since,
        )

    def take_over(self) -> bool:
        """Remove a lock the clerk has declared abandoned (its computer crashed), and take it."""
        self._lock.removeStaleLockFile()
        return self.acquire()

    def release(self) -> None:
        if not self.is_locked():
            return
        with contextlib.suppress(OSError):
            owner_path(self.db_path).unlink()
        self._lock.unlock()

    def _write_owner(self) -> None:
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "os_user": _os_user(),
            "account": self._account,
            "since": self._since.isoformat() if self._since else None,
        }
        target = owner_path(self.db_path)
        scratch = target.with_name(target.name + ".tmp")
        # The note is a courtesy: a folder that refuses it must not stop the office working.
        with contextlib.suppress(OSError):
            scratch.write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
            os.replace(scratch, target)


def attach(db: Database, lock: WriterLock) -> None:
    """Keep `lock` for as long as `db` is open."""
    _locks[db] = lock
    db.on_close(lock.release)


def lock_of(db: Database) -> WriterLock | None:
    return _locks.get(db)


def busy_message(holder: Holder | None) -> str:
    if holder is None:
        return QCoreApplication.translate(
            "single_writer",
            "另一个govdesk正在使用这个数据库。同一时间只能有一处修改它；要修改，请等对方关闭后再打开。",
        )
    return QCoreApplication.translate(
        "single_writer",
        "这个数据库正在被使用：%1。同一时间只能有一处修改它；要修改，请等对方关闭govdesk后再打开。",
    ).replace("%1", holder.describe())


class ReadOnlyQuestion(QMessageBox):
    """Says why the file cannot be written now and offers to open it read-only instead.

    With `offer_take_over` (a lock left by another computer) the clerk may also declare
    that computer's govdesk gone and take the lock: Qt cannot see processes over there.
    """

    def __init__(
        self,
        path: Path,
        reason: str,
        parent: QWidget | None = None,
        *,
        offer_take_over: bool = False,
    ):
        super().__init__(parent)
        self.setObjectName("readOnlyQuestion")
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(self.tr("以只读方式打开"))
        self.setText(reason)
        info = self.tr("可以以只读方式打开“%1”：能查看，但不能修改。").replace(
            "%1", Path(path).name
        )
        if offer_take_over:
            info += "\n\n" + self.tr(
                "如果那台电脑已经关机、死机或断电，govdesk并没有在运行，可以解除锁定并正常打开。"
                "如果对方仍在使用，解除锁定会让两处同时修改，可能损坏数据。"
            )
        self.setInformativeText(info)
        self.read_only_button = self.addButton(
            self.tr("以只读方式打开"), QMessageBox.ButtonRole.AcceptRole
        )
        self.take_over_button = None
        if offer_take_over:
            self.take_over_button = self.addButton(
                self.tr("解除锁定并打开"), QMessageBox.ButtonRole.DestructiveRole
            )
        self.cancel_button = self.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.read_only_button)
        self.setEscapeButton(self.cancel_button)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.read_only_button:
            return READ_ONLY
        if self.take_over_button is not None and clicked is self.take_over_button:
            return TAKE_OVER
        return CANCEL


def ask_read_only(
    path: Path, reason: str, parent: QWidget | None = None, offer_take_over: bool = False
) -> str:
    """READ_ONLY, TAKE_OVER (only when offered) or CANCEL, as the clerk answers."""
    box = ReadOnlyQuestion(path, reason, parent, offer_take_over=offer_take_over)
    box.exec()
    return box.choice()


class NetworkShareWarning(QMessageBox):
    """Once per opening of a database on a network share, unless the clerk said 不再提示."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("networkShareWarning")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("数据库在网络位置上"))
        self.setText(self.tr("数据库“%1”保存在网络共享文件夹中。").replace("%1", Path(path).name))
        self.setInformativeText(
            self.tr(
                "正在使用的数据库必须放在本机磁盘上：网络断开或两台电脑同时写入都可能损坏数据。"
                "请把它复制到本机磁盘后使用，网络共享只用来存放备份。"
                "\n\n本次仍可继续使用，govdesk已改用更稳妥但较慢的保存方式。"
            )
        )
        self.dont_ask = QCheckBox(self.tr("不再提示"))
        self.dont_ask.setObjectName("networkWarningOff")
        self.setCheckBox(self.dont_ask)
        self.addButton(QMessageBox.StandardButton.Ok)

    def done(self, result: int) -> None:  # noqa: A003 - Qt's name
        if self.dont_ask.isChecked():
            QSettings(settings.ORGANIZATION, settings.APPLICATION).setValue(
                NETWORK_WARNING_OFF, True
            )
        super().done(result)


def network_warning_wanted() -> bool:
    value = QSettings(settings.ORGANIZATION, settings.APPLICATION).value(NETWORK_WARNING_OFF)
    return str(value).lower() not in ("true", "1")


def warn_if_network_share(db: Database, parent: QWidget | None = None) -> bool:
    """Show the network-share warning when it applies; True when it was shown."""
    if not db.on_network_share or not network_warning_wanted():
        return False
    NetworkShareWarning(db.path, parent).exec()
    return True


def install(window: MainWindow) -> None:
    """Window extension: the signed-in account in the lock note; read-only in title and status."""
    db = window.db
    lock = lock_of(db)
    if lock is not None and db.actor is not None:
        lock.set_account(db.actor.username)
    _note_copy(window)
    if not db.read_only:
        return
    suffix = QCoreApplication.translate("single_writer", "（只读）")
    if not window.windowTitle().endswith(suffix):
        window.setWindowTitle(window.windowTitle() + suffix)
    label = QLabel(QCoreApplication.translate("single_writer", "只读：不能修改"))
    # Who has it open is long (account, computer, time): the tooltip has room for it.
    label.setToolTip(
        " ".join(
            t
            for t in (
                QCoreApplication.translate("single_writer", "数据库以只读方式打开。"),
                db.read_only_note,
            )
            if t
        )
    )
    label.setObjectName("statusReadOnly")
    label.setStyleSheet("color: #a04000; font-weight: bold;")
    label.setContentsMargins(6, 0, 6, 0)
    window.statusBar().addPermanentWidget(label)


def _note_copy(window: MainWindow) -> None:
    """A file opened as a copy (another computer or folder) took a new instance id: say so
    in the status bar, with the reason in the tooltip, so a clerk who copied the office's
    file knows the two now count separately for the township."""
    reason = getattr(window.db, "instance_changed", None)
    if not reason:
        return
    from govdesk.store.file_identity import describe

    label = QLabel(QCoreApplication.translate("single_writer", "此文件为副本"))
    label.setObjectName("statusCopiedFile")
    label.setToolTip(describe(reason))
    label.setContentsMargins(6, 0, 6, 0)
    window.statusBar().addPermanentWidget(label)
