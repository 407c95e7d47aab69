"""The upward package: this office's records, each with its history, sealed for the township.

One member per record table (`<table>.json`): `{"table", "columns": [name, …], "rows":
[[value, …], …], "deleted": [[id, instance, counter, deleted_at], …], "history": {record
id: [[instance, counter], …]}}`, values as SQLite stores them (text dates, 0/1), so the
township writes them back unchanged. The manifest carries only codes, counts, the
acknowledged marks the package starts from (`since`) and its own high-water marks
(`marks`); no personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection
from sqlmodel import SQLModel

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import ExchangePackage
from govdesk.exchange import keys
from govdesk.exchange.keys import KeyCard
from govdesk.exchange.package import MemberDeflater, write_package
from govdesk.services.office import current_office
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store import audit_log
from govdesk.store.database import Database
from govdesk.store.engine import sqlite_of

SEQUENCE_META = "exchange.sequence"  # the last package number this instance wrote
MEMBER_SUFFIX = ".json"
FORMAT = "govdesk-records-1"  # one JSON document per table, columns then rows

messages.register(
    {
        "exchange.no_township": (
            "还没有导入乡镇（街道）的公钥，请先用“信任密钥”导入并电话核对指纹",
            "No township key is trusted yet: import the township's public key first and "
            "check its fingerprint by phone",
        ),
        "exchange.two_townships": (
            "信任了不止一个乡镇（街道）的密钥，请先撤销不用的那个",
            "More than one township key is trusted: revoke the one no longer used first",
        ),
        "exchange.not_office": (
            "乡镇（街道）数据库不向上报送数据包",
            "A township database does not send packages upward",
        ),
    }
)


def record_tables() -> list[str]:
    """The tables whose rows are records (they carry a version), in name order."""
    return sorted(
        name for name, table in SQLModel.metadata.tables.items() if "version_instance" in table.c
    )


@dataclass
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    marks: dict[str, int] = field(default_factory=dict)  # highest counter per instance
    sequence: int = 0


def township_card(db: Database) -> KeyCard:
    """The one trusted township key packages go to."""
    cards = [c for c in keys.keyring(db) if c.kind == "township"]
    if not cards:
        raise DomainError(Issue("township", "exchange.no_township"))
    if len(cards) > 1:
        raise DomainError(Issue("township", "exchange.two_townships"))
    return cards[0]


ROWS_PER_PART = 10_000  # rowids per statement: one slice deflates while SQLite writes the next


def _member(
    conn: Connection, table: str, office_id: str, marks: dict[str, int], acks: dict[str, int]
) -> tuple[bytes, int] | None:
    """The office's rows of `table` newer than the township's acknowledgement as one JSON
    document, and how many (rows and deletions), or None when there are none; the highest
    counter per instance over all the office's rows goes into `marks`."""
    made = _member_parts(conn, table, office_id, marks, acks)
    if made is None:
        return None
    count, parts = made
    return b"".join(parts), count


def _member_parts(
    conn: Connection, table: str, office_id: str, marks: dict[str, int], acks: dict[str, int]
) -> tuple[int, Iterator[bytes]] | None:
    """As _member, but the document as parts made one statement at a time when asked for,
    so that export_package deflates one while SQLite writes the next.

    SQLite writes the JSON itself (json_array, group_concat) and hands it over as bytes
    (CAST AS BLOB): handing 100,000 wide rows to Python as objects and encoding them again
    took four times as long, and decoding the text only to encode it again is a tenth of a
    second at 100,000 residents. Record tables hold no BLOB column, which JSON could not
    carry.
    """
    columns = [c.name for c in table_of_name(table).columns]
    raw = sqlite_of(conn)
    # Rows at or below the acknowledged counter of their instance are at the township. A
    # full export compares nothing (the test per row costs 0.05 s at 100,000 residents).
    acked = json.dumps(acks)
    newer = (
        "t.version > coalesce(json_extract(:acks, '$.\"' || t.version_instance || '\"'), -1)"
        if acks
        else "1"
    )
    newer_gone = newer.replace("t.version_instance", "t.instance")
    params = {"office": office_id, "acks": acked, "table": table}
    count = 0
    for instance, top, fresh in raw.execute(
        f"SELECT version_instance, max(version), sum({newer}) FROM {table} AS t "
        "WHERE office_id = :office GROUP BY 1 "
        f"UNION ALL SELECT instance, max(version), 0 FROM record_tombstone AS t "
        "WHERE table_name = :table AND office_id = :office GROUP BY 1",
        params,
    ):
        count += int(fresh or 0)
        if top > marks.get(instance, -1):
            marks[instance] = top
    gone, deleted = raw.execute(
        "SELECT count(*), CAST(json_group_array(json_array(record_id, instance, version, "
        "deleted_at)) AS BLOB) FROM (SELECT * FROM record_tombstone AS t WHERE table_name "
        f"= :table AND office_id = :office AND {newer_gone} ORDER BY record_id)",
        params,
    ).fetchone()
    if not count and not gone:
        return None

    def parts() -> Iterator[bytes]:
        head = json.dumps({"table": table, "columns": columns}, ensure_ascii=False)[:-1]
        yield f'{head},"rows":['.encode()
        if count:
            # Slices by rowid read the table in its own order; `+office_id` keeps SQLite
            # from going through the office index (every row of an office's file is the
            # office's), which with the sort it then needs took half as long again.
            low, high = raw.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
            rows = (
                f"SELECT CAST(group_concat(json_array({', '.join(columns)})) AS BLOB) "
                f"FROM {table} AS t WHERE t.rowid BETWEEN :low AND :high "
                f"AND +t.office_id = :office AND {newer}"
            )
            first = True
            for start in range(low, high + 1, ROWS_PER_PART):
                slice_params = dict(params, low=start, high=start + ROWS_PER_PART - 1)
                (text,) = raw.execute(rows, slice_params).fetchone()
                if text:
                    yield text if first else b"," + text
                    first = False
        yield b'],"deleted":'
        yield deleted
        # From the history's side: a record's superseded versions are few, and looking
        # each up by id costs nothing, where listing the table's ids first cost 0.4 s.
        (history,) = raw.execute(
            "SELECT CAST(json_group_object(record_id, json(versions)) AS BLOB) FROM (SELECT "
            "record_id, json_group_array(json_array(instance, version)) AS versions FROM "
            "(SELECT h.record_id, h.instance, h.version FROM record_history AS h "
            "WHERE h.table_name = :table AND ("
            f"EXISTS (SELECT 1 FROM {table} AS t WHERE t.id = h.record_id "
            f"AND t.office_id = :office AND {newer}) "
            "OR EXISTS (SELECT 1 FROM record_tombstone AS t WHERE t.table_name = :table "
            f"AND t.record_id = h.record_id AND t.office_id = :office AND {newer_gone})) "
            "ORDER BY h.record_id, h.version) GROUP BY record_id)",
            params,
        ).fetchone()
        yield b',"history":'
        yield history or b"{}"
        yield b"}"

    return count + int(gone), parts()


def acknowledged(db: Database) -> dict[str, int]:
    """What the township said it has from this instance: the highest counter per instance."""
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT instance, counter FROM exchange_ack WHERE source_instance = ?",
            (db.instance_id,),
        ).all()
    return {str(instance): int(counter) for instance, counter in rows}


def table_of_name(name: str):  # noqa: ANN201 - a Core Table
    return SQLModel.metadata.tables[name]


def export_package(
    db: Database,
    folder: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    today: dt.date | None = None,
    full: bool = False,
) -> ExportResult:
    """Write this office's records into `folder` as one package for the township: those
    changed since the township's last acknowledgement, or all of them when `full` or when
    nothing was acknowledged yet. The file appears only whole. Needs the exchange
    permission; logged and audited."""
    username = keys.require_exchange(db)
    recipient = township_card(db)
    signer = keys.own_keys(db)
    with db.session() as s:
        office = current_office(s)
    if keys.exchange_kind(office.kind) != "office":
        raise DomainError(Issue("office", "exchange.not_office"))
    counts: dict[str, int] = {}
    marks: dict[str, int] = {}
    acks = {} if full else acknowledged(db)
    tables = record_tables()
    # SQLite writes the next slice of JSON while a worker deflates the one before: on two
    # cores that halved the 100,000-resident export (docs/benchmarks.md).
    with db.connect() as conn, MemberDeflater(cancel) as deflater:
        # One read transaction (begun by this first statement, ended when the connection
        # closes): every member sees the same moment of the register.
        conn.exec_driver_sql("SELECT 1")
        for i, table in enumerate(tables):
            checkpoint(cancel)
            made = _member_parts(conn, table, office.id, marks, acks)
            if made is not None:
                counts[table], parts = made
                deflater.add(table + MEMBER_SUFFIX, parts)
            if progress is not None:
                progress(i + 1, len(tables) * 3)  # reading is a third of the bar
        members = deflater.finish()
    sequence = int(db.meta(SEQUENCE_META) or 0) + 1
    manifest = {
        "source_office": office.division_code,
        "source_instance": db.instance_id,
        "sequence": sequence,
        "full": not acks,
        "since": acks,
        "content": FORMAT,
        "counts": counts,
        "marks": marks,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }

    def writing(done: int, total: int) -> None:
        if progress is not None:
            progress(len(tables) + 2 * len(tables) * done // max(total, 1), len(tables) * 3)

    path = write_package(
        Path(folder),
        manifest=manifest,
        members={},
        compressed=members,
        signer=signer,
        recipient=recipient,
        progress=writing,
        cancel=cancel,
        when=today,
    )
    log_written(db, path, manifest, username)
    return ExportResult(path=path, counts=counts, marks=marks, sequence=sequence)


def log_written(
    db: Database,
    path: Path,
    manifest: dict,
    username: str,
    detail: dict[str, object] | None = None,
) -> None:
    """A package written, upward or downward, in this database's log and audit trail (with
    `detail` added to the entry); the sequence moves on."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with db.session() as s:
        s.add(
            ExchangePackage(
                direction="out",
                file_name=path.name,
                sha256=digest,
                source_office=manifest["source_office"],
                source_instance=manifest["source_instance"],
                sequence=manifest["sequence"],
                full=bool(manifest.get("full", True)),
                created_at=dt.datetime.fromisoformat(manifest["created_at"]),
                handled_by=username,
                outcome="written",
                counts=json.dumps(manifest["counts"], sort_keys=True),
            )
        )
        s.flush()
        conn = s.connection()
        db.set_meta(conn, SEQUENCE_META, str(manifest["sequence"]))
        audit_log.append(
            conn,
            username=username,
            action=AuditAction.EXPORT,
            record_type="exchange_package",
            record_id=path.name,
            detail={
                "file": path.name,
                "records": sum(manifest["counts"].values()),
                "sequence": manifest["sequence"],
                **(detail or {}),
            },
        )
