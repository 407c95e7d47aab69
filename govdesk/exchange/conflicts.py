"""Conflicting versions of one record: listed, shown field by field, and merged by a person.

The table holds the provisional winner (versions.winner_key, the same on every machine);
record_conflict holds the other heads. A merge takes, field by field, the value of the
head a person chose, and writes it as a new version of this database's instance whose
history holds every head: on any machine that receives it the conflict is over.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.audit_labels import field_label, record_label, value_text
from govdesk.domain.masking import MASKED_FIELDS, mask_field
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import utcnow
from govdesk.domain.permissions import Permission
from govdesk.exchange import keys
from govdesk.exchange.apply import stamp
from govdesk.exchange.versions import Revision, winner_key
from govdesk.services import authz
from govdesk.store import audit_log
from govdesk.store.database import Database
from govdesk.store.engine import sqlite_of
from govdesk.store.versioning import reserve_versions

# Kept by the program, never chosen by a person.
TECHNICAL = frozenset({"id", "office_id", "created_at", "version", "version_instance"})
# Derived from another field: they follow the choice made for it.
DERIVED = {
    "name_pinyin": "name",
    "name_initials": "name",
    "id_number_rev": "id_number",
    "phone_rev": "phone",
}
# The first of these a table has names the record for a person.
_LABEL_FIELDS = ("name", "name_zh", "household_number", "number", "title", "address", "code")

messages.register(
    {
        "exchange.conflict.none": (
            "这条记录没有待处理的冲突（可能已被他人处理）",
            "This record has no open conflict (perhaps someone else settled it)",
        ),
        "exchange.conflict.bad_choice": (
            "“{field}”的选择无效，请重新选择",
            "The choice for '{field}' is not valid; choose again",
        ),
        "exchange.conflict.rejected": (
            "合并后的记录无法保存（{reason}），请换一种选择",
            "The merged record cannot be saved ({reason}); choose differently",
        ),
        "exchange.conflict.deleted": ("（已删除）", "(deleted)"),
        "exchange.conflict.here": ("本机", "this computer"),
    }
)


@dataclass
class Head:
    """One of a record's competing versions, as a person reads it."""

    instance: str
    version: int
    office_code: str  # who made it, as far as the package log says
    updated_at: str
    deleted: bool
    raw: dict[str, Any]  # the stored values
    values: dict[str, str]  # column -> the value as a clerk reads it


@dataclass
class FieldDiff:
    column: str
    heading: str
    values: list[str]  # per head, heads[0] first
    differs: bool


@dataclass
class ConflictSummary:
    table_name: str
    record_id: str
    kind_label: str  # 居民, 户 …
    record_label: str  # 张三, H0001 …
    office_code: str
    office_name: str
    heads: int
    found_at: dt.datetime | None


@dataclass
class ConflictDetail:
    summary: ConflictSummary
    heads: list[Head]  # heads[0] is the provisional winner (the table's row)
    fields: list[FieldDiff] = field(default_factory=list)


def _columns(table: str) -> list[str]:
    return [c.name for c in SQLModel.metadata.tables[table].columns]


def _label(table: str, values: dict[str, Any] | None, record_id: str) -> str:
    for name in _LABEL_FIELDS:
        if values and values.get(name):
            return str(values[name])
    return record_id[:8]


def _when(text: object) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text)).replace(tzinfo=None) if text else None
    except ValueError:
        return None


def _offices(conn: Connection) -> tuple[dict[str, str], dict[str, str]]:
    """instance -> office code (from the package log), and office code -> name."""
    by_instance = {
        str(i): str(o)
        for i, o in conn.exec_driver_sql(
            "SELECT source_instance, source_office FROM exchange_package WHERE direction = 'in' "
            "AND source_instance != '' GROUP BY source_instance"
        )
    }
    names = {
        str(code): str(name)
        for code, name in conn.exec_driver_sql("SELECT division_code, name FROM office")
    }
    return by_instance, names


def open_conflicts(db: Database, *, office_code: str | None = None) -> list[ConflictSummary]:
    """Every record with versions waiting for a person, newest first."""
    with db.connect() as conn:
        _, names = _offices(conn)
        codes = {
            str(i): str(c) for i, c in conn.exec_driver_sql("SELECT id, division_code FROM office")
        }
        rows = conn.exec_driver_sql(
            "SELECT table_name, record_id, office_id, count(*), max(found_at) FROM record_conflict "
            "WHERE resolved_at IS NULL GROUP BY table_name, record_id ORDER BY max(found_at) DESC"
        ).all()
        out = []
        for table, record_id, office_id, count, found in rows:
            code = codes.get(str(office_id), "")
            if office_code is not None and code != office_code:
                continue
            values = _current(conn, table, record_id)
            out.append(
                ConflictSummary(
                    table_name=table,
                    record_id=record_id,
                    kind_label=record_label(table),
                    record_label=_label(table, values, record_id),
                    office_code=code,
                    office_name=names.get(code, ""),
                    heads=int(count) + 1,
                    found_at=_when(found),
                )
            )
    return out


def open_count(db: Database) -> int:
    with db.connect() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT count(DISTINCT table_name || ':' || record_id) FROM record_conflict "
                "WHERE resolved_at IS NULL"
            ).scalar()
            or 0
        )


def _current(conn: Connection, table: str, record_id: str) -> dict[str, Any] | None:
    if table not in SQLModel.metadata.tables:
        return None
    columns = _columns(table)
    row = conn.exec_driver_sql(
        f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", (record_id,)
    ).first()
    return dict(zip(columns, row, strict=True)) if row is not None else None


def _shown(table: str, raw: dict[str, Any], full: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each value as a clerk reads it; SQLite keeps yes/no as 1/0, shown as 是/否. ID
    numbers and phones are masked as everywhere else (docs/privacy.md), except those in
    `full`; the merge takes the stored value, never the shown one."""
    columns = SQLModel.metadata.tables[table].columns
    shown = {}
    for column, value in raw.items():
        if column in TECHNICAL:
            continue
        if isinstance(columns[column].type, Boolean) and value in (0, 1):
            value = bool(value)
        elif column in MASKED_FIELDS and column not in full and isinstance(value, str):
            value = mask_field(column, value)
        shown[column] = value_text(column, value)
    return shown


def _head(
    table: str,
    raw: dict[str, Any] | None,
    instance: str,
    version: int,
    updated_at: str,
    by_instance: dict[str, str],
    own_instance: str,
) -> Head:
    shown = _shown(table, raw or {})
    office = by_instance.get(instance) or (
        messages.text("exchange.conflict.here") if instance == own_instance else ""
    )
    return Head(
        instance=instance,
        version=version,
        office_code=office,
        updated_at=str(updated_at or ""),
        deleted=raw is None,
        raw=raw or {},
        values=shown,
    )


def conflict_detail(db: Database, table_name: str, record_id: str) -> ConflictDetail:
    """The record's heads, the table's first, and its fields side by side."""
    if table_name not in SQLModel.metadata.tables:
        raise DomainError(Issue("conflict", "exchange.conflict.none"))
    with db.connect() as conn:
        by_instance, names = _offices(conn)
        current = _current(conn, table_name, record_id)
        heads: list[Head] = []
        if current is not None:
            heads.append(
                _head(
                    table_name,
                    current,
                    current["version_instance"],
                    current["version"],
                    str(current["updated_at"]),
                    by_instance,
                    db.instance_id,
                )
            )
        else:
            tomb = conn.exec_driver_sql(
                "SELECT instance, version, deleted_at FROM record_tombstone "
                "WHERE table_name = ? AND record_id = ?",
                (table_name, record_id),
            ).first()
            if tomb is not None:
                heads.append(
                    _head(table_name, None, tomb[0], tomb[1], tomb[2], by_instance, db.instance_id)
                )
        others = conn.exec_driver_sql(
            "SELECT instance, version, updated_at, row FROM record_conflict "
            "WHERE resolved_at IS NULL AND table_name = ? AND record_id = ?",
            (table_name, record_id),
        ).all()
        found = conn.exec_driver_sql(
            "SELECT max(found_at) FROM record_conflict WHERE resolved_at IS NULL "
            "AND table_name = ? AND record_id = ?",
            (table_name, record_id),
        ).scalar()
        codes = {
            str(i): str(c) for i, c in conn.exec_driver_sql("SELECT id, division_code FROM office")
        }
    if not others or not heads:
        raise DomainError(Issue("conflict", "exchange.conflict.none"))
    rest = [
        _head(table_name, json.loads(row) if row else None, i, v, u, by_instance, db.instance_id)
        for i, v, u, row in others
    ]
    rest.sort(
        key=lambda h: winner_key(
            Revision(version=(h.instance, h.version), updated_at=_when(h.updated_at))
        ),
        reverse=True,
    )
    heads.extend(rest)
    sample = next((h.raw for h in heads if not h.deleted), {})
    code = codes.get(str(sample.get("office_id", "")), "")
    summary = ConflictSummary(
        table_name=table_name,
        record_id=record_id,
        kind_label=record_label(table_name),
        record_label=_label(table_name, sample, record_id),
        office_code=code,
        office_name=names.get(code, ""),
        heads=len(heads),
        found_at=_when(found),
    )
    deleted_text = messages.text("exchange.conflict.deleted")
    # A masked number the versions disagree on is shown in full to whoever may reveal
    # numbers (to choose, one must see the digits that differ), and noted on the trail.
    differing = frozenset(
        c
        for c in MASKED_FIELDS
        if len({None if h.deleted else h.raw.get(c) for h in heads}) > 1
        and any(c in h.raw for h in heads)
    )
    full: frozenset[str] = frozenset()
    if differing and authz.can(db, Permission.IDENTITY_REVEAL) and not db.read_only:
        full = differing
        db.audit(
            AuditAction.REVEAL,
            record_type=table_name,
            record_id=record_id,
            detail={"field": ",".join(sorted(differing)), "conflict": True},
        )
    for h in heads:
        h.values = _shown(table_name, h.raw, full)
    fields = []
    for column in _columns(table_name):
        if column in TECHNICAL or column in DERIVED or column == "updated_at":
            continue  # the time of each version is shown with the version itself
        values = [deleted_text if h.deleted else h.values.get(column, "") for h in heads]
        raws = [None if h.deleted else h.raw.get(column) for h in heads]
        fields.append(
            FieldDiff(
                column=column,
                heading=field_label(column),
                values=values,
                differs=any(r != raws[0] for r in raws[1:]) or any(h.deleted for h in heads),
            )
        )
    return ConflictDetail(summary=summary, heads=heads, fields=fields)


def resolve(
    db: Database, table_name: str, record_id: str, choice: dict[str, int] | None = None
) -> None:
    """Merge: for each field the value of the head `choice` names (the winner's where it
    names none), written as a new version that supersedes every head. `choice["_record"]`
    naming a deleted head keeps the deletion instead."""
    username = keys.require_exchange(db)
    detail = conflict_detail(db, table_name, record_id)
    choice = dict(choice or {})
    heads = detail.heads
    for column, index in choice.items():
        if not isinstance(index, int) or not 0 <= index < len(heads):
            raise DomainError(Issue(column, "exchange.conflict.bad_choice", {"field": column}))
        if column != "_record" and heads[index].deleted:
            raise DomainError(Issue(column, "exchange.conflict.bad_choice", {"field": column}))
    keep_deleted = heads[choice.get("_record", 0)].deleted
    base = next((h for h in heads if not h.deleted), None)
    columns = _columns(table_name)
    merged: dict[str, Any] = dict(base.raw) if base is not None else {}
    if base is not None:
        for column in columns:
            source = DERIVED.get(column, column)
            if source in choice:
                merged[column] = heads[choice[source]].raw.get(column)
            elif not heads[0].deleted:
                merged[column] = heads[0].raw.get(column)
    now = utcnow()
    try:
        with db.begin() as conn:
            raw = sqlite_of(conn)
            version = reserve_versions(conn, 1)
            current = _current(conn, table_name, record_id)
            if keep_deleted or base is None:
                if current is not None:
                    raw.execute(f"DELETE FROM {table_name} WHERE id = ?", (record_id,))
                office = merged.get("office_id") or _tomb_office(conn, table_name, record_id)
                raw.execute(
                    "INSERT OR REPLACE INTO record_tombstone (table_name, record_id, office_id, "
                    "instance, version, deleted_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (table_name, record_id, office, db.instance_id, version, stamp(now)),
                )
            else:
                merged.update(
                    {
                        "version": version,
                        "version_instance": db.instance_id,
                        "updated_at": stamp(now),
                    }
                )
                values = [merged.get(c) for c in columns]
                if current is not None:
                    sets = ", ".join(f"{c} = ?" for c in columns)
                    raw.execute(
                        f"UPDATE {table_name} SET {sets} WHERE id = ?", (*values, record_id)
                    )
                else:
                    raw.execute(
                        "DELETE FROM record_tombstone WHERE table_name = ? AND record_id = ?",
                        (table_name, record_id),
                    )
                    raw.execute(
                        f"INSERT INTO {table_name} ({', '.join(columns)}) "
                        f"VALUES ({', '.join('?' * len(columns))})",
                        values,
                    )
            _supersede(conn, table_name, record_id, heads)
            raw.execute(
                "UPDATE record_conflict SET resolved_at = ?, resolved_by = ? "
                "WHERE resolved_at IS NULL AND table_name = ? AND record_id = ?",
                (stamp(now), username, table_name, record_id),
            )
            changed = {
                f.column: [f.values[0], f.values[choice.get(f.column, 0)]]
                for f in detail.fields
                if choice.get(f.column, 0) != 0
            }
            audit_log.append(
                conn,
                username=username,
                action=AuditAction.CONFLICT_MERGED,
                record_type=table_name,
                record_id=record_id,
                detail={"heads": len(heads), "deleted": keep_deleted, **changed},
            )
    except IntegrityError as exc:
        reason = str(exc.orig)[:80] if exc.orig is not None else "integrity"
        raise DomainError(
            Issue("conflict", "exchange.conflict.rejected", {"reason": reason})
        ) from None


def _tomb_office(conn: Connection, table: str, record_id: str) -> str:
    found = conn.exec_driver_sql(
        "SELECT office_id FROM record_tombstone WHERE table_name = ? AND record_id = ?",
        (table, record_id),
    ).scalar()
    if found:
        return str(found)
    row = conn.exec_driver_sql(
        "SELECT office_id FROM record_conflict WHERE table_name = ? AND record_id = ? LIMIT 1",
        (table, record_id),
    ).scalar()
    return str(row or "")


def _supersede(conn: Connection, table: str, record_id: str, heads: list[Head]) -> None:
    """Every head and every version a head superseded go into the new version's history."""
    versions = {(h.instance, h.version) for h in heads}
    for hist in conn.exec_driver_sql(
        "SELECT history FROM record_conflict WHERE resolved_at IS NULL AND table_name = ? "
        "AND record_id = ?",
        (table, record_id),
    ).scalars():
        versions |= {(str(i), int(v)) for i, v in json.loads(hist)}
    sqlite_of(conn).executemany(
        "INSERT OR IGNORE INTO record_history (table_name, record_id, instance, version) "
        "VALUES (?, ?, ?, ?)",
        [(table, record_id, i, v) for i, v in versions],
    )


def conflicts_csv(db: Database) -> str:
    """One line per differing field of each open conflict: the winner against each other
    head, with the offices that made them and the two versions."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "table",
            "record_id",
            "record",
            "field",
            "value_a",
            "value_b",
            "office_a",
            "office_b",
            "version_a",
            "version_b",
        ]
    )
    for summary in open_conflicts(db):
        detail = conflict_detail(db, summary.table_name, summary.record_id)
        for other in range(1, len(detail.heads)):
            for f in detail.fields:
                if f.values[0] == f.values[other]:
                    continue
                writer.writerow(
                    [
                        summary.table_name,
                        summary.record_id,
                        summary.record_label,
                        f.heading,
                        f.values[0],
                        f.values[other],
                        detail.heads[0].office_code,
                        detail.heads[other].office_code,
                        # An office PC and its laptop copy are one office: the versions
                        # (instance:counter) tell them apart.
                        f"{detail.heads[0].instance}:{detail.heads[0].version}",
                        f"{detail.heads[other].instance}:{detail.heads[other].version}",
                    ]
                )
    return out.getvalue()
