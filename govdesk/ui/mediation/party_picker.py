"""Choosing a case's party: a resident found by name, initials or ID number, or a person from outside."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import codes, idnumber
from govdesk.domain import mediation as rules
from govdesk.domain.masking import mask_id_number
from govdesk.domain.messages import DomainError, Issue
from govdesk.services.mediation import PartyInput
from govdesk.store.database import Database
from govdesk.ui.ops import error_text
from govdesk.ui.resident_matches import find_residents


@dataclass(frozen=True)
class PickedParty:
    """A party ready for the case, and the line that shows it in the dialog (ID masked)."""

    data: PartyInput
    shown: str  # name and masked ID number, or 外来人员


class PartyPicker(QWidget):
    """Two pages, 居民 and 外来人员, under one 身份 (申请人/被申请人) choice.

    `picked` carries a PickedParty; the register dialog lists it. Search waits for a pause
    in typing, as in the residents tab.
    """

    picked = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("partyPicker")
        self.db = db
        self.role = QComboBox(self)
        self.role.setObjectName("partyRole")
        for c in rules.PARTY_ROLES:
            self.role.addItem(c.label, c.code)

        self.search = QLineEdit(self)
        self.search.setObjectName("partySearch")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母或身份证号"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("partyResults")
        self.results.setMinimumHeight(90)
        self.add_resident = QPushButton(self.tr("添加所选居民"), self)
        self.add_resident.setObjectName("partyAddResident")
        self.add_resident.setAutoDefault(False)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.results.itemDoubleClicked.connect(lambda _i: self.pick_resident())
        # Enter searches at once; Enter again (in the list) adds the chosen resident.
        self.search.returnPressed.connect(self._search_now)
        self.results.itemActivated.connect(lambda _i: self.pick_resident())
        self.add_resident.clicked.connect(self.pick_resident)

        resident_page = QWidget(self)
        rl = QVBoxLayout(resident_page)
        rl.addWidget(self.search)
        rl.addWidget(self.results, 1)
        rl.addWidget(self.add_resident, 0, Qt.AlignmentFlag.AlignRight)

        outside_page = QWidget(self)
        self.name = QLineEdit(outside_page)
        self.name.setObjectName("outsiderName")
        self.sex = QComboBox(outside_page)
        self.sex.setObjectName("outsiderSex")
        self.sex.addItem(self.tr("（未填）"), None)
        for c in codes.SEX:
            self.sex.addItem(c.label, c.code)
        self.ethnicity = QComboBox(outside_page)
        self.ethnicity.setObjectName("outsiderEthnicity")
        self.ethnicity.addItem(self.tr("（未填）"), None)
        for c in codes.ETHNICITY:
            self.ethnicity.addItem(c.label, c.code)
        self.age = QSpinBox(outside_page)
        self.age.setObjectName("outsiderAge")
        self.age.setRange(0, 130)
        self.age.setSpecialValueText(self.tr("（未填）"))
        self.id_number = QLineEdit(outside_page)
        self.id_number.setObjectName("outsiderIdNumber")
        self.occupation = QLineEdit(outside_page)
        self.occupation.setObjectName("outsiderOccupation")
        self.phone = QLineEdit(outside_page)
        self.phone.setObjectName("outsiderPhone")
        self.address = QLineEdit(outside_page)
        self.address.setObjectName("outsiderAddress")
        self.add_outsider = QPushButton(self.tr("添加外来人员"), outside_page)
        self.add_outsider.setObjectName("partyAddOutsider")
        self.add_outsider.setAutoDefault(False)
        self.add_outsider.clicked.connect(self.pick_outsider)
        for edit in (self.name, self.id_number, self.occupation, self.phone, self.address):
            edit.returnPressed.connect(self.pick_outsider)
        of = QFormLayout(outside_page)
        of.addRow(self.tr("姓名："), self.name)
        of.addRow(self.tr("性别："), self.sex)
        of.addRow(self.tr("民族："), self.ethnicity)
        of.addRow(self.tr("年龄："), self.age)
        of.addRow(self.tr("身份证号："), self.id_number)
        of.addRow(self.tr("职业："), self.occupation)
        of.addRow(self.tr("联系电话："), self.phone)
        of.addRow(self.tr("住址："), self.address)
        of.addRow("", self.add_outsider)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("partyPages")
        self.pages.addTab(resident_page, self.tr("本社区居民"))
        self.pages.addTab(outside_page, self.tr("外来人员"))
        self.message = QLabel(self)
        self.message.setObjectName("partyMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("身份："), self))
        top.addWidget(self.role)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)

    # -- residents ---------------------------------------------------------------------------

    def _search_now(self) -> None:
        self.run_search()
        if self.results.count():
            self.results.setFocus()

    def run_search(self) -> None:
        """Fill the list with matching residents on the register (ID numbers masked)."""
        self.timer.stop()
        self.results.clear()
        self.message.clear()
        if not self.search.text().strip():
            return
        try:
            found = find_residents(self.db, self.search.text())
        except DomainError as exc:
            self.message.setText(error_text(exc))
            return
        for match in found:
            item = QListWidgetItem(match.label())
            item.setData(Qt.ItemDataRole.UserRole, (match.id, match.name, match.id_number))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self.message.setText(self.tr("没有找到匹配的居民，可在“外来人员”页直接填写。"))

    def pick_resident(self) -> bool:
        item = self.results.currentItem()
        if item is None:
            self.message.setText(self.tr("请先查找并选中一位居民。"))
            return False
        resident_id, name, masked = item.data(Qt.ItemDataRole.UserRole)
        data = PartyInput(role=self.role.currentData(), resident_id=resident_id, name=name)
        self.message.clear()
        self.picked.emit(PickedParty(data, "　".join(p for p in (name, masked or "") if p)))
        return True

    # -- people from outside -----------------------------------------------------------------

    def outsider_issues(self) -> tuple[list[Issue], idnumber.IdCheck | None]:
        """Problems with the typed person, and the checked ID number (None when left empty)."""
        issues: list[Issue] = []
        if not self.name.text().strip():
            issues.append(Issue("name", "mediation.party_name"))
        raw = self.id_number.text().strip()
        if not raw:
            return issues, None
        checked = idnumber.check(raw)
        issues.extend(i for i in checked.issues if not i.warning)
        return issues, checked

    def pick_outsider(self) -> bool:
        issues, checked = self.outsider_issues()
        if issues:
            self.message.setText(error_text(DomainError(issues)))
            return False
        number = checked.number if checked is not None else None
        # The number says sex and birth date; what was chosen by hand wins for sex.
        sex = self.sex.currentData() or (checked.sex if checked is not None else None)
        data = PartyInput(
            role=self.role.currentData(),
            name=self.name.text().strip(),
            sex=sex,
            ethnicity=self.ethnicity.currentData(),
            age=self.age.value() or None,
            birth_date=checked.birth_date if checked is not None else None,
            occupation=self.occupation.text().strip() or None,
            phone=self.phone.text().strip() or None,
            address=self.address.text().strip() or None,
            id_number=number,
        )
        shown = "　".join(
            p for p in (data.name, mask_id_number(number) or "", self.tr("外来人员")) if p
        )
        self.message.clear()
        self.picked.emit(PickedParty(data, shown))
        for edit in (self.name, self.id_number, self.occupation, self.phone, self.address):
            edit.clear()
        self.sex.setCurrentIndex(0)
        self.ethnicity.setCurrentIndex(0)
        self.age.setValue(0)
        return True
