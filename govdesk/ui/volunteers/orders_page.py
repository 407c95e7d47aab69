"""The 点单 page: 群众点单 → 社区派单 → 志愿者接单, the open orders with their age."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from govdesk.domain import volunteers as rules
from govdesk.domain.messages import DomainError
from govdesk.store.database import Database
from govdesk.ui.ops import error_text, show_error
from govdesk.ui.volunteers import common
from govdesk.ui.volunteers.common import ask, now_utc, run_dialog

# An open order waiting this many days or more is shown in the warning colour.
OLD_DAYS = 3
OLD_COLOUR = QColor("#ffe3a3")

# The buttons and the order states each applies to.
STEPS = {
    "request": None,
    "dispatch": ("requested", "dispatched"),
    "accept": ("dispatched",),
    "done": ("accepted",),
    "cancel": ("requested", "dispatched", "accepted"),
}


class OrdersPage(QWidget):
    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("volunteerOrdersPage")
        self.db = db
        self.rows: dict[str, object] = {}
        self.which = QComboBox(self)
        self.which.setObjectName("orderWhich")
        self.which.addItem(self.tr("未办结的点单"), "open")
        self.which.addItem(self.tr("全部点单"), "all")
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.which)
        # The steps on a row of their own: the page stays narrow enough for a small window.
        steps = QHBoxLayout()
        steps.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        if common.may_edit(db):
            for key, text in (
                ("request", self.tr("登记需求")),
                ("dispatch", self.tr("推荐志愿者 / 派单")),
                ("accept", self.tr("接单")),
                ("done", self.tr("完成")),
                ("cancel", self.tr("取消")),
            ):
                button = QPushButton(text, self)
                button.setObjectName(f"order_{key}")
                button.setAutoDefault(False)
                button.clicked.connect(lambda _c=False, k=key: self.run(k))
                steps.addWidget(button)
                self.buttons[key] = button
        steps.addStretch(1)
        bar.addStretch(1)
        self.count = QLabel(self)
        self.count.setObjectName("orderCount")
        bar.addWidget(self.count)

        self.list = QTreeWidget(self)
        self.list.setObjectName("orderList")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("单号"),
                self.tr("状态"),
                self.tr("已等待"),
                self.tr("点单人"),
                self.tr("服务需求"),
                self.tr("期望时间"),
                self.tr("地点"),
                self.tr("志愿者"),
            ]
        )
        common.fit_tree_columns(
            self.list,
            [
                "2026-0000",
                [c.label for c in rules.ORDER_STATES],
                "000天",
                "欧阳秀英",
                "帮忙更换厨房水龙头",
                "2026-00-00 下午3点",
                "枫林西里7号楼1单元401室",
                "V0000 欧阳秀英",
            ],
            stretch=4,
        )
        self.list.currentItemChanged.connect(lambda *_a: self._enable())
        self.message = QLabel(self)
        self.message.setObjectName("orderMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(steps)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        from govdesk.services import volunteer_orders

        keep = select or self.current_order_id()
        now = now_utc()
        if self.which.currentData() == "open":
            rows = volunteer_orders.open_orders(self.db, now)
        else:
            rows = volunteer_orders.orders(self.db, now=now)
        self.list.clear()
        self.rows = {}
        chosen = None
        for r in rows:
            o = r.order
            waited = (
                self.tr("%1天").replace("%1", str(r.age_days)) if o.state in STEPS["cancel"] else ""
            )
            when = " ".join(
                p for p in ((o.wanted_on.isoformat() if o.wanted_on else ""), o.wanted_time) if p
            )
            who = " ".join(p for p in (r.volunteer_number, r.volunteer_name) if p)
            item = QTreeWidgetItem(
                [o.number, r.state_label, waited, o.requester, o.need, when, o.place, who]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, o.id)
            item.setToolTip(4, o.need)
            if waited and r.age_days >= OLD_DAYS:
                for c in range(3):
                    item.setBackground(c, QBrush(OLD_COLOUR))
            self.list.addTopLevelItem(item)
            self.rows[o.id] = r
            if o.id == keep:
                chosen = item
        if chosen is None and self.list.topLevelItemCount():
            chosen = self.list.topLevelItem(0)
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        self.count.setText(self.tr("共 %1 单").replace("%1", str(len(rows))))
        self._enable()

    def current_order_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _current(self):
        return self.rows.get(self.current_order_id() or "")

    def _enable(self) -> None:
        row = self._current()
        state = row.order.state if row is not None else None
        for key, button in self.buttons.items():
            states = STEPS[key]
            button.setEnabled(states is None or state in states)

    def run(self, key: str) -> bool:
        self.message.clear()
        try:
            changed = getattr(self, f"do_{key}")()
        except DomainError as exc:
            show_error(self, self.buttons[key].text(), exc)
            self.message.setText(error_text(exc))
            return False
        if changed:
            self.changed.emit()
        return bool(changed)

    def _shown(self) -> str:
        row = self._current()
        return f"{row.order.number} {row.order.requester}：{row.order.need}" if row else ""

    def do_request(self) -> bool:
        from govdesk.ui.volunteers.order_dialogs import RequestDialog

        dialog = RequestDialog(self.db, self)
        if not run_dialog(dialog):
            return False
        self.which.setCurrentIndex(0)
        self.refresh(select=dialog.new_id)
        return True

    def _dialog_step(self, cls) -> bool:
        order_id = self.current_order_id()
        if order_id is None:
            return False
        if not run_dialog(cls(self.db, order_id, self._shown(), self)):
            return False
        self.refresh(select=order_id)
        return True

    def do_dispatch(self) -> bool:
        from govdesk.ui.volunteers.order_dialogs import DispatchDialog

        return self._dialog_step(DispatchDialog)

    def do_done(self) -> bool:
        from govdesk.ui.volunteers.order_dialogs import DoneDialog

        return self._dialog_step(DoneDialog)

    def do_cancel(self) -> bool:
        from govdesk.ui.volunteers.order_dialogs import CancelOrderDialog

        return self._dialog_step(CancelOrderDialog)

    def do_accept(self) -> bool:
        from govdesk.services import volunteer_orders

        row = self._current()
        if row is None:
            return False
        question = self.tr("%1 接单：%2？").replace("%1", row.volunteer_name)
        if not ask(self, self.tr("接单"), question.replace("%2", self._shown())):
            return False
        with self.db.session() as s:
            volunteer_orders.accept(s, row.order.id, now_utc())
        self.refresh(select=row.order.id)
        return True
