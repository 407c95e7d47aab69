"""下发参考数据: the township edits the care categories and settings it sends down to its offices."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain import grids as grid_rules
from govdesk.domain.permissions import Permission
from govdesk.services import authz, grid_codes, grid_staff, mediation, office_settings
from govdesk.services import care_categories as cats
from govdesk.store.database import Database
from govdesk.ui.dialog_driver import run_dialog
from govdesk.ui.mediation.dialog_base import MediationDialog
from govdesk.ui.ops import show_error
from govdesk.ui.township.tables import RowsModel, fit_columns, make_table


class CategoryDialog(MediationDialog):
    """新增关爱类别 (with a code) or 修改关爱类别 (the code fixed): names, 敏感, 启用.

    Saved through services/care_categories in one transaction of its own (the service
    opens it), so `apply` ignores the dialog frame's session."""

    def __init__(self, db: Database, parent: QWidget | None, category: cats.Category | None = None):
        super().__init__(db, parent, name="careCategory")
        self.category = category
        self.setWindowTitle(self.tr("修改关爱类别") if category else self.tr("新增关爱类别"))
        may_sensitive = authz.can(db, Permission.CARE_SENSITIVE)
        if category is None:
            self.code = self.line(
                "Code",
                self.tr("代码(&C)："),
                placeholder=self.tr("小写英文字母、数字或下划线，如 flood_victim"),
            )
        else:
            self.code = None
            self.info("CodeShown", self.tr("代码："), category.code)
        self.name_zh = self.line(
            "NameZh", self.tr("名称(&N)："), category.name_zh if category else ""
        )
        self.name_en = self.line(
            "NameEn", self.tr("英文名称(&E)："), category.name_en if category else ""
        )
        self.sensitive = QCheckBox(
            self.tr("敏感类别（仅有“查看特殊关爱类别”权限的人可见）(&S)"), self
        )
        self.sensitive.setChecked(bool(category and category.sensitive))
        self.sensitive.setEnabled(may_sensitive)
        self.form.addRow("", self._named(self.sensitive, "Sensitive"))
        self.active = QCheckBox(self.tr("启用(&A)"), self)
        self.active.setChecked(category.active if category else True)
        self.form.addRow("", self._named(self.active, "Active"))
        self.saved_code: str | None = None
        self.finish(480)

    def check(self) -> list[str]:
        # The service words every problem; nothing to add before it.
        return []

    def save(self) -> bool:
        self.error.clear()
        try:
            if self.category is None:
                assert self.code is not None
                added = cats.add_category(
                    self.db,
                    self.code.text(),
                    self.name_zh.text(),
                    self.name_en.text(),
                    self.sensitive.isChecked(),
                    active=self.active.isChecked(),
                )
                self.saved_code = added.code
            else:
                cats.update_category(
                    self.db,
                    self.category.code,
                    name_zh=self.name_zh.text(),
                    name_en=self.name_en.text(),
                    sensitive=self.sensitive.isChecked(),
                    active=self.active.isChecked(),
                )
                self.saved_code = self.category.code
        except Exception as exc:  # noqa: BLE001 - a message in the dialog, never a crash
            self.show_problem(exc)
            return False
        self.changed = True
        self.accept()
        return True

    def apply(self, session: Session) -> None:  # pragma: no cover - save() does the work
        raise NotImplementedError


def _yes(value: bool) -> str:
    return "✓" if value else ""


class TownshipReferenceTab(QWidget):
    """The township's own care-category list, editable, and the settings it sends down."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.found: list[cats.Category] = []
        self.may_edit = authz.can(db, Permission.SETTINGS_MANAGE) and not db.read_only

        intro = QLabel(
            self.tr(
                "以下关爱类别和设置由乡镇（街道）统一确定，在下一次“下发数据包”时发给每个社区（村）"
                "（数据交换 → 下发数据包…）。社区（村）自己增加的类别不受影响。"
            ),
            self,
        )
        intro.setObjectName("townshipReferenceIntro")
        intro.setWordWrap(True)

        self.model = RowsModel(
            [
                self.tr("排序"),
                self.tr("代码"),
                self.tr("名称"),
                self.tr("英文名称"),
                self.tr("敏感"),
                self.tr("启用"),
            ],
            self,
        )
        self.table = make_table(self.model, self, "townshipCategoryTable")
        fit_columns(
            self.table,
            (
                "排序",
                "severe_mental_illness",
                "严重精神障碍患者等",
                "Subsistence allowance household",
                "敏感",
                "启用",
            ),
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        # F2 / Enter edit the row, Ctrl+↑/↓ move it: read off the table's own key presses,
        # since the view would otherwise take F2 and the arrows for itself.
        self.table.installEventFilter(self)

        self.add_button = self._button(self.tr("新增类别(&N)…"), "townshipCategoryAdd", self.add)
        self.edit_button = self._button(
            self.tr("修改(&M)…"), "townshipCategoryEdit", self.edit_selected
        )
        self.up_button = self._button(
            self.tr("上移(&U)"), "townshipCategoryUp", lambda: self.move(-1)
        )
        self.down_button = self._button(
            self.tr("下移(&D)"), "townshipCategoryDown", lambda: self.move(1)
        )
        self.edit_button.setToolTip(self.tr("修改所选类别（F2 或双击）"))
        self.up_button.setToolTip(self.tr("Ctrl+↑"))
        self.down_button.setToolTip(self.tr("Ctrl+↓"))
        self.active_box = QCheckBox(self.tr("启用(&A)"), self)
        self.active_box.setObjectName("townshipCategoryActive")
        self.active_box.setToolTip(self.tr("停用的类别不再供社区（村）选用，已标记的居民不变"))
        self.active_box.clicked.connect(self.set_active)
        buttons = QHBoxLayout()
        for w in (self.add_button, self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(w)
        buttons.addWidget(self.active_box)
        buttons.addStretch(1)
        for w in (self.add_button, self.edit_button, self.up_button, self.down_button):
            w.setVisible(self.may_edit)
        self.active_box.setVisible(self.may_edit)

        categories_box = QGroupBox(self.tr("关爱类别"), self)
        inner = QVBoxLayout(categories_box)
        inner.addLayout(buttons)
        inner.addWidget(self.table, 1)

        self.settings_label = QLabel(self)
        self.settings_label.setObjectName("townshipReferenceSettings")
        self.settings_label.setWordWrap(True)
        self.numbering_button = self._button(
            self.tr("网格编码规则(&G)…"), "townshipNumberingButton", self.open_numbering
        )
        self.roles_button = self._button(
            self.tr("网格岗位名称(&R)…"), "townshipRolesButton", self.open_roles
        )
        self.months_button = self._button(
            self.tr("调解期限设置(&T)…"), "townshipMonthsButton", self.open_months
        )
        setting_buttons = QHBoxLayout()
        for w in (self.numbering_button, self.roles_button, self.months_button):
            w.setVisible(self.may_edit)
            setting_buttons.addWidget(w)
        setting_buttons.addStretch(1)
        settings_box = QGroupBox(self.tr("下发的设置"), self)
        settings_layout = QVBoxLayout(settings_box)
        settings_layout.addWidget(self.settings_label)
        settings_layout.addLayout(setting_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(categories_box, 1)
        layout.addWidget(settings_box)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_moved())
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = mods & Qt.KeyboardModifier.ControlModifier
            if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter) and not ctrl:
                self.edit_selected()
                return True
            if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def _button(self, text: str, name: str, slot) -> QPushButton:  # noqa: ANN001 - a callable
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- showing -------------------------------------------------------------------------
    def refresh(self, select_code: str | None = None) -> None:
        keep = select_code or (self.selected().code if self.selected() else None)
        try:
            self.found = cats.categories(self.db)
        except Exception as exc:  # noqa: BLE001 - a message, never a crash dialog
            show_error(self, self.tr("下发参考数据"), exc)
            self.found = []
        self.model.set_rows(
            [
                [c.sort_order, c.code, c.name_zh, c.name_en, _yes(c.sensitive), _yes(c.active)]
                for c in self.found
            ],
            keys=[c.code for c in self.found],
        )
        codes = [c.code for c in self.found]
        row = codes.index(keep) if keep in codes else (0 if codes else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._selection_moved()
        self._show_settings()

    def _show_settings(self) -> None:
        with self.db.session() as s:
            width = grid_codes.number_width(s)
            months = mediation.handling_months(s)
            roles = grid_staff.role_settings(s)
            chosen = {
                key: office_settings.stored(s, key) is not None
                for key in (
                    grid_rules.NUMBER_WIDTH_KEY,
                    grid_rules.ROLE_LABELS_KEY,
                    mediation.HANDLING_MONTHS_KEY,
                )
            }
        names = [
            roles.label(c.code) + ("" if c.code not in roles.disabled else self.tr("（停用）"))
            for c in grid_rules.STAFF_ROLES
        ]
        # A setting the township never saved is not sent: each office keeps its own.
        unset = self.tr("（未设置，不下发，各社区（村）保留自己的设置）")
        lines = [
            self.tr("网格编号位数：%1 位").replace("%1", str(width)),
            self.tr("网格岗位名称：%1").replace("%1", "、".join(names)),
            self.tr("调解期限：%1 个月").replace("%1", str(months)),
        ]
        keys = (
            grid_rules.NUMBER_WIDTH_KEY,
            grid_rules.ROLE_LABELS_KEY,
            mediation.HANDLING_MONTHS_KEY,
        )
        self.settings_label.setText(
            "\n".join(
                line + ("" if chosen[key] else unset) for line, key in zip(lines, keys, strict=True)
            )
        )

    def selected(self) -> cats.Category | None:
        model = self.table.selectionModel()
        if model is None:
            return None
        rows = model.selectedRows()
        if not rows or rows[0].row() >= len(self.found):
            return None
        return self.found[rows[0].row()]

    def _selection_moved(self) -> None:
        current = self.selected()
        row = self.found.index(current) if current else -1
        self.edit_button.setEnabled(current is not None)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self.found) - 1)
        self.active_box.setEnabled(current is not None)
        self.active_box.setChecked(bool(current and current.active))

    # -- editing -------------------------------------------------------------------------
    def category_dialog(self, category: cats.Category | None = None) -> CategoryDialog:
        return CategoryDialog(self.db, self, category)

    def add(self) -> None:
        if not self.may_edit:
            return
        dialog = self.category_dialog()
        if run_dialog(dialog):
            self.refresh(dialog.saved_code)

    def edit_selected(self) -> None:
        current = self.selected()
        if current is None or not self.may_edit:
            return
        dialog = self.category_dialog(current)
        if run_dialog(dialog):
            self.refresh(dialog.saved_code)

    def move(self, step: int) -> None:
        current = self.selected()
        if current is None or not self.may_edit:
            return
        try:
            cats.move_category(self.db, current.code, step)
        except Exception as exc:  # noqa: BLE001 - a message, never a crash dialog
            show_error(self, self.tr("调整顺序"), exc)
        self.refresh(current.code)

    def set_active(self, on: bool) -> None:
        current = self.selected()
        if current is None or not self.may_edit:
            return
        try:
            cats.update_category(self.db, current.code, active=on)
        except Exception as exc:  # noqa: BLE001 - a message, never a crash dialog
            show_error(self, self.tr("启用"), exc)
        self.refresh(current.code)

    # -- the settings' own dialogs ---------------------------------------------------------
    def numbering_dialog(self) -> QWidget:
        from govdesk.ui.grids.numbering_dialog import NumberingDialog

        return NumberingDialog(self.db, self)

    def roles_dialog(self) -> QWidget:
        from govdesk.ui.grids.role_dialog import RoleLabelsDialog

        return RoleLabelsDialog(self.db, self)

    def months_dialog(self) -> QWidget:
        from govdesk.ui.mediation.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, self)
        # The case-number prefix is the township's own, never sent down: not offered here.
        for name in ("settingsPrefix", "settingsPreview", "settingsNote"):
            field = dialog.findChild(QWidget, name)
            if field is not None:
                dialog.form.setRowVisible(field, False)
        dialog.setWindowTitle(self.tr("调解期限设置"))
        # As tall as the one row left (the frame sized itself for the whole form).
        dialog.columns.invalidate()
        dialog.columns.activate()
        margins = dialog.layout_.contentsMargins()
        height = (
            dialog.columns.totalSizeHint().height()
            + dialog.buttons.sizeHint().height()
            + dialog.error.sizeHint().height()
            + margins.top()
            + margins.bottom()
            + 3 * dialog.layout_.spacing()
            + 8
        )
        dialog.resize(dialog.width(), min(dialog.height(), height))
        return dialog

    def _run(self, dialog: QWidget) -> bool:
        changed = bool(run_dialog(dialog))  # type: ignore[arg-type]
        self._show_settings()
        return changed

    def open_numbering(self) -> bool:
        return self.may_edit and self._run(self.numbering_dialog())

    def open_roles(self) -> bool:
        return self.may_edit and self._run(self.roles_dialog())

    def open_months(self) -> bool:
        return self.may_edit and self._run(self.months_dialog())
