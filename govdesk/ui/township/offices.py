"""各单位: the offices whose packages were applied here, the package log, and open conflicts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from govdesk.domain.permissions import Permission
from govdesk.services import authz, township
from govdesk.store.database import Database
from govdesk.ui.dialog_driver import run_dialog
from govdesk.ui.township.tables import RowsModel, fit_columns, make_table

OUTCOMES = {
    "applied": QT_TRANSLATE_NOOP("TownshipOfficesTab", "已导入"),
    "nothing_new": QT_TRANSLATE_NOOP("TownshipOfficesTab", "无新内容"),
    "refused": QT_TRANSLATE_NOOP("TownshipOfficesTab", "已拒绝"),
    "written": QT_TRANSLATE_NOOP("TownshipOfficesTab", "已写出"),
}
DIRECTIONS = {
    "in": QT_TRANSLATE_NOOP("TownshipOfficesTab", "导入"),
    "out": QT_TRANSLATE_NOOP("TownshipOfficesTab", "导出"),
}


def outcome_label(outcome: str) -> str:
    text = OUTCOMES.get(outcome)
    return QCoreApplication.translate("TownshipOfficesTab", text) if text else outcome


def _local(when) -> str:  # noqa: ANN001 - an aware datetime or None
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else ""


class TownshipOfficesTab(QWidget):
    """The township's overview; 处理冲突… opens the conflict dialog of the exchange menu."""

    counts_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.conflict_label = QLabel(self)
        self.conflict_label.setObjectName("townshipConflictCount")
        self.conflict_button = QPushButton(self.tr("处理冲突(&C)…"), self)
        self.conflict_button.setObjectName("townshipConflictButton")
        self.conflict_button.clicked.connect(self.open_conflicts)
        # Merging writes a new version: only a role that may exchange data gets the button.
        self.may_merge = authz.can(db, Permission.EXCHANGE) and not db.read_only
        self.conflict_button.setVisible(self.may_merge)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.setObjectName("townshipRefreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.conflict_label)
        bar.addWidget(self.conflict_button)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)

        self.offices_model = RowsModel(
            [
                self.tr("单位代码"),
                self.tr("单位名称"),
                self.tr("类别"),
                self.tr("在册居民"),
                self.tr("户数"),
                self.tr("调解案件"),
                self.tr("志愿者"),
                self.tr("已导入数据包"),
                self.tr("最近导入"),
                self.tr("最近的数据包"),
            ],
            self,
        )
        self.offices_table = make_table(self.offices_model, self, "townshipOfficeTable")
        fit_columns(
            self.offices_table,
            (
                "110105001001",
                "幸福社区居民委员会",
                "社区居委会",
                "在册居民00",
                "户数000",
                "调解案件",
                "志愿者",
                "已导入数据包",
                "0000-00-00 00:00",
            ),
        )
        self.log_model = RowsModel(
            [
                self.tr("时间"),
                self.tr("方向"),
                self.tr("文件"),
                self.tr("来源单位"),
                self.tr("结果"),
                self.tr("记录"),
                self.tr("原因"),
            ],
            self,
        )
        self.log_table = make_table(self.log_model, self, "townshipPackageLog")
        fit_columns(
            self.log_table,
            (
                "0000-00-00 00:00",
                "方向",
                "110105001001-20261126-0007-ab12.gdx",
                "110105001001",
                "无新内容",
                "记录00000",
            ),
        )
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(split)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(QLabel(self.tr("<b>各单位</b>（数据来自各单位报送的数据包，只读）")))
        top_layout.addWidget(self.offices_table)
        bottom = QWidget(split)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(QLabel(self.tr("<b>数据包记录</b>（最近的在前）")))
        bottom_layout.addWidget(self.log_table)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.refresh()

    def refresh(self) -> None:
        names = {}
        rows = []
        for o in township.offices(self.db):
            names[o.division_code] = o.name
            rows.append(
                [
                    o.division_code,
                    o.name,
                    o.kind_label,
                    o.residents,
                    o.households,
                    o.cases,
                    o.volunteers,
                    o.packages,
                    _local(o.last_applied_at),
                    o.last_file,
                ]
            )
        self.offices_model.set_rows(rows)
        self.log_model.set_rows(
            [
                [
                    _local(p.handled_at),
                    QCoreApplication.translate(
                        "TownshipOfficesTab", DIRECTIONS.get(p.direction, p.direction)
                    ),
                    p.file_name,
                    names.get(p.source_office, p.source_office),
                    outcome_label(p.outcome),
                    p.records or "",
                    p.reason,
                ]
                for p in township.packages(self.db)
            ]
        )
        self.conflicts = township.open_conflict_count(self.db)
        if self.conflicts:
            self.conflict_label.setText(
                self.tr(
                    "<b style='color:#b00'>待处理冲突：%1 条</b>（两处都改过的记录，需要人工合并）"
                ).replace("%1", str(self.conflicts))
            )
        else:
            self.conflict_label.setText(self.tr("待处理冲突：0 条"))
        self.conflict_button.setEnabled(
            self.may_merge and self.conflicts > 0 and _conflicts_dialog() is not None
        )

    def open_conflicts(self) -> None:
        dialog_class = _conflicts_dialog()
        if dialog_class is None:
            return
        run_dialog(dialog_class(self.db, self))
        self.refresh()
        self.counts_changed.emit()


def _conflicts_dialog():  # noqa: ANN202 - the dialog class, or None before the exchange menu exists
    try:
        from govdesk.ui.exchange.conflicts_dialog import ConflictsDialog
    except ImportError:
        return None
    return ConflictsDialog
