"""What the tab's buttons and menu items do: open dialogs, run long work, refresh the list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from govdesk.ui.residents.view import ResidentsTab


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ResidentsTab", text)


def add_person(tab: ResidentsTab) -> None:
    from govdesk.ui.residents.person_dialog import PersonDialog

    PersonDialog(tab, person_id=None).exec()


def open_person(tab: ResidentsTab, person_id: str) -> None:
    from govdesk.ui.residents.person_dialog import PersonDialog

    PersonDialog(tab, person_id=person_id).exec()


def open_household(tab: ResidentsTab, person_id: str | None) -> None:
    from govdesk.ui.residents.household_dialog import HouseholdDialog

    HouseholdDialog(tab, person_id=person_id).exec()


def change_status(tab: ResidentsTab, person_id: str) -> None:
    from govdesk.ui.residents.status_dialog import StatusDialog

    StatusDialog(tab, person_id=person_id).exec()


def import_file(tab: ResidentsTab) -> None:
    from govdesk.ui.residents.import_wizard import ImportWizard

    ImportWizard(tab).exec()


def export_file(tab: ResidentsTab) -> None:
    from govdesk.ui.residents.exporting import export_dialog

    export_dialog(tab)


def print_person(tab: ResidentsTab, person_id: str | None) -> None:
    if not person_id:
        QMessageBox.information(tab, _tr("打印登记表"), _tr("请先在列表中选中一位居民。"))
        return
    from govdesk.ui.print_preview import preview_person

    preview_person(tab, tab.db, person_id)


def print_household(tab: ResidentsTab, person_id: str | None) -> None:
    if not person_id:
        QMessageBox.information(tab, _tr("打印户信息表"), _tr("请先在列表中选中一位居民。"))
        return
    from govdesk.ui.print_preview import preview_household_of

    preview_household_of(tab, tab.db, person_id)
