"""The resident tab driven by keyboard: search, open with Enter, edit, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTableView

from govdesk.services import registry
from govdesk.ui.residents.view import ResidentsTab
from tests.ui.residents_helpers import add_person, make_id, type_text

ZHANG_ID = make_id("19850612", 17)


def _names(tab: ResidentsTab) -> list[str]:
    m = tab.model
    return [m.data(m.index(r, m.columns.index("name"))) for r in range(m.rowCount())]


def _cell(tab: ResidentsTab, row: int, column: str) -> str:
    return tab.model.data(tab.model.index(row, tab.model.columns.index(column)))


def _tab(qtbot, db) -> ResidentsTab:
    add_person(db, "张三", id_number=ZHANG_ID, phone="13912345678")
    add_person(db, "张珊珊", id_number=make_id("19900101", 22), phone="13700001111")
    add_person(db, "李四", id_number=make_id("19700303", 31), current_address="幸福路12号楼")
    add_person(db, "王五", id_number=make_id("19600404", 42))
    tab = ResidentsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    tab.activateWindow()
    qtbot.waitExposed(tab)
    return tab


def test_object_names_and_contract(qtbot, db):
    tab = _tab(qtbot, db)
    assert tab.objectName() == "residentsTab"
    assert isinstance(tab.findChild(QLineEdit, "residentSearch"), QLineEdit)
    assert isinstance(tab.findChild(QTableView, "residentTable"), QTableView)
    texts = {k: [a.text() for a in v] for k, v in tab.menu_actions().items()}
    assert texts["file"][:4] == ["导入…", "导出…", "打印登记表…", "打印户信息表…"]
    assert "新增居民" in texts["edit"] and "查找" in texts["edit"]
    assert tab.count_label.text() == "共 4 人"


def test_search_by_name_initials_and_id_tail(qtbot, db):
    tab = _tab(qtbot, db)
    search = tab.findChild(QLineEdit, "residentSearch")
    type_text(qtbot, search, "张")
    assert sorted(_names(tab)) == ["张三", "张珊珊"]
    search.clear()
    qtbot.keyClicks(search, "zs")
    assert sorted(_names(tab)) == ["张三", "张珊珊"]
    qtbot.keyClicks(search, "s")
    assert _names(tab) == ["张珊珊"]
    search.clear()
    qtbot.keyClicks(search, ZHANG_ID[-4:])
    assert _names(tab) == ["张三"]
    assert tab.count_label.text() == "共 1 人"
    search.clear()
    type_text(qtbot, search, "幸福路")
    assert _names(tab) == ["李四"]
    search.clear()
    qtbot.keyClicks(search, "zhangsan")
    assert _names(tab)[0] == "张三"


def test_status_filter_hides_moved_out_until_all(qtbot, db):
    tab = _tab(qtbot, db)
    import datetime as dt

    with db.session() as s:
        wang = registry.find_by_id_number(s, id_number=make_id("19600404", 42))
        registry.change_status(
            s, person_id=wang.id, new_status="moved_out", date=dt.date.today(), reason="迁往外省"
        )
    tab.data_changed()
    assert "王五" not in _names(tab)
    tab.status_combo.setCurrentIndex(tab.status_combo.findData(None))
    assert "王五" in _names(tab)
    assert tab.count_label.text() == "共 4 人"


def test_open_with_enter_fix_phone_save_and_undo(qtbot, db):
    tab = _tab(qtbot, db)
    search = tab.findChild(QLineEdit, "residentSearch")
    qtbot.keyClicks(search, ZHANG_ID[-6:])
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert tab.focusWidget() is tab.table
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    dlg = tab.active_dialog
    assert dlg is not None and dlg.objectName() == "personDialog"
    phone = dlg.form.widgets["phone"]
    # Masked until revealed (audited); the full number is what undo goes back to.
    assert phone.text() == "139****5678"
    qtbot.mouseClick(dlg.form.reveal_buttons["phone"], Qt.MouseButton.LeftButton)
    assert phone.text() == "13912345678"
    phone.clear()
    qtbot.keyClicks(phone, "13598765432")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert _cell(tab, 0, "phone") == "135****5432"
    with db.session() as s:
        assert registry.find_by_id_number(s, id_number=ZHANG_ID).phone == "13598765432"
    assert tab.undo_stack.count() == 1
    tab.undo_action.trigger()
    with db.session() as s:
        assert registry.find_by_id_number(s, id_number=ZHANG_ID).phone == "13912345678"
    assert _cell(tab, 0, "phone") == "139****5678"
    tab.redo_action.trigger()
    with db.session() as s:
        assert registry.find_by_id_number(s, id_number=ZHANG_ID).phone == "13598765432"


def test_escape_closes_the_person_dialog(qtbot, db):
    tab = _tab(qtbot, db)
    tab.table.selectRow(0)
    tab.open_selected()
    dlg = tab.active_dialog
    assert dlg.isVisible()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_add_person_then_undo_marks_it_deregistered(qtbot, db):
    tab = _tab(qtbot, db)
    counted: list[int] = []
    tab.counts_changed.connect(lambda: counted.append(1))
    tab.add_action.trigger()
    dlg = tab.active_dialog
    type_text(qtbot, dlg.form.widgets["name"], "赵六")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "赵六" in _names(tab)
    assert tab.selected_person_id() == dlg.person_id  # the new person is selected
    assert counted
    tab.undo_action.trigger()
    assert "赵六" not in _names(tab)
    with db.session() as s:
        history = registry.status_history(s, person_id=dlg.person_id)
    assert [h.reason for h in history] == ["撤销新增"]


def test_ctrl_f_focuses_the_search_box(qtbot, db):
    tab = _tab(qtbot, db)
    tab.table.setFocus()
    tab.find_action.trigger()
    assert tab.focusWidget() is tab.search


def test_sorting_by_name_happens_in_sql(qtbot, db):
    tab = _tab(qtbot, db)
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _names(tab) == ["张珊珊", "张三", "王五", "李四"]
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert _names(tab) == ["李四", "王五", "张三", "张珊珊"]


def test_print_preview_of_the_selected_person(qtbot, db, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from govdesk.ui import print_preview

    tab = _tab(qtbot, db)
    qtbot.keyClicks(tab.search, ZHANG_ID[-4:])
    tab.table.selectRow(0)
    preview = print_preview.preview_person(tab, db, tab.selected_person_id())
    qtbot.addWidget(preview.dialog)
    assert preview.dialog.isVisible()
    assert preview.save_action.text() == "保存为PDF…"
    copy = tmp_path / "copy.pdf"
    preview.save_copy(copy)
    text = PdfReader(copy).pages[0].extract_text()
    assert "张三" in text and "居民信息登记表" in text.replace(" ", "")

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_preview.paint_pdf(preview.pdf, printer) == 1
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    image = print_preview.page_images(preview.pdf, 40)[0]
    assert abs(image.height() / image.width() - 297 / 210) < 0.02
    image.save(str(tmp_path / "page.png"))


def test_print_household_of_a_person_without_household_says_so(qtbot, db):
    from PySide6.QtWidgets import QMessageBox

    tab = _tab(qtbot, db)
    tab.table.selectRow(0)
    tab.print_household()
    boxes = [b for b in tab.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and "尚未入户" in boxes[0].text()


def test_export_from_the_tab_reports_the_count(qtbot, db, tmp_path):
    import openpyxl

    from govdesk.ui.residents.exporting import export_to

    pytest.importorskip("govdesk.services.residents_export")

    tab = _tab(qtbot, db)
    op = export_to(tab, tmp_path / "out.xlsx")
    qtbot.waitUntil(lambda: op.finished, timeout=20_000)
    assert tab.last_export == (tmp_path / "out.xlsx", 4)
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    names = sorted(row[0] for row in ws.iter_rows(min_row=2, values_only=True))
    assert names == ["张三", "张珊珊", "李四", "王五"]


def test_status_change_with_reason_history_and_undo(qtbot, db):
    tab = _tab(qtbot, db)
    qtbot.keyClicks(tab.search, ZHANG_ID[-4:])
    tab.table.selectRow(0)
    pid = tab.selected_person_id()
    tab.status_action.trigger()
    dlg = tab.active_dialog
    assert dlg.objectName() == "statusDialog"
    dlg.new_status.setCurrentIndex(dlg.new_status.findData("moved_out"))
    ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert "原因" in dlg.error.text()  # a reason is required; nothing changed yet
    with db.session() as s:
        assert registry.get_person(s, person_id=pid).status == "on_register"
    type_text(qtbot, dlg.reason, "迁往外省")
    ok.click()
    assert _names(tab) == []  # the list shows 在册 only
    with db.session() as s:
        assert registry.get_person(s, person_id=pid).status == "moved_out"
    tab.undo_action.trigger()
    assert _names(tab) == ["张三"]
    with db.session() as s:
        history = [(h.new_status, h.reason) for h in registry.status_history(s, person_id=pid)]
    assert history == [("moved_out", "迁往外省"), ("on_register", "撤销状态变更")]


def test_enter_in_search_opens_a_single_match_and_escape_clears(qtbot, db):
    tab = _tab(qtbot, db)
    qtbot.keyClicks(tab.search, "ww")
    assert _names(tab) == ["王五"]
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    dlg = tab.active_dialog
    assert dlg is not None and dlg.form.widgets["name"].text() == "王五"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    tab.search.setFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_Escape)
    assert tab.search.text() == ""
    assert len(_names(tab)) == 4
