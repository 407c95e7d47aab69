"""Small dialogs of the household view: pick a person, move a member, split a household."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.idnumber import mask
from govdesk.domain.messages import DomainError, Issue
from govdesk.services import registry
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from govdesk.ui.residents.person_form import ERROR_COLOUR

PICK_LIMIT = 50


def relation_combo(parent: QWidget, *, with_head: bool = True, current: str = "other") -> QComboBox:
    combo = QComboBox(parent)
    for c in codes.RELATION:
        if with_head or c.code != "head":
            combo.addItem(c.label, c.code)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("household_tools", "取消")
    )
    box.rejected.connect(dialog.reject)
    return box


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("householdError")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR};")
    return label


class _Action(QDialog):
    """A dialog that writes through the registry on OK and shows refusals in words."""

    def __init__(self, db: Database, parent: QWidget | None):
        super().__init__(parent)
        self.db = db
        self.error = _error_label(self)
        # (person id, name, (old household, relation), (new household, relation)) after a move
        self.moved: tuple[str, str, tuple[str | None, str | None], tuple[str, str]] | None = None

    def _move(self, session, person_id: str, household_id: str, relation: str) -> None:  # noqa: ANN001
        before = registry.get_person(session, person_id=person_id)
        old = (before.household_id, before.relation_to_head)
        registry.move_person(
            session, person_id=person_id, household_id=household_id, relation=relation
        )
        self.moved = (person_id, before.name, old, (household_id, relation))

    def problem(self) -> str:
        """A reason the form cannot be sent yet, in words; empty when it can."""
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        try:
            with self.db.session() as s:
                self.write(s)
        except DomainError as exc:
            self.error.setText("\n".join(i.message for i in exc.issues))
            return
        super().accept()

    def write(self, session) -> None:  # noqa: ANN001
        raise NotImplementedError


class AddMemberDialog(_Action):
    """添加成员: find an existing person by the same search as the list, choose the relation."""

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.setObjectName("addMemberDialog")
        self.setWindowTitle(self.tr("添加成员"))
        self.household_id = household_id
        self.service = ResidentList(db)
        self.search = QLineEdit(self)
        self.search.setObjectName("memberSearch")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、身份证号后几位"))
        self.results = QListWidget(self)
        self.results.setObjectName("memberResults")
        self.relation = relation_combo(self, current="other")
        self.search.textChanged.connect(self._find)
        form = QFormLayout()
        form.addRow(self.tr("查找居民："), self.search)
        form.addRow(self.results)
        form.addRow(self.tr("与户主关系："), self.relation)
        box = _buttons(self, self.tr("加入本户"))
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.resize(460, 420)

    def _find(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            return
        flt = ResidentFilter(text=text)
        rowids = [rid for _, rid in self.service.page(flt, limit=PICK_LIMIT)]
        rows = self.service.rows(rowids)
        for rid in rowids:
            row = rows[rid]
            label = f"{row['name']}  {mask(row['id_number'])}  {row['household_number'] or ''}"
            item = QListWidgetItem(label.strip(), self.results)
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
        if self.results.count():
            self.results.setCurrentRow(0)

    def problem(self) -> str:
        return "" if self.results.currentItem() else self.tr("请先查找并选中一位居民")

    def write(self, session) -> None:  # noqa: ANN001
        item = self.results.currentItem()
        self._move(
            session,
            item.data(Qt.ItemDataRole.UserRole),
            self.household_id,
            self.relation.currentData(),
        )


class MoveDialog(_Action):
    """迁到其他户: the target household by its 户号, and the new relation there."""

    def __init__(self, db: Database, person_id: str, name: str, parent: QWidget | None = None):
        super().__init__(db, parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle(self.tr("迁到其他户 - {name}").format(name=name))
        self.person_id = person_id
        self.number = QLineEdit(self)
        self.number.setObjectName("targetHouseholdNumber")
        self.relation = relation_combo(self, current="other")
        form = QFormLayout()
        form.addRow(self.tr("迁入户号："), self.number)
        form.addRow(self.tr("与新户主关系："), self.relation)
        box = _buttons(self, self.tr("迁入"))
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)

    def write(self, session) -> None:  # noqa: ANN001
        hh = registry.find_household(session, household_number=self.number.text())
        if hh is None:
            raise DomainError(Issue("household", "not_found"))
        self._move(session, self.person_id, hh.id, self.relation.currentData())


class SplitDialog(_Action):
    """分户: tick the members who leave, give the new 户号 and choose its head."""

    def __init__(
        self,
        db: Database,
        household_id: str,
        members: list[tuple[str, str]],
        parent: QWidget | None = None,
    ):
        super().__init__(db, parent)
        self.setObjectName("splitDialog")
        self.setWindowTitle(self.tr("分户"))
        self.household_id = household_id
        self.new_household_id: str | None = None
        self.members = QListWidget(self)
        self.members.setObjectName("splitMembers")
        for pid, name in members:
            item = QListWidgetItem(name, self.members)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.members.itemChanged.connect(self._refresh_heads)
        self.number = QLineEdit(self)
        self.number.setObjectName("newHouseholdNumber")
        self.head = QComboBox(self)
        self.head.setObjectName("newHead")
        form = QFormLayout()
        form.addRow(self.tr("分出的成员："), self.members)
        form.addRow(self.tr("新户号："), self.number)
        form.addRow(self.tr("新户主："), self.head)
        box = _buttons(self, self.tr("分户"))
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)

    def chosen(self) -> list[str]:
        out = []
        for i in range(self.members.count()):
            item = self.members.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_chosen(self, person_ids: list[str]) -> None:
        for i in range(self.members.count()):
            item = self.members.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in person_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _refresh_heads(self) -> None:
        current = self.head.currentData()
        self.head.clear()
        for i in range(self.members.count()):
            item = self.members.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                self.head.addItem(item.text(), item.data(Qt.ItemDataRole.UserRole))
        self.head.setCurrentIndex(max(0, self.head.findData(current)))

    def problem(self) -> str:
        return "" if self.chosen() else self.tr("请勾选要分出的成员")

    def write(self, session) -> None:  # noqa: ANN001
        chosen = self.chosen()
        new = registry.split_household(
            session,
            household_id=self.household_id,
            person_ids=chosen,
            new_head_id=self.head.currentData(),
            new_household_number=self.number.text(),
        )
        self.new_household_id = new.id
