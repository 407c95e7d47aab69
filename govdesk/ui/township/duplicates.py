"""跨社区重复登记: one ID number on two offices' registers, and the township's decision on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services import township_duplicates as dups
from govdesk.store.database import Database
from govdesk.ui.dialog_driver import run_dialog
from govdesk.ui.ops import show_error
from govdesk.ui.township.tables import RowsModel, fit_columns, make_table


def _when(value) -> str:  # noqa: ANN001 - aware datetime or None
    return value.astimezone().strftime("%Y-%m-%d") if value else ""


class SettleDialog(QDialog):
    """Which office keeps the person, and a note for the offices; saved by dups.settle."""

    def __init__(self, db: Database, duplicate: dups.Duplicate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("townshipSettleDialog")
        self.setWindowTitle(self.tr("处理跨社区重复登记"))
        self.db = db
        self.duplicate = duplicate
        self.keep = QComboBox(self)
        self.keep.setObjectName("townshipSettleKeep")
        self.keep.addItem(self.tr("暂不决定（只记录意见）"), "")
        for e in duplicate.entries:
            self.keep.addItem(f"{e.office_name}（{e.office_code}）", e.office_code)
        if duplicate.keep_office:
            self.keep.setCurrentIndex(max(self.keep.findData(duplicate.keep_office), 0))
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("townshipSettleNote")
        self.note.setPlaceholderText(self.tr("例如：已迁入和平村，请幸福社区办理迁出登记"))
        self.note.setPlainText(duplicate.note)
        who = "<br>".join(
            f"{e.office_name}：{e.name}，{e.status}，{self.tr('登记于')} {_when(e.registered_at)}"
            for e in duplicate.entries
        )
        form = QFormLayout()
        form.addRow(self.tr("公民身份号码："), QLabel(duplicate.shown_id))
        form.addRow(self.tr("登记情况："), QLabel(who))
        form.addRow(self.tr("保留登记的单位(&K)："), self.keep)
        form.addRow(self.tr("处理意见(&N)："), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr("乡镇不直接修改社区的登记；保存的意见供各社区据此办理迁出或注销。"), self
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.error: BaseException | None = None

    def save(self) -> None:
        try:
            dups.settle(
                self.db,
                self.duplicate.id_number,
                str(self.keep.currentData() or ""),
                self.note.toPlainText(),
            )
        except Exception as exc:  # noqa: BLE001 - a message, never a crash dialog
            self.error = exc
            show_error(self, self.windowTitle(), exc)
            return
        self.accept()


class TownshipDuplicatesTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.found: list[dups.Duplicate] = []
        self.may_settle = authz.can(db, Permission.RESIDENT_EDIT) and not db.read_only
        self.summary = QLabel(self)
        self.summary.setObjectName("townshipDuplicateSummary")
        self.settle_button = QPushButton(self.tr("处理(&S)…"), self)
        self.settle_button.setObjectName("townshipSettleButton")
        self.settle_button.clicked.connect(self.settle_selected)
        self.settle_button.setVisible(self.may_settle)
        self.reveal_button = QPushButton(self.tr("显示完整号码"), self)
        self.reveal_button.setObjectName("townshipRevealButton")
        self.reveal_button.setToolTip(self.tr("显示所选人员的完整公民身份号码（记入审计日志）"))
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.reveal_button.setVisible(
            authz.can(db, Permission.IDENTITY_REVEAL) and not db.read_only
        )
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.reveal_button)
        bar.addWidget(self.settle_button)
        self.model = RowsModel(
            [
                self.tr("公民身份号码"),
                self.tr("姓名"),
                self.tr("登记单位"),
                self.tr("登记日期"),
                self.tr("最近修改"),
                self.tr("状态"),
                self.tr("处理结果"),
                self.tr("处理意见"),
            ],
            self,
        )
        self.table = make_table(self.model, self, "townshipDuplicateTable")
        fit_columns(
            self.table,
            (
                "110105********002X",
                "欧阳秀英",
                "幸福社区居民委员会、和平村村民委员会　",
                "0000-00-00 / 0000-00-00",
                "0000-00-00 / 0000-00-00",
                "在册",
                "保留：和平村村民委员会",
            ),
        )
        self.table.doubleClicked.connect(lambda _i: self.settle_selected())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.settle_selected)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.found = dups.duplicates(self.db)
        names = {e.office_code: e.office_name for d in self.found for e in d.entries}
        rows = []
        for d in self.found:
            if d.settled:
                result = (
                    self.tr("保留：%1").replace("%1", names.get(d.keep_office, d.keep_office))
                    if d.keep_office
                    else self.tr("已记录意见")
                )
            else:
                result = self.tr("待处理")
            rows.append(
                [
                    d.shown_id,
                    d.names,
                    "、".join(e.office_name for e in d.entries),
                    " / ".join(_when(e.registered_at) for e in d.entries),
                    " / ".join(_when(e.updated_at) for e in d.entries),
                    "、".join(dict.fromkeys(e.status for e in d.entries)),
                    result,
                    d.note,
                ]
            )
        self.model.set_rows(rows, keys=[d.id_number for d in self.found])
        open_count = sum(1 for d in self.found if not d.settled)
        self.summary.setText(
            self.tr("同一身份证号在两个单位同时在册：%1 人，其中待处理 %2 人")
            .replace("%1", str(len(self.found)))
            .replace("%2", str(open_count))
        )
        self.settle_button.setEnabled(bool(self.found))
        if self.found and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def reveal_selected(self) -> str | None:
        """The selected row's full ID number in its cell (audited), until the list reloads."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        try:
            full = dups.reveal(self.db, self.found[row])
        except Exception as exc:  # noqa: BLE001 - a message, never a crash dialog
            show_error(self, self.tr("显示完整号码"), exc)
            return None
        self.model.rows[row][0] = full
        index = self.model.index(row, 0)
        self.model.dataChanged.emit(index, index)
        return full

    def selected(self) -> dups.Duplicate | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.found[rows[0].row()]

    def settle_dialog(self) -> SettleDialog | None:
        duplicate = self.selected()
        if duplicate is None or not self.may_settle:
            return None
        return SettleDialog(self.db, duplicate, self)

    def settle_selected(self) -> None:
        dialog = self.settle_dialog()
        if dialog is not None and run_dialog(dialog):
            self.refresh()
