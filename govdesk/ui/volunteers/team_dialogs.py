"""志愿服务队: the teams with their members; 新建队伍, 添加成员, 移除成员, 设为队长, 解散."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from govdesk.domain.masking import mask_phone
from govdesk.domain.messages import DomainError
from govdesk.store.database import Database
from govdesk.ui.mediation.dialog_base import ERROR_COLOUR, pydate, required
from govdesk.ui.ops import error_text
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.common import VolunteerDialog, ask, run_dialog


class NewTeamDialog(VolunteerDialog):
    """新建队伍: a name, what it does, the day it was founded."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(db, parent, name="newTeam")
        self.setWindowTitle(self.tr("新建队伍"))
        self.new_id: str | None = None
        self.name_edit = self.line(
            "Name", self.tr("队伍名称："), placeholder=self.tr("如 平安巡逻队")
        )
        self.area = self.line("Area", self.tr("服务领域："))
        self.founded = self.date_edit("Founded", self.tr("成立日期："), dt.date.today())
        self.note = self.text_box("Note", self.tr("备注："), lines=2)
        self.finish(420)

    def check(self) -> list[str]:
        return required(self.tr("队伍名称"), self.name_edit.text())

    def apply(self, session: Session) -> None:
        from govdesk.services import volunteer_teams

        team = volunteer_teams.create_team(
            session,
            name=self.name_edit.text().strip(),
            founded_on=pydate(self.founded),
            service_area=self.area.text().strip(),
            note=self.note.toPlainText().strip(),
        )
        self.new_id = team.id


class TeamsDialog(QDialog):
    """The teams on the left, the chosen team's members on the right; each button one write."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("teamsDialog")
        self.setWindowTitle(self.tr("志愿服务队"))
        self.db = db
        self.changed = False
        self.may_edit = common.may_edit(db)
        self.teams = QListWidget(self)
        self.teams.setObjectName("teamsList")
        self.teams.currentItemChanged.connect(lambda *_a: self.show_members())
        self.members = QTreeWidget(self)
        self.members.setObjectName("teamMembers")
        self.members.setRootIsDecorated(False)
        self.members.setHeaderLabels(
            [
                self.tr("编号"),
                self.tr("姓名"),
                self.tr("职务"),
                self.tr("加入日期"),
                self.tr("电话"),
            ]
        )
        self.info = QLabel(self)
        self.info.setObjectName("teamInfo")
        self.info.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("teamsError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        if self.may_edit:
            for key, text in (
                ("new", self.tr("新建队伍")),
                ("add", self.tr("添加成员")),
                ("remove", self.tr("移除成员")),
                ("leader", self.tr("设为队长")),
                ("dissolve", self.tr("解散队伍")),
            ):
                button = QPushButton(text, self)
                button.setObjectName(f"teams_{key}")
                button.setAutoDefault(False)
                button.clicked.connect(lambda _c=False, k=key: self.run(k))
                row.addWidget(button)
                self.buttons[key] = button
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.accept)
        body = QHBoxLayout()
        body.addWidget(self.teams, 1)
        right = QVBoxLayout()
        right.addWidget(self.info)
        right.addWidget(self.members, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(760, 460)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        from govdesk.services import volunteer_teams

        keep = select or self.current_team_id()
        self.teams.blockSignals(True)
        self.teams.clear()
        with self.db.session() as s:
            found = [(t.id, t.name, t.service_area, t.founded_on) for t in volunteer_teams.teams(s)]
        for tid, name, area, founded in found:
            item = QListWidgetItem(name, self.teams)
            item.setData(Qt.ItemDataRole.UserRole, (tid, area, founded))
            if tid == keep:
                self.teams.setCurrentItem(item)
        if self.teams.currentItem() is None and self.teams.count():
            self.teams.setCurrentRow(0)
        self.teams.blockSignals(False)
        self.show_members()

    def current_team_id(self) -> str | None:
        item = self.teams.currentItem()
        return item.data(Qt.ItemDataRole.UserRole)[0] if item is not None else None

    def show_members(self) -> None:
        from govdesk.services import volunteer_teams

        self.members.clear()
        item = self.teams.currentItem()
        if item is None:
            self.info.setText(self.tr("还没有志愿服务队，请先新建。"))
            self._enable()
            return
        tid, area, founded = item.data(Qt.ItemDataRole.UserRole)
        with self.db.session() as s:
            people = volunteer_teams.team_members(s, tid, dt.date.today())
        self.info.setText(
            self.tr("%1　服务领域：%2　成立于 %3　成员 %4 人")
            .replace("%1", item.text())
            .replace("%2", area or "—")
            .replace("%3", str(founded))
            .replace("%4", str(len(people)))
        )
        for p in people:
            row = QTreeWidgetItem(
                [
                    p.number,
                    p.name,
                    self.tr("队长") if p.leader else self.tr("队员"),
                    p.joined_on.isoformat(),
                    mask_phone(p.phone) or "",
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, p.volunteer_id)
            self.members.addTopLevelItem(row)
        self._enable()

    def _enable(self) -> None:
        team = self.current_team_id() is not None
        member = self.members.currentItem() is not None
        for key, button in self.buttons.items():
            button.setEnabled(key == "new" or (team and (key in ("add", "dissolve") or member)))

    def current_member_id(self) -> str | None:
        item = self.members.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def run(self, key: str) -> bool:
        self.error.clear()
        try:
            done = getattr(self, f"do_{key}")()
        except DomainError as exc:
            self.error.setText(error_text(exc))
            return False
        if done:
            self.changed = True
        return bool(done)

    def do_new(self) -> bool:
        dialog = NewTeamDialog(self.db, self)
        if not run_dialog(dialog):
            return False
        self.refresh(select=dialog.new_id)
        return True

    def do_add(self) -> bool:
        from govdesk.services import volunteer_teams
        from govdesk.ui.volunteers.picker import PickVolunteerDialog

        tid = self.current_team_id()
        if tid is None:
            return False

        def add(session: Session, volunteer_id: str) -> None:
            volunteer_teams.add_member(
                session, team_id=tid, volunteer_id=volunteer_id, joined_on=dt.date.today()
            )

        title = self.tr("添加成员：%1").replace("%1", self.teams.currentItem().text())
        if not run_dialog(
            PickVolunteerDialog(self.db, self, name="addMember", title=title, on_pick=add)
        ):
            return False
        self.refresh()
        return True

    def do_remove(self) -> bool:
        from govdesk.services import volunteer_teams

        tid, vid = self.current_team_id(), self.current_member_id()
        if tid is None or vid is None:
            return False
        name = self.members.currentItem().text(1)
        if not ask(self, self.tr("移除成员"), self.tr("%1 今天起退出本队？").replace("%1", name)):
            return False
        with self.db.session() as s:
            volunteer_teams.remove_member(s, team_id=tid, volunteer_id=vid, on=dt.date.today())
        self.refresh()
        return True

    def do_leader(self) -> bool:
        from govdesk.services import volunteer_teams

        tid, vid = self.current_team_id(), self.current_member_id()
        if tid is None or vid is None:
            return False
        with self.db.session() as s:
            volunteer_teams.set_leader(s, tid, vid)
        self.refresh()
        return True

    def do_dissolve(self) -> bool:
        from govdesk.services import volunteer_teams

        tid = self.current_team_id()
        if tid is None:
            return False
        name = self.teams.currentItem().text()
        if not ask(self, self.tr("解散队伍"), self.tr("今天解散“%1”？").replace("%1", name)):
            return False
        with self.db.session() as s:
            volunteer_teams.dissolve(s, tid, on=dt.date.today())
        self.refresh()
        return True
