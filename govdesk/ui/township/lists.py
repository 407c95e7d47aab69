"""网格, 调解案件, 志愿时长: every office's rows, read-only, with an office filter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from govdesk.services import township
from govdesk.store.database import Database
from govdesk.ui.township.tables import OfficeCombo, RowsModel, fit_columns, make_table, office_label


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class _OfficeListTab(QWidget):
    """An office chooser over one table; subclasses fill the model in `load`."""

    table_name = ""
    samples: tuple[str, ...] = ()

    def __init__(self, db: Database, headings: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.names = township.office_names(db)
        self.model = RowsModel(headings, self)
        self.offices = OfficeCombo(db, self)
        self.summary = QLabel(self)
        self.summary.setObjectName(self.table_name + "Summary")
        self.bar = QHBoxLayout()
        self.bar.addWidget(QLabel(self.tr("单位：")))
        self.bar.addWidget(self.offices)
        self.bar.addStretch(1)
        self.bar.addWidget(self.summary)
        self.table = make_table(self.model, self, self.table_name)
        fit_columns(self.table, self.samples)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)
        self.offices.currentIndexChanged.connect(lambda _i: self.load())

    def office(self, office_id: str) -> str:
        return office_label(self.names, office_id)

    def load(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        self.names = township.office_names(self.db)
        self.offices.reload()
        self.load()


class TownshipGridsTab(_OfficeListTab):
    table_name = "townshipGridTable"
    samples = (
        "幸福社区居民委员会",
        "110105001001010101",
        "　　第一网格（幸福里）",
        "在岗人员",
        "撤销日期",
    )

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(
            db,
            [
                self.tr("所属单位"),
                self.tr("网格编码"),
                self.tr("网格名称"),
                self.tr("在岗人员"),
                self.tr("撤销日期"),
                self.tr("四至范围"),
            ],
            parent,
        )
        self.load()

    def load(self) -> None:
        rows = township.grids(self.db, office_id=self.offices.office_id())
        self.model.set_rows(
            [
                [
                    self.office(g.office_id),
                    g.code,
                    "　" * g.depth + g.name,
                    g.staff,
                    _date(g.retired_on),
                    g.area,
                ]
                for g in rows
            ]
        )
        self.summary.setText(self.tr("网格 %1 个").replace("%1", str(len(rows))))


class TownshipCasesTab(_OfficeListTab):
    table_name = "townshipCaseTable"
    samples = (
        "幸福社区居民委员会",
        "（2026）幸福人调字第128号",
        "房屋宅基地",
        "当事人申请",
        "不予受理",
        "风险",
        "0000-00-00",
        "0000-00-00",
        "0000-00-00",
    )

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(
            db,
            [
                self.tr("所属单位"),
                self.tr("案号"),
                self.tr("纠纷类型"),
                self.tr("案件来源"),
                self.tr("状态"),
                self.tr("风险等级"),
                self.tr("登记日期"),
                self.tr("受理日期"),
                self.tr("结案日期"),
                self.tr("当事人"),
            ],
            parent,
        )
        self.load()

    def _page(self, after: object | None) -> list[tuple[object, list[object]]]:
        page = township.cases(
            self.db,
            office_id=self.offices.office_id(),
            after=after if isinstance(after, tuple) else None,
        )
        return [
            (
                (c.sort_key, c.rowid),
                [
                    self.office(c.office_id),
                    c.number or self.tr("（未受理）"),
                    c.dispute_type,
                    c.source,
                    c.state,
                    c.risk,
                    _date(c.registered_on),
                    _date(c.accepted_on),
                    _date(c.closed_on),
                    c.party_names,
                ],
            )
            for c in page
        ]

    def load(self) -> None:
        self.model.set_fetch(self._page)
        count = township.case_count(self.db, office_id=self.offices.office_id())
        self.summary.setText(self.tr("案件 %1 件").replace("%1", f"{count:,}"))


class TownshipHoursTab(_OfficeListTab):
    table_name = "townshipHoursTable"
    samples = (
        "幸福社区居民委员会",
        "V00000",
        "欧阳秀英",
        "暂停服务",
        "确认时长（小时）",
        "待确认（小时）",
    )

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(
            db,
            [
                self.tr("所属单位"),
                self.tr("编号"),
                self.tr("志愿者"),
                self.tr("状态"),
                self.tr("确认时长（小时）"),
                self.tr("待确认（小时）"),
            ],
            parent,
        )
        self.year = QComboBox(self)
        self.year.setObjectName("townshipHoursYear")
        self.year.addItem(self.tr("全部年份"), None)
        this_year = dt.date.today().year
        for y in range(this_year, this_year - 6, -1):
            self.year.addItem(self.tr("%1年").replace("%1", str(y)), y)
        self.bar.insertWidget(2, QLabel(self.tr("年份：")))
        self.bar.insertWidget(3, self.year)
        self.year.currentIndexChanged.connect(lambda _i: self.load())
        self.load()

    def load(self) -> None:
        rows = township.hours(
            self.db, office_id=self.offices.office_id(), year=self.year.currentData()
        )
        self.model.set_rows(
            [
                [
                    self.office(h.office_id),
                    h.number,
                    h.name,
                    h.status,
                    round(h.confirmed_minutes / 60, 1),
                    round(h.pending_minutes / 60, 1),
                ]
                for h in rows
            ]
        )
        total = sum(h.confirmed_minutes for h in rows) / 60
        self.summary.setText(
            self.tr("志愿者 %1 人，确认服务时长 %2 小时")
            .replace("%1", str(len(rows)))
            .replace("%2", f"{total:,.1f}")
        )
