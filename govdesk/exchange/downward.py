"""Downward packages: the township's reference data, acknowledgements and merged versions for one office.

A township database writes one package per office (`export_downward`), sealed for that
office's trusted key and signed by the township. It holds:

- `reference.json`: the township's care-category list, the settings it chose for its
  offices (only those it has set), and its dispute-type list;
- `acks.json`: per sending instance of that office, the highest counter per instance the
  township has applied, so the office's next upward package is incremental;
- `<table>.json`: the township's own versions of that office's records (the merges a
  person made there), in the upward member format, applied with `apply.apply_records`.

The manifest carries the township's public key card (`signer_card`), so an office that
does not trust the township yet can be asked about its fingerprint once (first contact:
`peek_introduction`, `introduce`). docs/exchange.md, "Downward packages", gives the rules.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlmodel import Session, col, select

from govdesk.domain import grids as grid_rules
from govdesk.domain import messages
from govdesk.domain.mediation import DISPUTE_TYPES
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import CareCategory, Meta, utcnow
from govdesk.domain.permissions import SYSTEM
from govdesk.exchange import keys
from govdesk.exchange.export import (
    MEMBER_SUFFIX,
    SEQUENCE_META,
    log_written,
    record_tables,
    table_of_name,
)
from govdesk.exchange.keys import KeyCard
from govdesk.exchange.limits import Limits
from govdesk.exchange.package import (
    _PREFIX,
    FORMAT_VERSION,
    MAGIC,
    PREFIX_SIZE,
    SIGNATURE_SIZE,
    Package,
    PackageRefused,
    _fp_text,
    read_package,
    write_package,
)
from govdesk.services import grid_codes, grid_staff, mediation, office_settings
from govdesk.services.office import current_office
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store import file_identity
from govdesk.store.database import Database
from govdesk.store.engine import sqlite_of
from govdesk.store.versioning import RecordSession

if TYPE_CHECKING:
    from govdesk.exchange.apply import ImportReport

CONTENT = "govdesk-reference-1"
REFERENCE_MEMBER = "reference.json"
ACKS_MEMBER = "acks.json"
REFERENCE_FORMAT = 1
# The latest creation time and the highest sequence of the downward packages whose
# reference data this office applied, per township key: JSON {fingerprint: [created_at,
# sequence]}. An older package arriving later (a stick found in a drawer) must not put
# back what a newer one changed.
APPLIED_META = "exchange.reference_applied"
# The settings a township decides for its offices. Only those the township has stored
# itself travel: an office keeps its own choice of anything the township left alone.
SETTING_KEYS = (
    grid_rules.NUMBER_WIDTH_KEY,
    mediation.HANDLING_MONTHS_KEY,
    grid_rules.ROLE_LABELS_KEY,
)
_CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
_MAX_CATEGORIES = 500
_MAX_TEXT = 100

messages.register(
    {
        "exchange.downward.not_township": (
            "只有乡镇（街道）数据库才能向社区（村）下发数据包",
            "Only a township database sends packages down to its offices",
        ),
        "exchange.downward.bad_code": (
            "“{code}”不是12位行政区划代码",
            "'{code}' is not a 12-digit division code",
        ),
        "exchange.downward.no_office_key": (
            "还没有信任代码为 {code} 的社区（村）的公钥，请先导入它的公钥并电话核对指纹",
            "No key is trusted for the office {code}: import its public key first and "
            "check its fingerprint by phone",
        ),
        "exchange.downward.no_introduction": (
            "这个数据包不是可以首次信任的乡镇数据包（发送方已受信任、签名不符或不是发给本单位的）",
            "This package cannot introduce a township key (its sender is already trusted, "
            "its signature does not check out, or it was not made for this office)",
        ),
        "exchange.downward.fingerprint_differs": (
            "核对的指纹 {given} 与数据包中的乡镇公钥指纹 {fingerprint} 不符，没有信任",
            "The fingerprint checked, {given}, differs from the township key's in the "
            "package, {fingerprint}; nothing was trusted",
        ),
        "exchange.refused.not_from_township": (
            "这个基础数据包不是由乡镇（街道）的密钥签名的，已拒绝",
            "This reference package was not signed by a township's key and was refused",
        ),
        "exchange.refused.township_takes_none": (
            "乡镇（街道）数据库不接收下发的基础数据包",
            "A township database does not take reference packages",
        ),
        "exchange.refused.addressed_elsewhere": (
            "这个下发数据包是给代码为 {code} 的单位的，不是本单位（{own}），已拒绝",
            "This package was made for the office {code}, not for this office ({own}); "
            "it was refused",
        ),
        "exchange.refused.bad_reference": (
            "乡镇下发的基础数据有误（{what}），已拒绝，没有做任何修改；请联系乡镇重新导出",
            "The township's reference data is malformed ({what}); it was refused and "
            "nothing changed: ask the township to export again",
        ),
        "exchange.downward.category_added": (
            "新增关爱类别“{name}”（{code}）",
            "New care category '{name}' ({code})",
        ),
        "exchange.downward.category_changed": (
            "关爱类别“{name}”的{field}：{old} → {new}",
            "Care category '{name}', {field}: {old} → {new}",
        ),
        "exchange.downward.field.name_zh": ("名称", "name"),
        "exchange.downward.field.name_en": ("英文名称", "English name"),
        "exchange.downward.field.sensitive": ("敏感类别", "sensitive"),
        "exchange.downward.field.active": ("启用", "in use"),
        "exchange.downward.field.sort_order": ("排列顺序", "order"),
        "exchange.downward.yes": ("是", "yes"),
        "exchange.downward.no": ("否", "no"),
        "exchange.downward.empty": ("（空）", "(empty)"),
        "exchange.downward.setting.grid.number_width": (
            "新网格编号位数：{old} → {new}",
            "Digits of new grid numbers: {old} → {new}",
        ),
        "exchange.downward.setting.mediation_handling_months": (
            "调解办理期限（月）：{old} → {new}",
            "Mediation handling period (months): {old} → {new}",
        ),
        "exchange.downward.role_label": (
            "网格人员角色“{role}”的名称：{old} → {new}",
            "Grid staff role '{role}', name: {old} → {new}",
        ),
        "exchange.downward.role_disabled": (
            "网格人员角色“{role}”：停用",
            "Grid staff role '{role}': switched off",
        ),
        "exchange.downward.role_enabled": (
            "网格人员角色“{role}”：重新启用",
            "Grid staff role '{role}': in use again",
        ),
        "exchange.downward.acks": (
            "乡镇已确认收到本单位报送的数据，下次报送只含此后的修改",
            "The township confirmed what this office sent; the next package holds only "
            "the changes made since",
        ),
        "exchange.downward.unknown_dispute_type": (
            "乡镇使用的纠纷类型“{name}”（{code}）本程序还不认识，请升级 govdesk",
            "The township uses a dispute type this program does not know yet, '{name}' "
            "({code}): please upgrade govdesk",
        ),
    }
)


@dataclass(frozen=True)
class DownwardResult:
    path: Path
    counts: dict[str, int]  # merged records per table
    categories: int
    settings: list[str]  # the setting keys sent
    acks: dict[str, dict[str, int]]
    sequence: int


# -- the township's side ------------------------------------------------------------------
def office_card(db: Database, office_code: str) -> KeyCard:
    """The trusted key of the office `office_code` (a community or a village)."""
    for card in keys.keyring(db):
        if card.office_code == office_code and card.kind == "office":
            return card
    raise DomainError(
        Issue("office_code", "exchange.downward.no_office_key", {"code": office_code})
    )


def _reference(conn: Connection, township_office_id: str) -> dict[str, Any]:
    raw = sqlite_of(conn)
    categories = [
        {
            "code": code,
            "name_zh": name_zh,
            "name_en": name_en or "",
            "sensitive": bool(sensitive),
            "active": bool(active),
            "sort_order": int(order),
        }
        for code, name_zh, name_en, sensitive, active, order in raw.execute(
            "SELECT code, name_zh, name_en, sensitive, active, sort_order FROM care_category "
            "WHERE office_id = ? ORDER BY sort_order, code",
            (township_office_id,),
        )
    ]
    settings = {}
    for key in SETTING_KEYS:
        value = Database._meta(conn, key)
        if value is not None:
            settings[key] = value
    return {
        "format": REFERENCE_FORMAT,
        "care_categories": categories,
        "settings": settings,
        "dispute_types": [{"code": c.code, "zh": c.zh} for c in DISPUTE_TYPES],
    }


def _target_office_id(conn: Connection, office_code: str, own_id: str) -> str | None:
    """The id of the office `office_code` as its packages brought it here, if they did:
    the first one, as the township's import takes it (it refuses a second id)."""
    row = conn.exec_driver_sql(
        "SELECT id FROM office WHERE division_code = ? AND id != ? ORDER BY created_at LIMIT 1",
        (office_code, own_id),
    ).first()
    return None if row is None else str(row[0])


def _acks(conn: Connection, office_code: str) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for source, instance, counter in conn.exec_driver_sql(
        "SELECT source_instance, instance, counter FROM exchange_ack WHERE office_code = ? "
        "ORDER BY source_instance, instance",
        (office_code,),
    ):
        found.setdefault(str(source), {})[str(instance)] = int(counter)
    return found


def own_instances(conn: Connection, current: str) -> list[str]:
    """This database's instance ids, now and before (a copy or a restore): its merges were
    stamped with one of them."""
    past = [str(e.get("instance")) for e in file_identity.history(conn) if e.get("instance")]
    return [current, *(p for p in past if p != current)]


def _merged(
    conn: Connection, table: str, office_id: str, instances: list[str]
) -> tuple[bytes, int] | None:
    """The township's own versions of the office's records of `table` (rows and
    deletions), in the upward member format, and how many; None when there are none."""
    columns = [c.name for c in table_of_name(table).columns]
    raw = sqlite_of(conn)
    params = {"office": office_id, "table": table, "ours": json.dumps(instances)}
    ours = "IN (SELECT value FROM json_each(:ours))"
    count, rows = raw.execute(
        f"SELECT count(*), json_group_array(json_array({', '.join(columns)})) FROM "
        f"(SELECT * FROM {table} WHERE office_id = :office AND version_instance {ours} "
        "ORDER BY rowid)",
        params,
    ).fetchone()
    gone, deleted = raw.execute(
        "SELECT count(*), json_group_array(json_array(record_id, instance, version, deleted_at)) "
        "FROM (SELECT * FROM record_tombstone WHERE table_name = :table AND office_id = :office "
        f"AND instance {ours} ORDER BY record_id)",
        params,
    ).fetchone()
    if not count and not gone:
        return None
    (history,) = raw.execute(
        "SELECT json_group_object(record_id, json(versions)) FROM (SELECT record_id, "
        "json_group_array(json_array(instance, version)) AS versions FROM "
        "(SELECT * FROM record_history WHERE table_name = :table AND record_id IN "
        f"(SELECT id FROM {table} WHERE office_id = :office AND version_instance {ours} "
        "UNION ALL SELECT record_id FROM record_tombstone WHERE table_name = :table "
        f"AND office_id = :office AND instance {ours}) ORDER BY record_id, version) "
        "GROUP BY record_id)",
        params,
    ).fetchone()
    head = json.dumps({"table": table, "columns": columns}, ensure_ascii=False)[:-1]
    document = f'{head},"rows":{rows},"deleted":{deleted},"history":{history or "{}"}}}'
    return document.encode("utf-8"), int(count) + int(gone)


def export_downward(
    db: Database,
    folder: Path,
    office_code: str,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the downward package for the office `office_code` into `folder` (township
    databases only; the office's key must be trusted). The file appears only whole; it is
    logged and audited as an export. Needs the exchange permission."""
    return export_downward_result(
        db, folder, office_code, progress=progress, cancel=cancel, today=today
    ).path


def export_downward_result(
    db: Database,
    folder: Path,
    office_code: str,
    *,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    today: dt.date | None = None,
) -> DownwardResult:
    """export_downward, with what went into the package."""
    username = keys.require_exchange(db)
    office_code = str(office_code).strip()
    if not re.fullmatch(r"\d{12}", office_code):
        raise DomainError(Issue("office_code", "exchange.downward.bad_code", {"code": office_code}))
    with db.session() as s:
        own = current_office(s)
    if keys.exchange_kind(own.kind) != "township":
        raise DomainError(Issue("office", "exchange.downward.not_township"))
    recipient = office_card(db, office_code)
    signer = keys.own_keys(db)
    card = json.loads(keys.public_key_file(db))
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    tables = record_tables()
    steps = len(tables) + 2
    with db.connect() as conn:
        # One read transaction: the reference, the acknowledgements and the records agree.
        conn.exec_driver_sql("SELECT 1")
        reference = _reference(conn, own.id)
        acks = _acks(conn, office_code)
        target = _target_office_id(conn, office_code, own.id)
        instances = own_instances(conn, db.instance_id)
        for i, table in enumerate(tables):
            checkpoint(cancel)
            made = _merged(conn, table, target, instances) if target else None
            if made is not None:
                members[table + MEMBER_SUFFIX], counts[table] = made
            if progress is not None:
                progress(i + 1, steps * 2)
    members[REFERENCE_MEMBER] = json.dumps(reference, ensure_ascii=False).encode("utf-8")
    members[ACKS_MEMBER] = json.dumps(acks, sort_keys=True).encode("utf-8")
    sequence = int(db.meta(SEQUENCE_META) or 0) + 1
    manifest = {
        "source_office": own.division_code,
        "source_instance": db.instance_id,
        "sequence": sequence,
        "full": True,
        "content": CONTENT,
        "target_office": office_code,
        "counts": counts,
        "signer_card": card,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
    }

    def writing(done: int, total: int) -> None:
        if progress is not None:
            progress(steps + steps * done // max(total, 1), steps * 2)

    path = write_package(
        Path(folder),
        manifest=manifest,
        members=members,
        signer=signer,
        recipient=recipient,
        progress=writing,
        cancel=cancel,
        when=today,
    )
    log_written(db, path, manifest, username, {"content": CONTENT, "to": manifest["target_office"]})
    return DownwardResult(
        path=path,
        counts=counts,
        categories=len(reference["care_categories"]),
        settings=sorted(reference["settings"]),
        acks=acks,
        sequence=sequence,
    )


# -- the office's side --------------------------------------------------------------------
def acks_for(db: Database, source_instance: str) -> dict[str, int]:
    """What the township acknowledged having from `source_instance`: the highest counter
    per instance (empty when nothing was acknowledged: the next package is full)."""
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT instance, counter FROM exchange_ack WHERE source_instance = ?",
            (source_instance,),
        ).all()
    return {str(instance): int(counter) for instance, counter in rows}


def _bad(what: str) -> PackageRefused:
    return PackageRefused("bad_reference", what=what)


def _text(value: object, what: str, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise _bad(what)
    text = value.strip()
    if (required and not text) or len(text) > _MAX_TEXT or not text.isprintable():
        raise _bad(what)
    return text


def _count(value: object, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _bad(what)
    return value


def _categories(raw: object) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or len(raw) > _MAX_CATEGORIES:
        raise _bad("care_categories")
    found: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict):
            raise _bad("care_categories")
        code = item.get("code")
        if not isinstance(code, str) or not _CODE_RE.match(code) or code in seen:
            raise _bad("care_categories")
        seen.add(code)
        sensitive, active = item.get("sensitive"), item.get("active")
        if not isinstance(sensitive, bool) or not isinstance(active, bool):
            raise _bad(f"care_categories {code}")
        found.append(
            {
                "code": code,
                "name_zh": _text(item.get("name_zh"), f"care_categories {code}"),
                "name_en": _text(
                    item.get("name_en", ""), f"care_categories {code}", required=False
                ),
                "sensitive": sensitive,
                "active": active,
                "sort_order": _count(item.get("sort_order"), f"care_categories {code}"),
            }
        )
    return found


def _acks_member(data: bytes | None) -> dict[str, dict[str, int]]:
    if data is None:
        return {}
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(ACKS_MEMBER) from None
    if not isinstance(raw, dict):
        raise _bad(ACKS_MEMBER)
    acks: dict[str, dict[str, int]] = {}
    for source, marks in raw.items():
        if not _instance_id(source) or not isinstance(marks, dict):
            raise _bad(ACKS_MEMBER)
        acks[source] = {}
        for instance, counter in marks.items():
            if not _instance_id(instance):
                raise _bad(ACKS_MEMBER)
            acks[source][instance] = _count(counter, ACKS_MEMBER)
    return acks


def _instance_id(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 64 and value.isprintable()


def _reference_member(data: bytes | None) -> dict[str, Any]:
    if data is None:
        raise _bad(REFERENCE_MEMBER)
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad(REFERENCE_MEMBER) from None
    if not isinstance(raw, dict) or raw.get("format") != REFERENCE_FORMAT:
        raise _bad(REFERENCE_MEMBER)
    settings = raw.get("settings", {})
    disputes = raw.get("dispute_types", [])
    if not isinstance(settings, dict) or not all(isinstance(v, str) for v in settings.values()):
        raise _bad("settings")
    if not isinstance(disputes, list) or len(disputes) > _MAX_CATEGORIES:
        raise _bad("dispute_types")
    types = []
    for item in disputes:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            raise _bad("dispute_types")
        if not _CODE_RE.match(item["code"]):
            raise _bad("dispute_types")
        types.append((item["code"], _text(item.get("zh", item["code"]), "dispute_types")))
    return {
        "care_categories": _categories(raw.get("care_categories", [])),
        # A newer township may set more; only the settings this version knows are used.
        "settings": {k: v for k, v in settings.items() if k in SETTING_KEYS},
        "dispute_types": types,
    }


def _seen_stamps(stored: str | None) -> dict[str, list[Any]]:
    try:
        seen = json.loads(stored or "{}")
    except ValueError:
        return {}
    return seen if isinstance(seen, dict) else {}


def _is_newer(stored: str | None, fingerprint: str, stamp: tuple[str, int]) -> bool:
    """Newer than every package of this township applied before: a later creation time
    or a higher sequence. Either alone is enough, so that a township PC whose clock was
    put back, or whose database was restored from a backup (its sequence goes back), is
    still heard; only a package behind on both counts is an old one."""
    before = _seen_stamps(stored).get(fingerprint)
    if not isinstance(before, list) or len(before) != 2:
        return True
    try:
        return stamp[0] > str(before[0]) or stamp[1] > int(before[1])
    except (TypeError, ValueError):
        return True


def apply_downward(db: Database, conn: Connection, package: Package, report: ImportReport) -> None:
    """Apply a verified downward package inside the caller's transaction (apply.import_package):
    the township's merged versions of this office's records, its acknowledgements, and its
    reference data as ordinary edits of this office's categories and settings. Fills
    `report.changes` (one line per change, in the interface language); nothing is written
    when nothing differs. PackageRefused, before any change, when it is not for this office.
    """
    from govdesk.exchange import apply as merging  # apply imports this module

    report.kind = "reference"
    manifest = package.manifest
    if package.signer.kind != "township":
        raise PackageRefused("not_from_township")
    session = RecordSession(bind=conn, instance_id=db.instance_id)
    actor = db.actor or SYSTEM
    session.info["actor"] = actor  # the session audits each record it changes as this user
    try:
        own = current_office(session)
        if keys.exchange_kind(own.kind) == "township":
            raise PackageRefused("township_takes_none")
        target = manifest.get("target_office")
        if target != own.division_code:
            raise PackageRefused(
                "addressed_elsewhere", code=str(target)[:20], own=own.division_code
            )
        # Every member is checked before anything is written.
        reference = _reference_member(package.members.get(REFERENCE_MEMBER))
        acks = _acks_member(package.members.get(ACKS_MEMBER))
        merging.apply_records(
            conn,
            package.members,
            office_id=own.id,
            source=package.file_name,
            report=report,
            office_label=own.name,
        )
        if _store_acks(conn, acks, own.division_code):
            report.changes.append(messages.text("exchange.downward.acks"))
        sequence = manifest.get("sequence")
        stamp = (
            str(manifest.get("created_at", "")),
            sequence if isinstance(sequence, int) and not isinstance(sequence, bool) else 0,
        )
        fingerprint = package.signer.fingerprint
        if _is_newer(office_settings.stored(session, APPLIED_META), fingerprint, stamp):
            changes = _apply_categories(session, own.id, reference["care_categories"])
            changes += _apply_settings(session, actor, reference["settings"])
            report.changes.extend(changes)
            # Not a change here, but worth a line in the report: this program is older.
            report.warnings.extend(
                messages.text("exchange.downward.unknown_dispute_type", name=zh, code=code)
                for code, zh in reference["dispute_types"]
                if code not in DISPUTE_TYPES
            )
            _remember(session, fingerprint, stamp)
        session.flush()
    finally:
        session.close()


def _store_acks(conn: Connection, acks: dict[str, dict[str, int]], office_code: str) -> bool:
    """Keep the higher counter of each acknowledgement; True when any moved on."""
    moved = False
    now = utcnow()
    for source, marks in acks.items():
        for instance, counter in marks.items():
            row = conn.exec_driver_sql(
                "SELECT counter FROM exchange_ack WHERE source_instance = ? AND instance = ?",
                (source, instance),
            ).first()
            if row is not None and int(row[0]) >= counter:
                continue
            moved = True
            conn.exec_driver_sql(
                "INSERT INTO exchange_ack (source_instance, instance, counter, office_code, "
                "acknowledged_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (source_instance, instance) "
                "DO UPDATE SET counter = excluded.counter, acknowledged_at = excluded.acknowledged_at",
                (source, instance, counter, office_code, now),
            )
    return moved


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return messages.text("exchange.downward.yes" if value else "exchange.downward.no")
    text = str(value)
    return text if text else messages.text("exchange.downward.empty")


_CATEGORY_FIELDS = ("name_zh", "name_en", "sensitive", "active", "sort_order")


def _apply_categories(session: Session, office_id: str, wanted: list[dict[str, Any]]) -> list[str]:
    """The township's categories by code: changed fields written, new codes added; an
    office's own extra categories are left alone. The session audits each change."""
    here = {
        c.code: c
        for c in session.exec(select(CareCategory).where(col(CareCategory.office_id) == office_id))
    }
    changes: list[str] = []
    for item in wanted:
        current = here.get(item["code"])
        if current is None:
            session.add(CareCategory(office_id=office_id, **item))
            changes.append(
                messages.text(
                    "exchange.downward.category_added", name=item["name_zh"], code=item["code"]
                )
            )
            continue
        for name in _CATEGORY_FIELDS:
            old, new = getattr(current, name), item[name]
            if old == new:
                continue
            changes.append(
                messages.text(
                    "exchange.downward.category_changed",
                    name=item["name_zh"],
                    field=messages.text(f"exchange.downward.field.{name}"),
                    old=_shown(old),
                    new=_shown(new),
                )
            )
            setattr(current, name, new)
            session.add(current)
    session.flush()
    return changes


def _apply_settings(session: Session, actor: Any, wanted: dict[str, str]) -> list[str]:
    """Each setting the township sent, checked like the settings dialogs check it, and
    stored through office_settings (audited) when it differs."""
    changes: list[str] = []
    width = wanted.get(grid_rules.NUMBER_WIDTH_KEY)
    if width is not None:
        new = int(width) if width.isdigit() else 0
        if new not in grid_rules.NUMBER_WIDTHS:
            raise _bad(grid_rules.NUMBER_WIDTH_KEY)
        old = grid_codes.number_width(session)
        if new != old:
            office_settings.store(
                session, actor, grid_rules.NUMBER_WIDTH_KEY, str(new), {"width": [old, new]}
            )
            changes.append(
                messages.text("exchange.downward.setting.grid.number_width", old=old, new=new)
            )
    months = wanted.get(mediation.HANDLING_MONTHS_KEY)
    if months is not None:
        low, high = mediation.HANDLING_MONTHS_RANGE
        new = int(months) if months.isdigit() else 0
        if not low <= new <= high:
            raise _bad(mediation.HANDLING_MONTHS_KEY)
        old = mediation.handling_months(session)
        if new != old:
            office_settings.store(
                session, actor, mediation.HANDLING_MONTHS_KEY, str(new), {"months": [old, new]}
            )
            changes.append(
                messages.text(
                    "exchange.downward.setting.mediation_handling_months", old=old, new=new
                )
            )
    roles = wanted.get(grid_rules.ROLE_LABELS_KEY)
    if roles is not None:
        changes += _apply_roles(session, actor, roles)
    return changes


def _apply_roles(session: Session, actor: Any, value: str) -> list[str]:
    parsed = grid_rules.role_settings_from_json(value)
    after, issues = grid_rules.check_role_settings(
        grid_rules.DEFAULT_ROLE_SETTINGS, dict(parsed.labels), parsed.disabled
    )
    if issues:
        raise _bad(grid_rules.ROLE_LABELS_KEY)
    before = grid_staff.role_settings(session)
    if after == before:
        return []
    old, new = before.all_labels(), after.all_labels()
    changes: list[str] = []
    detail: dict[str, object] = {}
    for code in new:
        if old[code] != new[code]:
            detail[code] = [old[code], new[code]]
            changes.append(
                messages.text(
                    "exchange.downward.role_label",
                    role=grid_rules.STAFF_ROLES.label(code),
                    old=old[code],
                    new=new[code],
                )
            )
    for code in sorted(after.disabled - before.disabled):
        changes.append(messages.text("exchange.downward.role_disabled", role=new[code]))
    for code in sorted(before.disabled - after.disabled):
        changes.append(messages.text("exchange.downward.role_enabled", role=new[code]))
    if before.disabled != after.disabled:
        detail["disabled"] = [",".join(sorted(before.disabled)), ",".join(sorted(after.disabled))]
    office_settings.store(session, actor, grid_rules.ROLE_LABELS_KEY, after.to_json(), detail)
    return changes


def _remember(session: Session, fingerprint: str, stamp: tuple[str, int]) -> None:
    """The highest creation time and sequence applied from this township so far."""
    row = session.get(Meta, APPLIED_META)
    seen = _seen_stamps(row.value if row is not None else None)
    before = seen.get(fingerprint)
    if isinstance(before, list) and len(before) == 2:
        with contextlib.suppress(TypeError, ValueError):  # a hand-edited value: start anew
            stamp = (max(stamp[0], str(before[0])), max(stamp[1], int(before[1])))
    seen[fingerprint] = list(stamp)
    value = json.dumps(seen, sort_keys=True)
    if row is None:
        session.add(Meta(key=APPLIED_META, value=value))
    else:
        row.value = value
        session.add(row)
    session.flush()


# -- a shared folder ----------------------------------------------------------------------
def addressed_here(db: Database, path: Path) -> bool:
    """Whether the file at `path` is a package sealed for this database, from its fixed
    prefix alone (nothing verified, nothing parsed). A folder shared by a township and its
    offices holds every office's downward packages: a watcher skips the others' quietly
    instead of refusing, logging and auditing each one at every office."""
    try:
        with Path(path).open("rb") as f:
            start = f.read(PREFIX_SIZE)
    except OSError:
        return False
    if len(start) < PREFIX_SIZE or start[: len(MAGIC)] != MAGIC:
        return False
    recipient = _PREFIX.unpack(start)[4]
    return _fp_text(recipient) == keys.own_keys(db).fingerprint


# -- first contact ------------------------------------------------------------------------
def _offered_card(
    path: Path, own_fingerprint: str, known: set[str], limits: Limits
) -> KeyCard | None:
    """The key card in the package's manifest when its signer is unknown here and the card
    is that signer's; None otherwise. Nothing here is trusted yet: the card is only used
    to check the signature next, and a person compares its fingerprint by phone."""
    try:
        size = path.stat().st_size
        if size > limits.max_file:
            return None
        with path.open("rb") as f:
            start = f.read(PREFIX_SIZE)
            if len(start) < PREFIX_SIZE or start[: len(MAGIC)] != MAGIC:
                return None
            _m, version, flags, signer_fp, recipient_fp, manifest_len, members_len = _PREFIX.unpack(
                start
            )
            if version != FORMAT_VERSION or flags != 0 or manifest_len > limits.max_manifest:
                return None
            if size != PREFIX_SIZE + manifest_len + SIGNATURE_SIZE + members_len:
                return None
            signer = _fp_text(signer_fp)
            if signer == own_fingerprint or signer in known:
                return None
            if _fp_text(recipient_fp) != own_fingerprint:
                return None
            text = f.read(manifest_len)
    except OSError:
        return None
    try:
        manifest = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    offered = manifest.get("signer_card") if isinstance(manifest, dict) else None
    if not isinstance(offered, dict):
        return None
    try:
        card = keys.read_key_file(json.dumps(offered).encode("utf-8"))
    except DomainError:
        return None
    return card if card.fingerprint == signer and card.kind == "township" else None


def peek_introduction(db: Database, path: Path, *, limits: Limits | None = None) -> KeyCard | None:
    """First contact: the township key card a downward package introduces, for a person to
    check by phone before trusting it; None when the package needs no introduction (its
    signer is trusted) or cannot give one.

    The card is returned only when the signer is unknown here (and not a revoked key),
    the card's fingerprint is the signer's, the whole package verifies against it
    (signature and every member), it is addressed to this database, and it is a township's
    reference package for this office database.
    """
    path = Path(path)
    limits = limits or Limits()
    own = keys.own_keys(db)
    with db.session() as s:
        office = current_office(s)
    if keys.exchange_kind(office.kind) != "office":
        return None
    every = keys.trusted(db, include_revoked=True)
    card = _offered_card(path, own.fingerprint, {k.fingerprint for k in every}, limits)
    if card is None:
        return None
    try:
        package = read_package(path, keyring=[], own=own, limits=limits, introduce=card)
    except PackageRefused:
        return None
    if package.manifest.get("content") != CONTENT:
        return None
    if package.manifest.get("target_office") != office.division_code:
        return None
    return card


def introduce(db: Database, path: Path, fingerprint: str) -> KeyCard:
    """Trust the township key a downward package introduces, once a person has compared
    `fingerprint` with the township by phone (audited like any trust); DomainError when
    the package offers no introduction or the fingerprint differs. The package itself is
    then imported as usual (apply.import_package). A key already trusted with that
    fingerprint is returned as it is, so a script may pass --trust every time."""
    given = keys.normal_fingerprint(fingerprint)
    known = next((c for c in keys.keyring(db) if c.fingerprint == given), None)
    if known is not None:
        return known
    card = peek_introduction(db, path)
    if card is None:
        raise DomainError(Issue("package", "exchange.downward.no_introduction"))
    if given != card.fingerprint:
        raise DomainError(
            Issue(
                "fingerprint",
                "exchange.downward.fingerprint_differs",
                {"given": given, "fingerprint": card.fingerprint},
            )
        )
    with db.session() as s:
        keys.trust(s, card)
    return card
