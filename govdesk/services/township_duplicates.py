"""Cross-office duplicates: one ID number on the register of two offices, and the township's note.

Typically a person who moved and was registered by the new community before the old one
recorded the move. The township cannot change an office's register (packages only flow
one way per record); it records what it decided (`cross_office_review`) and tells the
offices, who then move the person out on their side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlmodel import select

from govdesk.domain import codes, messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.masking import mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import CrossOfficeReview
from govdesk.domain.permissions import Permission
from govdesk.services import authz, privacy
from govdesk.store import audit_log
from govdesk.store.database import Database

messages.register(
    {
        "township.duplicate.none": (
            "公民身份号码 {id_number} 目前没有在两个单位同时在册",
            "The ID number {id_number} is not on two offices' registers at present",
        ),
        "township.duplicate.keep_office": (
            "“{code}”不是登记了这个人的单位，请从列出的单位中选择",
            "“{code}” is not one of the offices that registered this person: choose one of those listed",
        ),
        "township.duplicate.note_long": (
            "处理意见不能超过 {limit} 个字",
            "The note must not be longer than {limit} characters",
        ),
        "township.duplicate.empty": (
            "请选择保留登记的单位，或写下处理意见",
            "Choose the office that keeps the person, or write a note",
        ),
    }
)

NOTE_LIMIT = 500
_ON_REGISTER = "on_register"


@dataclass
class Entry:
    """The person as one office registered them."""

    resident_id: str
    office_id: str
    office_code: str
    office_name: str
    name: str
    status: str  # label
    registered_at: dt.datetime | None  # when the office created the record
    updated_at: dt.datetime | None
    status_date: dt.date | None
    current_address: str


@dataclass
class Duplicate:
    """One ID number on two (or more) registers. `id_number` is the key, never shown:
    `shown_id` is what a screen or a sheet may carry."""

    id_number: str
    shown_id: str
    entries: list[Entry] = field(default_factory=list)
    keep_office: str = ""  # the township's decision, if any (division code)
    note: str = ""
    decided_at: dt.datetime | None = None
    decided_by: str = ""

    @property
    def settled(self) -> bool:
        return self.decided_at is not None

    @property
    def names(self) -> str:
        return "、".join(dict.fromkeys(e.name for e in self.entries))


def _aware(value: object) -> dt.datetime | None:
    if not value:
        return None
    when = dt.datetime.fromisoformat(str(value))
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def duplicate_numbers(conn: Connection) -> list[str]:
    """ID numbers on the register more than once. Each office holds a number at most once
    (unique per office), so more than once means in more than one office; the covering
    index (id_number, status, …) answers it without reading a table row."""
    return [
        str(r[0])
        for r in conn.execute(
            text(
                "SELECT id_number FROM resident WHERE status = :s AND id_number IS NOT NULL "
                "AND id_number != '' GROUP BY id_number HAVING count(*) > 1 ORDER BY id_number"
            ),
            {"s": _ON_REGISTER},
        )
    ]


def count(db: Database) -> int:
    """How many ID numbers are on two registers (a number only, for every signed-in role)."""
    authz.actor_of(db)
    with db.connect() as conn:
        return len(duplicate_numbers(conn))


def duplicates(db: Database, *, include_settled: bool = True) -> list[Duplicate]:
    """Every cross-office duplicate with each office's entry, unsettled ones first."""
    authz.require(db, Permission.RESIDENT_VIEW)
    with db.connect() as conn:
        numbers = duplicate_numbers(conn)
        found = {
            n: Duplicate(id_number=n, shown_id=str(mask_field("id_number", n))) for n in numbers
        }
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            marks = ", ".join(f":n{i}" for i in range(len(chunk)))
            params = {f"n{i}": n for i, n in enumerate(chunk)}
            rows = conn.execute(
                text(
                    "SELECT r.id_number, r.id, r.office_id, o.division_code, o.name, r.name, "
                    "r.status, r.created_at, r.updated_at, r.status_date, r.current_address "
                    "FROM resident r LEFT JOIN office o ON o.id = r.office_id "
                    f"WHERE r.id_number IN ({marks}) AND r.status = '{_ON_REGISTER}' "
                    "ORDER BY r.id_number, r.created_at"
                ),
                params,
            )
            for r in rows:
                found[str(r[0])].entries.append(
                    Entry(
                        resident_id=str(r[1]),
                        office_id=str(r[2]),
                        office_code=str(r[3] or ""),
                        office_name=str(r[4] or ""),
                        name=str(r[5]),
                        status=codes.RESIDENT_STATUS.label(r[6]),
                        registered_at=_aware(r[7]),
                        updated_at=_aware(r[8]),
                        status_date=dt.date.fromisoformat(str(r[9])) if r[9] else None,
                        current_address=str(r[10] or ""),
                    )
                )
            for n, at, by, keep, note in conn.execute(
                text(
                    "SELECT id_number, decided_at, decided_by, keep_office, note "
                    f"FROM cross_office_review WHERE id_number IN ({marks})"
                ),
                params,
            ):
                d = found[str(n)]
                d.decided_at, d.decided_by = _aware(at), str(by or "")
                d.keep_office, d.note = str(keep or ""), str(note or "")
    out = [d for d in found.values() if include_settled or not d.settled]
    out.sort(key=lambda d: (d.settled, d.id_number))
    return out


def settle(
    db: Database, id_number: str, keep_office: str, note: str, *, by: str | None = None
) -> CrossOfficeReview:
    """Record the township's decision on one duplicate: which office keeps the person
    (a division code, or "" when only a note is written) and a note. Saying it again
    replaces the earlier decision. Needs RESIDENT_EDIT; audited (the number masked)."""
    actor = authz.require(db, Permission.RESIDENT_EDIT)
    id_number = id_number.strip().upper()
    keep_office, note = keep_office.strip(), note.strip()
    shown = str(mask_field("id_number", id_number))
    if not keep_office and not note:
        raise DomainError(Issue("keep_office", "township.duplicate.empty"))
    if len(note) > NOTE_LIMIT:
        raise DomainError(Issue("note", "township.duplicate.note_long", {"limit": NOTE_LIMIT}))
    with db.session() as s:
        conn = s.connection()
        rows = list(
            conn.execute(
                text(
                    "SELECT r.id, o.division_code FROM resident r JOIN office o ON o.id = r.office_id "
                    "WHERE r.id_number = :n AND r.status = :s"
                ),
                {"n": id_number, "s": _ON_REGISTER},
            )
        )
        if len({code for _, code in rows}) < 2:
            raise DomainError(Issue("id_number", "township.duplicate.none", {"id_number": shown}))
        if keep_office and keep_office not in {str(code) for _, code in rows}:
            raise DomainError(
                Issue("keep_office", "township.duplicate.keep_office", {"code": keep_office})
            )
        review = s.exec(
            select(CrossOfficeReview).where(CrossOfficeReview.id_number == id_number)
        ).first()
        before = (review.keep_office, review.note) if review is not None else None
        if review is None:
            review = CrossOfficeReview(id_number=id_number)
        review.keep_office, review.note = keep_office, note
        review.decided_at = dt.datetime.now(dt.UTC)
        review.decided_by = by or actor.username
        s.add(review)
        s.flush()
        audit_log.append(
            conn,
            username=actor.username,
            action=AuditAction.UPDATE if before is not None else AuditAction.CREATE,
            record_type="cross_office_review",
            record_id=shown,
            detail={
                "residents": sorted(str(rid) for rid, _ in rows),
                "keep_office": keep_office,
                "note": note,
                **({"before": {"keep_office": before[0], "note": before[1]}} if before else {}),
            },
        )
        s.expunge(review)
    return review


def reveal(db: Database, duplicate: Duplicate) -> str:
    """The full ID number of one duplicate, through privacy.reveal (permission, audit)."""
    return privacy.reveal(db, duplicate.entries[0].resident_id, "id_number")
