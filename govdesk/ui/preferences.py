"""The preferences dialog: interface language (applied at the next start) and font size."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from govdesk.ui import fonts, settings

# Each language is named in itself, so someone who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}


class PreferencesDialog(QDialog):
    def __init__(self, current_language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("首选项"))
        self.initial_language = current_language

        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageChoice")
        for code in settings.LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[code], code)
        chosen = settings.stored_language() or current_language
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(chosen)))

        self.restart_note = QLabel(self.tr("界面语言在重新启动程序后生效。"))
        self.restart_note.setWordWrap(True)

        app = QApplication.instance()
        self.size_spin = QSpinBox()
        self.size_spin.setObjectName("fontSizeChoice")
        self.size_spin.setRange(fonts.MIN_POINT_SIZE, fonts.MAX_POINT_SIZE)
        self.size_spin.setSuffix(self.tr(" 磅"))
        self.size_spin.setValue(fonts.current_point_size(app))

        form = QFormLayout()
        form.addRow(self.tr("界面语言(&L)："), self.language_combo)
        form.addRow("", self.restart_note)
        form.addRow(self.tr("字号(&S)："), self.size_spin)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language_combo.currentData())

    def accept(self) -> None:
        settings.set_stored_language(self.chosen_language())
        app = QApplication.instance()
        if self.size_spin.value() != fonts.current_point_size(app):
            fonts.set_point_size(app, self.size_spin.value())
        super().accept()

    def needs_restart(self) -> bool:
        return self.chosen_language() != self.initial_language
