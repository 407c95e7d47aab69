"""The 志愿服务 tab: a toolbar over four pages (志愿者, 活动, 排班, 点单)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget

from govdesk.domain.messages import DomainError
from govdesk.store.database import Database
from govdesk.ui.ops import show_error
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.activities_page import ActivitiesPage
from govdesk.ui.volunteers.common import run_dialog
from govdesk.ui.volunteers.list_page import VolunteerListPage
from govdesk.ui.volunteers.orders_page import OrdersPage
from govdesk.ui.volunteers.roster_page import RosterPage

# Toolbar actions: key, label, shortcut, needs a selected volunteer, who may use it.
EDIT, MANAGE, VIEW = "edit", "manage", "view"
TOOL_ACTIONS = (
    ("register", QT_TRANSLATE_NOOP("VolunteersTab", "登记志愿者"), "Ctrl+N", False, EDIT),
    ("edit", QT_TRANSLATE_NOOP("VolunteersTab", "修改"), None, True, EDIT),
    ("status", QT_TRANSLATE_NOOP("VolunteersTab", "状态"), None, True, EDIT),
    ("adjust", QT_TRANSLATE_NOOP("VolunteersTab", "调整时长"), None, True, EDIT),
    ("remove_pending", QT_TRANSLATE_NOOP("VolunteersTab", "删除待确认时长"), None, True, EDIT),
    ("teams", QT_TRANSLATE_NOOP("VolunteersTab", "队伍"), None, False, VIEW),
    ("stars", QT_TRANSLATE_NOOP("VolunteersTab", "星级评定"), None, False, VIEW),
    ("skills", QT_TRANSLATE_NOOP("VolunteersTab", "技能设置"), None, False, MANAGE),
    ("columns", QT_TRANSLATE_NOOP("VolunteersTab", "导出列"), None, False, MANAGE),
)


class VolunteersTab(QWidget):
    """One tab, one database: every write goes through a dialog and the services."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteersTab")
        self.db = db
        self.may_edit = common.may_edit(db)
        self.may_manage = common.may_manage(db)
        self.tool_actions: dict[str, QAction] = {}
        # 编辑 → 撤销 (Ctrl+Z) for this session's edits of volunteers' details.
        self.undo_stack = QUndoStack(self)
        self.last_preview = None
        self.last_operation = None

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("volunteersToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key, label, shortcut, _needs, who in TOOL_ACTIONS:
            if (who == EDIT and not self.may_edit) or (who == MANAGE and not self.may_manage):
                continue  # absent, not greyed: the role may not use it
            action = QAction(self.tr(label), self)
            action.setObjectName(f"volunteerAction_{key}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, k=key: self.run_action(k))
            self.toolbar.addAction(action)
            self.addAction(action)
            self.tool_actions[key] = action
        self.toolbar.addSeparator()
        from govdesk.ui.volunteers import printing

        self.print_menu = printing.PrintMenu(self)
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("volunteerPrintButton")
        self.print_button.setText(self.tr("打印"))
        self.print_button.setMenu(self.print_menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.print_button)
        # Every print and export is audited: a file opened read-only cannot record them.
        self.print_button.setVisible(not db.read_only)
        self.export_action = QAction(self.tr("导出时长…"), self)
        self.export_action.setObjectName("volunteerExport")
        self.export_action.triggered.connect(lambda _c=False: printing.export_hours(self))
        self.toolbar.addAction(self.export_action)
        self.export_action.setVisible(not db.read_only)

        self.find_action = QAction(self.tr("查找"), self)
        self.find_action.setObjectName("volunteerFind")
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)

        self.list_page = VolunteerListPage(db, self)
        self.list_page.selection_changed.connect(self._enable)
        self.panel = self.list_page.panel
        self.table = self.list_page.table
        self.search = self.list_page.search
        self.activities = ActivitiesPage(db, self)
        self.roster = RosterPage(db, self)
        self.orders = OrdersPage(db, self)
        for page in (self.activities, self.roster, self.orders):
            page.changed.connect(self._data_changed)
        self.roster.print_requested.connect(lambda: self.print_form("duty-roster"))

        self.pages = QTabWidget(self)
        self.pages.setObjectName("volunteerPages")
        self.pages.addTab(self.list_page, self.tr("志愿者"))
        self.pages.addTab(self.activities, self.tr("活动"))
        self.pages.addTab(self.roster, self.tr("排班"))
        self.pages.addTab(self.orders, self.tr("点单"))

        exports = [] if db.read_only else [self.export_action]
        self._menu_actions: dict[str, list[QAction]] = {"file": exports, "edit": []}
        if "register" in self.tool_actions:
            copy = QAction(self.tool_actions["register"].text() + "…", self)
            copy.setObjectName("volunteerMenuRegister")
            copy.triggered.connect(lambda _c=False: self.run_action("register"))
            self._menu_actions["edit"].append(copy)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.pages, 1)
        self._enable()

    def menu_actions(self) -> dict[str, list[QAction]]:
        """登记志愿者 goes to the 编辑 menu as a copy without Ctrl+N (the residents tab's
        新增居民 has that key there); 导出时长 to the 文件 menu."""
        return self._menu_actions

    def _enable(self) -> None:
        chosen = self.current_volunteer_id() is not None
        for key, _label, _shortcut, needs, _who in TOOL_ACTIONS:
            if key in self.tool_actions and needs:
                self.tool_actions[key].setEnabled(chosen)
        self.print_menu.show_volunteer(chosen)

    def current_volunteer_id(self) -> str | None:
        return self.list_page.current_volunteer_id()

    def focus_search(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.list_page.focus_search()

    def _data_changed(self) -> None:
        """A page stored something: hours and sign-ups show in the list and the panel."""
        self.list_page.refresh()

    def refresh_all(self) -> None:
        self.list_page.reload_choices()
        self.list_page.refresh()
        self.activities.refresh()
        self.roster.refresh()
        self.orders.refresh()

    # -- actions ---------------------------------------------------------------------------
    def run_action(self, key: str) -> bool:
        """One toolbar action; True when something was stored."""
        if key not in self.tool_actions:
            return False
        try:
            return bool(getattr(self, f"do_{key}")())
        except DomainError as exc:
            show_error(self, self.tool_actions[key].text(), exc)
            return False

    def do_register(self) -> bool:
        from govdesk.ui.volunteers.volunteer_dialogs import RegisterDialog

        dialog = RegisterDialog(self.db, self)
        if not run_dialog(dialog):
            return False
        self.pages.setCurrentWidget(self.list_page)
        new_id = dialog.new_id
        self.list_page.refresh()
        if new_id and not self.list_page.select_volunteer(new_id):
            self.list_page.filters.clear()
            self.list_page.apply_filter()
            self.list_page.select_volunteer(new_id)
        return True

    def _selected_dialog(self, cls) -> bool:
        vid = self.current_volunteer_id()
        if vid is None:
            return False
        if not run_dialog(cls(self.db, vid, self)):
            return False
        self.list_page.refresh(vid)
        return True

    def do_edit(self) -> bool:
        from govdesk.ui.volunteers.commands import EditVolunteerCommand, edit_text
        from govdesk.ui.volunteers.volunteer_dialogs import EditDialog

        vid = self.current_volunteer_id()
        if vid is None:
            return False
        dialog = EditDialog(self.db, vid, self)
        if not run_dialog(dialog):
            return False
        self.list_page.refresh(vid)
        if dialog.before != dialog.after:
            self.undo_stack.push(
                EditVolunteerCommand(
                    self.db,
                    vid,
                    before=dialog.before,
                    after=dialog.after,
                    text=edit_text(dialog.number, dialog.shown_name),
                    on_change=lambda: self.list_page.refresh(vid),
                    parent_widget=self,
                )
            )
        return True

    def do_status(self) -> bool:
        from govdesk.ui.volunteers.volunteer_dialogs import StatusDialog

        return self._selected_dialog(StatusDialog)

    def do_adjust(self) -> bool:
        from govdesk.ui.volunteers.activity_dialogs import AdjustDialog

        detail = self.panel.detail
        if detail is None:
            return False
        adjusts = None
        chosen = self.panel.selected_entry_ids()
        if chosen:
            item = self.panel.ledger.selectedItems()[0]
            adjusts = (chosen[0], f"{item.text(0)} {item.text(1)} {item.text(2)}")
        who = f"{detail.number} {detail.name}"
        if not run_dialog(AdjustDialog(self.db, detail.id, who, self, adjusts=adjusts)):
            return False
        self.list_page.refresh(detail.id)
        return True

    def do_remove_pending(self) -> bool:
        """Lines recorded by mistake, before anyone confirmed them; confirmed ones never go."""
        from govdesk.services import volunteer_hours
        from govdesk.ui.volunteers.common import ask

        detail = self.panel.detail
        chosen = self.panel.selected_entry_ids()
        if detail is None or not chosen:
            self.panel.hours.setText(self.tr("请先在时长明细中选中待确认的记录。"))
            return False
        question = self.tr("删除所选的%1条待确认时长记录？").replace("%1", str(len(chosen)))
        if not ask(self, self.tr("删除待确认时长"), question):
            return False
        with self.db.session() as s:
            for entry_id in chosen:
                volunteer_hours.remove_pending(s, entry_id)
        self.list_page.refresh(detail.id)
        return True

    def do_teams(self) -> bool:
        from govdesk.ui.volunteers.team_dialogs import TeamsDialog

        dialog = TeamsDialog(self.db, self)
        run_dialog(dialog)
        if dialog.changed:
            self.list_page.reload_choices()
            self.list_page.refresh()
        return dialog.changed

    def do_stars(self) -> bool:
        from govdesk.ui.volunteers.stars_dialog import StarsDialog

        dialog = StarsDialog(self.db, self)
        if not run_dialog(dialog):
            return False
        self.list_page.refresh()
        return True

    def do_skills(self) -> bool:
        from govdesk.ui.volunteers.skills_dialog import SkillsDialog

        if not run_dialog(SkillsDialog(self.db, self)):
            return False
        self.list_page.reload_choices()
        self.list_page.refresh()
        return True

    def do_columns(self) -> bool:
        """导出列设置: the columns 导出时长 writes, for the volunteer platform's template."""
        from govdesk.ui.volunteers.columns_dialog import ExportColumnsDialog

        return bool(run_dialog(ExportColumnsDialog(self.db, self)))

    # -- printing --------------------------------------------------------------------------
    def print_form(self, form: str):
        from govdesk.ui.volunteers import printing

        self.last_preview = None  # set to the preview once the PDF is made
        self.last_operation = printing.preview(self, form)
        return self.last_operation
