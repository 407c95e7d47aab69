"""Importing a package: verify it, then merge its records version by version in one transaction.

The rules are those of versions.py (docs/exchange-merge.md): per record, the heads are the
row in the table (or its tombstone) and the open conflicts; an incoming version that a head
knows changes nothing, one that supersedes every head replaces them, and any other joins
them as a conflict. The table shows the provisional winner, the same on every machine.
A package is refused whole, before any record changes, when it is damaged, foreign or
malformed; only the package log and the audit trail note the refusal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.audit_labels import field_label, record_label
from govdesk.domain.masking import mask_field
from govdesk.domain.models import utcnow
from govdesk.exchange import keys
from govdesk.exchange.export import FORMAT, record_tables
from govdesk.exchange.package import Package, PackageRefused, read_package
from govdesk.exchange.versions import RecordState, Revision, Version
from govdesk.exchange.versions import apply as apply_version
from govdesk.services.office import current_office
from govdesk.services.progress import Cancelled, ProgressFn, checkpoint
from govdesk.store import audit_log, migrate, place_tally
from govdesk.store.bulk_load import address_index_deferred, indexes_deferred, large_cache
from govdesk.store.database import Database
from govdesk.store.engine import sqlite_of

CHUNK = 500  # ids looked up per query (well under SQLite's variable limit)
DELETED = "deleted"  # the row of a tombstone revision

messages.register(
    {
        "exchange.refused.schema": (
            "数据包由另一版本的 govdesk 制作（数据结构 {theirs}，本机 {ours}），请两边使用同一版本后重新导出",
            "The package was made by another govdesk version (schema {theirs}, here {ours}); "
            "use the same version on both sides and export again",
        ),
        "exchange.refused.not_township": (
            "社区（村）数据库不导入其他单位的居民数据；请在乡镇（街道）的数据库中导入",
            "An office database does not take another office's records; import this package "
            "into the township's database",
        ),
        "exchange.refused.unique_clash": (
            "数据包中的一条{record}记录与本机已有的该社区另一条{record}记录重复：{field}都是“{value}”。"
            "多半是该社区的两台电脑（如办公室电脑和笔记本）各自新登记了同一条。已拒绝，没有导入任何记录。"
            "请通知该社区：在制作这个数据包的电脑上找到这条{record}记录（可按{field}查找），"
            "改正{field}，或清空{field}后注销（原因写“重复登记”），然后重新导出",
            "A {record} record in the package has the same {field} ('{value}') as another "
            "{record} record of this office already here. Most likely two computers of the "
            "office (the office PC and a laptop, say) each registered it as new. The package "
            "was refused and no record was imported. Ask the office to find this record on "
            "the computer that made the package (search by {field}) and correct its {field}, "
            "or clear it and deregister the record as a duplicate, then export again",
        ),
        "exchange.refused.two_heads": (
            "数据包给户“{household}”指定的户主，与本机已有的户主不是同一人：多半是该社区的两台电脑"
            "各自更换了户主。已拒绝，没有导入任何记录。请通知该社区：在制作这个数据包的电脑上"
            "把这一户的户主改成与另一台电脑一致，然后重新导出",
            "The package makes someone else head of household '{household}' than the head "
            "already here: most likely two computers of the office each changed the head. The "
            "package was refused and no record was imported. Ask the office to make the head "
            "on the computer that made the package the same as on the other, then export again",
        ),
        "exchange.refused.malformed": (
            "数据包中的“{member}”内容不合规（{what}），已拒绝，没有导入任何记录；请让对方重新导出",
            "The part '{member}' of the package is malformed ({what}); it was refused and no "
            "record was imported: ask the sender to export again",
        ),
        "exchange.refused.foreign_rows": (
            "数据包中有不属于“{office}”的记录，已拒绝，没有导入任何记录；请与该社区核实",
            "The package holds records that do not belong to '{office}'; it was refused and "
            "no record was imported: check with that office",
        ),
        "exchange.refused.other_office": (
            "数据包自称来自“{office}”，但与本库中已有的该单位数据不是同一个数据库，已拒绝；请电话核实",
            "The package says it comes from '{office}' but from another database than the "
            "one already here for that office; it was refused: check by phone",
        ),
        "exchange.refused.no_office": (
            "数据包中缺少单位信息，且本库还没有收到过“{code}”的完整数据包；请让对方导出完整数据包",
            "The package lacks its office record and no full package from '{code}' has been "
            "imported here yet: ask the office to export a full package",
        ),
        "exchange.refused.unknown_content": (
            "不认识的数据包内容（{content}），请先升级本程序",
            "Unknown package content ({content}); please upgrade govdesk first",
        ),
        "exchange.refused.cancelled": (
            "导入已取消，没有导入任何记录",
            "The import was cancelled; no record was imported",
        ),
        "exchange.report.applied": ("已导入", "Imported"),
        "exchange.report.nothing_new": (
            "没有新内容（这个数据包或更新的数据包已经导入过）",
            "Nothing new (this package, or a newer one, was imported before)",
        ),
        "exchange.report.refused": ("已拒收", "Refused"),
        "exchange.report.file": ("数据包：{name}", "Package: {name}"),
        "exchange.report.from": ("来自：{name}（{code}）", "From: {name} ({code})"),
        "exchange.report.outcome": ("结果：{outcome}", "Outcome: {outcome}"),
        "exchange.report.reason": ("原因：{reason}", "Reason: {reason}"),
        "exchange.report.counts": (
            "新增 {new} 条，更新 {updated} 条，未变 {unchanged} 条，冲突 {conflicts} 条",
            "{new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts",
        ),
        "exchange.report.table": (
            "  {table}：新增 {new}，更新 {updated}，未变 {unchanged}，冲突 {conflicts}",
            "  {table}: {new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts",
        ),
        "exchange.report.changes": ("变更：", "Changes:"),
        "exchange.report.when": ("导入时间：{when}", "Imported at: {when}"),
        "exchange.warning.gap": (
            "提示：对方认为本库已收到的数据比本库记录的多（本库可能从备份恢复过），请让“{office}”导出一次完整数据包",
            "Note: the sender believes this database has received more than it records "
            "(perhaps it was restored from a backup); ask '{office}' for a full package",
        ),
    }
)


@dataclass
class ImportReport:
    """What one import did, for the clerk: shown, saved, and kept in the package log."""

    file_name: str
    outcome: str = "refused"  # applied, nothing_new, refused
    kind: str = ""  # records (office -> township), reference (township -> office)
    source_office: str = ""
    source_name: str = ""
    reason: str = ""
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    refused: int = 0
    per_table: dict[str, dict[str, int]] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    handled_at: dt.datetime = field(default_factory=utcnow)

    def count(self, table: str, what: str, n: int = 1) -> None:
        line = self.per_table.setdefault(
            table, {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 0}
        )
        line[what] += n
        setattr(self, what, getattr(self, what) + n)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.conflicts or self.changes)

    def counts(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "tables": self.per_table,
        }

    def text(self) -> str:
        m = messages.text
        lines = [m("exchange.report.file", name=self.file_name)]
        if self.source_office:
            lines.append(
                m("exchange.report.from", name=self.source_name or "?", code=self.source_office)
            )
        local = self.handled_at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(m("exchange.report.when", when=local))
        lines.append(m("exchange.report.outcome", outcome=m(f"exchange.report.{self.outcome}")))
        if self.reason:
            lines.append(m("exchange.report.reason", reason=self.reason))
        # A repeat found by its hash was not opened: no counts to give.
        if self.outcome == "applied" or self.unchanged:
            lines.append(
                m(
                    "exchange.report.counts",
                    new=self.new,
                    updated=self.updated,
                    unchanged=self.unchanged,
                    conflicts=self.conflicts,
                )
            )
            for table, line in sorted(self.per_table.items()):
                lines.append(m("exchange.report.table", table=record_label(table), **line))
        if self.changes:
            lines.append(m("exchange.report.changes"))
            lines.extend(f"  {c}" for c in self.changes)
        lines.extend(self.warnings)
        return "\n".join(lines) + "\n"

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.write_text(self.text(), encoding="utf-8")
        return path


# -- the whole package --------------------------------------------------------------------


def import_package(
    db: Database,
    path: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    introduce: keys.KeyCard | None = None,
) -> ImportReport:
    """Verify the package at `path` and apply it in one transaction; a refusal changes no
    record (the report says why, the log and the audit trail note it). Needs the exchange
    permission. `introduce` is a signer card a person has just checked (first contact)."""
    username = keys.require_exchange(db)
    path = Path(path)
    report = ImportReport(file_name=path.name)
    keyring = keys.keyring(db)
    if introduce is not None and all(c.fingerprint != introduce.fingerprint for c in keyring):
        keyring = [*keyring, introduce]
    package: Package | None = None
    try:
        # A byte-identical copy of a package applied before (verified then) holds nothing
        # new: said at once, without opening it again.
        seen = _seen(db, _file_sha256(path))
        if seen is not None:
            report.outcome = "nothing_new"
            report.source_office, report.source_name = seen
            _log_seen(db, report, path, username)
            return report
        package = read_package(path, keyring=keyring, own=keys.own_keys(db), cancel=cancel)
        manifest = package.manifest
        report.source_office = str(manifest.get("source_office", ""))
        report.source_name = package.signer.office_name
        # Compared by tables and columns: a migration that only adds indexes on one side
        # does not change what the records are.
        theirs = str(manifest.get("schema"))
        if migrate.data_revision(theirs) != migrate.data_revision():
            raise PackageRefused("schema", theirs=theirs, ours=migrate.data_revision())
        _apply(db, package, report, username, progress, cancel)
    except Cancelled:
        report.outcome, report.reason = "refused", messages.text("exchange.refused.cancelled")
        return report  # the clerk stopped it: nothing to note
    except PackageRefused as exc:
        _refused(db, report, exc, package, username)
    return report


def _apply(
    db: Database,
    package: Package,
    report: ImportReport,
    username: str,
    progress: ProgressFn | None,
    cancel: threading.Event | None,
) -> None:
    downward_content = _downward_content()

    manifest = package.manifest
    content = manifest.get("content")
    with db.session() as s:
        own = current_office(s)
    township = keys.exchange_kind(own.kind) == "township"
    try:
        with db.begin() as conn:
            # Rows refer to each other (a resident to its household); a package holds them
            # in any order, and the references are checked once, at the commit.
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            if content == FORMAT:
                if not township:
                    raise PackageRefused("not_township")
                report.kind = "records"
                office_id = _source_office_id(conn, package, own.id)
                _check_gap(conn, manifest, report)
                apply_records(
                    conn,
                    package.members,
                    office_id=office_id,
                    source=package.file_name,
                    report=report,
                    progress=progress,
                    cancel=cancel,
                )
                _acknowledge(conn, manifest)
            elif downward_content is not None and content == downward_content:
                from govdesk.exchange import downward

                report.kind = "reference"
                downward.apply_downward(db, conn, package, report)
            else:
                raise PackageRefused("unknown_content", content=str(content)[:40])
            report.outcome = "applied" if report.changed else "nothing_new"
            _log_in(conn, report, package, username)
    except IntegrityError as exc:
        raise PackageRefused("malformed", member="*", what=_integrity_text(exc)) from None
    except sqlite3.IntegrityError as exc:
        raise PackageRefused("malformed", member="*", what=str(exc)[:80]) from None
    except (sqlite3.InterfaceError, sqlite3.ProgrammingError):
        # A value SQLite cannot take (a list or an object where a column wants a value):
        # cheaper to let it say so than to look at every value first.
        raise PackageRefused("malformed", member="*", what="rows") from None


def stamp(when: dt.datetime) -> str:
    """A time as SQLAlchemy stores DateTime in SQLite (UTC, no offset), for raw statements."""
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC)
    return when.strftime("%Y-%m-%d %H:%M:%S.%f")


def _downward_content() -> str | None:
    # The downward side builds on this module, so it is imported when used.
    try:
        from govdesk.exchange import downward
    except ImportError:  # pragma: no cover - while downward.py is being written
        return None
    return str(downward.CONTENT)


def _integrity_text(exc: IntegrityError) -> str:
    return str(exc.orig)[:80] if exc.orig is not None else "integrity"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""  # read_package says why, in a sentence a clerk can act on
    return digest.hexdigest()


def _seen(db: Database, sha256: str) -> tuple[str, str] | None:
    """(office code, office name) when this very file was applied here before (or found to
    hold nothing new)."""
    if not sha256:
        return None
    with db.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT p.source_office, coalesce(o.name, '') FROM exchange_package AS p "
            "LEFT JOIN office AS o ON o.division_code = p.source_office "
            "WHERE p.direction = 'in' AND p.sha256 = ? AND p.outcome IN ('applied', 'nothing_new') "
            "LIMIT 1",
            (sha256,),
        ).first()
    return (str(row[0]), str(row[1])) if row is not None else None


def _log_seen(db: Database, report: ImportReport, path: Path, username: str) -> None:
    """The repeat in the log, with what the first time said of the package."""
    with db.begin() as conn:
        first = conn.exec_driver_sql(
            "SELECT source_instance, sequence, full, created_at FROM exchange_package "
            "WHERE direction = 'in' AND sha256 = ? ORDER BY handled_at LIMIT 1",
            (_file_sha256(path),),
        ).first()
        manifest = {}
        if first is not None:
            manifest = {
                "source_instance": first[0],
                "sequence": first[1],
                "full": bool(first[2]),
            }
        _log_in(conn, report, None, username, manifest=manifest, sha=_file_sha256(path))


def _source_office_id(conn: Connection, package: Package, own_id: str) -> str:
    """The id of the office the package comes from: its office record in the package, which
    must match the one already here for that division code."""
    code = str(package.manifest.get("source_office", ""))
    if package.signer.office_code != code:
        raise PackageRefused(
            "foreign_source",
            claimed=code,
            office=package.signer.office_name,
            code=package.signer.office_code,
        )
    claimed: str | None = None
    data = package.members.get("office.json")
    if data is not None:
        document = _document("office.json", data)
        columns = document["columns"]
        for row in document["rows"]:
            values = dict(zip(columns, row, strict=True))
            if values.get("division_code") == code and values.get("id") == values.get("office_id"):
                claimed = str(values["id"])
    known = conn.exec_driver_sql(
        "SELECT id FROM office WHERE division_code = ? AND id != ? ORDER BY created_at",
        (code, own_id),
    ).scalars()
    here = [str(k) for k in known]
    if claimed is None:
        if not here:
            raise PackageRefused("no_office", code=code)
        return here[0]
    if claimed == own_id or (here and claimed not in here):
        raise PackageRefused("other_office", office=package.signer.office_name or code)
    return claimed


def _check_gap(conn: Connection, manifest: dict[str, Any], report: ImportReport) -> None:
    """An incremental package that starts from more than this database ever acknowledged."""
    since = manifest.get("since") or {}
    if not isinstance(since, dict):
        return
    have: dict[str, int] = dict(
        conn.exec_driver_sql(
            "SELECT instance, counter FROM exchange_ack WHERE source_instance = ?",
            (str(manifest.get("source_instance", "")),),
        ).all()
    )
    if any(isinstance(c, int) and c > have.get(i, -1) for i, c in since.items()):
        report.warnings.append(messages.text("exchange.warning.gap", office=report.source_name))


def _acknowledge(conn: Connection, manifest: dict[str, Any]) -> None:
    """Everything up to the package's marks is here now: the next downward package says so."""
    marks = manifest.get("marks") or {}
    source = str(manifest.get("source_instance", ""))
    now = utcnow()
    for instance, counter in marks.items() if isinstance(marks, dict) else ():
        if not isinstance(counter, int):
            continue
        conn.exec_driver_sql(
            "INSERT INTO exchange_ack (source_instance, instance, counter, office_code, "
            "acknowledged_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_instance, instance) "
            "DO UPDATE SET counter = max(counter, excluded.counter), "
            "acknowledged_at = excluded.acknowledged_at",
            (source, str(instance), counter, str(manifest.get("source_office", "")), stamp(now)),
        )


# -- the log ------------------------------------------------------------------------------


def _log(db: Database, report: ImportReport, package: Package | None, username: str) -> None:
    with db.begin() as conn:
        _log_in(conn, report, package, username)


def _log_in(
    conn: Connection,
    report: ImportReport,
    package: Package | None,
    username: str,
    *,
    manifest: dict[str, Any] | None = None,
    sha: str = "",
) -> None:
    if package is not None:
        manifest, sha = package.manifest, package.sha256
    manifest = manifest or {}
    created = manifest.get("created_at")
    try:
        created_at = dt.datetime.fromisoformat(created) if isinstance(created, str) else None
    except ValueError:
        created_at = None
    sequence = manifest.get("sequence")
    conn.exec_driver_sql(
        "INSERT INTO exchange_package (id, direction, file_name, sha256, source_office, "
        "source_instance, sequence, full, created_at, handled_at, handled_by, outcome, reason, "
        "counts) VALUES (lower(hex(randomblob(16))), 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            report.file_name,
            sha,
            report.source_office,
            str(manifest.get("source_instance", "")),
            sequence if isinstance(sequence, int) else 0,
            bool(manifest.get("full", False)),
            stamp(created_at) if created_at is not None else None,
            stamp(report.handled_at),
            username,
            report.outcome,
            report.reason,
            json.dumps(report.counts(), sort_keys=True),
        ),
    )
    audit_log.append(
        conn,
        username=username,
        action=AuditAction.IMPORT if report.outcome != "refused" else AuditAction.PACKAGE_REFUSED,
        record_type="exchange_package",
        record_id=report.file_name,
        detail={
            "file": report.file_name,
            "from": report.source_office,
            "outcome": report.outcome,
            "new": report.new,
            "updated": report.updated,
            "conflicts": report.conflicts,
            **({"reason": report.reason} if report.reason else {}),
        },
    )


def _refused(
    db: Database,
    report: ImportReport,
    exc: PackageRefused,
    package: Package | None,
    username: str,
) -> None:
    report.outcome, report.reason = "refused", exc.message
    report.new = report.updated = report.unchanged = report.conflicts = 0
    report.per_table, report.changes = {}, []
    if db.read_only:
        return
    _log(db, report, package, username)


# -- the records --------------------------------------------------------------------------


def _document(name: str, data: bytes) -> dict[str, Any]:
    """A member parsed and its shape checked; PackageRefused("malformed") otherwise."""

    def bad(what: str) -> PackageRefused:
        return PackageRefused("malformed", member=name, what=what)

    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise bad("JSON") from None
    if not isinstance(document, dict):
        raise bad("JSON")
    table = document.get("table")
    if table not in record_tables():
        raise bad("table")
    expected = {c.name for c in SQLModel.metadata.tables[table].columns}
    columns = document.get("columns")
    if not isinstance(columns, list) or set(columns) != expected or len(columns) != len(expected):
        raise bad("columns")
    rows = document.get("rows", [])
    deleted = document.get("deleted", [])
    history = document.get("history", {})
    if not isinstance(rows, list) or not isinstance(deleted, list):
        raise bad("rows")
    if not isinstance(history, dict):
        raise bad("history")
    at = {c: columns.index(c) for c in ("id", "office_id", "version", "version_instance")}
    for row in rows:
        if not isinstance(row, list) or len(row) != len(columns):
            raise bad("rows")
        if not (
            isinstance(row[at["id"]], str)
            and isinstance(row[at["version_instance"]], str)
            and _is_count(row[at["version"]])
        ):
            raise bad("rows")
    for item in deleted:
        if not (
            isinstance(item, list)
            and len(item) == 4
            and isinstance(item[0], str)
            and isinstance(item[1], str)
            and _is_count(item[2])
            and isinstance(item[3], str)
        ):
            raise bad("deleted")
    for versions in history.values():
        if not isinstance(versions, list) or not all(
            isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and _is_count(v[1])
            for v in versions
        ):
            raise bad("history")
    document["columns"] = columns
    return document


def _values(rev: Revision) -> tuple[Any, ...]:
    """The row a revision carries: the columns' values, or (DELETED, deleted_at)."""
    return cast(tuple[Any, ...], rev.row)


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _when(text: object) -> dt.datetime | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


@dataclass
class _Table:
    """One record table's incoming rows and deletions, as the package gives them; a
    Revision is made only for a record that is already here (rare on a first import)."""

    name: str
    columns: list[str]
    history: dict[str, list[list[Any]]]
    incoming: list[tuple[str, list[Any], bool]] = field(default_factory=list)  # id, row, deleted
    at_instance: int = 0
    at_version: int = 0
    at_updated: int = 0

    def revision(self, raw: list[Any], deleted: bool, rid: str) -> Revision:
        history = frozenset((h[0], h[1]) for h in self.history.get(rid, []))
        if deleted:  # [id, instance, counter, deleted_at]
            return Revision((raw[1], raw[2]), history, _when(raw[3]), (DELETED, raw[3]))
        version = (raw[self.at_instance], raw[self.at_version])
        return Revision(version, history, _when(raw[self.at_updated]), tuple(raw))


def _incoming(document: dict[str, Any], office_id: str, office_label: str) -> _Table:
    columns: list[str] = document["columns"]
    at_id, at_office = columns.index("id"), columns.index("office_id")
    table = _Table(
        document["table"],
        columns,
        document["history"],
        at_instance=columns.index("version_instance"),
        at_version=columns.index("version"),
        at_updated=columns.index("updated_at"),
    )
    for row in document["rows"]:
        if row[at_office] != office_id:
            raise PackageRefused("foreign_rows", office=office_label)
        table.incoming.append((row[at_id], row, False))
    table.incoming.extend((item[0], item, True) for item in document["deleted"])
    if len({rid for rid, _, _ in table.incoming}) != len(table.incoming):
        raise PackageRefused("malformed", member=table.name + ".json", what="rows")
    return table


def _sorted_tables(names: set[str]) -> list[str]:
    """Parents before children, so that most references are whole as rows go in."""
    order = [t.name for t in SQLModel.metadata.sorted_tables if t.name in names]
    return order + sorted(names - set(order))


def apply_records(
    conn: Connection,
    members: dict[str, bytes],
    *,
    office_id: str,
    source: str,
    report: ImportReport,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    office_label: str = "",
) -> None:
    """Merge the record members of a package into this database, inside the caller's
    transaction. Every member is parsed and checked before the first row is written."""
    documents = [
        _document(name, data)
        for name, data in sorted(members.items())
        if name.endswith(".json") and name not in NON_RECORD_MEMBERS
    ]
    tables: dict[str, list[_Table]] = {}
    for document in documents:
        table = _incoming(document, office_id, office_label or report.source_name)
        tables.setdefault(table.name, []).append(table)
    incoming = {name: sum(len(t.incoming) for t in group) for name, group in tables.items()}
    total = sum(incoming.values()) or 1
    done = 0
    merger = _Merger(conn, source, report, office_id)
    with contextlib.ExitStack() as bulk:
        # A first package from an office brings more rows than the tables hold: the
        # per-row triggers and index inserts would be most of the import (issue 7's
        # figure), so they are done once at the end, as the resident import does.
        bulk.enter_context(large_cache(conn))
        if "resident" in incoming:
            bulk.enter_context(place_tally.deferred(conn, incoming["resident"]))
            bulk.enter_context(address_index_deferred(conn))
        for name, count in incoming.items():
            bulk.enter_context(indexes_deferred(conn, name, count, frozenset({"office_id"})))
        for name in _sorted_tables(set(tables)):
            for table in tables[name]:
                for start in range(0, len(table.incoming), CHUNK):
                    checkpoint(cancel)
                    merger.chunk(table, table.incoming[start : start + CHUNK])
                    done += len(table.incoming[start : start + CHUNK])
                    if progress is not None:
                        progress(done, total)
        merger.finish()


NON_RECORD_MEMBERS = frozenset({"reference.json", "acks.json"})


class _Merger:
    """Applies incoming revisions chunk by chunk against the heads stored here."""

    def __init__(self, conn: Connection, source: str, report: ImportReport, office_id: str):
        self.conn = conn
        self.raw = sqlite_of(conn)
        self.source = source
        self.report = report
        self.office_id = office_id
        self.now = stamp(utcnow())
        # Writes a unique index refused for now: a household's head handed from one member
        # to another fails when the new head's row comes first. Retried once the rest is in.
        self.deferred: list[tuple[_Table, str, Revision, Revision | None]] = []
        self.empty: dict[str, bool] = {}  # asked once per table, before its first chunk

    def finish(self) -> None:
        while self.deferred:
            waiting, self.deferred = self.deferred, []
            for table, rid, winner, head in waiting:
                self._write_head(table, rid, winner, head)
            if len(self.deferred) == len(waiting):
                table, rid, winner, _ = self.deferred[0]
                raise self._clash(table, rid, winner) or PackageRefused(
                    "malformed", member=table.name + ".json", what="unique"
                )

    def _clash(self, table: _Table, rid: str, winner: Revision) -> PackageRefused | None:
        """Which record here holds the unique key the incoming row wants, in words.

        Within one office a unique key (an ID number, a household number, a household's one
        head) can only clash between two records when two computers of the office each
        made one: the package is refused with what the office must change to send it again.
        """
        if _values(winner)[0] is DELETED:
            return None
        row = dict(zip(table.columns, _values(winner), strict=True))
        for index, partial in self._unique_indexes(table.name):
            columns = [str(r[2]) for r in self.raw.execute(f'PRAGMA index_info("{index}")') if r[2]]
            if not columns or any(row.get(c) is None for c in columns):
                continue  # NULLs never clash
            where = " AND ".join(f"{c} = ?" for c in columns)
            if partial:
                # the incoming row must itself fall under the partial index to clash
                probe = ", ".join(f"? AS {c}" for c in table.columns)
                values = [row.get(c) for c in table.columns]
                inside = self.raw.execute(f"SELECT 1 FROM (SELECT {probe}) WHERE {partial}", values)
                if inside.fetchone() is None:
                    continue
                where += f" AND ({partial})"
            other = self.raw.execute(
                f"SELECT id FROM {table.name} WHERE {where} AND id != ?",
                (*(row[c] for c in columns), rid),
            ).fetchone()
            if other is None:
                continue
            if table.name == "resident" and columns == ["household_id"]:
                number = self.raw.execute(
                    "SELECT household_number FROM household WHERE id = ?", (row["household_id"],)
                ).fetchone()
                return PackageRefused("two_heads", household=number[0] if number else "")
            key = next((c for c in columns if c != "office_id"), columns[-1])
            return PackageRefused(
                "unique_clash",
                record=record_label(table.name),
                field=field_label(key),
                value=str(mask_field(key, row[key])),
            )
        return None

    def _unique_indexes(self, table: str) -> list[tuple[str, str]]:
        """(name, partial WHERE or "") of the table's unique indexes made by CREATE INDEX."""
        out = []
        for name, sql in self.raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql LIKE 'CREATE UNIQUE INDEX%'",
            (table,),
        ):
            text = str(sql)
            cut = text.upper().find(" WHERE ", text.index(")"))  # after the column list
            out.append((str(name), text[cut + 7 :] if cut >= 0 else ""))
        return out

    # ---- what is here
    def _heads(self, table: _Table, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Per id: the table head ('row' or 'tomb' Revision) and the open conflicts."""
        marks = ",".join("?" * len(ids))
        here: dict[str, dict[str, Any]] = {}
        history: dict[str, set[Version]] = {}
        for rid, instance, version in self.raw.execute(
            "SELECT record_id, instance, version FROM record_history WHERE table_name = ? "
            f"AND record_id IN ({marks})",
            (table.name, *ids),
        ):
            history.setdefault(rid, set()).add((instance, version))
        cols = ", ".join(table.columns)
        for row in self.raw.execute(f"SELECT {cols} FROM {table.name} WHERE id IN ({marks})", ids):
            values = dict(zip(table.columns, row, strict=True))
            rid = values["id"]
            self._own(values["office_id"])
            here[rid] = {
                "head": Revision(
                    version=(values["version_instance"], values["version"]),
                    history=frozenset(history.get(rid, ())),
                    updated_at=_when(values["updated_at"]),
                    row=tuple(row),
                ),
                "conflicts": {},
            }
        for rid, instance, version, deleted_at, office in self.raw.execute(
            "SELECT record_id, instance, version, deleted_at, office_id FROM record_tombstone "
            f"WHERE table_name = ? AND record_id IN ({marks})",
            (table.name, *ids),
        ):
            self._own(office)
            if rid in here:
                continue  # a row came back after its deletion was superseded
            here[rid] = {
                "head": Revision(
                    version=(instance, version),
                    history=frozenset(history.get(rid, ())),
                    updated_at=_when(deleted_at),
                    row=(DELETED, deleted_at),
                ),
                "conflicts": {},
            }
        for cid, rid, instance, version, updated_at, row, hist in self.raw.execute(
            "SELECT id, record_id, instance, version, updated_at, row, history FROM "
            "record_conflict WHERE resolved_at IS NULL AND table_name = ? "
            f"AND record_id IN ({marks})",
            (table.name, *ids),
        ):
            stored: dict[str, Any] | None = json.loads(row) if row is not None else None
            rev = Revision(
                version=(instance, version),
                history=frozenset((h[0], h[1]) for h in json.loads(hist)),
                updated_at=_when(updated_at),
                row=(
                    tuple(stored[c] for c in table.columns)
                    if stored is not None
                    else (DELETED, updated_at)
                ),
            )
            here.setdefault(rid, {"head": None, "conflicts": {}})["conflicts"][rev.version] = (
                cid,
                rev,
            )
        return here

    def _empty(self, table: str) -> bool:
        """No record of this office in `table`, deleted or not, before this package."""
        if table not in self.empty:
            found = self.raw.execute(
                f"SELECT EXISTS (SELECT 1 FROM {table} WHERE office_id = ?) OR EXISTS "
                "(SELECT 1 FROM record_tombstone WHERE table_name = ? AND office_id = ?)",
                (self.office_id, table, self.office_id),
            ).fetchone()[0]
            self.empty[table] = not found
        return self.empty[table]

    def _own(self, office_id: str) -> None:
        """A record here that belongs to another office is never touched by this package,
        whatever id the package gives its rows."""
        if office_id != self.office_id:
            raise PackageRefused("foreign_rows", office=self.report.source_name)

    # ---- applying
    def chunk(self, table: _Table, incoming: list[tuple[str, list[Any], bool]]) -> None:
        ids = [rid for rid, _, _ in incoming]
        # An office's first package finds none of its records here: nothing to look up
        # (an id taken from another office's record fails its insert, and is refused).
        here = {} if self._empty(table.name) else self._heads(table, ids)
        fresh: list[list[Any]] = []
        fresh_history: list[tuple[str, str, str, int]] = []
        for rid, raw, deleted in incoming:
            local = here.get(rid)
            if local is None and not deleted:
                # The common case on a first import: nothing here yet, written in bulk.
                fresh.append(raw)
                fresh_history.extend(
                    (table.name, rid, h[0], h[1]) for h in table.history.get(rid, ())
                )
                continue
            self._merge(table, rid, table.revision(raw, deleted, rid), local, here)
        if fresh:
            self.report.count(table.name, "new", len(fresh))
            insert = (
                f"INSERT INTO {table.name} ({', '.join(table.columns)}) "
                f"VALUES ({', '.join('?' * len(table.columns))})"
            )
            self.raw.execute("SAVEPOINT fresh")
            try:
                self.raw.executemany(insert, fresh)
            except sqlite3.IntegrityError:
                self.raw.execute("ROLLBACK TO fresh")
                at = table.columns.index("id")
                for row in fresh:
                    rev = table.revision(row, False, row[at])
                    self._write_head(table, row[at], rev, None, history=False)
            self.raw.execute("RELEASE fresh")
        if fresh_history:
            self.raw.executemany(
                "INSERT OR IGNORE INTO record_history (table_name, record_id, instance, version) "
                "VALUES (?, ?, ?, ?)",
                fresh_history,
            )

    def _merge(
        self,
        table: _Table,
        rid: str,
        rev: Revision,
        local: dict[str, Any] | None,
        here: dict[str, dict[str, Any]],
    ) -> None:
        head: Revision | None = local["head"] if local else None
        stored: dict[Version, tuple[int, Revision]] = local["conflicts"] if local else {}
        heads = frozenset(([head] if head is not None else []) + [r for _, r in stored.values()])
        after, outcome = apply_version(RecordState(heads), rev)
        if outcome == "known":
            self.report.count(table.name, "unchanged")
            return
        winner = after.winner
        assert winner is not None
        if head is None or winner.version != head.version:
            self._write_head(table, rid, winner, head)
        elif outcome == "forward":
            self._add_history(table.name, rid, rev.history)
        keep = {r.version for r in after.heads if r.version != winner.version}
        for version, (cid, _) in stored.items():
            if version == winner.version:
                self.raw.execute("DELETE FROM record_conflict WHERE id = ?", (cid,))
            elif version not in keep:
                self.raw.execute(
                    "UPDATE record_conflict SET resolved_at = ?, resolved_by = ? WHERE id = ?",
                    (self.now, f"package {self.source}", cid),
                )
        for other in after.heads:
            if other.version != winner.version and other.version not in stored:
                self._store_conflict(table, rid, other, head)
        here[rid] = {
            "head": winner,
            "conflicts": {r.version: (0, r) for r in after.heads if r.version != winner.version},
        }
        what = {"new": "new", "forward": "updated"}.get(outcome, "conflicts")
        self.report.count(table.name, what)

    def _write_head(
        self,
        table: _Table,
        rid: str,
        winner: Revision,
        head: Revision | None,
        *,
        history: bool = True,
    ) -> None:
        """Put `winner` in the table (a row, or a deletion), with its own history; deferred
        when a unique index refuses it for now."""
        row_here = head is not None and _values(head)[0] is not DELETED
        try:
            if _values(winner)[0] is DELETED:
                if row_here:
                    self.raw.execute(f"DELETE FROM {table.name} WHERE id = ?", (rid,))
                self.raw.execute(
                    "INSERT OR REPLACE INTO record_tombstone (table_name, record_id, office_id, "
                    "instance, version, deleted_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        table.name,
                        rid,
                        self.office_id,
                        winner.version[0],
                        winner.version[1],
                        _values(winner)[1],
                    ),
                )
            elif row_here:
                sets = ", ".join(f"{c} = ?" for c in table.columns)
                self.raw.execute(
                    f"UPDATE {table.name} SET {sets} WHERE id = ?", (*_values(winner), rid)
                )
            else:
                cols = ", ".join(table.columns)
                self.raw.execute(
                    f"INSERT INTO {table.name} ({cols}) "
                    f"VALUES ({', '.join('?' * len(table.columns))})",
                    _values(winner),
                )
                self.raw.execute(
                    "DELETE FROM record_tombstone WHERE table_name = ? AND record_id = ?",
                    (table.name, rid),
                )
        except sqlite3.IntegrityError:
            self.deferred.append((table, rid, winner, head))
            return
        if not history:
            return
        # record_history is the history of what the table shows.
        self.raw.execute(
            "DELETE FROM record_history WHERE table_name = ? AND record_id = ?", (table.name, rid)
        )
        self._add_history(table.name, rid, winner.history)

    def _add_history(self, table: str, rid: str, versions: frozenset[Version]) -> None:
        self.raw.executemany(
            "INSERT OR IGNORE INTO record_history (table_name, record_id, instance, version) "
            "VALUES (?, ?, ?, ?)",
            [(table, rid, i, v) for i, v in versions],
        )

    def _store_conflict(
        self, table: _Table, rid: str, rev: Revision, head: Revision | None
    ) -> None:
        deleted = _values(rev)[0] is DELETED
        row = None if deleted else json.dumps(dict(zip(table.columns, _values(rev), strict=True)))
        updated = _values(rev)[1] if deleted else _values(rev)[table.columns.index("updated_at")]
        office = self.office_id
        self.raw.execute(
            "INSERT INTO record_conflict (table_name, record_id, office_id, instance, version, "
            "updated_at, row, history, source, found_at, resolved_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '') ON CONFLICT DO UPDATE SET "
            "resolved_at = NULL, resolved_by = ''",
            (
                table.name,
                rid,
                office,
                rev.version[0],
                rev.version[1],
                str(updated or ""),
                row,
                json.dumps(sorted(rev.history)),
                self.source,
                self.now,
            ),
        )
