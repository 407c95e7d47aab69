"""This database's exchange key pairs, the public key file, and the other side's trusted keys."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from govdesk.domain import messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import ExchangeKey, Office
from govdesk.domain.permissions import Permission
from govdesk.exchange.limits import MAX_KEY_FILE
from govdesk.services import authz
from govdesk.store import audit_log
from govdesk.store.database import Database

# meta keys holding this database's private keys (raw 32 bytes, base64). Like the backup
# authentication key they live only in the database file, which leaves the PC encrypted.
SIGN_META = "exchange.sign_private"  # Ed25519: signs the packages this database writes
BOX_META = "exchange.box_private"  # X25519: opens the packages written for this database

KEY_FILE_FORMAT = "govdesk-exchange-key"
KEY_FILE_VERSION = 1
KEY_SIZE = 32
_FINGERPRINT_INFO = b"govdesk exchange key v1\x00"
FINGERPRINT_GROUPS = 6
_FINGERPRINT_RE = re.compile(rf"^[0-9A-F]{{4}}(-[0-9A-F]{{4}}){{{FINGERPRINT_GROUPS - 1}}}$")
KINDS = ("office", "township")

AUDIT_TRUST = AuditAction.KEY_TRUSTED
AUDIT_REVOKE = AuditAction.KEY_REVOKED

messages.register(
    {
        "exchange.key.not_key_file": (
            "“{name}”不是 govdesk 公钥文件，请让对方用“导出公钥”重新导出",
            "'{name}' is not a govdesk public key file; ask the other office to export "
            "its public key again",
        ),
        "exchange.key.too_large": (
            "“{name}”太大（{size} 字节），不是公钥文件",
            "'{name}' is too large ({size} bytes) to be a public key file",
        ),
        "exchange.key.newer_format": (
            "公钥文件“{name}”由更新版本的 govdesk 制作（格式 {version}），请先升级本程序",
            "The key file '{name}' was made by a newer govdesk (format {version}); "
            "please upgrade first",
        ),
        "exchange.key.bad_field": (
            "公钥文件“{name}”中的“{field}”不正确，请让对方重新导出公钥文件",
            "The key file '{name}' has a wrong '{field}'; ask the other office to export it again",
        ),
        "exchange.key.fingerprint_mismatch": (
            "公钥文件“{name}”中的指纹与密钥不符（文件可能被改动过），请勿信任，请让对方重新导出",
            "The fingerprint in '{name}' does not match its keys (the file may have been "
            "altered): do not trust it, ask the other office to export it again",
        ),
        "exchange.key.own": (
            "这是本单位自己的公钥，无需信任",
            "This is this office's own public key; it needs no trust",
        ),
        "exchange.key.office_has_key": (
            "{office}（{code}）已有一个受信任的密钥（指纹 {fingerprint}）。"
            "如确需更换，请先电话核实新指纹，再撤销旧密钥后导入",
            "{office} ({code}) already has a trusted key (fingerprint {fingerprint}). "
            "To replace it, check the new fingerprint by phone, revoke the old key, then "
            "import the new one",
        ),
        "exchange.key.revoked": (
            "指纹为 {fingerprint} 的密钥已被撤销，不能再次信任",
            "The key with fingerprint {fingerprint} was revoked and cannot be trusted again",
        ),
        "exchange.key.not_found": (
            "没有指纹为 {fingerprint} 的受信任密钥",
            "There is no trusted key with fingerprint {fingerprint}",
        ),
        "exchange.key.read_only": (
            "数据库只能读取，无法生成本单位的交换密钥；请在可写入时再试",
            "The database is open read-only, so this office's exchange keys cannot be "
            "made; try again when it can be written",
        ),
        "exchange.key.damaged": (
            "数据库中本单位的交换密钥已损坏，请从备份恢复",
            "This office's exchange keys in the database are damaged; restore a backup",
        ),
    }
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object) -> bytes:
    if not isinstance(value, str) or len(value) > 64:
        raise ValueError("not a short base64 text")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ValueError("not base64") from exc


def fingerprint_of(sign_public: bytes, box_public: bytes) -> str:
    """Six groups of four hex digits over both public keys, read out over the phone.

    96 bits: finding another key pair with the same fingerprint costs about 2**96 tries.
    """
    digest = hashlib.sha256(_FINGERPRINT_INFO + sign_public + box_public).hexdigest().upper()
    return "-".join(digest[i * 4 : i * 4 + 4] for i in range(FINGERPRINT_GROUPS))


def normal_fingerprint(value: str) -> str:
    """A fingerprint as typed (lower case, spaces, no dashes) in its canonical form."""
    digits = re.sub(r"[^0-9A-Fa-f]", "", value).upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


@dataclass(frozen=True)
class KeyCard:
    """Another database's public keys and who it says it is (a public key file, or a trusted row)."""

    office_code: str
    office_name: str
    kind: str  # office, township
    sign_public: bytes  # Ed25519
    box_public: bytes  # X25519
    fingerprint: str

    @classmethod
    def of(cls, row: ExchangeKey) -> KeyCard:
        return cls(
            office_code=row.office_code,
            office_name=row.office_name,
            kind=row.kind,
            sign_public=base64.b64decode(row.sign_public),
            box_public=base64.b64decode(row.box_public),
            fingerprint=row.fingerprint,
        )


@dataclass(frozen=True)
class OwnKeys:
    """This database's key pairs (cryptography objects) and their public halves."""

    sign_private: Any  # Ed25519PrivateKey
    box_private: Any  # X25519PrivateKey
    sign_public: bytes
    box_public: bytes
    fingerprint: str


def _raw_private(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return key.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())


def raw_public(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return key.public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)


def _load(sign_text: str, box_text: str) -> OwnKeys:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    try:
        sign = Ed25519PrivateKey.from_private_bytes(_unb64(sign_text))
        box = X25519PrivateKey.from_private_bytes(_unb64(box_text))
    except ValueError as exc:
        raise DomainError(Issue("exchange", "exchange.key.damaged")) from exc
    sign_public, box_public = raw_public(sign.public_key()), raw_public(box.public_key())
    return OwnKeys(sign, box, sign_public, box_public, fingerprint_of(sign_public, box_public))


def own_keys(db: Database) -> OwnKeys:
    """This database's key pairs, made and stored in meta (one transaction) on first need."""
    sign_text, box_text = db.meta(SIGN_META), db.meta(BOX_META)
    if sign_text is not None and box_text is not None:
        return _load(sign_text, box_text)
    if db.read_only:
        raise DomainError(Issue("exchange", "exchange.key.read_only"))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    new_sign = _b64(_raw_private(Ed25519PrivateKey.generate()))
    new_box = _b64(_raw_private(X25519PrivateKey.generate()))
    with db.begin() as conn:
        # Another process may have made them since the read above: its pair wins, whole.
        for key, value in ((SIGN_META, new_sign), (BOX_META, new_box)):
            conn.execute(
                text("INSERT INTO meta(key, value) VALUES (:k, :v) ON CONFLICT(key) DO NOTHING"),
                {"k": key, "v": value},
            )
        sign_text = db._meta(conn, SIGN_META)
        box_text = db._meta(conn, BOX_META)
    assert sign_text is not None and box_text is not None
    return _load(sign_text, box_text)


def _office(db: Database) -> Office:
    with db.session() as s:
        office = s.exec(select(Office).order_by(col(Office.created_at))).first()
        if office is None:
            raise DomainError(Issue("office", "not_found"))
        return office


def exchange_kind(office_kind: str) -> str:
    """A township exchanges as a township; a community or a village as an office."""
    return "township" if office_kind == "township" else "office"


def own_card(db: Database) -> KeyCard:
    """This database's public keys as another database would trust them."""
    keys = own_keys(db)
    office = _office(db)
    return KeyCard(
        office_code=office.division_code,
        office_name=office.name,
        kind=exchange_kind(office.kind),
        sign_public=keys.sign_public,
        box_public=keys.box_public,
        fingerprint=keys.fingerprint,
    )


def public_key_file(db: Database) -> bytes:
    """The public key file (`govdesk exchange key --out`): UTF-8 JSON, no secret in it."""
    card = own_card(db)
    body = {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "office_code": card.office_code,
        "office_name": card.office_name,
        "kind": card.kind,
        "sign_public": _b64(card.sign_public),
        "box_public": _b64(card.box_public),
        "fingerprint": card.fingerprint,
    }
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _key_error(key: str, **params: object) -> DomainError:
    return DomainError(Issue("key_file", key, params))


def read_key_file(data: bytes, *, name: str = "") -> KeyCard:
    """The keys in a public key file, checked field by field; DomainError saying what is wrong.

    The file is hostile until a person has compared its fingerprint by phone: nothing in
    it is used before every field has been checked.
    """
    if len(data) > MAX_KEY_FILE:
        raise _key_error("exchange.key.too_large", name=name, size=len(data))
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _key_error("exchange.key.not_key_file", name=name) from None
    if not isinstance(body, dict) or body.get("format") != KEY_FILE_FORMAT:
        raise _key_error("exchange.key.not_key_file", name=name)
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _key_error("exchange.key.bad_field", name=name, field="version")
    if version > KEY_FILE_VERSION:
        raise _key_error("exchange.key.newer_format", name=name, version=version)

    def field(key: str, check: Any) -> Any:
        value = body.get(key)
        try:
            ok = check(value)
        except (ValueError, TypeError):
            ok = None
        if ok is None or ok is False:
            raise _key_error("exchange.key.bad_field", name=name, field=key)
        return ok

    code = field(
        "office_code", lambda v: v if isinstance(v, str) and re.fullmatch(r"\d{12}", v) else None
    )
    office_name = field(
        "office_name",
        lambda v: (
            v.strip()
            if isinstance(v, str) and 0 < len(v.strip()) <= 100 and v.isprintable()
            else None
        ),
    )
    kind = field("kind", lambda v: v if v in KINDS else None)
    sign_public = field("sign_public", lambda v: _checked_public(_unb64(v), "ed25519"))
    box_public = field("box_public", lambda v: _checked_public(_unb64(v), "x25519"))
    given = field(
        "fingerprint",
        lambda v: v.upper() if isinstance(v, str) and _FINGERPRINT_RE.match(v.upper()) else None,
    )
    fingerprint = fingerprint_of(sign_public, box_public)
    if given != fingerprint:
        raise _key_error("exchange.key.fingerprint_mismatch", name=name)
    return KeyCard(code, office_name, kind, sign_public, box_public, fingerprint)


def _checked_public(raw: bytes, kind: str) -> bytes | None:
    if len(raw) != KEY_SIZE:
        return None
    if kind == "ed25519":
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        Ed25519PublicKey.from_public_bytes(raw)  # ValueError for a point off the curve
    else:
        from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

        X25519PublicKey.from_public_bytes(raw)
    return raw


def require_exchange(source: Session | Database) -> str:
    """The acting username, when their role may set up exchange (settings or exchange);
    PermissionDenied, noted on the audit trail, otherwise."""
    actor = authz.actor_of(source)
    if not authz.can(actor, Permission.SETTINGS_MANAGE):
        authz.require(source, Permission.EXCHANGE)
    return actor.username


def _own_fingerprint(session: Session) -> str | None:
    conn = session.connection()
    found = {
        str(k): str(v)
        for k, v in conn.execute(
            text("SELECT key, value FROM meta WHERE key IN (:s, :b)"),
            {"s": SIGN_META, "b": BOX_META},
        )
    }
    if len(found) < 2:
        return None  # no keys yet, so the card cannot be this database's own
    return _load(found[SIGN_META], found[BOX_META]).fingerprint


def trust(session: Session, card: KeyCard, *, by: str | None = None) -> ExchangeKey:
    """Trust `card`'s keys, audited. Trusting the same key again changes nothing.

    A second key for an office that already has a trusted one is refused until the old one
    is revoked: a key file is only a file, and anyone who can hand over a USB stick could
    otherwise take over an office's name (see docs/exchange.md, "Trusting keys").
    """
    username = require_exchange(session)
    if _own_fingerprint(session) == card.fingerprint:
        raise DomainError(Issue("key_file", "exchange.key.own"))
    same = session.exec(
        select(ExchangeKey).where(ExchangeKey.fingerprint == card.fingerprint)
    ).first()
    if same is not None:
        if same.revoked_at is not None:
            raise DomainError(
                Issue("key_file", "exchange.key.revoked", {"fingerprint": card.fingerprint})
            )
        return same
    other = session.exec(
        select(ExchangeKey).where(
            ExchangeKey.office_code == card.office_code,
            col(ExchangeKey.revoked_at).is_(None),
        )
    ).first()
    if other is not None:
        raise DomainError(
            Issue(
                "key_file",
                "exchange.key.office_has_key",
                {
                    "office": other.office_name,
                    "code": other.office_code,
                    "fingerprint": other.fingerprint,
                },
            )
        )
    row = ExchangeKey(
        office_code=card.office_code,
        office_name=card.office_name,
        kind=card.kind,
        sign_public=_b64(card.sign_public),
        box_public=_b64(card.box_public),
        fingerprint=card.fingerprint,
        trusted_by=by or username,
    )
    session.add(row)
    session.flush()
    audit_log.append(
        session.connection(),
        username=username,
        action=AUDIT_TRUST,
        record_type="exchange_key",
        record_id=row.id,
        detail={
            "office_code": card.office_code,
            "office_name": card.office_name,
            "kind": card.kind,
            "fingerprint": card.fingerprint,
        },
    )
    return row


def revoke(session: Session, fingerprint: str, *, by: str | None = None) -> ExchangeKey:
    """Stop trusting a key, audited; packages it signed are refused from now on."""
    username = require_exchange(session)
    wanted = normal_fingerprint(fingerprint)
    row = session.exec(select(ExchangeKey).where(ExchangeKey.fingerprint == wanted)).first()
    if row is None:
        raise DomainError(Issue("fingerprint", "exchange.key.not_found", {"fingerprint": wanted}))
    if row.revoked_at is not None:
        return row
    row.revoked_at = dt.datetime.now(dt.UTC)
    session.add(row)
    session.flush()
    audit_log.append(
        session.connection(),
        username=username,
        action=AUDIT_REVOKE,
        record_type="exchange_key",
        record_id=row.id,
        detail={
            "office_code": row.office_code,
            "office_name": row.office_name,
            "fingerprint": row.fingerprint,
            "by": by or username,
        },
    )
    return row


def trusted(db: Database, *, include_revoked: bool = False) -> list[ExchangeKey]:
    """The trusted keys, oldest first; revoked ones too when asked (for the list of keys)."""
    with db.session() as s:
        query = select(ExchangeKey).order_by(col(ExchangeKey.trusted_at))
        if not include_revoked:
            query = query.where(col(ExchangeKey.revoked_at).is_(None))
        return list(s.exec(query).all())


def keyring(db: Database) -> list[KeyCard]:
    """The keys whose packages this database accepts (read_package's keyring)."""
    return [KeyCard.of(row) for row in trusted(db)]
