"""登记 a dispute (or correct a registration): its kind, source, risk, story, and the parties."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain import mediation as rules
from govdesk.domain.masking import mask_id_number
from govdesk.services import mediation
from govdesk.services.mediation import PartyInput
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import (
    ERROR_COLOUR,
    MediationDialog,
    pydate,
    qdate,
    required,
    signed_in_name,
)
from govdesk.ui.mediation.party_picker import PartyPicker, PickedParty


class RegisterDialog(MediationDialog):
    """A new case, or (with `case_id`) the registration of one not yet past acceptance."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, case_id: str | None = None):
        super().__init__(db, parent, name="register")
        self.case_id = case_id
        self.created_id: str | None = None
        self.setWindowTitle(self.tr("修改登记") if case_id else self.tr("登记案件"))
        self.dispute_type = self.combo("DisputeType", self.tr("纠纷类型："), rules.DISPUTE_TYPES)
        self.source = self.combo("Source", self.tr("案件来源："), rules.CASE_SOURCES)
        self.risk = self.combo("Risk", self.tr("风险等级："), rules.RISK_GRADES, "ordinary")
        self.risk_hint = self.info("RiskHint", "", self.tr("重大纠纷应当立即向上级报告。"))
        self.risk_hint.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.risk.currentIndexChanged.connect(self._risk_changed)
        self._risk_changed()
        self.date = self.date_edit("Date", self.tr("登记日期："))
        self.applied = QCheckBox(self.tr("有申请书，申请日期："), self)
        self.applied.setObjectName("registerApplied")
        self.applied_on = self.date_edit("AppliedOn", self.applied)
        self.applied.toggled.connect(self.applied_on.setEnabled)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        self.summary = self.text_box("Summary", self.tr("纠纷简要情况："), lines=4)
        self.request = self.text_box("Request", self.tr("申请事项："), lines=2)

        self.parties: list[PickedParty] = []
        group = QGroupBox(self.tr("当事人（至少一名申请人）"), self)
        self.party_table = QTableWidget(0, 2, group)
        self.party_table.setObjectName("registerParties")
        self.party_table.setHorizontalHeaderLabels([self.tr("身份"), self.tr("当事人")])
        self.party_table.verticalHeader().setVisible(False)
        self.party_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.party_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.party_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.party_table.setMinimumHeight(90)
        self.party_table.setMaximumHeight(150)
        self.remove_party = QPushButton(self.tr("移除所选当事人"), group)
        self.remove_party.setObjectName("registerRemoveParty")
        self.remove_party.setAutoDefault(False)
        self.remove_party.clicked.connect(self.remove_selected)
        self.picker = PartyPicker(db, group)
        self.picker.picked.connect(self.add_party)
        self.enter_areas.append(self.picker)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_party)
        gl = QVBoxLayout(group)
        gl.addWidget(self.party_table)
        gl.addLayout(row)
        gl.addWidget(self.picker)
        self.columns.addWidget(group, 1)
        if case_id is not None:
            self._load(case_id)
        self.finish(960)

    def _risk_changed(self) -> None:
        self.form.setRowVisible(self.risk_hint, self.risk.currentData() == "major")

    def _source_changed(self) -> None:
        applied = self.source.currentData() == "application"
        self.applied.setChecked(applied)
        self.applied_on.setEnabled(applied)

    def _load(self, case_id: str) -> None:
        """The registration as stored; residents stay linked, outsiders keep their details."""
        with self.db.session() as s:
            case = mediation.get_case(s, case_id)
            for box, code in (
                (self.dispute_type, case.dispute_type),
                (self.source, case.source),
                (self.risk, case.risk),
            ):
                box.setCurrentIndex(max(0, box.findData(code)))
            self.date.setMinimumDate(qdate(case.registered_on))
            self.date.setDate(qdate(case.registered_on))
            self.date.setEnabled(False)
            self.applied.setChecked(case.applied_on is not None)
            if case.applied_on is not None:
                self.applied_on.setDate(qdate(case.applied_on))
            self.summary.setPlainText(case.summary)
            self.request.setPlainText(case.request)
            for p in mediation.parties(s, case_id):
                data = PartyInput(
                    party_id=p.id,
                    role=p.role,
                    resident_id=p.resident_id,
                    name=p.name,
                    sex=p.sex,
                    ethnicity=p.ethnicity,
                    age=p.age,
                    birth_date=p.birth_date,
                    occupation=p.occupation,
                    phone=p.phone,
                    address=p.address,
                    id_number=p.id_number,
                )
                shown = "　".join(x for x in (p.name, mask_id_number(p.id_number) or "") if x)
                self.add_party(PickedParty(data, shown))

    # -- parties -----------------------------------------------------------------------------

    def add_party(self, party: PickedParty) -> bool:
        rid = party.data.resident_id
        if rid and any(p.data.resident_id == rid for p in self.parties):
            self.picker.message.setText(
                self.tr("%1 已在当事人名单中。").replace("%1", party.data.name)
            )
            return False
        self.parties.append(party)
        row = self.party_table.rowCount()
        self.party_table.insertRow(row)
        role = QComboBox(self.party_table)
        role.setObjectName(f"registerPartyRole{row}")
        for c in rules.PARTY_ROLES:
            role.addItem(c.label, c.code)
        role.setCurrentIndex(max(0, role.findData(party.data.role)))
        self.party_table.setCellWidget(row, 0, role)
        self.party_table.setItem(row, 1, QTableWidgetItem(party.shown))
        self.error.clear()
        return True

    def remove_selected(self) -> None:
        row = self.party_table.currentRow()
        if row < 0:
            return
        del self.parties[row]
        self.party_table.removeRow(row)
        # Role boxes keep their names in row order, for whoever drives the dialog.
        for r in range(self.party_table.rowCount()):
            self.party_table.cellWidget(r, 0).setObjectName(f"registerPartyRole{r}")

    def party_inputs(self) -> list[PartyInput]:
        out = []
        for row, party in enumerate(self.parties):
            role = self.party_table.cellWidget(row, 0).currentData()
            out.append(PartyInput(**{**party.data.__dict__, "role": role}))
        return out

    # -- saving ------------------------------------------------------------------------------

    def check(self) -> list[str]:
        problems = required(self.tr("纠纷简要情况"), self.summary.toPlainText())
        if not any(p.role == "applicant" for p in self.party_inputs()):
            problems.append(self.tr("请至少添加一名申请人。"))
        return problems

    def applied_date(self) -> dt.date | None:
        return pydate(self.applied_on) if self.applied.isChecked() else None

    def apply(self, session: Session) -> None:
        values = {
            "dispute_type": self.dispute_type.currentData(),
            "source": self.source.currentData(),
            "risk": self.risk.currentData(),
            "summary": self.summary.toPlainText(),
            "request": self.request.toPlainText(),
            "parties": self.party_inputs(),
        }
        if self.case_id is not None:
            mediation.update_registration(
                session, self.case_id, **values, applied_on=self.applied_date()
            )
            return
        case = mediation.register_case(
            session,
            **values,
            registered_on=pydate(self.date),
            registered_by=signed_in_name(self.db),
            applied_on=self.applied_date(),
        )
        self.created_id = case.id
