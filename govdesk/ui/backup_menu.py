"""Backups in the window: 立即备份…, 从备份恢复…, 设置备份口令…, the daily automatic backup,
a status-bar warning while backups are not encrypted, and restoring a damaged file."""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QWidget

from govdesk.domain.permissions import Permission
from govdesk.services import backups
from govdesk.services.progress import Cancelled
from govdesk.store.backup_file import is_encrypted_backup
from govdesk.ui.backup_dialogs import PassphraseDialog, ask_passphrase
from govdesk.ui.ops import Operation, error_text, notify, run_with_progress, show_error

if TYPE_CHECKING:
    from govdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# The day's automatic backup waits until the window has settled and the clerk can work.
DAILY_DELAY_MS = 3000


def _file_filter() -> str:
    return QCoreApplication.translate("BackupMenu", "govdesk 备份 (*.gdbak *.db);;所有文件 (*)")


def install(window: MainWindow) -> None:
    if getattr(window, "db", None) is None or window.db.actor is None:
        return
    window.backup_menu = BackupMenu(window)  # type: ignore[attr-defined]


class _Carrier(QObject):
    """Brings the automatic backup's outcome from the worker to the window's thread."""

    done = Signal(object)


class BackupMenu(QObject):
    """The window's backup actions, for what the signed-in role allows."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("backupMenu")
        self.window = window
        self.db = window.db
        actor = self.db.actor
        assert actor is not None
        self.backup_action: QAction | None = None
        self.restore_action: QAction | None = None
        self.passphrase_action: QAction | None = None
        placed: list[QAction] = []
        if actor.can(Permission.BACKUP_MAKE):
            self.backup_action = self._action(
                QCoreApplication.translate("BackupMenu", "立即备份(&B)…"),
                self.backup_now,
                "backupNowAction",
            )
            placed.append(self.backup_action)
        if actor.can(Permission.BACKUP_RESTORE):
            self.restore_action = self._action(
                QCoreApplication.translate("BackupMenu", "从备份恢复(&R)…"),
                self.restore_from_file,
                "restoreBackupAction",
            )
            placed.append(self.restore_action)
        if placed:
            for action in placed:
                window.file_menu.insertAction(window.quit_action, action)
            window.file_menu.insertSeparator(window.quit_action)
        if actor.can(Permission.SETTINGS_MANAGE):
            self.passphrase_action = self._action(
                QCoreApplication.translate("BackupMenu", "设置备份口令(&K)…"),
                self.set_passphrase,
                "backupPassphraseAction",
            )
            window.tools_menu.addAction(self.passphrase_action)

        self.status_label = QLabel()
        self.status_label.setObjectName("backupStatus")
        self.status_label.setContentsMargins(6, 0, 6, 0)
        self.status_label.linkActivated.connect(lambda _link: self.set_passphrase())
        window.statusBar().addPermanentWidget(self.status_label)
        self.refresh_status()

        self.last_operation: Operation | None = None
        self.daily_result: object = None
        self.daily_running = False
        self.cancel_daily = threading.Event()
        on_close = getattr(self.db, "on_close", None)
        if on_close is not None:
            on_close(self.cancel_daily.set)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._daily_done)
        if not getattr(self.db, "read_only", False):
            QTimer.singleShot(DAILY_DELAY_MS, self, self.start_daily_backup)

    def _action(self, text: str, slot: Any, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- the warning while backups are plain ----------------------------------------------
    def refresh_status(self) -> None:
        """Say in the status bar, until a passphrase is set, that backups are not encrypted."""
        if backups.has_backup_key(self.db):
            self.status_label.clear()
            self.status_label.hide()
            return
        if self.passphrase_action is not None:
            text = (
                '<a href="passphrase">'
                + QCoreApplication.translate("BackupMenu", "备份未加密：设置备份口令")
                + "</a>"
            )
        else:
            text = QCoreApplication.translate("BackupMenu", "备份未加密，请管理员设置备份口令")
        self.status_label.setText(text)
        self.status_label.setToolTip(
            QCoreApplication.translate(
                "BackupMenu",
                "设置备份口令之前，备份文件没有加密：拿到文件的人都能读取其中的居民信息。",
            )
        )
        self.status_label.show()

    # -- 立即备份 ---------------------------------------------------------------------------
    def backup_now(self, out: Path | None = None) -> Operation | None:
        """Back up to `out`, or to a file the clerk chooses; progress and 取消 on a worker."""
        if out is None:
            encrypted = backups.has_backup_key(self.db)
            default = self.db.backup_path(backups.MANUAL, encrypted=encrypted)
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("BackupMenu", "立即备份"),
                str(default),
                _file_filter(),
            )
            if not chosen:
                return None
            out = Path(chosen)
            if not out.suffix:
                out = out.with_suffix(default.suffix)
        db, target = self.db, out

        def work(progress: Any, cancel: threading.Event) -> Path:
            return backups.make_backup(db, target, progress=progress, cancel=cancel)

        self.last_operation = run_with_progress(
            self.window,
            QCoreApplication.translate("BackupMenu", "备份"),
            work,
            self._backup_done,
            label=QCoreApplication.translate("BackupMenu", "正在备份数据库…"),
        )
        return self.last_operation

    def _backup_done(self, path: Path) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("BackupMenu", "已备份到 %1").replace("%1", str(path)), 10000
        )
        if not is_encrypted_backup(path):
            notify(
                self.window,
                QCoreApplication.translate("BackupMenu", "备份"),
                QCoreApplication.translate(
                    "BackupMenu",
                    "已备份到 %1。\n\n这份备份没有加密：拿到文件的人都能读取其中的居民信息。"
                    "请管理员在“工具 → 设置备份口令…”中设置口令，之后的备份都会加密。",
                ).replace("%1", str(path)),
                warning=True,
            )

    # -- 设置备份口令 ------------------------------------------------------------------------
    def set_passphrase(self) -> None:
        if self.passphrase_action is None:
            return
        dialog = PassphraseDialog(backups.has_backup_key(self.db), self.window)
        if dialog.exec():
            self.apply_passphrase(
                dialog.passphrase(), old=dialog.old_passphrase(), new_key=dialog.new_key
            )

    def apply_passphrase(
        self, passphrase: str, *, old: str | None = None, new_key: bool = False
    ) -> Operation:
        """Set the passphrase on a worker: deriving the key takes about a second on purpose."""
        db = self.db

        def work(_progress: Any, _cancel: threading.Event) -> None:
            backups.set_backup_passphrase(db, passphrase, old_passphrase=old, new_key=new_key)

        def done(_result: object) -> None:
            self.refresh_status()
            self.window.statusBar().showMessage(
                QCoreApplication.translate("BackupMenu", "备份口令已设置，今后的备份都会加密。"),
                10000,
            )

        self.last_operation = run_with_progress(
            self.window,
            QCoreApplication.translate("BackupMenu", "设置备份口令"),
            work,
            done,
            label=QCoreApplication.translate("BackupMenu", "正在保护备份密钥…"),
        )
        return self.last_operation

    # -- the daily automatic backup ---------------------------------------------------------
    def start_daily_backup(self) -> bool:
        """Start the day's automatic backup on a worker when it is due; True when started."""
        if self.daily_running or self.cancel_daily.is_set():
            return False
        try:
            due = backups.daily_backup_due(self.db)
        except OSError:
            due = False
        if not due:
            return False
        self.daily_running = True
        self.window.statusBar().showMessage(
            QCoreApplication.translate("BackupMenu", "正在自动备份…")
        )
        db, cancel, carrier = self.db, self.cancel_daily, self._carrier

        def work() -> None:
            result: object
            try:
                result = backups.run_daily_backup(db, cancel=cancel)
            except BaseException as exc:  # noqa: BLE001 - reported in the status bar
                result = exc
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                carrier.done.emit(result)

        QThreadPool.globalInstance().start(work)
        return True

    def _daily_done(self, result: object) -> None:
        self.daily_running = False
        self.daily_result = result
        bar = self.window.statusBar()
        if isinstance(result, Path):
            bar.showMessage(
                QCoreApplication.translate("BackupMenu", "已自动备份：%1").replace(
                    "%1", result.name
                ),
                10000,
            )
        elif isinstance(result, Cancelled) or result is None:
            bar.clearMessage()
        elif isinstance(result, BaseException):
            log.warning("automatic backup failed", exc_info=result)
            bar.showMessage(
                QCoreApplication.translate("BackupMenu", "自动备份没有完成：%1").replace(
                    "%1", error_text(result)
                )
            )

    # -- 从备份恢复 --------------------------------------------------------------------------
    def restore_from_file(self, file: Path | None = None) -> Operation | None:
        """Choose a backup, confirm, type the passphrase, then restore it over this database."""
        if file is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.window,
                QCoreApplication.translate("BackupMenu", "从备份恢复"),
                str(backups.backups_folder(self.db.path)),
                _file_filter(),
            )
            if not chosen:
                return None
            file = Path(chosen)
        try:
            summary = backups.describe(file)
        except Exception as exc:  # noqa: BLE001 - shown calmly, nothing changed
            show_error(self.window, QCoreApplication.translate("BackupMenu", "从备份恢复"), exc)
            return None
        if not confirm_restore(self.window, summary, self.db.path):
            return None
        passphrase = ""
        if summary.encrypted:
            typed = ask_passphrase(self.window, file.name)
            if typed is None:
                return None
            passphrase = typed
        return self.restore(file, passphrase)

    def restore(self, file: Path, passphrase: str) -> Operation:
        """Decrypt and check on a worker while this database stays open; then close it, put
        the restored file in its place and open that in a new window (signing in again)."""
        path, actor = Path(self.db.path), self.db.actor

        def work(progress: Any, cancel: threading.Event) -> backups.PreparedRestore:
            return backups.prepare_restore(
                file, path, passphrase, actor=actor, progress=progress, cancel=cancel
            )

        self.last_operation = run_with_progress(
            self.window,
            QCoreApplication.translate("BackupMenu", "从备份恢复"),
            work,
            self._prepared,
            label=QCoreApplication.translate("BackupMenu", "正在解密并检查备份…"),
        )
        return self.last_operation

    def _prepared(self, prepared: backups.PreparedRestore) -> None:
        self.cancel_daily.set()
        self.db.close()
        try:
            result = prepared.commit()
        except OSError as exc:
            show_error(self.window, QCoreApplication.translate("BackupMenu", "从备份恢复"), exc)
            reopen(self.window, prepared.target, "")
            return
        reopen(self.window, result.path, restored_text(result))


def confirm_restore(parent: QWidget | None, summary: backups.BackupSummary, target: Path) -> bool:
    made = (
        summary.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if summary.made_at is not None
        else QCoreApplication.translate("BackupMenu", "未知")
    )
    residents = summary.counts.get("resident")
    lines = [
        QCoreApplication.translate("BackupMenu", "用备份“%1”替换数据库“%2”？")
        .replace("%1", summary.path.name)
        .replace("%2", target.name),
        QCoreApplication.translate("BackupMenu", "备份制作于：%1").replace("%1", made),
    ]
    if residents is not None:
        lines.append(
            QCoreApplication.translate("BackupMenu", "其中居民：%1 人").replace(
                "%1", f"{residents:,}"
            )
        )
    lines.append(
        QCoreApplication.translate(
            "BackupMenu",
            "备份之后录入的内容不在其中。当前文件不会删除，会改名为“%1-replaced-时间”保留。",
        ).replace("%1", target.stem)
    )
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("BackupMenu", "从备份恢复"),
        "\n".join(lines),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def restored_text(result: backups.RestoreResult) -> str:
    text = QCoreApplication.translate("BackupMenu", "已从备份恢复数据库。")
    if result.replaced is not None:
        text += QCoreApplication.translate("BackupMenu", "原来的文件保留为 %1。").replace(
            "%1", result.replaced.name
        )
    return text


def reopen(window: QWidget, path: Path, message: str) -> QWidget | None:
    """Open `path` in a new window (signing in to it) and close `window`."""
    from govdesk.ui import app as app_module
    from govdesk.ui import main_window as mw

    db = app_module.open_database(path, parent=window, at_startup=False)
    if db is not None and db.actor is None:
        from govdesk.ui import login

        if login.sign_in(db, parent=window) is None:
            db.close()
            db = None
    if db is None:
        window.close()
        return None
    new = mw.MainWindow(db, remember=getattr(window, "remember", True))
    new.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    mw._windows.append(new)
    new.destroyed.connect(lambda _o=None, w=new: mw._forget(w))
    new.show()
    if message:
        new.statusBar().showMessage(message, 30000)
    window.close()
    return new


# -- the damaged-file dialog's 从最近的备份恢复 ------------------------------------------------
def restore_damaged(path: Path, backup: backups.BackupInfo, parent: QWidget | None) -> bool:
    """Restore `backup` over the damaged file at `path`, which is kept aside; True when done.

    Nobody can sign in to a damaged file, so the passphrase is the authority here (as with
    `govdesk restore` on a lost database). Asks again after a wrong passphrase.
    """
    while True:
        passphrase = ""
        if backup.encrypted:
            typed = ask_passphrase(parent, backup.path.name)
            if typed is None:
                return False
            passphrase = typed
        op = run_with_progress(
            parent,
            QCoreApplication.translate("BackupMenu", "从备份恢复"),
            lambda progress, cancel, typed=passphrase: backups.restore_backup(
                backup.path, path, typed, progress=progress, cancel=cancel
            ),
            lambda _result: None,
            lambda _exc: None,
            label=QCoreApplication.translate("BackupMenu", "正在解密并检查备份…"),
        )
        wait_for(op)
        if op.error is None:
            notify(
                parent,
                QCoreApplication.translate("BackupMenu", "从备份恢复"),
                restored_text(op.result),
            )
            return True
        QMessageBox.warning(
            parent, QCoreApplication.translate("BackupMenu", "从备份恢复"), error_text(op.error)
        )
        if not (backup.encrypted and "wrong_passphrase" in _keys(op.error)):
            return False


def _keys(exc: BaseException) -> list[str]:
    return [i.key.split(".")[-1] for i in getattr(exc, "issues", [])]


def wait_for(op: Operation) -> None:
    """Let the event loop run (progress, 取消) until `op` has finished."""
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if op.finished else None)
    timer.start(30)
    if not op.finished:
        loop.exec()
    timer.stop()
