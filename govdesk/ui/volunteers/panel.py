"""The selected volunteer's panel: who they are, their hours and star, the ledger, teams, sign-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain.volunteers import list_text
from govdesk.store.database import Database
from govdesk.ui.volunteers.common import hours_text, time_span


@dataclass
class LedgerRow:
    """One ledger line as the panel lists it; adjusting lines sit under what they adjust."""

    id: str
    served_on: dt.date
    what: str
    minutes: int
    kind: str
    state: str
    reason: str
    adjusts_id: str | None
    adjustments: list[LedgerRow] = field(default_factory=list)


@dataclass
class VolunteerDetail:
    id: str
    number: str
    name: str
    facts: list[tuple[str, str]]
    confirmed: int
    pending: int
    stars: int
    status: str
    ledger: list[LedgerRow]
    teams: list[tuple[str, str, str]]  # name, joined, role
    signups: list[tuple[str, str, str]]  # day and time, activity, state


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def ledger_rows(lines: list[Any]) -> list[LedgerRow]:
    """The ledger as a tree one level deep: each adjusting line under the line it adjusts (a
    free-standing adjustment stays at the top), the top in service-day order."""
    rows: dict[str, LedgerRow] = {}
    order: list[LedgerRow] = []
    for line in lines:
        entry = _get(line, "entry", line)
        row = LedgerRow(
            id=_get(entry, "id"),
            served_on=_get(entry, "served_on"),
            what=str(_get(line, "what", "") or _get(line, "activity_title", "") or ""),
            minutes=int(_get(entry, "minutes", 0) or 0),
            kind=_get(entry, "kind", "service"),
            state=_get(entry, "state", "pending"),
            reason=_get(entry, "reason", "") or "",
            adjusts_id=_get(entry, "adjusts_id"),
        )
        rows[row.id] = row
        order.append(row)
    top: list[LedgerRow] = []
    for row in order:
        parent = rows.get(row.adjusts_id) if row.adjusts_id else None
        if parent is not None and parent is not row:
            parent.adjustments.append(row)
        else:
            top.append(row)
    return top


# The ledger shows this many days back unless the clerk asks for all of it: a volunteer of
# many years has thousands of lines, and the totals never depend on what is shown.
RECENT_DAYS = 366


def load_detail(
    db: Database, volunteer_id: str, on: dt.date | None = None, *, whole_ledger: bool = False
) -> VolunteerDetail:
    """Everything the panel shows, read through the services (ID number and phone masked);
    whole-life totals from the tally, the ledger of the last year (or all of it)."""
    from govdesk.services import volunteer_activities, volunteer_hours, volunteer_list, volunteers

    with db.session() as s:
        v = volunteers.volunteer_view(s, volunteer_id, on=on)
    since = None if whole_ledger else (on or dt.date.today()) - dt.timedelta(days=RECENT_DAYS)
    lines = volunteer_hours.ledger(db, volunteer_id, start=since)
    totals = volunteer_list.total(db, volunteer_id)
    facts: list[tuple[str, str]] = [
        (QT_TRANSLATE_NOOP("VolunteerPanel", "性别"), v.sex_label if v.sex else ""),
        (
            QT_TRANSLATE_NOOP("VolunteerPanel", "身份"),
            QCoreApplication.translate("VolunteerPanel", "本社区居民")
            if v.resident_id
            else QCoreApplication.translate("VolunteerPanel", "外来人员"),
        ),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "身份证号"), v.id_number or ""),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "联系电话"), v.phone or ""),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "住址"), v.address),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "所在网格"), v.grid_name),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "技能"), list_text(v.skill_labels)),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "可服务日"), v.days_text),
        (QT_TRANSLATE_NOOP("VolunteerPanel", "可服务时段"), v.times_text),
    ]
    if v.dual_report:
        unit = " ".join(p for p in (v.work_unit, v.unit_party_org) if p)
        facts.append(
            (
                QT_TRANSLATE_NOOP("VolunteerPanel", "双报到"),
                QCoreApplication.translate("VolunteerPanel", "%1（%2报到）")
                .replace("%1", unit)
                .replace("%2", str(v.reported_on))
                if v.reported_on
                else unit,
            )
        )
    elif v.party_member:
        facts.append(
            (
                QT_TRANSLATE_NOOP("VolunteerPanel", "政治面貌"),
                QCoreApplication.translate("VolunteerPanel", "中共党员"),
            )
        )
    facts.append(
        (
            QT_TRANSLATE_NOOP("VolunteerPanel", "加入日期"),
            v.joined_on.isoformat() if v.joined_on else "",
        )
    )
    if v.left_on:
        facts.append((QT_TRANSLATE_NOOP("VolunteerPanel", "退出日期"), v.left_on.isoformat()))
    facts.append((QT_TRANSLATE_NOOP("VolunteerPanel", "备注"), v.note))
    signups = [
        (
            f"{x.held_on.isoformat()} {time_span(x.start_time, x.end_time)}",
            x.activity_title,
            x.state_label,
        )
        for x in volunteer_activities.volunteer_signups(db, volunteer_id)
    ]
    from govdesk.domain import volunteers as rules

    return VolunteerDetail(
        id=volunteer_id,
        number=v.number,
        name=v.name,
        facts=[(k, val) for k, val in facts if val],
        confirmed=totals.confirmed,
        pending=totals.pending,
        stars=rules.star_level(totals.confirmed),
        status=v.status,
        ledger=ledger_rows(lines),
        teams=[(name, "", "") for name in v.teams],
        signups=signups,
    )


class VolunteerPanel(QWidget):
    """Read-only view of one volunteer; the buttons ask the tab to act (`action_requested`)."""

    action_requested = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteerPanel")
        self.db = db
        self.detail: VolunteerDetail | None = None
        self.title = QLabel(self)
        self.title.setObjectName("volunteerPanelTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.hours = QLabel(self)
        self.hours.setObjectName("volunteerPanelHours")
        self.hours.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setObjectName("volunteerPanelFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.buttons: dict[str, QPushButton] = {}
        self.button_row = QHBoxLayout()
        self.button_row.setContentsMargins(0, 0, 0, 0)

        self.pages = QTabWidget(self)
        self.pages.setObjectName("volunteerPanelPages")
        self.ledger = QTreeWidget(self)
        self.ledger.setObjectName("volunteerLedger")
        self.ledger.setHeaderLabels(
            [
                self.tr("日期"),
                self.tr("服务内容"),
                self.tr("时长"),
                self.tr("状态"),
                self.tr("说明"),
            ]
        )
        self.ledger.setRootIsDecorated(True)
        self.ledger.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.ledger.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.teams = QTreeWidget(self)
        self.teams.setObjectName("volunteerTeamsList")
        self.teams.setHeaderLabels([self.tr("队伍")])
        self.teams.setRootIsDecorated(False)
        self.signups = QTreeWidget(self)
        self.signups.setObjectName("volunteerSignupsList")
        self.signups.setHeaderLabels([self.tr("时间"), self.tr("活动"), self.tr("状态")])
        self.signups.setRootIsDecorated(False)
        self.whole_ledger = QCheckBox(self.tr("显示全部时长记录（默认只显示最近一年）"), self)
        self.whole_ledger.setObjectName("volunteerLedgerAll")
        self.whole_ledger.toggled.connect(
            lambda _on: self.show_volunteer(self.detail.id if self.detail else None)
        )
        ledger_page = QWidget(self)
        lp = QVBoxLayout(ledger_page)
        lp.setContentsMargins(0, 0, 0, 0)
        lp.addWidget(self.ledger, 1)
        lp.addWidget(self.whole_ledger)
        self.pages.addTab(ledger_page, self.tr("时长明细"))
        self.pages.addTab(self.teams, self.tr("所属队伍"))
        self.pages.addTab(self.signups, self.tr("报名记录"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hours)
        layout.addLayout(self.button_row)
        layout.addWidget(self.facts)
        layout.addWidget(self.pages, 1)
        self.show_volunteer(None)

    def add_button(self, key: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(f"volunteerPanel_{key}")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False, k=key: self.action_requested.emit(k))
        self.button_row.addWidget(button)
        self.buttons[key] = button
        return button

    def finish_buttons(self) -> None:
        self.button_row.addStretch(1)

    def show_volunteer(self, volunteer_id: str | None) -> None:
        from govdesk.domain import volunteers as rules

        self.detail = (
            load_detail(self.db, volunteer_id, whole_ledger=self.whole_ledger.isChecked())
            if volunteer_id
            else None
        )
        d = self.detail
        for button in self.buttons.values():
            button.setEnabled(d is not None)
        self.ledger.clear()
        self.teams.clear()
        self.signups.clear()
        if d is None:
            self.title.setText(self.tr("未选择志愿者"))
            self.hours.clear()
            self.facts.clear()
            return
        status = rules.VOLUNTEER_STATUS.label(d.status)
        self.title.setText(f"{d.number}　{d.name}　（{status}）")
        stars = rules.stars_text(d.stars)
        text = self.tr("已确认 %1，待确认 %2　星级 %3").replace("%1", hours_text(d.confirmed))
        text = text.replace("%2", hours_text(d.pending)).replace("%3", stars)
        upcoming = rules.next_star(d.confirmed)
        if upcoming is not None:
            level, missing = upcoming
            text += self.tr("（距%1还差 %2）").replace("%1", rules.stars_text(level, full=False))
            text = text.replace("%2", hours_text(missing))
        self.hours.setText(text)
        rows = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{self.tr(k)}</td><td>{_esc(v)}</td></tr>"
            for k, v in d.facts
        )
        self.facts.setText(f"<table>{rows}</table>")
        # Newest first: the clerk checks what was just recorded.
        for row in reversed(d.ledger):
            item = self._ledger_item(row)
            self.ledger.addTopLevelItem(item)
            for adj in row.adjustments:
                item.addChild(self._ledger_item(adj))
            item.setExpanded(True)
        for name, _joined, _role in d.teams:
            QTreeWidgetItem(self.teams, [name])
        for when, title, state in d.signups:
            QTreeWidgetItem(self.signups, [when, title, state])

    def _ledger_item(self, row: LedgerRow) -> QTreeWidgetItem:
        from govdesk.domain import volunteers as rules

        what = self.tr("调整") if row.kind == rules.ADJUSTMENT else row.what
        item = QTreeWidgetItem(
            [
                row.served_on.isoformat() if row.served_on else "",
                what,
                hours_text(row.minutes),
                rules.HOUR_STATES.label(row.state),
                row.reason,
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, row.id)
        item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def selected_entry_ids(self) -> list[str]:
        return [i.data(0, Qt.ItemDataRole.UserRole) for i in self.ledger.selectedItems()]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
