"""导出数据包: choose a folder (removable drives first), write the package on a worker, show its name."""

from __future__ import annotations

import inspect
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.exchange import export, keys
from govdesk.exchange.keys import KeyCard
from govdesk.services.office import current_office
from govdesk.ui.exchange import drives, prefs
from govdesk.ui.ops import Operation, run_with_progress, show_error

if TYPE_CHECKING:
    from govdesk.store.database import Database

_FOLDER_ROLE = Qt.ItemDataRole.UserRole


def _supports_full() -> bool:
    """The incremental export (with `full=`) may not be in this build yet."""
    return "full" in inspect.signature(export.export_package).parameters


class ExportDialog(QDialog):
    """Where to write this office's package; 导出 writes it with progress and 取消.

    In a township database the same dialog writes the downward package (reference data,
    acknowledgements, merged records) for the office chosen in `office_choice`.
    """

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportPackageDialog")
        self.setWindowTitle(self.tr("导出数据包"))
        self.setMinimumWidth(560)
        self.db = db
        self.operation: Operation | None = None
        self.result_path: Path | None = None
        self.changed = False
        with db.session() as s:
            self.township = keys.exchange_kind(current_office(s).kind) == "township"
        if self.township:
            self.setWindowTitle(self.tr("下发数据包"))

        self.intro = QLabel()
        self.intro.setObjectName("exportRecipient")
        self.intro.setWordWrap(True)
        self.office_choice = QComboBox()
        self.office_choice.setObjectName("exportOffice")
        self.office_choice.setVisible(self.township)
        if self.township:
            for card in keys.keyring(db):
                if card.kind == "office":
                    self.office_choice.addItem(
                        f"{card.office_name}（{card.office_code}）", card.office_code
                    )
            self.office_choice.currentIndexChanged.connect(lambda _i: self._recipient_changed())
        self.recipient_ok = self._describe_recipient()

        self.list = QListWidget()
        self.list.setObjectName("exportDestinations")
        self.list.itemDoubleClicked.connect(lambda _item: self.start())
        self.choose_button = QPushButton(self.tr("其他文件夹(&O)…"))
        self.choose_button.setObjectName("exportChooseFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        self.full_check = QCheckBox(self.tr("完整导出（包括乡镇已收到的数据）"))
        self.full_check.setObjectName("exportFull")
        self.full_check.setVisible(_supports_full() and not self.township)

        self.result = QLabel()
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.result.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.result.setFont(font)

        self.start_button = QPushButton(self.tr("导出(&E)"))
        self.start_button.setObjectName("exportStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setObjectName("exportClose")
        self.close_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        if self.township:
            layout.addWidget(QLabel(self.tr("发给：")))
            layout.addWidget(self.office_choice)
        layout.addWidget(self.intro)
        layout.addWidget(QLabel(self.tr("保存到（优先列出U盘等可移动磁盘）：")))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.full_check)
        layout.addWidget(self.result)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        self.refresh_destinations()
        self._update_buttons()

    # -- who receives it --------------------------------------------------------------
    def _recipient_changed(self) -> None:
        self.recipient_ok = self._describe_recipient()
        self._update_buttons()

    def _cannot(self, why: str) -> bool:
        self.intro.setText(why)
        self.intro.setStyleSheet("color: #b00020")
        return False

    def recipient(self) -> KeyCard | None:
        """The key the package is sealed for (None: no office to send to); DomainError
        saying what is missing."""
        if not self.township:
            return export.township_card(self.db)
        from govdesk.ui.exchange.menu import optional

        downward = optional("govdesk.exchange.downward")
        code = self.office_choice.currentData()
        if downward is None or code is None:
            return None
        return downward.office_card(self.db, code)

    def _describe_recipient(self) -> bool:
        try:
            card = self.recipient()
        except DomainError as exc:
            return self._cannot("\n".join(i.message for i in exc.issues))
        if card is None:
            return self._cannot(
                self.tr(
                    "还没有信任任何社区（村）的公钥：请先在“数据交换 → 密钥与指纹”中"
                    "导入对方的公钥并电话核对指纹。"
                )
            )
        self.intro.setStyleSheet("")
        if self.township:
            self.intro.setText(
                self.tr(
                    "将乡镇的类别、设置、已收到数据的确认和合并后的记录加密打包，只有%1（%2）能打开。\n"
                    "对方指纹：%3"
                )
                .replace("%1", card.office_name)
                .replace("%2", card.office_code)
                .replace("%3", card.fingerprint)
            )
            return True
        self.intro.setText(
            self.tr(
                "本单位的数据将加密打包，只有%1（%2）能打开。\n"
                "对方指纹：%3\n拷贝数据包时，U盘丢失也不会泄露居民信息。"
            )
            .replace("%1", card.office_name)
            .replace("%2", card.office_code)
            .replace("%3", card.fingerprint)
        )
        return True

    # -- where ------------------------------------------------------------------------
    def refresh_destinations(self) -> None:
        self.list.clear()
        for place in drives.destinations(prefs.last_folder()):
            self._add(place.folder, self._label(place))
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _label(self, place: drives.Destination) -> str:
        if place.removable:
            name = place.label or place.folder.name or str(place.folder)
            return (
                self.tr("可移动磁盘 %1（%2）").replace("%1", name).replace("%2", str(place.folder))
            )
        return self.tr("上次使用的文件夹：%1").replace("%1", str(place.folder))

    def _add(self, folder: Path, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(_FOLDER_ROLE, str(folder))
        self.list.addItem(item)
        return item

    def choose_folder(self) -> None:
        start = str(self.folder() or prefs.last_folder() or Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择保存数据包的文件夹"), start)
        if chosen:
            self.use_folder(Path(chosen))

    def use_folder(self, folder: Path) -> None:
        """Select `folder`, adding it to the list when it is not there."""
        for row in range(self.list.count()):
            if Path(self.list.item(row).data(_FOLDER_ROLE)) == folder:
                self.list.setCurrentRow(row)
                break
        else:
            item = self._add(folder, self.tr("文件夹：%1").replace("%1", str(folder)))
            self.list.setCurrentItem(item)
        self._update_buttons()

    def folder(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(_FOLDER_ROLE)) if item is not None else None

    def _update_buttons(self) -> None:
        busy = self.operation is not None
        self.start_button.setEnabled(self.recipient_ok and self.folder() is not None and not busy)
        self.list.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)

    # -- writing ----------------------------------------------------------------------
    def start(self) -> Operation | None:
        """Write the package into the chosen folder on a worker thread."""
        folder = self.folder()
        if folder is None or not self.recipient_ok or self.operation is not None:
            return None
        db = self.db
        options: dict[str, Any] = {}
        if self.full_check.isVisible() and self.full_check.isChecked():
            options["full"] = True

        if self.township:
            from govdesk.exchange import downward

            code = self.office_choice.currentData()

            def work(progress: Any, cancel: threading.Event) -> Any:
                return downward.export_downward_result(
                    db, folder, code, progress=progress, cancel=cancel
                )

        else:

            def work(progress: Any, cancel: threading.Event) -> Any:
                return export.export_package(
                    db, folder, progress=progress, cancel=cancel, **options
                )

        self.result.clear()
        self.operation = run_with_progress(
            self,
            self.tr("导出数据包"),
            work,
            self._done,
            self._failed,
            label=self.tr("正在打包并加密本单位的数据…"),
        )
        self._update_buttons()
        return self.operation

    def _done(self, result: Any) -> None:
        self.operation = None
        self.result_path = result.path
        self.changed = True
        prefs.set_last_folder(result.path.parent)
        records = sum(result.counts.values())
        self.result.setText(
            self.tr("已导出：%1\n位置：%2\n共 %3 条记录。")
            .replace("%1", result.path.name)
            .replace("%2", str(result.path.parent))
            .replace("%3", f"{records:,}")
        )
        self.result.setStyleSheet("color: #1b5e20")
        self.close_button.setText(self.tr("完成"))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.operation = None
        self._update_buttons()
        show_error(self, self.tr("导出数据包"), exc)
