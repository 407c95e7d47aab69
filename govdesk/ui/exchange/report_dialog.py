"""The import report as a clerk reads it: the outcome in a line, the details below, and 保存报告…."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govdesk.ui.ops import show_error

_COLOURS = {"applied": "#1b5e20", "nothing_new": "#0d47a1", "refused": "#b00020"}


def outcome_text(report: Any) -> str:
    outcome = getattr(report, "outcome", "")
    name = getattr(report, "file_name", "")
    if outcome == "refused":
        return QCoreApplication.translate(
            "ExchangeReport", "已拒绝数据包“%1”，数据没有任何改变。"
        ).replace("%1", name)
    if outcome == "nothing_new":
        return QCoreApplication.translate(
            "ExchangeReport", "数据包“%1”没有新内容（已导入过），数据没有改变。"
        ).replace("%1", name)
    conflicts = int(getattr(report, "conflicts", 0) or 0)
    text = QCoreApplication.translate("ExchangeReport", "已导入数据包“%1”。").replace("%1", name)
    if conflicts:
        text += QCoreApplication.translate(
            "ExchangeReport", "其中 %1 条记录有冲突，请在“数据交换 → 处理冲突”中逐项确认。"
        ).replace("%1", str(conflicts))
    return text


class ReportDialog(QDialog):
    """One ImportReport: what happened, the report text, and saving it as a text file."""

    def __init__(self, report: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("importReportDialog")
        self.setWindowTitle(self.tr("数据包导入报告"))
        self.resize(640, 480)
        self.report = report
        self.changed = False

        self.headline = QLabel(outcome_text(report))
        self.headline.setObjectName("importOutcome")
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.headline.setFont(font)
        colour = _COLOURS.get(getattr(report, "outcome", ""), "")
        if colour:
            self.headline.setStyleSheet(f"color: {colour}")

        self.body = QPlainTextEdit(report.text())
        self.body.setObjectName("importReportText")
        self.body.setReadOnly(True)

        self.save_button = QPushButton(self.tr("保存报告(&S)…"))
        self.save_button.setObjectName("saveImportReport")
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.clicked.connect(lambda: self.save_to())
        close = QPushButton(self.tr("关闭"))
        close.setObjectName("closeImportReport")
        close.setDefault(True)
        close.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.body, 1)
        self.conflicts_button = QPushButton(self.tr("处理冲突(&C)…"))
        self.conflicts_button.setObjectName("reportConflicts")
        self.conflicts_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.conflicts_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)

    def offer_conflicts(self, open_conflicts: Callable[[], object]) -> None:
        """A button to the conflict list, for a report that found conflicts."""
        self.conflicts_button.clicked.connect(lambda: (self.accept(), open_conflicts()))
        self.conflicts_button.show()

    def save_to(self, path: Path | None = None) -> Path | None:
        """Save the report as a UTF-8 text file at `path` or where the clerk chooses."""
        if path is None:
            stem = Path(getattr(self.report, "file_name", "") or "report").stem
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("保存报告"),
                str(Path.home() / f"{stem}-导入报告.txt"),
                self.tr("文本文件 (*.txt);;所有文件 (*)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            saved = Path(self.report.save(path))
        except OSError as exc:
            show_error(self, self.tr("保存报告"), exc)
            return None
        self.changed = True
        self.save_button.setText(self.tr("已保存：%1").replace("%1", saved.name))
        return saved
