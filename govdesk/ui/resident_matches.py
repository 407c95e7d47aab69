"""Residents a picker lists while a clerk types a name, pinyin initials or ID digits."""

from __future__ import annotations

from dataclasses import dataclass

from govdesk.domain import codes
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database

RESULT_LIMIT = 30  # a picker shows a short list; typing more narrows it


@dataclass(frozen=True)
class ResidentMatch:
    """One resident as a picker lists them: the ID number masked as the register shows it."""

    id: str
    name: str
    sex: str  # the label, in the interface language
    id_number: str  # masked unless the role may see it
    address: str

    def label(self, *, with_sex: bool = True) -> str:
        parts = [self.name, self.sex if with_sex else "", self.id_number, self.address]
        return "\u3000".join(p for p in parts if p)


def find_residents(db: Database, text: str, limit: int = RESULT_LIMIT) -> list[ResidentMatch]:
    """Residents on the register matching `text`, as the register's search finds them;
    raises DomainError (e.g. no permission) for the picker to show."""
    text = text.strip()
    if not text:
        return []
    listing = ResidentList(db)
    page = listing.page(ResidentFilter(text=text), limit=limit)
    rows = listing.rows([rowid for _key, rowid in page])
    found = []
    for _key, rowid in page:
        row = rows.get(rowid)
        if row is None:
            continue
        found.append(
            ResidentMatch(
                id=row["id"],
                name=row["name"],
                sex=codes.SEX.label(row.get("sex")) if row.get("sex") else "",
                id_number=row.get("id_number") or "",
                address=row.get("current_address") or "",
            )
        )
    return found
