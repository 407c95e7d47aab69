"""What the grid tab reads, from the grid services, shaped into the rows its models show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from govdesk.services import grid_staff, grid_tree, grids
from govdesk.services.office import current_office
from govdesk.store.database import Database
from govdesk.ui.grids.tree_model import COMMUNITY, GRID, UNASSIGNED, PlaceRow, TreeRow


@dataclass(frozen=True)
class StaffRow:
    """One post of the chosen grid as the staff table shows it (phone already masked)."""

    name: str
    role: str
    phone: str
    start: str
    post_id: str = ""
    staff_id: str = ""


class GridSource:
    """The tree, places and staff of one office on a day; no SQL here, only service calls."""

    def __init__(self, db: Database):
        self.db = db
        self.tree_service = grid_tree.GridTree(db)
        with db.session() as s:
            self.office_name = current_office(s).name

    def tree(self, on: dt.date, *, include_retired: bool = False) -> TreeRow:
        """The community line with its grids below and 未划分 last, counts rolled up."""
        nodes = self.tree_service.load(on, include_retired=include_retired)
        return build_tree(self.office_name, nodes)

    def places(self, grid_id: str | None, on: dt.date) -> list[PlaceRow]:
        """The places of a grid on `on`; None: the buildings and houses in no grid."""
        rows = grid_tree.place_rows(self.db, grid_id or grid_tree.UNASSIGNED, on)
        return [
            PlaceRow(
                id=r.id,
                name=r.address or r.name,
                kind=r.kind,
                households=r.households,
                residents=r.residents,
                address=r.address,
            )
            for r in rows
        ]

    def staff(self, grid_id: str | None, on: dt.date) -> list[StaffRow]:
        if grid_id is None:
            return []
        with self.db.session() as s:
            views = grid_staff.post_views(s, grid_id, on)
        return [
            StaffRow(v.name, v.role_label, v.phone, v.start_on.isoformat(), v.post_id, v.staff_id)
            for v in views
        ]

    def staff_choices(self) -> list[tuple[str, str]]:
        """(id, name) of everyone on the office's grid staff, by name."""
        with self.db.session() as s:
            return [(m.id, m.name) for m in grid_staff.staff_members(s)]

    def area(self, grid_id: str) -> str:
        with self.db.session() as s:
            return grids.get_grid(s, grid_id).area


def build_tree(office_name: str, nodes: Sequence[grid_tree.GridNode]) -> TreeRow:
    """The community line over the service's nodes (parents first, the bucket last)."""
    see_care = any(n.care is not None for n in nodes)
    community = TreeRow(COMMUNITY, None, office_name, care=0 if see_care else None)
    by_id: dict[str, TreeRow] = {}
    for node in nodes:
        if node.unassigned:
            row = TreeRow(
                UNASSIGNED,
                None,
                QCoreApplication.translate("GridsTab", "未划分"),
                code="",
                households=node.households,
                residents=node.residents,
                care=node.care,
                staff=0,
                places=node.places,
            )
        else:
            row = TreeRow(
                GRID,
                node.id,
                node.name,
                code=node.code,
                households=node.households,
                residents=node.residents,
                care=node.care,
                staff=node.staff,
                places=node.places,
                retired=node.retired,
            )
            by_id[node.id] = row
        owner = by_id.get(node.parent_id or "") if not node.unassigned else None
        if owner is None:
            owner = community
            # The community's own figures are its top-level grids plus the bucket.
            community.households += row.households
            community.residents += row.residents
            if community.care is not None:
                community.care += row.care or 0
            if not row.retired:
                community.staff += row.staff
        row.parent = owner
        owner.children.append(row)
    # The bucket goes last, after every grid.
    community.children.sort(key=lambda r: r.kind == UNASSIGNED)
    return community


def unassigned_count(row: TreeRow | None) -> int:
    """The figure on the tab: households outside every grid (people are what nobody visits)."""
    return row.households if row is not None else 0


def unassigned_text(row: TreeRow) -> str:
    return (
        QCoreApplication.translate("GridsTab", "未划入网格：%1 处楼栋/房屋，%2 户，%3 人")
        .replace("%1", f"{row.places:,}")
        .replace("%2", f"{row.households:,}")
        .replace("%3", f"{row.residents:,}")
    )


def moved(result: object) -> bool:
    """Whether an assignment changed anything (a drop onto the same grid changes nothing)."""
    return bool(getattr(result, "moved", 0))
