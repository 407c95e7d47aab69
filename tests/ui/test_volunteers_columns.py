"""导出列 in the 志愿服务 tab: the administrator chooses and orders the export's columns."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from govdesk.domain.permissions import Role
from govdesk.services import volunteer_export
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.columns_dialog import ExportColumnsDialog
from tests.ui.test_volunteers_tab import _tab, people  # noqa: F401 - the fixture


def _tick(dialog, code, on=True):
    for i in range(dialog.list.count()):
        item = dialog.list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            return i
    raise AssertionError(code)


def test_columns_chosen_and_ordered_in_the_dialog_shape_the_export(qtbot, db, people, tmp_path):  # noqa: F811
    tab = _tab(qtbot, db)
    assert "columns" in tab.tool_actions

    def choose(dialog):
        assert isinstance(dialog, ExportColumnsDialog)
        assert dialog.chosen() == list(volunteer_export.DEFAULT_COLUMNS)
        for code in volunteer_export.DEFAULT_COLUMNS:
            _tick(dialog, code, False)
        _tick(dialog, "name")
        row = _tick(dialog, "hours")
        dialog.list.setCurrentRow(row)
        for _ in range(row):
            dialog.move(-1)  # 服务时长 first
        assert dialog.chosen() == ["hours", "name"]
        assert dialog.save()

    with common.driven(choose):
        assert tab.run_action("columns")
    assert volunteer_export.export_columns(db) == ["hours", "name"]
    out = tmp_path / "h.xlsx"
    written = volunteer_export.export_hours(
        db, start=dt.date(2000, 1, 1), end=dt.date.today(), out=out
    )
    assert written == 2
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["服务时长（小时）", "姓名"]

    def nothing(dialog):
        for i in range(dialog.list.count()):
            dialog.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        assert not dialog.save()  # at least one column: the message shows, nothing stored
        assert dialog.error.text()
        dialog.reject()

    with common.driven(nothing):
        assert not tab.run_action("columns")
    assert volunteer_export.export_columns(db) == ["hours", "name"]


def test_only_the_administrator_sets_columns(qtbot, db, people):  # noqa: F811
    tab = _tab(qtbot, db, Role.VOLUNTEERS)
    assert "columns" not in tab.tool_actions
