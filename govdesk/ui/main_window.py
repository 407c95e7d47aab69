"""The main window: menus, the tabs that work, and a status bar naming the office and the file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from govdesk import __version__
from govdesk.domain.permissions import Permission
from govdesk.ui import extensions, fonts, settings
from govdesk.ui.preferences import PreferencesDialog

if TYPE_CHECKING:
    from govdesk.store.database import Database

# The tabs and the services behind them are imported when a database is attached, so the
# window's frame can paint before the database layer is loaded (see ui/app.run_window).

LANGUAGE_PROPERTY = "govdeskLanguage"


@dataclass(frozen=True)
class TabSpec:
    """One tab as automation and the screenshot command know it."""

    key: str
    object_name: str
    factory: Callable[[Database, QWidget], QWidget] | None  # None: not built yet, not shown
    # A tab the signed-in user may not see is not built at all (absent, not disabled).
    permission: Permission


# Order is the order on screen. Tabs without a factory keep their names reserved.
def _residents_tab(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.residents.view import ResidentsTab

    return ResidentsTab(db, parent)


def _grids_tab(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.grids.view import GridsTab

    return GridsTab(db, parent)


def _mediation_tab(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.mediation.view import MediationTab

    return MediationTab(db, parent)


def _volunteers_tab(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.volunteers.view import VolunteersTab

    return VolunteersTab(db, parent)


TABS: tuple[TabSpec, ...] = (
    TabSpec("residents", "residentsTab", _residents_tab, Permission.RESIDENT_VIEW),
    TabSpec("grids", "gridsTab", _grids_tab, Permission.GRID_VIEW),
    TabSpec("mediation", "mediationTab", _mediation_tab, Permission.MEDIATION_VIEW),
    TabSpec("volunteers", "volunteersTab", _volunteers_tab, Permission.VOLUNTEER_VIEW),
)
TAB_KEYS = tuple(t.key for t in TABS)


def township_tabs() -> tuple[TabSpec, ...]:
    """A township database shows these instead of the office tabs (ui/township)."""
    from govdesk.ui.township.view import TOWNSHIP_TABS, make_tab

    return tuple(
        TabSpec(key, name, lambda db, parent, k=key: make_tab(k, db, parent), permission)
        for key, (name, _factory, permission) in TOWNSHIP_TABS.items()
    )


# Windows opened from 打开数据库… live on after the window that opened them closes.
_windows: list[QMainWindow] = []


class _Counter(QObject):
    """Carries the record counts from the worker thread back to the window's thread."""

    ready = Signal(object)


def current_language() -> str:
    app = QApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return str(value) if value else settings.DEFAULT_LANGUAGE


class MainWindow(QMainWindow):
    """One office database in one window. `remember` off keeps user settings untouched."""

    def __init__(
        self, db: Database | None = None, parent: QWidget | None = None, *, remember: bool = True
    ):
        """The frame (menus, tab bar, status bar); with `db`, the office's tabs too.

        Without `db` the window can be shown at once and `attach` fills it later.
        """
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.remember = remember
        self.office_name = ""
        self.setWindowTitle("govdesk")

        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._tab_keys: list[str] = []
        self._tab_actions: dict[QWidget, list[QAction]] = {}

        self._build_menus()
        self.tabs.currentChanged.connect(self._tab_changed)
        self._build_status_bar()
        self._restore_geometry()
        self._counting = self._recount = False
        self._counter = _Counter(self)
        self._counter.ready.connect(self._show_counts)
        if db is not None:
            self.attach(db)

    def attach(self, db: Database) -> None:
        """Show this office database: title, tabs, status bar and counts."""
        from govdesk.services.office import current_office

        self.db = db
        with db.session() as s:
            own = current_office(s)
            self.office_name = own.name
            township_mode = own.kind == "township"
        # Qt itself adds " — govdesk" (the application's display name) on a real screen.
        self.setWindowTitle(self.office_name)
        for spec in township_tabs() if township_mode else TABS:
            if spec.factory is not None and db.actor is not None and db.actor.can(spec.permission):
                self._add_tab(spec)
        extensions.install_all(self)
        from govdesk.ui.exchange import menu as exchange_menu

        exchange_menu.install(self)
        self._tab_changed(self.tabs.currentIndex())
        self.office_label.setText(self.office_name)
        where = str(Path(db.path).resolve())
        self.path_label.setText(self.tr("数据库：%1").replace("%1", where))
        self.refresh_counts()

    # -- tabs ------------------------------------------------------------------------
    def _tab_title(self, key: str) -> str:
        titles = {
            "residents": self.tr("居民登记"),
            "grids": self.tr("网格管理"),
            "mediation": self.tr("矛盾调解"),
            "volunteers": self.tr("志愿服务"),
            "township_offices": self.tr("各单位"),
            "township_residents": self.tr("各社区居民"),
            "township_grids": self.tr("网格"),
            "township_cases": self.tr("调解案件"),
            "township_hours": self.tr("志愿时长"),
            "township_duplicates": self.tr("跨社区重复登记"),
            "township_figures": self.tr("统计报表"),
            "township_reference": self.tr("下发参考数据"),
        }
        return titles[key]

    def _add_tab(self, spec: TabSpec) -> None:
        assert spec.factory is not None
        tab = spec.factory(self.db, self.tabs)
        tab.setObjectName(spec.object_name)
        self.tabs.addTab(tab, self._tab_title(spec.key))
        self._tab_keys.append(spec.key)
        stack = getattr(tab, "undo_stack", None)
        if stack is not None:
            self.undo_group.addStack(stack)
        menu_actions = tab.menu_actions() if hasattr(tab, "menu_actions") else {}
        placed: list[QAction] = []
        for menu_key, menu, before in (
            ("file", self.file_menu, self._file_tab_end),
            ("edit", self.edit_menu, None),
        ):
            actions = [a for a in menu_actions.get(menu_key, []) if not self._collides(a)]
            if not actions:
                continue
            if before is not None:
                menu.insertActions(before, actions)
            else:
                menu.addActions(actions)
            placed.extend(actions)
        self._tab_actions[tab] = placed
        signal = getattr(tab, "counts_changed", None)
        if signal is not None:
            signal.connect(lambda *_args: self.refresh_counts())
            signal.connect(lambda *_args, source=tab: self._register_changed(source))

    def _register_changed(self, source: QWidget) -> None:
        """A tab changed the register: the others that count from it (the grid tree and its
        未划分 on the tab) recount, so no figure shown is stale."""
        for tab in self._tab_actions:
            hook = getattr(tab, "register_changed", None)
            if tab is not source and hook is not None:
                hook()

    def _collides(self, action: QAction) -> bool:
        """A tab action on one of the window's own shortcuts (undo, redo, quit, font size) would
        make both dead as an ambiguous shortcut; the window's action wins and the tab's is left out."""
        own = {
            k.toString()
            for a in self.findChildren(QAction)
            if a.parent() is self
            for k in a.shortcuts()
        }
        return any(k.toString() in own for k in action.shortcuts() if not k.isEmpty())

    def tab_keys(self) -> list[str]:
        """The keys of the tabs shown, in order (see TAB_KEYS for every name)."""
        return list(self._tab_keys)

    def show_tab(self, key: str) -> bool:
        if key not in self._tab_keys:
            return False
        self.tabs.setCurrentIndex(self._tab_keys.index(key))
        return True

    def _tab_changed(self, index: int) -> None:
        current = self.tabs.widget(index)
        # Only the visible tab's actions are live, so their shortcuts never collide.
        for tab, actions in self._tab_actions.items():
            for action in actions:
                action.setVisible(tab is current)
        stack = getattr(current, "undo_stack", None)
        self.undo_group.setActiveStack(stack)

    # -- menus -----------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[QKeySequence] | None = None,
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
        if name:
            action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self.tr("文件(&F)"), self)
        self.file_menu.setObjectName("fileMenu")
        self.open_action = self._action(
            self.tr("打开数据库(&O)…"), self.open_other_database, name="openDatabaseAction"
        )
        self.file_menu.addAction(self.open_action)
        self.file_menu.addSeparator()
        # Tab file actions (import, export, print) go between the separators.
        self._file_tab_end = self.file_menu.addSeparator()
        self.quit_action = self._action(
            self.tr("退出(&X)"), self.close, [QKeySequence("Ctrl+Q")], "quitAction"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addAction(self.quit_action)
        bar.addMenu(self.file_menu)

        self.edit_menu = QMenu(self.tr("编辑(&E)"), self)
        self.edit_menu.setObjectName("editMenu")
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("重做"))
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        bar.addMenu(self.edit_menu)

        self.view_menu = QMenu(self.tr("视图(&V)"), self)
        self.view_menu.setObjectName("viewMenu")
        self.zoom_in_action = self._action(
            self.tr("放大字号(&I)"),
            lambda: self.change_font_size(+1),
            [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")],
            "zoomInAction",
        )
        self.zoom_out_action = self._action(
            self.tr("缩小字号(&D)"),
            lambda: self.change_font_size(-1),
            [QKeySequence("Ctrl+-")],
            "zoomOutAction",
        )
        self.zoom_reset_action = self._action(
            self.tr("恢复默认字号(&R)"),
            self.reset_font_size,
            [QKeySequence("Ctrl+0")],
            "zoomResetAction",
        )
        self.view_menu.addActions([self.zoom_in_action, self.zoom_out_action])
        self.view_menu.addAction(self.zoom_reset_action)
        bar.addMenu(self.view_menu)

        self.tools_menu = QMenu(self.tr("工具(&T)"), self)
        self.tools_menu.setObjectName("toolsMenu")
        self.preferences_action = self._action(
            self.tr("首选项(&P)…"), self.show_preferences, name="preferencesAction"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.tools_menu.addAction(self.preferences_action)
        bar.addMenu(self.tools_menu)

        self.help_menu = QMenu(self.tr("帮助(&H)"), self)
        self.help_menu.setObjectName("helpMenu")
        self.about_action = self._action(self.tr("关于(&A)"), self.show_about, name="aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about_action)
        bar.addMenu(self.help_menu)

    # -- status bar ------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.office_label = QLabel(self.office_name)
        self.office_label.setObjectName("statusOffice")
        self.path_label = QLabel(self.tr("正在打开数据库…"))
        self.path_label.setObjectName("statusDatabase")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("statusCounts")
        for label in (self.office_label, self.path_label, self.counts_label):
            label.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.office_label)
        bar.addWidget(self.path_label, 1)
        bar.addPermanentWidget(self.counts_label)

    def refresh_counts(self) -> None:
        """Recount on a worker thread: on a million residents the count takes about a second,
        and the window must neither wait for it at start-up nor freeze after a save."""
        if self._counting:
            self._recount = True
            return
        self._counting = True
        QThreadPool.globalInstance().start(self._count_in_background)

    def _count_in_background(self) -> None:
        from govdesk.services.resident_list import ResidentList

        try:
            totals: dict[str, int] | None = ResidentList(self.db).totals()
        except Exception:  # noqa: BLE001 - a closed or busy database just leaves the old figures
            totals = None
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._counter.ready.emit(totals)

    def _show_counts(self, totals: dict[str, int] | None) -> None:
        self._counting = False
        if totals is not None:
            self.counts_label.setText(
                self.tr("在册居民 %1 人，%2 户")
                .replace("%1", f"{totals['residents']:,}")
                .replace("%2", f"{totals['households']:,}")
            )
        if self._recount:
            self._recount = False
            self.refresh_counts()

    # -- font size -------------------------------------------------------------------
    def change_font_size(self, delta: int) -> None:
        # The text itself growing is the feedback; a status message would cover the office name.
        fonts.step_point_size(QApplication.instance(), delta)

    def reset_font_size(self) -> None:
        fonts.set_point_size(QApplication.instance(), fonts.DEFAULT_POINT_SIZE)

    # -- dialogs ---------------------------------------------------------------------
    def show_preferences(self) -> None:
        dialog = PreferencesDialog(current_language(), self)
        if dialog.exec() and dialog.needs_restart():
            QMessageBox.information(
                self,
                self.tr("首选项"),
                self.tr("新的界面语言将在下次启动程序时生效。"),
            )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于 govdesk"),
            self.tr(
                "<h3>govdesk %1</h3>"
                "<p>面向社区居委会和村委会的离线办公软件，无需联网。</p>"
                "<p>本单位的数据保存在本机的这个文件中：<br>%2</p>"
                "<p>界面和打印使用文泉驿微米黑字体（Apache 2.0 许可）。</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(self.db.path) if hasattr(self, "db") else ""),
        )

    def open_other_database(self) -> None:
        from govdesk.ui import app as app_module  # app imports this module at load time

        if not hasattr(self, "db"):  # still opening the first database
            return
        start = str(self.db.path.parent)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("打开数据库"),
            start,
            self.tr("govdesk 数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)"),
        )
        if not chosen or Path(chosen).resolve() == self.db.path.resolve():
            return
        db = app_module.open_database(Path(chosen), parent=self, at_startup=False)
        if db is None:
            return
        from govdesk.ui import login

        # The other file has its own accounts: its data shows only to one of its users.
        if db.actor is None and login.sign_in(db, parent=self) is None:
            db.close()
            return
        window = MainWindow(db, remember=self.remember)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _windows.append(window)
        window.destroyed.connect(lambda _o=None, w=window: _forget(w))
        window.show()
        self.close()

    # -- geometry --------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry, state = settings.window_geometry() if self.remember else (None, None)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry() if self.screen() else None
            width, height = 1280, 800
            if screen is not None:
                width, height = min(width, screen.width()), min(height, screen.height())
            self.resize(width, height)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        from govdesk.ui import ops

        busy = ops.running()
        if busy:
            answer = QMessageBox.question(
                self,
                self.tr("仍有工作在进行"),
                self.tr(
                    "“%1”还没有完成。现在退出会取消它，已保存的数据不会改变。仍要退出吗？"
                ).replace("%1", busy[0].title),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
            ops.cancel_all()
        if self.remember:
            settings.save_window_geometry(self.saveGeometry(), self.saveState())
        super().closeEvent(event)
        if event.isAccepted() and hasattr(self, "db"):
            self.db.close()


def _forget(window: QMainWindow) -> None:
    if window in _windows:
        _windows.remove(window)
