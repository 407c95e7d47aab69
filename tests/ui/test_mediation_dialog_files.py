"""Attachments, screening reports and the statistics export, driven through their dialogs."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QMessageBox, QWidget
from python_calamine import CalamineWorkbook
from reportlab.pdfgen import canvas
from sqlalchemy import text

from govdesk.domain import mediation as rules
from govdesk.services import mediation, mediation_attachments, mediation_screening
from govdesk.ui.mediation import actions
from govdesk.ui.mediation.attachment_dialogs import remove_attachment, save_attachment_as
from tests.ui.test_mediation_dialogs import accepted, rows


def _today() -> dt.date:
    """Read at each use: a run that crosses midnight must not mix two days."""
    return dt.date.today()


def tiny_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "signed agreement")
    c.showPage()
    c.save()
    return path


def tiny_png(path: Path) -> Path:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(path), "PNG")
    return path


# -- attachments -----------------------------------------------------------------------------


def test_add_a_scanned_pdf_and_save_it_back(qtbot, db, tmp_path):
    case_id = accepted(db)
    pdf = tiny_pdf(tmp_path / "协议书扫描.pdf")
    dlg = actions.make_dialog("add_attachment", None, db, case_id)
    qtbot.addWidget(dlg)
    assert [dlg.kind.itemData(i) for i in range(dlg.kind.count())] == [
        c.code for c in rules.ATTACHMENT_KINDS
    ]
    dlg.file.setText(str(pdf))
    dlg.kind.setCurrentIndex(dlg.kind.findData("agreement"))
    assert dlg.save()
    with db.session() as s:
        (a,) = mediation_attachments.attachments(s, case_id)
        assert (a.kind, a.file_name, a.media_type) == (
            "agreement",
            "协议书扫描.pdf",
            "application/pdf",
        )
        assert a.title == rules.ATTACHMENT_KINDS.zh("agreement")
        assert a.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    out = save_attachment_as(None, db, dlg.attachment_id, tmp_path / "copy.pdf")
    assert out is not None and out.read_bytes() == pdf.read_bytes()


def test_a_file_that_is_neither_pdf_nor_image_is_refused(qtbot, db, tmp_path):
    case_id = accepted(db)
    fake = tmp_path / "看起来像图片.png"
    fake.write_text("这不是图片", encoding="utf-8")
    dlg = actions.make_dialog("add_attachment", None, db, case_id)
    qtbot.addWidget(dlg)
    assert not dlg.save()
    assert "请选择" in dlg.error.text()
    dlg.file.setText(str(fake))
    assert not dlg.save()
    assert "看起来像图片.png" in dlg.error.text()
    dlg.file.setText(str(tmp_path / "不存在.pdf"))
    assert not dlg.save()
    assert "找不到文件" in dlg.error.text()
    assert rows(db, "mediation_attachment") == 0 and rows(db, "attachment_content") == 0


def test_remove_an_attachment_without_asking_again(qtbot, db, tmp_path):
    case_id = accepted(db)
    dlg = actions.make_dialog("add_attachment", None, db, case_id)
    qtbot.addWidget(dlg)
    dlg.file.setText(str(tiny_png(tmp_path / "现场.png")))
    dlg.kind.setCurrentIndex(dlg.kind.findData("photo"))
    dlg.title.setText("漏水现场照片")
    assert dlg.save()
    with db.session() as s:
        (a,) = mediation_attachments.attachments(s, case_id)
        assert (a.title, a.media_type) == ("漏水现场照片", "image/png")
    assert remove_attachment(None, db, dlg.attachment_id, ask=False)
    assert rows(db, "mediation_attachment") == 0 and rows(db, "attachment_content") == 0


# -- screening -------------------------------------------------------------------------------


def test_zero_report_disables_findings_and_is_filed(qtbot, db):
    dlg = actions.make_dialog("screening", None, db, None)
    qtbot.addWidget(dlg)
    dlg.round.setCurrentIndex(dlg.round.findData("monthly"))
    # Nothing was ever filed: last month, the newest one that has ended, is chosen.
    chosen = dlg.period.currentData()
    assert "（未报）" in dlg.period.currentText()
    assert chosen == (_today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    assert "（本期）" in dlg.period.itemText(0)  # this month, still running, heads the list
    dlg.zero.setChecked(True)
    assert not dlg.findings.isEnabled() and not dlg.disputes.isEnabled()
    assert dlg.save()
    with db.session() as s:
        (report,) = mediation_screening.reports(s)
        assert (report.round, report.period_start, report.zero_report) == ("monthly", chosen, True)
        assert report.disputes_found == 0 and report.findings == ""
        assert report.reporter == "admin" and report.reported_on == _today()


def test_a_report_with_findings_and_a_refusal_without(qtbot, db):
    dlg = actions.make_dialog("screening", None, db, None)
    qtbot.addWidget(dlg)
    dlg.round.setCurrentIndex(dlg.round.findData("weekly"))
    assert not dlg.save()
    assert "零报告" in dlg.error.text()
    assert rows(db, "screening_report") == 0
    dlg.disputes.setValue(2)
    dlg.findings.setPlainText("排查出邻里噪音纠纷两件")
    dlg.measures.setPlainText("已约谈双方")
    start = dlg.period.currentData()
    assert dlg.save()
    with db.session() as s:
        (report,) = mediation_screening.reports(s, round="weekly")
        assert report.period_start == start and report.disputes_found == 2
        assert report.findings == "排查出邻里噪音纠纷两件" and not report.zero_report
    # The filed week is no longer offered; the table says it was reported, the older
    # weeks that ended without a report are marked missing.
    again = actions.make_dialog("screening", None, db, None)
    qtbot.addWidget(again)
    again.round.setCurrentIndex(again.round.findData("weekly"))
    assert start not in [again.period.itemData(i) for i in range(again.period.count())]
    table = again.history
    statuses = {
        table.item(r, 0).text().split(" — ")[0]: table.item(r, 1).data(Qt.ItemDataRole.UserRole)
        for r in range(table.rowCount())
    }
    assert statuses[start.isoformat()] == "filed"
    assert statuses[(start - dt.timedelta(days=7)).isoformat()] == "missing"
    assert table.item(0, 1).text() == "本期进行中"


# -- statistics ------------------------------------------------------------------------------


def test_stats_export_writes_the_workbook_in_the_background(qtbot, db, tmp_path):
    case_id = accepted(db)
    with db.session() as s:
        year = mediation.get_case(s, case_id).accepted_on.year
    dlg = actions.make_dialog("stats", None, db, None)
    qtbot.addWidget(dlg)
    dlg.year.setValue(year)
    assert dlg.file.text().endswith(f"人民调解统计_{year}年.xlsx")
    assert dlg.summary.text().startswith("受理 1 件，调解成功 0 件")
    out = tmp_path / "统计.xlsx"
    dlg.file.setText(str(out))
    assert dlg.save()
    qtbot.waitUntil(lambda: dlg.written is not None, timeout=20_000)
    assert dlg.written == out and out.is_file()
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["汇总", "按纠纷类型", "按案件来源"]
    summary = book.get_sheet_by_name("汇总").to_python()
    total = next(r for r in summary if r and r[0] == "合计")
    assert total[1] == 1  # the one accepted case


def test_stats_export_to_a_missing_folder_is_refused(qtbot, db, tmp_path):
    dlg = actions.make_dialog("stats", None, db, None)
    qtbot.addWidget(dlg)
    dlg.file.setText(str(tmp_path / "没有这个文件夹" / "统计.xlsx"))
    assert not dlg.save()
    assert "不存在" in dlg.error.text()
    assert dlg.operation is None


def test_a_damaged_attachment_is_reported_and_not_saved(qtbot, db, tmp_path):
    case_id = accepted(db)
    dlg = actions.make_dialog("add_attachment", None, db, case_id)
    qtbot.addWidget(dlg)
    dlg.file.setText(str(tiny_pdf(tmp_path / "证据.pdf")))
    dlg.kind.setCurrentIndex(dlg.kind.findData("evidence"))
    assert dlg.save()
    # A disk fault flips the stored bytes; the digest no longer matches.
    with db.begin() as conn:
        conn.execute(text("UPDATE attachment_content SET data = :d"), {"d": b"%PDF-1.4 broken"})
    host = QWidget()
    qtbot.addWidget(host)
    out = tmp_path / "copy.pdf"
    assert save_attachment_as(host, db, dlg.attachment_id, out) is None
    assert not out.exists()
    box = host.findChild(QMessageBox, "notifyBox")
    assert box is not None and "证据.pdf" in box.text()


def test_add_for_a_checklist_row_starts_with_its_kind(qtbot, db, tmp_path):
    from govdesk.ui.mediation.attachment_dialogs import add_attachment

    case_id = accepted(db)
    host = QWidget()
    qtbot.addWidget(host)
    seen: list[str] = []

    def driver(dlg) -> None:
        seen.append(dlg.kind.currentData())
        dlg.file.setText(str(tiny_png(tmp_path / "身份证.png")))
        dlg.save()

    with actions.driven(driver):
        assert add_attachment(host, db, case_id, kind="id_proof")
    assert seen == ["id_proof"]
    with db.session() as s:
        (a,) = mediation_attachments.attachments(s, case_id)
        assert a.kind == "id_proof"
        rows_ = {r.number: r for r in mediation_attachments.case_file_checklist(s, case_id)}
        assert rows_[3].status == "scanned" and rows_[3].attachment_ids == [a.id]


class _Viewer(QObject):
    """Stands in for the system's viewer through Qt's own URL handler hook."""

    def __init__(self):
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


def test_open_hands_a_copy_to_the_viewer(qtbot, db, tmp_path):
    from govdesk.ui.mediation.attachment_dialogs import open_attachment

    case_id = accepted(db)
    pdf = tiny_pdf(tmp_path / "调解协议.pdf")
    dlg = actions.make_dialog("add_attachment", None, db, case_id)
    qtbot.addWidget(dlg)
    dlg.file.setText(str(pdf))
    assert dlg.save()
    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        copy = open_attachment(None, db, dlg.attachment_id, "调解协议.pdf")
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert viewer.opened == [copy]
    assert copy.name == "调解协议.pdf" and copy.read_bytes() == pdf.read_bytes()
    assert copy.parent.parent != tmp_path
