"""处理冲突 in a township window: the office PC and a laptop copy changed one person; the clerk
sees the versions field by field, picks values, and the merge clears the conflict."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from govdesk.exchange import conflicts
from govdesk.ui.dialog_driver import driven
from govdesk.ui.exchange.conflicts_dialog import CHOSEN, DIFFERS, ConflictsDialog
from tests.ui.exchange_helpers import (
    OFFICE_CODE,
    deletion_conflict,
    laptop_conflict,
    window_for,
)


@pytest.fixture
def conflict(tmp_path: Path, monkeypatch):
    pair, person = laptop_conflict(tmp_path, monkeypatch)
    yield pair, person
    pair.close()


def _row(dialog: ConflictsDialog, heading: str) -> int:
    for r in range(dialog.fields.rowCount()):
        if dialog.fields.verticalHeaderItem(r).text() == heading:
            return r
    raise AssertionError(f"no row {heading}")


def _person(db, person_id):
    with db.connect() as conn:
        return tuple(
            conn.exec_driver_sql(
                "SELECT name, phone FROM resident WHERE id = ?", (person_id,)
            ).one()
        )


def test_the_versions_side_by_side_and_a_merge(shell, qtbot, conflict):
    pair, person = conflict
    dialog = ConflictsDialog(pair.township)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.rowCount() == 1
    assert dialog.list.item(0, 0).text() == "居民"
    assert dialog.count_label.text() == "待处理冲突 1 条"
    assert dialog.office_filter.count() == 2  # 全部单位 and the office
    assert dialog.office_filter.itemData(1) == OFFICE_CODE

    # One column per version, the provisional winner first and marked.
    assert dialog.fields.columnCount() == 2
    assert "暂定" in dialog.fields.horizontalHeaderItem(0).text()
    assert "暂定" not in dialog.fields.horizontalHeaderItem(1).text()
    phone = _row(dialog, "联系电话")
    phones = {dialog.fields.item(phone, c).text().removeprefix("✔ ") for c in (0, 1)}
    assert phones == {"13911110000", "13922220000"}
    # Only the differing fields are listed, highlighted; the winner's value chosen at first.
    assert dialog.fields.rowCount() == 2
    assert dialog.fields.item(phone, 0).background().color() == QColor(CHOSEN)
    assert dialog.fields.item(phone, 1).background().color() == QColor(DIFFERS)
    dialog.only_differences.setChecked(False)
    assert dialog.fields.rowCount() > 2
    dialog.only_differences.setChecked(True)

    # Keep the other version's phone and the winner's name.
    other_phone = dialog.fields.item(_row(dialog, "联系电话"), 1).text()
    kept_name = dialog.fields.item(_row(dialog, "姓名"), 0).text().removeprefix("✔ ")
    dialog.choose(_row(dialog, "联系电话"), 1)
    assert dialog.fields.item(_row(dialog, "联系电话"), 1).text() == f"✔ {other_phone}"
    assert dialog.choice["phone"] == 1 and dialog.choice["name"] == 0
    assert dialog.merge()
    assert _person(pair.township, person) == (kept_name, other_phone)
    assert conflicts.open_conflicts(pair.township) == []
    assert dialog.list.rowCount() == 0
    assert dialog.title.text() == "没有待处理的冲突"
    assert not dialog.merge_button.isEnabled()


def test_a_heading_click_keeps_a_whole_version(shell, qtbot, conflict):
    pair, person = conflict
    dialog = ConflictsDialog(pair.township)
    qtbot.addWidget(dialog)
    wanted = {
        heading: dialog.fields.item(_row(dialog, heading), 1).text()
        for heading in ("姓名", "联系电话")
    }
    dialog.choose_all(1)
    assert dialog.merge()
    assert _person(pair.township, person) == (wanted["姓名"], wanted["联系电话"])


def test_the_menu_opens_the_dialog_and_the_csv(shell, qtbot, conflict, tmp_path):
    pair, _person_id = conflict
    window = window_for(qtbot, pair.township)
    seen: list[int] = []
    saved: list[Path] = []

    def look(dialog: ConflictsDialog) -> None:
        seen.append(dialog.list.rowCount())
        saved.append(dialog.save_csv(tmp_path / "conflicts.csv"))

    with driven(look):
        assert window.exchange_menu.conflicts_dialog() is False  # looked, merged nothing
    assert seen == [1]
    text = saved[0].read_text(encoding="utf-8-sig")
    assert "13911110000" in text and "13922220000" in text


def test_the_menu_counts_open_conflicts(shell, qtbot, conflict):
    pair, _person_id = conflict
    window = window_for(qtbot, pair.township)
    menu = window.exchange_menu
    assert menu.refresh_conflict_count() == 1
    assert menu.conflicts_action.text() == "处理冲突(&C)（1）…"
    dialog = ConflictsDialog(pair.township)
    qtbot.addWidget(dialog)
    dialog.choose_all(0)
    assert dialog.merge()
    assert menu.refresh_conflict_count() == 0
    assert menu.conflicts_action.text() == "处理冲突(&C)…"


def _category(db, category_id):
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT name_zh FROM care_category WHERE id = ?", (category_id,)
        ).scalar()


@pytest.mark.parametrize("keep_deletion", [True, False])
def test_a_deleted_version_is_kept_whole_or_not_at_all(
    shell, qtbot, tmp_path, monkeypatch, keep_deletion
):
    pair, category_id = deletion_conflict(tmp_path, monkeypatch)
    try:
        dialog = ConflictsDialog(pair.township)
        qtbot.addWidget(dialog)
        heads = dialog.detail.heads
        assert sorted(h.deleted for h in heads) == [False, True]
        gone = next(i for i, h in enumerate(heads) if h.deleted)
        live = 1 - gone
        assert "已删除" in dialog.fields.horizontalHeaderItem(gone).text()
        name_row = _row(dialog, "中文名称")
        if keep_deletion:
            dialog.choose(name_row, gone)  # one cell of the deletion picks all of it
            assert dialog.record == gone
            assert all(dialog.effective(f.column) == gone for f in dialog.detail.fields)
        else:
            dialog.choose(name_row, live)
            assert dialog.record == live
        assert dialog.merge()
        expected = None if keep_deletion else "改过的类别"
        assert _category(pair.township, category_id) == expected
        assert conflicts.open_conflicts(pair.township) == []
    finally:
        pair.close()
