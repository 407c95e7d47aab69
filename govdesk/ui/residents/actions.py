"""What the tab's buttons and menu items do: open dialogs, run long work, refresh the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QWidget

from govdesk.ui.ops import notify

if TYPE_CHECKING:
    from govdesk.ui.residents.view import ResidentsTab


def _show(tab: ResidentsTab, dlg: QDialog) -> QDialog:
    # open(), not exec(): window-modal without a nested event loop, so the tab (and the
    # tests that drive it) keep running; the tab remembers the dialog it opened last.
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    tab.active_dialog = dlg
    dlg.open()
    return dlg


def _person_dialog(tab: ResidentsTab, person_id: str | None, parent: QWidget) -> QDialog:
    from govdesk.ui.residents.person_dialog import PersonDialog

    dlg = PersonDialog(
        tab.db, person_id, parent, undo_stack=tab.undo_stack, on_change=tab.data_changed
    )
    dlg.open_person_requested.connect(lambda pid: _show(tab, _person_dialog(tab, pid, dlg)))
    dlg.print_requested.connect(lambda pid: _preview_person(dlg, tab, pid))
    return dlg


def _preview_person(parent: QWidget, tab: ResidentsTab, person_id: str) -> None:
    from govdesk.ui.print_preview import preview_person

    preview_person(parent, tab.db, person_id)


def add_person(tab: ResidentsTab) -> QDialog:
    return _show(tab, _person_dialog(tab, None, tab))


def open_person(tab: ResidentsTab, person_id: str) -> QDialog:
    return _show(tab, _person_dialog(tab, person_id, tab))


def open_household(tab: ResidentsTab, person_id: str | None) -> QDialog:
    from govdesk.ui.residents.household_dialog import HouseholdDialog

    dlg = HouseholdDialog(
        tab.db, person_id, tab, on_change=tab.data_changed, undo_stack=tab.undo_stack
    )
    dlg.open_person_requested.connect(lambda pid: _show(tab, _person_dialog(tab, pid, dlg)))
    dlg.print_requested.connect(lambda hid: _preview_household(tab, hid))
    return _show(tab, dlg)


def edit_household(tab: ResidentsTab, person_id: str | None) -> QDialog | None:
    """修改户信息 of the selected person's household, straight from the list."""
    from govdesk.services import registry
    from govdesk.ui.residents.household_tools import EditHouseholdDialog, edit_command

    title = QCoreApplication.translate("ResidentsTab", "修改户信息")
    if not person_id:
        notify(tab, title, QCoreApplication.translate("ResidentsTab", "请先在列表中选中一位居民。"))
        return None
    with tab.db.session() as s:
        household_id = registry.get_person(s, person_id=person_id).household_id
    if household_id is None:
        notify(
            tab,
            title,
            QCoreApplication.translate(
                "ResidentsTab", "该居民尚未入户：请在“户信息”中先为其入户或新建户。"
            ),
        )
        return None
    dlg = EditHouseholdDialog(tab.db, household_id, tab)

    def saved() -> None:
        if dlg.saved is None:
            return
        command = edit_command(
            tab.db, dlg.saved, person_id=person_id, on_change=tab.data_changed, parent_widget=tab
        )
        if command is not None:
            tab.undo_stack.push(command)
        tab.data_changed(person_id)

    dlg.accepted.connect(saved)
    return _show(tab, dlg)


def _preview_household(tab: ResidentsTab, household_id: str) -> None:
    from govdesk.ui.print_preview import preview_household

    preview_household(tab, tab.db, household_id)


def change_status(tab: ResidentsTab, person_id: str) -> QDialog:
    from govdesk.ui.residents.status_dialog import StatusDialog

    return _show(
        tab,
        StatusDialog(tab.db, person_id, tab, undo_stack=tab.undo_stack, on_change=tab.data_changed),
    )


def import_file(tab: ResidentsTab) -> QDialog:
    from govdesk.ui.residents.import_wizard import ImportWizard

    return _show(tab, ImportWizard(tab.db, tab, on_change=tab.data_changed))


def export_file(tab: ResidentsTab) -> None:
    from govdesk.ui.residents.exporting import export_dialog

    export_dialog(tab)


def print_person(tab: ResidentsTab, person_id: str | None) -> None:
    if not person_id:
        notify(
            tab,
            QCoreApplication.translate("ResidentsTab", "打印登记表"),
            QCoreApplication.translate("ResidentsTab", "请先在列表中选中一位居民。"),
        )
        return
    from govdesk.ui.print_preview import preview_person

    preview_person(tab, tab.db, person_id)


def print_household(tab: ResidentsTab, person_id: str | None) -> None:
    if not person_id:
        notify(
            tab,
            QCoreApplication.translate("ResidentsTab", "打印户信息表"),
            QCoreApplication.translate("ResidentsTab", "请先在列表中选中一位居民。"),
        )
        return
    from govdesk.ui.print_preview import preview_household_of

    preview_household_of(tab, tab.db, person_id)
