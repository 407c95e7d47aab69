"""Small dialogs of the household view: pick a person, move a member, split a household, and
edit the household's own fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes
from govdesk.domain.grids import parse_address
from govdesk.domain.idnumber import mask
from govdesk.domain.messages import DomainError, Issue
from govdesk.services import registry
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from govdesk.ui.residents.commands import CallCommand
from govdesk.ui.residents.person_form import ERROR_COLOUR, WARNING_COLOUR

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


# -- 修改户信息 ---------------------------------------------------------------------------------
HOUSEHOLD_FIELDS = (
    ("household_number", QT_TRANSLATE_NOOP("EditHouseholdDialog", "户号")),
    ("household_type", QT_TRANSLATE_NOOP("EditHouseholdDialog", "户别")),
    ("address", QT_TRANSLATE_NOOP("EditHouseholdDialog", "地址")),
)


@dataclass
class HouseholdEdit:
    """A saved edit, as plain values: what the undo command and the caller need."""

    household_id: str
    number: str  # the 户号 after the edit, to name it in the undo menu
    old: dict[str, Any]
    new: dict[str, Any]
    members_followed: list[str] = field(default_factory=list)
    members_follow: bool = True
    place_id: str | None = None


class EditHouseholdDialog(QDialog):
    """修改户信息: 户号, 户别 and address. A new address takes the household (and the members
    living there) to the building it names, and so to that building's grid.

    Enter saves, Esc cancels; a refusal shows beside its field and nothing is stored.
    """

    def __init__(self, db: Database, household_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("editHouseholdDialog")
        self.db = db
        self.household_id = household_id
        self.saved: HouseholdEdit | None = None
        with db.session() as s:
            hh = registry.get_household(s, household_id=household_id)
            self.initial = {
                "household_number": hh.household_number,
                "household_type": hh.household_type,
                "address": hh.address,
            }
        self.setWindowTitle(
            self.tr("修改户信息 - {number}").format(number=self.initial["household_number"])
        )
        self.widgets: dict[str, QLineEdit | QComboBox] = {}
        self.messages: dict[str, QLabel] = {}
        number = QLineEdit(self.initial["household_number"], self)
        kind = QComboBox(self)
        for c in codes.HOUSEHOLD_TYPE:
            kind.addItem(c.label, c.code)
        kind.setCurrentIndex(max(0, kind.findData(self.initial["household_type"])))
        address = QLineEdit(self.initial["address"], self)
        address.setPlaceholderText(self.tr("如 幸福里小区3号楼2单元301室"))
        # Room for a long address and the hint under it on one line each.
        address.setMinimumWidth(address.fontMetrics().horizontalAdvance("幸" * 30))
        address.textChanged.connect(self._show_place)
        self.place_hint = QLabel(self)
        self.place_hint.setObjectName("householdPlaceHint")
        self.place_hint.setWordWrap(True)
        self.follow = QCheckBox(self.tr("住在原地址的成员，现住址一并修改"), self)
        self.follow.setObjectName("membersFollow")
        self.follow.setChecked(True)
        form = QFormLayout()
        for (key, label), widget in zip(HOUSEHOLD_FIELDS, (number, kind, address), strict=True):
            widget.setObjectName(f"field_{key}")
            message = QLabel(self)
            message.setObjectName(f"message_{key}")
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {ERROR_COLOUR};")
            message.hide()
            cell = QVBoxLayout()
            cell.setSpacing(1)
            cell.addWidget(widget)
            cell.addWidget(message)
            if key == "address":
                cell.addWidget(self.place_hint)
                cell.addWidget(self.follow)
            form.addRow(self.tr(label) + "：", cell)
            self.widgets[key], self.messages[key] = widget, message
        self.error = _error_label(self)
        box = _buttons(self, self.tr("保存"))
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        # The dialog grows when a message appears under a field, rather than squeezing it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(box)
        self._show_place(address.text())
        address.setFocus()

    def changes(self) -> dict[str, Any]:
        """The fields the clerk changed, as the form holds them."""
        number, kind, address = (self.widgets[k] for k, _ in HOUSEHOLD_FIELDS)
        now = {
            "household_number": number.text(),  # type: ignore[union-attr]
            "household_type": kind.currentData(),  # type: ignore[union-attr]
            "address": address.text(),  # type: ignore[union-attr]
        }
        return {k: v for k, v in now.items() if v != self.initial[k]}

    def set_value(self, key: str, value: str) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        else:
            widget.setText(value)

    def message_for(self, key: str) -> str:
        label = self.messages[key]
        return label.text() if not label.isHidden() else ""

    def _show_place(self, text: str) -> None:
        """Which building or house the address names, as the clerk types it."""
        parsed = parse_address(text)
        if parsed is not None:
            place = parsed.parts[-1][2]
            self.place_hint.setText(self.tr("所属楼栋/门牌：{place}").format(place=place))
            self.place_hint.setStyleSheet("")
        else:
            self.place_hint.setText(self.tr("看不出楼栋或门牌号：保存后该户列入网格管理的“未划分”"))
            self.place_hint.setStyleSheet(f"color: {WARNING_COLOUR};")
        # The members follow only a move to a known address.
        self.follow.setEnabled(bool(text.strip()))

    def show_issues(self, issues: list[Issue]) -> None:
        by_field: dict[str, list[str]] = {}
        other: list[str] = []
        for issue in issues:
            if issue.field in self.messages:
                by_field.setdefault(issue.field, []).append(issue.message)
            else:
                other.append(issue.message)
        for key, label in self.messages.items():
            widget = self.widgets[key]
            found = by_field.get(key)
            label.setText("；".join(found or []))
            label.setVisible(bool(found))
            kind = "QComboBox" if isinstance(widget, QComboBox) else "QLineEdit"
            widget.setStyleSheet(f"{kind} {{ border: 1px solid {ERROR_COLOUR}; }}" if found else "")
        self.error.setText("\n".join(other))
        first = next((k for k, _ in HOUSEHOLD_FIELDS if k in by_field), None)
        if first is not None:
            self.widgets[first].setFocus()

    def accept(self) -> None:
        changes = self.changes()
        if not changes:
            super().accept()  # nothing to store: the same as closing
            return
        follow = self.follow.isChecked()
        try:
            with self.db.session() as s:
                result = registry.update_household(
                    s, household_id=self.household_id, changes=changes, members_follow=follow
                )
        except DomainError as exc:
            self.show_issues(exc.issues)
            return
        self.saved = HouseholdEdit(
            household_id=self.household_id,
            number=result.household.household_number,
            old={k: old for k, (old, _new) in result.changed.items()},
            new={k: new for k, (_old, new) in result.changed.items()},
            members_followed=list(result.members_followed),
            members_follow=follow,
            place_id=result.place_id,
        )
        self.show_issues([])
        super().accept()


def edit_command(
    db: Database,
    edit: HouseholdEdit,
    *,
    person_id: str,
    on_change: Callable[[str], None],
    parent_widget: QWidget | None = None,
) -> CallCommand | None:
    """Undo puts the old fields back, and the members who followed back at the old address
    (exactly those: someone who already lived at the new address stays); None when the edit
    changed nothing."""
    if not edit.old:
        return None

    def apply(session: Any) -> None:
        registry.update_household(
            session,
            household_id=edit.household_id,
            changes=edit.new,
            members_follow=edit.members_follow,
        )

    def revert(session: Any) -> None:
        registry.update_household(
            session, household_id=edit.household_id, changes=edit.old, members_follow=False
        )
        for person_id in edit.members_followed:
            registry.update_person(
                session,
                person_id=person_id,
                changes={"current_address": edit.old.get("address", "")},
            )

    return CallCommand(
        db,
        person_id,
        QCoreApplication.translate("EditHouseholdDialog", "修改户信息 {number}").format(
            number=edit.number
        ),
        apply=apply,
        revert=revert,
        on_change=on_change,
        parent_widget=parent_widget,
    )
