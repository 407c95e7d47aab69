"""Calm handling of failures: a database that cannot be opened, and unexpected program errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

LOG_NAME = "govdesk-errors.log"


def log_path() -> Path:
    return Path(user_log_dir("govdesk", appauthor=False)) / LOG_NAME


def write_log(text: str, path: Path | None = None) -> Path:
    """Append one dated entry to the error log; returns the file written."""
    path = path or log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8") as f:
        f.write(f"==== {stamp}\n{text.rstrip()}\n\n")
    return path


class DatabaseErrorDialog(QMessageBox):
    """Names the file and the problem, and offers the newest good backup, another file or leaving."""

    CHOOSE_OTHER = "other"
    GIVE_UP = "give_up"
    RESTORE = "restore"

    def __init__(
        self,
        path: Path,
        problem: str,
        *,
        at_startup: bool = True,
        parent: QWidget | None = None,
        offer_restore: bool = True,
    ):
        super().__init__(parent)
        self.setObjectName("databaseErrorDialog")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("无法打开数据库"))
        self.setText(self.tr("无法打开数据库文件“%1”。").replace("%1", Path(path).name))
        # The newest backup that looks whole; restoring it keeps the damaged file aside.
        self.backup = newest_backup(path) if offer_restore else None
        info = (
            self.tr("位置：%1\n\n原因：%2\n\n该文件没有被改动。")
            .replace("%1", str(Path(path).resolve().parent))
            .replace("%2", problem)
        )
        self.restore_button = None
        if self.backup is not None:
            info += "\n\n" + self.tr(
                "最近的备份制作于 %1。从它恢复时，当前文件会改名保留，不会被覆盖。"
            ).replace("%1", self.backup.made_at.strftime("%Y-%m-%d %H:%M"))
            self.restore_button = self.addButton(
                self.tr("从最近的备份恢复（%1）…").replace(
                    "%1", self.backup.made_at.strftime("%Y-%m-%d %H:%M")
                ),
                QMessageBox.ButtonRole.AcceptRole,
            )
            self.restore_button.setObjectName("restoreBackupButton")
        self.setInformativeText(info)
        self.other_button = self.addButton(
            self.tr("选择其他文件…"), QMessageBox.ButtonRole.AcceptRole
        )
        give_up = self.tr("退出") if at_startup else self.tr("取消")
        self.give_up_button = self.addButton(give_up, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.other_button)
        self.setEscapeButton(self.give_up_button)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if self.restore_button is not None and clicked is self.restore_button:
            return self.RESTORE
        return self.CHOOSE_OTHER if clicked is self.other_button else self.GIVE_UP


def newest_backup(path: Path):  # noqa: ANN201 - services.backups.BackupInfo | None
    """The newest backup of `path` that looks intact, or None (never fails the dialog)."""
    try:
        from govdesk.services.backups import newest_good_backup

        return newest_good_backup(Path(path))
    except Exception:  # noqa: BLE001 - a folder that cannot be read just offers no backup
        return None


class ExceptionHook:
    """Logs an unexpected error and tells the clerk calmly, instead of letting the window vanish."""

    def __init__(self, log_file: Path | None = None):
        self.log_file = log_file
        self._showing = False
        self.previous = sys.excepthook

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        try:
            written: Path | None = write_log(text, self.log_file)
        except OSError:
            written = None
        print(text, file=sys.stderr)
        app = QApplication.instance()
        # A second error while the box is open must not stack boxes on top of each other.
        if app is None or self._showing:
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setObjectName("unexpectedErrorDialog")
            box.setIcon(QMessageBox.Icon.Warning)
            translate = QCoreApplication.translate
            box.setWindowTitle(translate("ExceptionHook", "程序出现问题"))
            box.setText(
                translate(
                    "ExceptionHook", "刚才的操作没有完成。已经保存的数据不受影响，可以继续工作。"
                )
            )
            detail = translate(
                "ExceptionHook", "如果这个问题反复出现，请把下面的记录文件发给技术支持人员："
            )
            box.setInformativeText(f"{detail}\n{written or ''}")
            box.setDetailedText(text)
            box.exec()
        finally:
            self._showing = False


def install_excepthook(log_file: Path | None = None) -> ExceptionHook:
    hook = ExceptionHook(log_file)
    sys.excepthook = hook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # Worker threads cannot open dialogs; their failures are logged and reported by the
        # operation that started them.
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        with contextlib.suppress(OSError):
            write_log(f"in thread {getattr(args.thread, 'name', '?')}:\n{text}", log_file)
        print(text, file=sys.stderr)

    threading.excepthook = thread_hook
    return hook
