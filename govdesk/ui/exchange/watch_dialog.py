"""监视共享文件夹: choose or stop the watched folder, and the list of what it imported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.ui.exchange.watcher import WatchEntry

if TYPE_CHECKING:
    from govdesk.ui.exchange.menu import ExchangeMenu

_OUTCOME_COLOURS = {"applied": "#1b5e20", "nothing_new": "#555555", "refused": "#b00020"}


class WatchDialog(QDialog):
    """The watched folder and each import done from it, newest first; double-click for the report."""

    def __init__(self, menu: ExchangeMenu, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("watchFolderDialog")
        self.setWindowTitle(self.tr("监视共享文件夹"))
        self.resize(760, 440)
        self.menu = menu
        self.watcher = menu.watcher
        self.changed = False

        intro = QLabel(
            self.tr(
                "放入这个文件夹的数据包（.gdx）会在复制完成后自动导入，每个只导入一次。"
                "下次启动程序时继续监视。"
            )
        )
        intro.setWordWrap(True)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("watchedFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(self.tr("选择文件夹(&F)…"))
        self.choose_button.setObjectName("watchChooseFolder")
        self.choose_button.clicked.connect(lambda: self.choose_folder())
        self.stop_button = QPushButton(self.tr("停止监视(&S)"))
        self.stop_button.setObjectName("watchStop")
        self.stop_button.clicked.connect(self.stop)
        self.retry_button = QPushButton(self.tr("重新导入未成功的(&R)"))
        self.retry_button.setObjectName("watchRetry")
        self.retry_button.setToolTip(
            self.tr("再导入一次已拒绝或未完成的数据包，例如刚信任了对方的密钥之后")
        )
        self.retry_button.clicked.connect(self.retry)

        headings = [self.tr("时间"), self.tr("文件"), self.tr("结果"), self.tr("说明")]
        self.table = QTableWidget(0, len(headings))
        self.table.setObjectName("watchLog")
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.cellActivated.connect(lambda row, _col: self.show_report(row))
        self.table.cellDoubleClicked.connect(lambda row, _col: self.show_report(row))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.stop_button)
        row.addWidget(self.retry_button)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("本次运行中自动导入的数据包：")))
        layout.addWidget(self.table, 1)
        layout.addWidget(close)

        self._detached = False
        self.watcher.state_changed.connect(self._show_state)
        self.watcher.entry_added.connect(self._add_entry)
        self._show_state()
        for entry in self.watcher.entries:
            self._add_entry(entry)

    def done(self, result: int) -> None:  # noqa: D102 - QDialog's
        # The watcher outlives this dialog: no more calls into a deleted table.
        if not self._detached:
            self._detached = True
            self.watcher.state_changed.disconnect(self._show_state)
            self.watcher.entry_added.disconnect(self._add_entry)
        super().done(result)

    def _show_state(self) -> None:
        folder = self.watcher.folder
        if folder is None:
            self.folder_label.setText(self.tr("未监视任何文件夹"))
        else:
            self.folder_label.setText(self.tr("正在监视：%1").replace("%1", str(folder)))
        self.stop_button.setEnabled(folder is not None)
        self.retry_button.setEnabled(folder is not None and bool(self.watcher.unsuccessful))

    def _add_entry(self, entry: WatchEntry) -> None:
        outcomes = {
            "applied": self.tr("已导入"),
            "nothing_new": self.tr("没有新内容"),
            "refused": self.tr("已拒绝"),
            "error": self.tr("未完成"),
        }
        self.table.insertRow(0)
        values = (
            entry.when.strftime("%m-%d %H:%M:%S"),
            entry.file_name,
            outcomes.get(entry.outcome, entry.outcome),
            entry.summary,
        )
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            item.setData(Qt.ItemDataRole.UserRole, self.watcher.entries.index(entry))
            if col == 2:
                item.setForeground(QColor(_OUTCOME_COLOURS.get(entry.outcome, "#b00020")))
            self.table.setItem(0, col, item)
        self.table.resizeRowToContents(0)
        self._show_state()  # the retry button follows the outcomes

    def choose_folder(self, folder: Path | None = None) -> None:
        if folder is None:
            start = str(self.watcher.folder or Path.home())
            chosen = QFileDialog.getExistingDirectory(self, self.tr("选择要监视的文件夹"), start)
            if not chosen:
                return
            folder = Path(chosen)
        self.menu.watch(folder)
        self.changed = True

    def stop(self) -> None:
        self.menu.watch(None)
        self.changed = True

    def retry(self) -> int:
        return self.watcher.retry_unsuccessful()

    def show_report(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is None:
            return
        entry = self.watcher.entries[int(item.data(Qt.ItemDataRole.UserRole))]
        if entry.report is not None:
            self.menu.show_report(entry.report)
