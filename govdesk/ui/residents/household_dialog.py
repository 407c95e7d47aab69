"""The household view: members and their relations, the head in bold, moves, new head, 分户,
and 修改户信息 (the household's building and grid follow its address)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.idnumber import mask
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission
from govdesk.services import authz, grids, places, registry
from govdesk.store.database import Database
from govdesk.ui.residents import commands
from govdesk.ui.residents.household_tools import (
    AddMemberDialog,
    EditHouseholdDialog,
    MoveDialog,
    SplitDialog,
    _error_label,
    edit_command,
)

COLUMNS = (
    QT_TRANSLATE_NOOP("HouseholdDialog", "姓名"),
    QT_TRANSLATE_NOOP("HouseholdDialog", "与户主关系"),
    QT_TRANSLATE_NOOP("HouseholdDialog", "性别"),
    QT_TRANSLATE_NOOP("HouseholdDialog", "出生日期"),
    QT_TRANSLATE_NOOP("HouseholdDialog", "公民身份号码"),
    QT_TRANSLATE_NOOP("HouseholdDialog", "状态"),
)


class HouseholdDialog(QDialog):
    """Opened from a person (their household) or empty, to look a household up by 户号."""

    open_person_requested = Signal(str)
    print_requested = Signal(str)

    def __init__(
        self,
        db: Database,
        person_id: str | None = None,
        parent: QWidget | None = None,
        *,
        on_change: Callable[[str], None] | None = None,
        undo_stack: QUndoStack | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("householdDialog")
        self.undo_stack = undo_stack
        self.db = db
        self.person_id = person_id
        self.on_change = on_change or (lambda _pid: None)
        self.household_id: str | None = None
        self.member_ids: list[str] = []
        self.setWindowTitle(self.tr("户信息"))

        self.number = QLineEdit(self)
        self.number.setObjectName("householdNumber")
        self.number.setPlaceholderText(self.tr("输入户号后按回车"))
        self.number.returnPressed.connect(self.load_by_number)
        self.type_label = QLabel(self)
        self.address_label = QLabel(self)
        self.address_label.setObjectName("householdAddress")
        self.address_label.setWordWrap(True)
        # 以房管人: the building and its grid, for the roles that see grids.
        self.sees_grids = authz.can(db, Permission.GRID_VIEW)
        self.place_label = QLabel(self)
        self.place_label.setObjectName("householdPlace")
        self.place_label.setWordWrap(True)
        self.edit_dialog_open: EditHouseholdDialog | None = None
        self.info = QLabel(self)
        self.info.setObjectName("householdInfo")
        self.error = _error_label(self)

        form = QFormLayout()
        form.addRow(self.tr("户号："), self.number)
        form.addRow(self.tr("户别："), self.type_label)
        form.addRow(self.tr("地址："), self.address_label)
        if self.sees_grids:
            form.addRow(self.tr("楼栋/网格："), self.place_label)
        else:
            self.place_label.hide()

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("householdMembers")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self._open_member())

        self.buttons: dict[str, QPushButton] = {}
        # Moves, new heads and 分户 only for a role that may change the register.
        writable = not getattr(db, "read_only", False)
        self.may_edit = authz.can(db, Permission.RESIDENT_EDIT) and writable
        tools = {"edit", "add", "move", "head", "split", "create"}
        # Prints are audited, which a read-only file cannot record.
        absent = (set() if self.may_edit else tools) | (set() if writable else {"print"})
        row = QHBoxLayout()
        for key, text, slot in (
            ("open", self.tr("查看人员"), self._open_member),
            ("edit", self.tr("修改户信息…"), self.edit_household),
            ("add", self.tr("添加成员…"), self._add_member),
            ("move", self.tr("迁到其他户…"), self._move_member),
            ("head", self.tr("设为户主"), self._make_head),
            ("split", self.tr("分户…"), self._split),
            ("create", self.tr("新建户"), self._create_for_person),
            ("print", self.tr("打印户信息表"), self._print),
        ):
            if key in absent:
                continue
            b = QPushButton(text, self)
            b.setObjectName(f"household_{key}_button")
            b.clicked.connect(slot)
            b.setAutoDefault(False)
            self.buttons[key] = b
            row.addWidget(b)
        if "edit" in self.buttons:
            # F2 edits the household shown, as it renames the thing in view elsewhere.
            self.buttons["edit"].setToolTip(self.tr("修改户号、户别和地址（F2）"))
            self.edit_action = QAction(self.tr("修改户信息…"), self)
            self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
            self.edit_action.triggered.connect(self.edit_household)
            self.addAction(self.edit_action)
        row.addStretch(1)
        close = QPushButton(self.tr("关闭"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.resize(820, 460)
        self._load_for_person()

    # -- loading -----------------------------------------------------------------------------
    def _load_for_person(self) -> None:
        household_id = None
        if self.person_id:
            with self.db.session() as s:
                p = registry.get_person(s, person_id=self.person_id)
                household_id = p.household_id
                if household_id is None:
                    self.info.setText(
                        self.tr(
                            "{name} 尚未入户：输入已有户号后按回车，或填写新户号后点“新建户”"
                        ).format(name=p.name)
                    )
        self.load(household_id)

    def load_by_number(self) -> None:
        with self.db.session() as s:
            hh = registry.find_household(s, household_number=self.number.text())
        if hh is None:
            self.error.setText(self.tr("找不到户号 {n}").format(n=self.number.text().strip()))
            return
        self.load(hh.id)

    def load(self, household_id: str | None) -> None:
        self.household_id = household_id
        self.error.clear()
        self.table.setRowCount(0)
        self.member_ids = []
        has = household_id is not None
        for key in ("edit", "add", "move", "head", "split", "print", "open"):
            if key in self.buttons:
                self.buttons[key].setEnabled(has)
        if "create" in self.buttons:
            self.buttons["create"].setVisible(not has and self.person_id is not None)
        self.place_label.clear()
        if household_id is None:
            return
        with self.db.session() as s:
            hh = registry.get_household(s, household_id=household_id)
            members = registry.household_members(s, household_id=household_id)
            rows = [
                (
                    m.id,
                    m.name,
                    m.relation_to_head,
                    codes.SEX.label(m.sex),
                    m.birth_date.isoformat() if m.birth_date else "",
                    mask(m.id_number),
                    codes.RESIDENT_STATUS.label(m.status),
                )
                for m in members
            ]
            self.number.setText(hh.household_number)
            self.type_label.setText(codes.HOUSEHOLD_TYPE.label(hh.household_type))
            self.address_label.setText(hh.address or "")
            if self.sees_grids:
                self.place_label.setText(self._place_text(s, hh.id, hh.place_id))
        self.info.setText(self.tr("共 {n} 名在册成员").format(n=len(rows)))
        bold = QFont(self.font())
        bold.setBold(True)
        self.table.setRowCount(len(rows))
        for r, (pid, name, relation, *rest) in enumerate(rows):
            cells = [name, codes.RELATION.label(relation), *rest]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if relation == "head":
                    item.setFont(bold)
                self.table.setItem(r, c, item)
            self.member_ids.append(pid)
            if pid == self.person_id:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount() - 1):
            self.table.setColumnWidth(c, self.table.columnWidth(c) + 16)

    def _place_text(self, session, household_id: str, place_id: str | None) -> str:  # noqa: ANN001
        if place_id is None:
            return self.tr("未关联楼栋（网格管理中的“未划分”）")
        building = places.get_place(session, place_id).address
        grid = grids.grid_of_household(session, household_id, dt.date.today())
        if grid is None:
            return self.tr("{building}，未划入网格").format(building=building)
        return self.tr("{building}，{grid}").format(building=building, grid=grid.name)

    def member_rows(self) -> list[tuple[str, str, bool]]:
        """(name, relation label, shown bold) per row, as the clerk sees them."""
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, 0)
            out.append((name.text(), self.table.item(r, 1).text(), name.font().bold()))
        return out

    def _selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.error.setText(self.tr("请先选中一名成员"))
            return None
        return self.member_ids[rows[0].row()]

    def _changed(self, person_id: str | None = None) -> None:
        self.load(self.household_id)
        self.on_change(person_id or self.person_id or "")

    # -- actions -------------------------------------------------------------------------------
    def _open_member(self) -> None:
        pid = self._selected()
        if pid:
            self.open_person_requested.emit(pid)

    def _add_member(self) -> None:
        if not self.household_id:
            return
        dlg = AddMemberDialog(self.db, self.household_id, self)
        if dlg.exec():
            self.record_move(dlg)
            self._changed()

    def _move_member(self) -> None:
        pid = self._selected()
        if pid:
            name = self.table.item(self.member_ids.index(pid), 0).text()
            dlg = MoveDialog(self.db, pid, name, self)
            if dlg.exec():
                self.record_move(dlg)
                self._changed(pid)

    def record_move(self, dlg: AddMemberDialog | MoveDialog) -> None:
        """Put a done move on the undo stack (a person who had no household cannot go back)."""
        if dlg.moved is not None and self.undo_stack is not None:
            command = commands.move_command(
                self.db, dlg.moved, on_change=self._undone, parent_widget=self
            )
            if command is not None:
                self.undo_stack.push(command)

    def _undone(self, person_id: str) -> None:
        # Undo may run after this dialog closed; then only the tab needs to hear of it.
        if shiboken6.isValid(self):
            self.load(self.household_id)
        self.on_change(person_id)

    def _make_head(self) -> None:
        pid = self._selected()
        if pid and self.household_id:
            self.set_head(pid)

    def set_head(self, person_id: str, old_head_relation: str = "other") -> bool:
        assert self.household_id is not None
        try:
            command = commands.set_head_now(
                self.db,
                self.household_id,
                person_id,
                old_head_relation=old_head_relation,
                on_change=self._undone,
                parent_widget=self,
            )
        except DomainError as exc:
            self.error.setText("\n".join(i.message for i in exc.issues))
            return False
        if self.undo_stack is not None and command is not None:
            self.undo_stack.push(command)
        self._changed(person_id)
        return True

    def edit_household(self) -> EditHouseholdDialog | None:
        """修改户信息, window-modal; on save the view, the tab and the undo stack hear of it."""
        if not self.household_id or "edit" not in self.buttons:
            return None
        dlg = EditHouseholdDialog(self.db, self.household_id, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._edited(dlg))
        self.edit_dialog_open = dlg
        dlg.open()
        return dlg

    def _edited(self, dlg: EditHouseholdDialog) -> None:
        edit = dlg.saved
        if edit is None:
            return
        if self.undo_stack is not None:
            command = edit_command(
                self.db,
                edit,
                person_id=self.person_id or "",
                on_change=self._undone,
                parent_widget=self,
            )
            if command is not None:
                self.undo_stack.push(command)
        self._changed()

    def split_dialog(self) -> SplitDialog:
        members = [(pid, self.table.item(r, 0).text()) for r, pid in enumerate(self.member_ids)]
        assert self.household_id is not None
        return SplitDialog(self.db, self.household_id, members, self)

    def _split(self) -> None:
        if not self.household_id:
            return
        dlg = self.split_dialog()
        if dlg.exec():
            self._changed()

    def _create_for_person(self) -> None:
        if not self.person_id:
            return
        try:
            with self.db.session() as s:
                p = registry.get_person(s, person_id=self.person_id)
                hh = registry.create_household(
                    s, household_number=self.number.text(), address=p.current_address or ""
                )
                registry.move_person(s, person_id=p.id, household_id=hh.id, relation="head")
                new_id = hh.id
        except DomainError as exc:
            self.error.setText("\n".join(i.message for i in exc.issues))
            return
        self.household_id = new_id
        self._changed(self.person_id)

    def _print(self) -> None:
        if self.household_id:
            self.print_requested.emit(self.household_id)
