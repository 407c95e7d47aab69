"""Read side of the registry for list views: search pages, row contents and totals."""

from __future__ import annotations

from typing import Any

from govdesk.store import resident_search
from govdesk.store.database import Database
from govdesk.store.resident_search import LIST_COLUMNS, SORT_KEYS, ResidentFilter

__all__ = ["LIST_COLUMNS", "SORT_KEYS", "ResidentFilter", "ResidentList"]


class ResidentList:
    """What a paged table needs: ordered rowid pages, row values by rowid, counts."""

    def __init__(self, db: Database):
        self.db = db

    def page(
        self,
        f: ResidentFilter,
        *,
        sort: str = "name",
        descending: bool = False,
        after: tuple[Any, int] | None = None,
        limit: int = 500,
    ) -> list[tuple[Any, int]]:
        with self.db.connect() as conn:
            return resident_search.page_of_rowids(
                conn, f, sort=sort, descending=descending, after=after, limit=limit
            )

    def rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        with self.db.connect() as conn:
            return resident_search.rows_by_rowid(conn, rowids)

    def count(self, f: ResidentFilter, *, cap: int | None = 10_000) -> int:
        with self.db.connect() as conn:
            return resident_search.count(conn, f, cap=cap)

    def totals(self) -> dict[str, int]:
        with self.db.connect() as conn:
            return resident_search.totals(conn)
