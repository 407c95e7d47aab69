"""密钥与指纹: this database's fingerprint, exporting its public key, trusting and revoking the other side's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.messages import DomainError
from govdesk.exchange import keys
from govdesk.exchange.keys import KeyCard
from govdesk.exchange.limits import MAX_KEY_FILE
from govdesk.ui.dialog_driver import run_dialog
from govdesk.ui.ops import notify, show_error

if TYPE_CHECKING:
    from govdesk.domain.models import ExchangeKey
    from govdesk.store.database import Database

KEY_SUFFIX = ".gdkey"


def kind_text(kind: str) -> str:
    if kind == "township":
        return QCoreApplication.translate("ExchangeKeys", "乡镇（街道）")
    return QCoreApplication.translate("ExchangeKeys", "社区（村）")


def fingerprint_font(base: QFont, scale: float = 1.6) -> QFont:
    """Large and monospaced: read out digit by digit over the phone."""
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(True)
    return font


def _key_filter() -> str:
    return QCoreApplication.translate("ExchangeKeys", "govdesk 公钥 (*.gdkey *.json);;所有文件 (*)")


class TrustDialog(QDialog):
    """Shows a key card's office and fingerprint; 信任 only once the clerk says it was checked."""

    def __init__(
        self, card: KeyCard, parent: QWidget | None = None, *, intro: str = "", ok_text: str = ""
    ):
        super().__init__(parent)
        self.setObjectName("trustKeyDialog")
        self.setWindowTitle(self.tr("信任对方公钥"))
        self.card = card
        text = QLabel(
            intro
            or self.tr(
                "请打电话给对方，请对方打开“数据交换 → 密钥与指纹”，念出对方单位自己的指纹，"
                "与下面的指纹逐组核对。指纹不一致时不要信任。"
            )
        )
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("单位："), QLabel(card.office_name))
        form.addRow(self.tr("区划代码："), QLabel(card.office_code))
        form.addRow(self.tr("类型："), QLabel(kind_text(card.kind)))
        self.fingerprint = QLabel(card.fingerprint)
        self.fingerprint.setObjectName("trustFingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font()))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("指纹："), self.fingerprint)
        self.checked = QCheckBox(self.tr("我已电话核对，指纹完全一致"))
        self.checked.setObjectName("trustChecked")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or self.tr("信任(&T)"))
        self.ok_button.setObjectName("trustOk")
        self.ok_button.setEnabled(False)
        self.checked.toggled.connect(self.ok_button.setEnabled)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.checked)
        layout.addWidget(buttons)

    def save(self) -> None:
        if self.checked.isChecked():
            self.accept()


def confirm_card(
    parent: QWidget | None, card: KeyCard, *, intro: str = "", ok_text: str = ""
) -> bool:
    """True when the clerk confirmed, after a phone check, that `card` is the right key."""
    return run_dialog(TrustDialog(card, parent, intro=intro, ok_text=ok_text))


class KeysDialog(QDialog):
    """Own fingerprint in large type; export the public key; trust, list and revoke others."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exchangeKeysDialog")
        self.setWindowTitle(self.tr("密钥与指纹"))
        self.resize(820, 480)
        self.db = db
        self.changed = False
        self.rows: list[ExchangeKey] = []

        heading = QLabel(self.tr("本单位的指纹（对方核对时请逐组念出）："))
        self.own_fingerprint = QLabel()
        self.own_fingerprint.setObjectName("ownFingerprint")
        self.own_fingerprint.setFont(fingerprint_font(self.font(), 2.0))
        self.own_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.own_office = QLabel()
        self.own_office.setObjectName("ownKeyOffice")
        self.export_button = QPushButton(self.tr("导出公钥(&E)…"))
        self.export_button.setObjectName("exportPublicKey")
        self.export_button.clicked.connect(lambda: self.export_public_key())
        self.trust_button = QPushButton(self.tr("信任对方公钥(&T)…"))
        self.trust_button.setObjectName("trustKeyFile")
        self.trust_button.clicked.connect(lambda: self.trust_file())
        self.revoke_button = QPushButton(self.tr("撤销(&R)"))
        self.revoke_button.setObjectName("revokeKey")
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())

        headings = [
            self.tr("单位"),
            self.tr("区划代码"),
            self.tr("类型"),
            self.tr("指纹"),
            self.tr("信任时间"),
            self.tr("状态"),
        ]
        self.table = QTableWidget(0, len(headings))
        self.table.setObjectName("trustedKeys")
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.own_fingerprint)
        layout.addWidget(self.own_office)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("信任的对方密钥：")))
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.trust_button)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(close)

        self._show_own()
        self.refresh()

    def _show_own(self) -> None:
        try:
            card = keys.own_card(self.db)
        except DomainError as exc:
            self.own_fingerprint.setText("—")
            self.own_office.setText("\n".join(i.message for i in exc.issues))
            self.export_button.setEnabled(False)
            return
        self.own_fingerprint.setText(card.fingerprint)
        self.own_office.setText(
            self.tr("%1（%2，%3）")
            .replace("%1", card.office_name)
            .replace("%2", card.office_code)
            .replace("%3", kind_text(card.kind))
        )

    def refresh(self) -> None:
        self.rows = keys.trusted(self.db, include_revoked=True)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            status = (
                self.tr("已撤销 %1").replace("%1", _local(row.revoked_at))
                if row.revoked_at is not None
                else self.tr("信任")
            )
            values = (
                row.office_name,
                row.office_code,
                kind_text(row.kind),
                row.fingerprint,
                _local(row.trusted_at),
                status,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if row.revoked_at is not None:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
        self._update_buttons()

    def selected(self) -> ExchangeKey | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.rows[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.revoke_button.setEnabled(row is not None and row.revoked_at is None)

    # -- actions ----------------------------------------------------------------------
    def export_public_key(self, path: Path | None = None) -> Path | None:
        """Write this database's public key file (no secret in it) to `path` or a chosen file."""
        if path is None:
            card = keys.own_card(self.db)
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("导出公钥"),
                str(Path.home() / f"{card.office_code}-公钥{KEY_SUFFIX}"),
                _key_filter(),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_bytes(keys.public_key_file(self.db))
        except (OSError, DomainError) as exc:
            show_error(self, self.tr("导出公钥"), exc)
            return None
        notify(
            self,
            self.tr("导出公钥"),
            self.tr("已导出本单位的公钥：%1\n请交给对方，并电话告知指纹以便核对。").replace(
                "%1", str(path)
            ),
        )
        return path

    def trust_file(self, path: Path | None = None) -> ExchangeKey | None:
        """Read a key file, show its office and fingerprint, and trust it once confirmed."""
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("信任对方公钥"), str(Path.home()), _key_filter()
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            with path.open("rb") as f:
                data = f.read(MAX_KEY_FILE + 1)  # the reader refuses anything longer
            card = keys.read_key_file(data, name=path.name)
        except (OSError, DomainError) as exc:
            show_error(self, self.tr("信任对方公钥"), exc)
            return None
        if not confirm_card(self, card):
            return None
        try:
            with self.db.session() as s:
                row = keys.trust(s, card)
                s.expunge(row)
        except DomainError as exc:
            show_error(self, self.tr("信任对方公钥"), exc)
            return None
        self.changed = True
        self.refresh()
        return row

    def revoke_selected(self) -> bool:
        row = self.selected()
        if row is None or row.revoked_at is not None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("撤销密钥"),
            self.tr(
                "撤销%1（%2）的密钥？\n指纹：%3\n撤销后，用这个密钥签名的数据包都会被拒绝，"
                "撤销的密钥不能再次信任。"
            )
            .replace("%1", row.office_name)
            .replace("%2", row.office_code)
            .replace("%3", row.fingerprint),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.db.session() as s:
                keys.revoke(s, row.fingerprint)
        except DomainError as exc:
            show_error(self, self.tr("撤销密钥"), exc)
            return False
        self.changed = True
        self.refresh()
        return True


def _local(when: object) -> str:
    if not isinstance(when, dt.datetime):
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
