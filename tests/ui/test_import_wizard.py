"""The import wizard end to end on a workbook the test writes: mapping, preview, import, report."""

from __future__ import annotations

import csv

import openpyxl
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import text

from govdesk.ui.residents.import_wizard import ImportWizard
from tests.ui.residents_helpers import make_id

GOOD = [
    ("张伟", "男", make_id("19800101", 11), "13800000001", "幸福路1号"),
    ("王芳", "女", make_id("19850202", 22), "13800000002", "幸福路2号"),
    ("李娜", "女", make_id("19900303", 32), "13800000003", "幸福路3号"),
]


def _bad_id() -> str:
    good = make_id("19700404", 41)
    return good[:-1] + ("0" if good[-1] != "0" else "1")


def _workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["幸福社区居民花名册"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "姓名", "性别", "身份证号", "手机号码", "现居住地址"])
    rows = [*GOOD[:2], ("赵强", "男", _bad_id(), "13800000004", "幸福路4号"), GOOD[2]]
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    wb.save(path)


def _count(db) -> int:
    with db.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM resident")).scalar_one()


def _run_to_preview(qtbot, db, path) -> ImportWizard:
    wiz = ImportWizard(db)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.file_page.path.setText(str(path))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.mapping_page, timeout=10_000)
    return wiz


def test_import_wizard_end_to_end(qtbot, db, tmp_path):
    path = tmp_path / "花名册.xlsx"
    _workbook(path)
    changed: list[str] = []
    wiz = _run_to_preview(qtbot, db, path)
    wiz.on_change = changed.append
    page = wiz.mapping_page
    assert "第 2 行" in page.header_label.text()
    assert page.current_mapping() == {
        1: "name",
        2: "sex",
        3: "id_number",
        4: "phone",
        5: "current_address",
    }
    wiz.next()
    assert wiz.currentPage() is wiz.preview_page
    assert "1 行有错误" in wiz.preview_page.summary.text()
    table = wiz.preview_page.table
    problems = [table.item(r, table.columnCount() - 1).text() for r in range(table.rowCount())]
    assert "校验位应为" in problems[2]
    assert _count(db) == 0  # the preview stores nothing

    wiz.next()
    result = wiz.result_page
    qtbot.waitUntil(lambda: result.done, timeout=20_000)
    assert result.result_label.text().startswith("成功导入 3 条，未导入 1 条")
    assert _count(db) == 3
    assert changed
    rows = [
        [result.problems.item(r, c).text() for c in range(3)]
        for r in range(result.problems.rowCount())
    ]
    assert rows[0][0] == "5" and rows[0][1] == "公民身份号码" and "校验位应为" in rows[0][2]

    report = tmp_path / "report.csv"
    assert result.save_button.isEnabled()
    result.save_report(report)
    with report.open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["row", "field", "reason"] and lines[1][0] == "5"


def test_mapping_can_be_changed_and_needs_a_name(qtbot, db, tmp_path):
    path = tmp_path / "花名册.xlsx"
    _workbook(path)
    wiz = _run_to_preview(qtbot, db, path)
    page = wiz.mapping_page
    page.set_field(1, None)
    assert not page.isComplete()
    assert "姓名" in page.problem.text()
    page.set_field(1, "name")
    page.set_field(4, None)  # do not import the phone column
    assert page.isComplete()
    wiz.next()
    wiz.next()
    qtbot.waitUntil(lambda: wiz.result_page.done, timeout=20_000)
    with db.connect() as conn:
        phones = conn.execute(
            text("SELECT count(*) FROM resident WHERE phone IS NOT NULL")
        ).scalar_one()
    assert phones == 0
    assert _count(db) == 3


def test_each_reason_on_the_result_page_shows_whole_in_its_tooltip(qtbot, db, tmp_path):
    path = tmp_path / "花名册.xlsx"
    _workbook(path)
    wiz = _run_to_preview(qtbot, db, path)
    wiz.next()
    wiz.next()
    result = wiz.result_page
    qtbot.waitUntil(lambda: result.done, timeout=20_000)
    reason = result.problems.item(0, 2)
    assert "校验位应为" in reason.text() and reason.toolTip() == reason.text()


def test_unusable_file_keeps_the_wizard_on_the_first_page(qtbot, db, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("没有表头\n1,2,3\n", encoding="utf-8")
    wiz = ImportWizard(db)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.file_page.path.setText(str(path))
    wiz.next()

    def message() -> str:
        boxes = [b for b in wiz.findChildren(QMessageBox) if b.isVisible()]
        return boxes[0].text() if boxes else ""

    qtbot.waitUntil(lambda: bool(message()), timeout=10_000)
    assert "表头" in message()
    assert wiz.currentPage() is wiz.file_page


def test_worker_reports_progress_and_can_be_cancelled(qtbot):
    import threading

    from PySide6.QtWidgets import QPushButton, QWidget

    from govdesk.services.progress import Cancelled, checkpoint
    from govdesk.ui.ops import run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    errors: list[BaseException] = []

    def work(progress, cancel):
        progress(3, 10)
        started.set()
        cancel.wait(10)
        checkpoint(cancel)
        return "never"

    op = run_with_progress(
        parent, "测试", work, lambda r: errors.append(AssertionError(r)), errors.append
    )
    qtbot.waitUntil(lambda: op.dialog.maximum() == 10 and op.dialog.value() == 3, timeout=5_000)
    op.dialog.findChild(QPushButton).click()  # 取消
    qtbot.waitUntil(lambda: op.finished, timeout=5_000)
    assert started.is_set()
    assert len(errors) == 1 and isinstance(errors[0], Cancelled)


def test_unexpected_failure_becomes_a_calm_message(qtbot):
    from PySide6.QtWidgets import QWidget

    from govdesk.ui.ops import run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[object] = []

    def work(progress, cancel):
        raise RuntimeError("disk on fire")

    op = run_with_progress(parent, "导出居民", work, done.append)
    qtbot.waitUntil(lambda: op.finished, timeout=5_000)
    boxes = [b for b in parent.findChildren(QMessageBox) if b.isVisible()]
    assert not done
    assert boxes and "操作没有完成" in boxes[0].text() and "disk on fire" in boxes[0].text()
