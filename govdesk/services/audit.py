"""The audit trail read back: verifying its hash chain, the viewer's queries, and xlsx export."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from govdesk.domain import audit_labels, messages
from govdesk.domain.audit import GENESIS_HASH, AuditAction, chain_hash
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.privacy import refuse_when_read_only
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store.database import Database

PROGRESS_EVERY = 10_000
TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")

messages.register(
    {
        "privacy.what.audit_export": ("导出审计日志", "export the audit trail"),
        "audit.ok": ("审计日志完整：{count} 条", "Audit trail intact: {count} entries"),
        "audit.bad.no_table": (
            "这个数据库还没有审计日志（数据库版本过旧）",
            "This database has no audit trail yet (an older version of the file)",
        ),
        "audit.bad.missing": (
            "第{first}条至第{last}条不见了（记录被删除），其后是第{seq}条",
            "entries {first} to {last} are missing (removed); entry {seq} follows",
        ),
        "audit.bad.link": (
            "第{seq}条没有接在前一条之后（前一条被删除、替换，或记录被调换了顺序）",
            "entry {seq} does not follow the entry before it (an entry was removed or replaced, or entries were reordered)",
        ),
        "audit.bad.hash": (
            "第{seq}条的内容与它的哈希不符（记录被修改或调换了顺序）",
            "entry {seq} does not match its hash (its content was changed, or entries were reordered)",
        ),
        "audit.bad.tail_missing": (
            "最新的第{first}条至第{head}条不见了（记录被删除），日志在第{last}条结束",
            "the newest entries {first} to {head} are missing (removed); the trail ends at entry {last}",
        ),
        "audit.bad.head_mismatch": (
            "第{seq}条不是数据库记下的日志末尾那一条（记录被替换）",
            "entry {seq} is not the one the database recorded as the end of the trail (entries replaced)",
        ),
        "audit.bad.after_head": (
            "第{seq}条在数据库记下的日志末尾（第{head}条）之后（记录是绕过govdesk添加的）",
            "entry {seq} comes after the recorded end of the trail (entry {head}): it was added around govdesk",
        ),
        "audit.bad.no_head": (
            "数据库记下的日志末尾不见了（日志被改动过）",
            "the database's record of the end of the trail is missing (the trail was tampered with)",
        ),
        "audit.bad.triggers": (
            "保护审计日志不被修改和删除的触发器不见了：{names}",
            "the triggers that keep the audit trail from being changed or deleted are missing: {names}",
        ),
        "audit.bad.anchor": (
            "第{seq}条的哈希与先前记下的不同（日志被整体改写过）",
            "entry {seq} no longer has the hash noted down earlier (the trail was rewritten)",
        ),
        "audit.bad.anchor_missing": (
            "先前记下的第{seq}条已不在日志中（日志在第{last}条结束，被截短或整体改写过）",
            "entry {seq}, noted down earlier, is no longer in the trail (it ends at entry {last}: "
            "cut short or rewritten)",
        ),
        "audit.anchor_text": (
            "“{anchor}”不是“序号:哈希”的形式（哈希至少16位）",
            "'{anchor}' is not of the form SEQ:HASH (at least 16 characters of the hash)",
        ),
        "audit.bad.damaged": (
            "从第{seq}条起无法读取（数据库文件已损坏：{reason}）",
            "entries from {seq} on cannot be read (the database file is damaged: {reason})",
        ),
        "audit.bad.entry": (
            "第{seq}条（{at}，{user}）：{reason}",
            "entry {seq} ({at}, {user}): {reason}",
        ),
    }
)


# -- verifying ---------------------------------------------------------------------------
@dataclass(frozen=True)
class VerifyResult:
    """What `verify` found. `reason` is in words; the bad entry's time and user when it exists."""

    ok: bool
    checked: int  # entries whose hash was recomputed
    first_bad_seq: int | None = None
    reason: str = ""
    bad_at: str | None = None  # the bad entry's time, as stored (UTC)
    bad_username: str | None = None
    head_hash: str | None = None  # the newest entry's hash, when the chain holds

    @property
    def anchor(self) -> str | None:
        """'seq:hash' of the newest entry: noted down outside the file, it lets a later check
        (`verify(anchor=...)`) show that the trail was not rewritten as a whole since."""
        return f"{self.checked}:{self.head_hash}" if self.ok and self.head_hash else None

    @property
    def message(self) -> str:
        """One line for a clerk or an inspector: 审计日志完整：N 条, or the first bad entry."""
        if self.ok:
            return messages.text("audit.ok", count=self.checked)
        if self.first_bad_seq is not None and self.bad_at is not None:
            return messages.text(
                "audit.bad.entry",
                seq=self.first_bad_seq,
                at=local_time_text(self.bad_at),
                user=self.bad_username or "",
                reason=self.reason,
            )
        return self.reason


def verify(
    db: Database,
    *,
    anchor: str | None = None,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> VerifyResult:
    """Walk the whole chain in sequence order and report the first entry that does not hold.

    Each entry's hash is recomputed from its stored fields and the previous entry's hash,
    so an edited, removed, inserted or reordered entry breaks the chain at that point.
    The entry the database last wrote is kept in meta 'audit_head', so removing the newest
    entries shows too. Rows are streamed: memory stays flat however long the trail.
    Reading reveals nothing personal, so no permission is needed (inspectors check files).

    The chain has no secret: someone able to rewrite the file could recompute every hash.
    `anchor` ('seq:hash', at least 16 characters of the hash) is an earlier result's
    `anchor`, kept outside the file (on paper, in the township's records); the entry at
    that seq must still carry that hash.
    """
    mark = _parse_anchor(anchor) if anchor is not None else None
    with db.connect() as conn:
        # One read transaction: the head and the rows come from the same snapshot, even
        # while the window goes on writing.
        exists = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'")
        ).first()
        if exists is None:
            return VerifyResult(False, 0, reason=messages.text("audit.bad.no_table"))
        head = conn.execute(text("SELECT value FROM meta WHERE key = 'audit_head'")).scalar()
        total = conn.execute(text("SELECT max(seq) FROM audit_log")).scalar() or 0
        result = _walk(conn, head, mark, int(total), progress, cancel)
        if result.ok:
            missing = _missing_triggers(conn)
            if missing:
                names = ", ".join(missing)
                result = VerifyResult(
                    False, result.checked, reason=messages.text("audit.bad.triggers", names=names)
                )
    if progress is not None:
        progress(result.checked, max(result.checked, 1))
    return result


def _parse_head(head: str | None) -> tuple[int, str] | None:
    seq_text, _, digest = (head or "").partition(":")
    try:
        return int(seq_text), digest
    except ValueError:
        return None


def _rehash(row: tuple[Any, ...]) -> str | None:
    try:
        return chain_hash(*row[:8])
    except (TypeError, ValueError):  # a number or blob typed into a text column by hand
        return None


def _parse_anchor(anchor: str) -> tuple[int, str]:
    seq_text, _, digest = anchor.strip().partition(":")
    digest = digest.strip().lower()
    if seq_text.isdigit() and len(digest) >= 16 and all(c in "0123456789abcdef" for c in digest):
        return int(seq_text), digest
    raise DomainError(Issue("anchor", "audit.anchor_text", {"anchor": anchor}))


def _walk(
    conn: Connection,
    head_text: str | None,
    mark: tuple[int, str] | None,
    total: int,
    progress: ProgressFn | None,
    cancel: threading.Event | None,
) -> VerifyResult:
    head = _parse_head(head_text)
    head_seq = head[0] if head else 0
    # The driver's own cursor: a million rows through SQLAlchemy's row objects would
    # cost about as much again as hashing them.
    driver = conn.connection.driver_connection
    assert driver is not None
    cursor = driver.execute(
        "SELECT seq, at, username, action, record_type, record_id, detail, prev_hash, hash "
        "FROM audit_log ORDER BY seq"
    )
    expected = 1
    prev = GENESIS_HASH

    def bad(row: tuple[Any, ...], key: str, **params: object) -> VerifyResult:
        return VerifyResult(
            False,
            expected - 1,
            first_bad_seq=int(row[0]),
            reason=messages.text(key, **params),
            bad_at=row[1],
            bad_username=row[2],
        )

    try:
        for row in cursor:
            seq = row[0]
            if seq != expected:  # seq is the rowid, so it only ever jumps ahead
                return bad(row, "audit.bad.missing", first=expected, last=seq - 1, seq=seq)
            if row[7] != prev:
                return bad(row, "audit.bad.link", seq=seq)
            if _rehash(row) != row[8]:
                return bad(row, "audit.bad.hash", seq=seq)
            if head is None:
                return bad(row, "audit.bad.no_head")
            if seq == head_seq and row[8] != head[1]:
                return bad(row, "audit.bad.head_mismatch", seq=seq)
            if seq > head_seq:
                return bad(row, "audit.bad.after_head", seq=seq, head=head_seq)
            if mark is not None and seq == mark[0] and not row[8].startswith(mark[1]):
                return bad(row, "audit.bad.anchor", seq=seq)
            prev = row[8]
            if expected % PROGRESS_EVERY == 0:
                checkpoint(cancel)
                if progress is not None:
                    progress(expected, total)
            expected += 1
    except sqlite3.DatabaseError as exc:  # a damaged page: the entries from here are unreadable
        return VerifyResult(
            False,
            expected - 1,
            first_bad_seq=expected,
            reason=messages.text("audit.bad.damaged", seq=expected, reason=exc),
        )
    finally:
        cursor.close()
    checked = expected - 1
    if head is None and head_text is not None:
        return VerifyResult(False, checked, reason=messages.text("audit.bad.no_head"))
    if head_seq > checked:  # the newest entries were removed
        return VerifyResult(
            False,
            checked,
            first_bad_seq=checked + 1,
            reason=messages.text(
                "audit.bad.tail_missing", first=checked + 1, head=head_seq, last=checked
            ),
        )
    if mark is not None and mark[0] > checked:
        return VerifyResult(
            False,
            checked,
            first_bad_seq=mark[0],
            reason=messages.text("audit.bad.anchor_missing", seq=mark[0], last=checked),
        )
    return VerifyResult(True, checked, head_hash=prev if checked else None)


def _missing_triggers(conn: Connection) -> list[str]:
    """The append-only triggers that are gone, or replaced by ones that no longer refuse."""
    found = {
        name: sql or ""
        for name, sql in conn.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
            )
        )
    }
    return [n for n in TRIGGERS if "RAISE(ABORT" not in found.get(n, "").upper().replace(" ", "")]


# -- the viewer's queries ----------------------------------------------------------------
@dataclass(frozen=True)
class AuditRow:
    """One entry as the viewer and the export show it."""

    seq: int
    at: str  # ISO 8601 UTC, as stored
    username: str
    action: str
    record_type: str | None
    record_id: str | None
    detail: str  # JSON text, as stored
    hash: str

    @property
    def local_time(self) -> dt.datetime:
        return local_time(self.at)

    @property
    def action_label(self) -> str:
        return audit_labels.action_label(self.action)

    @property
    def record_label(self) -> str:
        return audit_labels.record_label(self.record_type)

    def detail_lines(self, lang: str | None = None) -> list[str]:
        return audit_labels.detail_lines(self.action, self.detail, lang)

    def detail_text(self, lang: str | None = None) -> str:
        return audit_labels.describe(self.action, self.detail, lang)


def local_time(at: str) -> dt.datetime:
    """A stored UTC time in this computer's time zone, without the zone (for display)."""
    return dt.datetime.fromisoformat(at).astimezone().replace(tzinfo=None)


def local_time_text(at: str) -> str:
    try:
        return local_time(at).strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return str(at)


def _utc_bound(day: dt.date) -> str:
    """The stored-text form of local midnight at the start of `day`."""
    start = dt.datetime.combine(day, dt.time()).astimezone()
    return start.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _where(
    *,
    user: str | None,
    action: str | None,
    record: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> tuple[list[str], dict[str, object]]:
    clauses: list[str] = []
    params: dict[str, object] = {}
    if user:
        clauses.append("username = :user")
        params["user"] = user
    if action:
        clauses.append("action = :action")
        params["action"] = str(action)
    if record and record.strip():
        # A record id (or its beginning) or any text in the detail, such as a name.
        clauses.append(
            "(substr(record_id, 1, length(:record)) = :record OR instr(detail, :record) > 0)"
        )
        params["record"] = record.strip()
    if date_from is not None:
        clauses.append("at >= :date_from")
        params["date_from"] = _utc_bound(date_from)
    if date_to is not None:  # the whole of the last day
        clauses.append("at < :date_to")
        params["date_to"] = _utc_bound(date_to + dt.timedelta(days=1))
    return clauses, params


_COLUMNS = "seq, at, username, action, record_type, record_id, detail, hash"


def query(
    db: Database,
    *,
    user: str | None = None,
    action: str | None = None,
    record: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    after_seq: int | None = None,
    limit: int = 200,
) -> list[AuditRow]:
    """Entries matching the filters, newest first; the next page starts after the last seq.

    `after_seq` is the last seq of the previous page: the page holds older entries
    (seq < after_seq). Dates are local calendar days, both ends included.
    """
    authz.require(db, Permission.AUDIT_VIEW)
    clauses, params = _where(
        user=user, action=action, record=record, date_from=date_from, date_to=date_to
    )
    if after_seq is not None:
        clauses.append("seq < :after")
        params["after"] = after_seq
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    params["limit"] = limit
    sql = f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY seq DESC LIMIT :limit"
    with db.connect() as conn:
        return [AuditRow(*row) for row in conn.execute(text(sql), params)]


def actions(db: Database) -> list[tuple[str, str]]:
    """(action, label) for the viewer's filter, in the order of AuditAction."""
    authz.require(db, Permission.AUDIT_VIEW)
    return [(a.value, audit_labels.action_label(a)) for a in AuditAction]


def users(db: Database) -> list[str]:
    """Every user name in the trail or among the accounts, sorted."""
    authz.require(db, Permission.AUDIT_VIEW)
    with db.connect() as conn:
        names = {str(n) for (n,) in conn.execute(text("SELECT DISTINCT username FROM audit_log"))}
        names |= {str(n) for (n,) in conn.execute(text("SELECT username FROM user_account"))}
    return sorted(names)


# -- export ------------------------------------------------------------------------------
HEADINGS = ("序号", "时间", "用户", "操作", "记录类型", "记录", "详情", "哈希")
WIDTHS = (8, 20, 12, 12, 10, 38, 60, 66)


def export_xlsx(
    db: Database,
    path: Path,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    **filters: Any,
) -> int:
    """Write the entries matching `filters` (as for `query`) to an xlsx, oldest first.

    Times are local; actions and record types carry their Chinese names. The file appears
    only when complete, and the export itself is written to the trail. Returns the rows.
    """
    authz.require(db, Permission.AUDIT_VIEW)
    refuse_when_read_only(db, "audit_export")  # the export could not be recorded
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise DomainError(
            Issue("file", "file.format", {"path": path, "suffix": path.suffix or "?"})
        )
    unknown = set(filters) - set(_FILTERS)
    if unknown:  # a misspelt filter would otherwise export the whole trail
        raise TypeError(f"unknown audit filters: {sorted(unknown)}")
    clauses, params = _where(**{k: filters.get(k) for k in _FILTERS})
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    partial = path.with_name(path.name + ".part")
    try:
        with db.connect() as conn:
            total = conn.execute(text(f"SELECT count(*) FROM audit_log {where}"), params).scalar()
            result = conn.execution_options(stream_results=True).execute(
                text(f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY seq"), params
            )
            rows = _export_rows(result, int(total or 0), progress, cancel)
            written = _write_xlsx(partial, rows)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    db.audit(
        AuditAction.EXPORT,
        record_type="audit_log",
        detail={
            "what": "audit_log",
            "file": path.name,
            "rows": written,
            "filters": {k: str(v) for k, v in filters.items() if k in _FILTERS and v},
        },
    )
    if progress is not None:
        progress(written, max(written, 1))
    return written


_FILTERS = ("user", "action", "record", "date_from", "date_to")


def _export_rows(
    result: Any, total: int, progress: ProgressFn | None, cancel: threading.Event | None
) -> Iterator[list[object]]:
    for n, row in enumerate(result):
        if n % 1000 == 0:
            checkpoint(cancel)
            if progress is not None and n:
                progress(n, total)
        entry = AuditRow(*row)
        yield [
            entry.seq,
            entry.local_time,
            entry.username,
            audit_labels.action_label(entry.action, "zh_CN"),
            audit_labels.record_label(entry.record_type, "zh_CN"),
            entry.record_id or "",
            entry.detail_text("zh_CN"),
            entry.hash,
        ]


def _write_xlsx(path: Path, rows: Iterator[list[object]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from govdesk.services.residents_export import discard_sheet, escape

    # write_only streams rows to disk: a long trail never sits in memory.
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(ws, value=heading)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    try:
        for values in rows:
            when = WriteOnlyCell(ws, value=values[1])
            when.number_format = "yyyy-mm-dd hh:mm:ss"
            # Names and details are people's typing: a leading = must stay text (CSV injection).
            cells: list[object] = [values[0], when]
            cells.extend(escape(v) if isinstance(v, str) and v else v or None for v in values[2:])
            ws.append(cells)
            count += 1
    except BaseException:
        discard_sheet(ws)
        raise
    wb.save(path)
    return count
