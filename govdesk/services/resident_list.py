"""Read side of the registry for list views: search pages, row contents and totals."""

from __future__ import annotations

from typing import Any

from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.privacy import mask_row, sees_sensitive_care, sensitive_codes
from govdesk.store import resident_search
from govdesk.store.database import Database
from govdesk.store.resident_search import LIST_COLUMNS, SORT_KEYS, ResidentFilter

__all__ = ["LIST_COLUMNS", "SORT_KEYS", "ResidentFilter", "ResidentList"]


class ResidentList:
    """What a paged table needs: ordered rowid pages, row values by rowid, counts.

    Rows come with ID numbers and phones masked, for every role: a full value is shown
    only through privacy.reveal, one at a time and audited. Searching still matches the
    full values (typing a whole ID number finds the person).
    """

    def __init__(self, db: Database):
        self.db = db

    def _check(self, f: ResidentFilter | None = None) -> None:
        authz.require(self.db, Permission.RESIDENT_VIEW)
        # Filtering by a category one may not see would tell who is in it.
        if f is not None and f.care_code and not sees_sensitive_care(self.db):
            with self.db.connect() as conn:
                if f.care_code in sensitive_codes(conn):
                    authz.require(self.db, Permission.CARE_SENSITIVE)

    def page(
        self,
        f: ResidentFilter,
        *,
        sort: str = "name",
        descending: bool = False,
        after: tuple[Any, int] | None = None,
        limit: int = 500,
    ) -> list[tuple[Any, int]]:
        self._check(f)
        with self.db.connect() as conn:
            return resident_search.page_of_rowids(
                conn, f, sort=sort, descending=descending, after=after, limit=limit
            )

    def rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        self._check()
        with self.db.connect() as conn:
            found = resident_search.rows_by_rowid(conn, rowids)
        return {rowid: mask_row(row) for rowid, row in found.items()}

    def count(self, f: ResidentFilter, *, cap: int | None = 10_000) -> int:
        self._check(f)
        with self.db.connect() as conn:
            return resident_search.count(conn, f, cap=cap)

    def totals(self) -> dict[str, int]:
        """Counts only (the status bar), no personal data: shown to every signed-in role."""
        with self.db.connect() as conn:
            return resident_search.totals(conn)
