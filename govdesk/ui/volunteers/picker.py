"""Choosing a volunteer: found by name, pinyin initials, number or phone tail, in a small dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget
from sqlmodel import Session

from govdesk.store.database import Database
from govdesk.ui.volunteers.common import VolunteerDialog

RESULT_LIMIT = 40


def find_volunteers(db: Database, text: str, *, limit: int = RESULT_LIMIT) -> list[tuple[str, str]]:
    """(id, "V0001 王芳 ★★") for the active volunteers matching `text`, through VolunteerList."""
    from govdesk.domain import volunteers as rules
    from govdesk.services.volunteer_list import VolunteerFilter, VolunteerList

    listing = VolunteerList(db)
    page = listing.page(VolunteerFilter(text=text, status=rules.ACTIVE), limit=limit)
    ids = [vid for _key, vid in page]
    rows = listing.rows(ids)
    out = []
    for vid in ids:
        row = rows.get(vid)
        if row is None:
            continue
        skills = row.get("skill_labels") or ""
        out.append((vid, "　".join(p for p in (row["number"], row["name"], skills) if p)))
    return out


class PickVolunteerDialog(VolunteerDialog):
    """Search and choose one volunteer; `apply` hands the choice to `on_pick(session, id)`."""

    def __init__(self, db: Database, parent: QWidget | None, *, name: str, title: str, on_pick):
        super().__init__(db, parent, name=name)
        self.setWindowTitle(title)
        self.on_pick = on_pick
        self.search = QLineEdit(self)
        self.search.setObjectName(f"{name}Search")
        self.search.setPlaceholderText(self.tr("姓名、拼音首字母、编号或电话后四位"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName(f"{name}Results")
        self.results.setMinimumHeight(self.fontMetrics().height() * 8)
        self.form.addRow(self.tr("查找："), self.search)
        self.form.addRow(self.results)
        self.enter_areas.append(self.search)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.results.itemActivated.connect(lambda _i: self.save())
        self.run_search()

    def run_search(self) -> None:
        self.timer.stop()
        self.results.clear()
        for vid, text in find_volunteers(self.db, self.search.text().strip()):
            item = QListWidgetItem(text, self.results)
            item.setData(Qt.ItemDataRole.UserRole, vid)
        if self.results.count():
            self.results.setCurrentRow(0)

    def choose(self, text: str) -> bool:
        """Search for `text` and select the first match (tests and keyboard use)."""
        self.search.setText(text)
        self.run_search()
        return self.results.count() > 0

    def picked(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def check(self) -> list[str]:
        if self.timer.isActive():
            self.run_search()
        return [] if self.picked() else [self.tr("请先查找并选中一位志愿者。")]

    def apply(self, session: Session) -> None:
        self.on_pick(session, self.picked())
