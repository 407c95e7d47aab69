"""The 数据交换 menu: export, import with its report, conflicts, the watched folder, keys and fingerprints."""

from __future__ import annotations

import importlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission
from govdesk.exchange import keys
from govdesk.exchange.keys import KeyCard
from govdesk.services.office import current_office
from govdesk.ui.dialog_driver import run_dialog
from govdesk.ui.exchange import drives, prefs
from govdesk.ui.exchange.keys_dialog import KeysDialog, confirm_card
from govdesk.ui.exchange.report_dialog import ReportDialog
from govdesk.ui.exchange.watcher import FolderWatcher
from govdesk.ui.ops import Operation, run_with_progress, show_error

if TYPE_CHECKING:
    from govdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def install(window: MainWindow) -> None:
    db = getattr(window, "db", None)
    if db is None or db.actor is None:
        return
    if not (db.actor.can(Permission.EXCHANGE) or db.actor.can(Permission.SETTINGS_MANAGE)):
        return
    window.exchange_menu = ExchangeMenu(window)  # type: ignore[attr-defined]


def optional(module: str) -> Any:
    """A module of the exchange that later builds add (downward packages, conflicts), or None."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


class ExchangeMenu(QObject):
    """The window's exchange actions; a township database gets the same menu without 导出."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.setObjectName("exchangeMenuController")
        self.window = window
        self.db = window.db
        with self.db.session() as s:
            office = current_office(s)
            self.office_code, self.office_kind = office.division_code, office.kind
        self.township = keys.exchange_kind(self.office_kind) == "township"
        actor = self.db.actor
        assert actor is not None
        may_exchange = actor.can(Permission.EXCHANGE)

        self.menu = QMenu(QCoreApplication.translate("ExchangeMenu", "数据交换(&X)"), window)
        self.menu.setObjectName("exchangeMenu")
        self.export_action: QAction | None = None
        self.import_action: QAction | None = None
        self.conflicts_action: QAction | None = None
        self.watch_action: QAction | None = None
        if may_exchange:
            if not self.township or optional("govdesk.exchange.downward") is not None:
                self.export_action = self._action(
                    QCoreApplication.translate("ExchangeMenu", "下发数据包(&E)…")
                    if self.township
                    else QCoreApplication.translate("ExchangeMenu", "导出数据包(&E)…"),
                    self.export_dialog,
                    "exportPackageAction",
                    "Ctrl+Shift+E",
                )
            self.import_action = self._action(
                QCoreApplication.translate("ExchangeMenu", "导入数据包(&I)…"),
                self.import_package,
                "importPackageAction",
                "Ctrl+Shift+I",
            )
            self.conflicts_action = self._action(
                QCoreApplication.translate("ExchangeMenu", "处理冲突(&C)…"),
                self.conflicts_dialog,
                "conflictsAction",
                "Ctrl+Shift+K",
            )
            self.watch_action = self._action(
                QCoreApplication.translate("ExchangeMenu", "监视共享文件夹(&W)…"),
                self.watch_dialog,
                "watchFolderAction",
            )
            self.menu.addSeparator()
        self.keys_action = self._action(
            QCoreApplication.translate("ExchangeMenu", "密钥与指纹(&K)…"),
            self.keys_dialog,
            "exchangeKeysAction",
        )
        if getattr(self.db, "read_only", False):
            # Each of these writes (the package log at least): said here, not after a wait.
            for writing in (self.export_action, self.import_action, self.watch_action):
                if writing is not None:
                    writing.setEnabled(False)
                    writing.setToolTip(
                        QCoreApplication.translate(
                            "ExchangeMenu", "数据库以只读方式打开，不能导入或导出数据包"
                        )
                    )
        bar = window.menuBar()
        bar.insertMenu(window.tools_menu.menuAction(), self.menu)
        self.menu.aboutToShow.connect(self.refresh_conflict_count)

        self.report_dialog: ReportDialog | None = None
        self.last_operation: Operation | None = None
        self.last_report: Any = None

        self.watch_label = QLabel()
        self.watch_label.setObjectName("exchangeWatchStatus")
        self.watch_label.setContentsMargins(6, 0, 6, 0)
        self.watch_label.hide()
        window.statusBar().addPermanentWidget(self.watch_label)
        self.watcher = FolderWatcher(self.db, self, skip_prefix=f"{self.office_code}-")
        self.watcher.state_changed.connect(self._show_watch_state)
        self.watcher.entry_added.connect(self._watched_import)
        on_close = getattr(self.db, "on_close", None)
        if on_close is not None:
            on_close(self.watcher.stop)
        window.destroyed.connect(lambda _o=None: self.watcher.cancel.set())
        folder = prefs.watched_folder(self.db.path) if may_exchange else None
        if folder is not None and folder.is_dir() and not getattr(self.db, "read_only", False):
            self.watcher.start(folder)

    def _action(self, text: str, slot: Any, name: str, shortcut: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    # -- 导出 ---------------------------------------------------------------------------
    def export_dialog(self) -> bool:
        from govdesk.ui.exchange.export_dialog import ExportDialog

        return run_dialog(ExportDialog(self.db, self.window))

    # -- 导入 ---------------------------------------------------------------------------
    def choose_package(self) -> Path | None:
        places = drives.destinations(prefs.last_folder())
        start = str(places[0].folder) if places else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("ExchangeMenu", "导入数据包"),
            start,
            QCoreApplication.translate("ExchangeMenu", "govdesk 数据包 (*.gdx);;所有文件 (*)"),
        )
        return Path(chosen) if chosen else None

    def first_contact(self, path: Path) -> tuple[bool, KeyCard | None]:
        """(go on, card): a package signed by a key not yet trusted that introduces itself is
        shown to the clerk, who must confirm its fingerprint by phone before it is used."""
        downward = optional("govdesk.exchange.downward")
        peek = getattr(downward, "peek_introduction", None)
        if peek is None:
            return True, None
        try:
            card = peek(self.db, path)
        except (DomainError, OSError):
            return True, None  # the import itself says what is wrong with the file
        if card is None:
            return True, None
        intro = (
            QCoreApplication.translate(
                "ExchangeMenu",
                "这个数据包来自尚未信任的%1（%2）。它附带了对方的公钥。"
                "请打电话给对方，核对下面的指纹；一致时再信任并导入。",
            )
            .replace("%1", card.office_name)
            .replace("%2", card.office_code)
        )
        if not confirm_card(
            self.window,
            card,
            intro=intro,
            ok_text=QCoreApplication.translate("ExchangeMenu", "信任并导入(&T)"),
        ):
            return False, None
        return True, card

    def import_package(self, path: Path | None = None) -> Operation | None:
        """Verify and apply a package on a worker thread, then show the report."""
        if path is None:
            path = self.choose_package()
            if path is None:
                return None
        go_on, card = self.first_contact(path)
        if not go_on:
            return None
        db, target = self.db, Path(path)
        from govdesk.exchange import apply

        def work(progress: Any, cancel: threading.Event) -> Any:
            return apply.import_package(
                db, target, progress=progress, cancel=cancel, introduce=card
            )

        def done(report: Any) -> None:
            op = self.last_operation
            if report.outcome == "refused" and op is not None and op.cancel.is_set():
                # The clerk pressed 取消: nothing to report but that.
                self.window.statusBar().showMessage(
                    QCoreApplication.translate("ExchangeMenu", "已取消导入，数据没有改变。"), 10000
                )
                return
            if card is not None and report.outcome in ("applied", "nothing_new"):
                self._trust_introduced(card)
            prefs.set_last_folder(target.parent)
            self.show_report(report)
            self._changed(report)

        self.last_operation = run_with_progress(
            self.window,
            QCoreApplication.translate("ExchangeMenu", "导入数据包"),
            work,
            done,
            label=QCoreApplication.translate("ExchangeMenu", "正在核验并导入数据包…"),
        )
        return self.last_operation

    def _trust_introduced(self, card: KeyCard) -> None:
        """The introduced key, once its package applied, is trusted for the next ones."""
        try:
            with self.db.session() as s:
                keys.trust(s, card)
        except DomainError as exc:
            show_error(self.window, QCoreApplication.translate("ExchangeMenu", "信任对方公钥"), exc)

    def show_report(self, report: Any) -> ReportDialog:
        self.last_report = report
        if self.report_dialog is not None:
            self.report_dialog.close()
        dialog = ReportDialog(report, self.window)
        if self.conflicts_action is not None and getattr(report, "conflicts", 0):
            dialog.offer_conflicts(self.conflicts_dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._forget_report(d))
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _forget_report(self, dialog: ReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None

    def _changed(self, report: Any) -> None:
        """After an import that changed records, the window's counts and tabs catch up."""
        if getattr(report, "outcome", "") != "applied":
            return
        self.window.refresh_counts()
        for tab in getattr(self.window, "_tab_actions", {}):
            hook = getattr(tab, "register_changed", None)
            if hook is not None:
                hook()

    # -- 冲突 ---------------------------------------------------------------------------
    def refresh_conflict_count(self) -> int:
        """处理冲突 names how many records wait for a person."""
        if self.conflicts_action is None:
            return 0
        conflicts = optional("govdesk.exchange.conflicts")
        try:
            count = int(conflicts.open_count(self.db)) if conflicts is not None else 0
        except Exception:  # noqa: BLE001 - a busy database: the plain label is enough
            log.warning("counting open conflicts failed", exc_info=True)
            count = 0
        self.conflicts_action.setText(
            QCoreApplication.translate("ExchangeMenu", "处理冲突(&C)（%1）…").replace(
                "%1", str(count)
            )
            if count
            else QCoreApplication.translate("ExchangeMenu", "处理冲突(&C)…")
        )
        return count

    def conflicts_dialog(self) -> bool:
        from govdesk.ui.exchange.conflicts_dialog import ConflictsDialog

        changed = run_dialog(ConflictsDialog(self.db, self.window))
        if changed:
            self.window.refresh_counts()
        return changed

    # -- 监视 ---------------------------------------------------------------------------
    def watch_dialog(self) -> bool:
        from govdesk.ui.exchange.watch_dialog import WatchDialog

        return run_dialog(WatchDialog(self, self.window))

    def watch(self, folder: Path | None) -> None:
        """Watch `folder` from now on (and at each start), or stop watching with None."""
        prefs.set_watched_folder(self.db.path, folder)
        if folder is None:
            self.watcher.stop()
        else:
            self.watcher.start(folder)

    def _show_watch_state(self) -> None:
        folder = self.watcher.folder
        if folder is None:
            self.watch_label.hide()
            return
        self.watch_label.setText(
            QCoreApplication.translate("ExchangeMenu", "正在监视：%1").replace(
                "%1", folder.name or str(folder)
            )
        )
        self.watch_label.setToolTip(str(folder))
        self.watch_label.show()

    def _watched_import(self, entry: Any) -> None:
        self.window.statusBar().showMessage(
            QCoreApplication.translate("ExchangeMenu", "自动导入 %1：%2")
            .replace("%1", entry.file_name)
            .replace("%2", entry.summary),
            15000,
        )
        self._changed(entry.report)

    # -- 密钥 ---------------------------------------------------------------------------
    def keys_dialog(self) -> bool:
        dialog = KeysDialog(self.db, self.window)
        accepted = run_dialog(dialog)
        if dialog.changed:
            # Packages refused for a key not trusted then may go in now (or not, if revoked).
            self.watcher.retry_unsuccessful()
        return accepted
