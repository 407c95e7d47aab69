"""The backup file: the backup key pair, the encrypted format, and writing files atomically.

Format (version 1), see docs/backups.md:

    MAGIC (8) | format version (u16) | header length (u32) | header (UTF-8 JSON) | tag (32) | chunks

The header names the backup (time, reason, source file, schema, row counts, plain size) and
carries everything a restore needs besides the passphrase: the X25519 public key, the private
key encrypted with a key derived from the passphrase (scrypt, AES-256-GCM) and the data key
wrapped for the public key (ephemeral X25519, HKDF-SHA256, AES-256-GCM). The tag is an
HMAC-SHA256 of the header under a secret sealed with the private key (and kept in the
database), so a file forged with the public key alone is refused. The database follows
in chunks of CHUNK_SIZE bytes, each sealed with AES-256-GCM under the data key; the nonce is
the chunk's index, and the associated data is the header's SHA-256, the index and a last-chunk
flag, so an edited header, a changed, reordered, dropped or appended chunk and a truncated
file all fail to decrypt.

This module knows no services and no Qt; the store uses it for the backup made before a
migration, services/backups.py for every other backup and for restoring.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import struct
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue

if TYPE_CHECKING:
    from govdesk.store.database import Database

MAGIC = b"GDBACKUP"
FORMAT_VERSION = 1
CHUNK_SIZE = 1 << 20
TAG_SIZE = 16
KEY_META = "backup_key"  # meta key holding the KeyRecord as JSON
# meta key holding the secret that authenticates backups (base64). It is written into no
# backup header: only the database (itself copied only encrypted) and the sealed key hold it.
AUTH_META = "backup_auth_key"
AUTH_TAG_SIZE = 32
ENCRYPTED_SUFFIX = ".gdbak"
PLAIN_SUFFIX = ".db"
SQLITE_HEADER = b"SQLite format 3\x00"
# OWASP's scrypt figures: 128 MiB and about half a second per guess on an office PC.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_PRIVATE_AAD = b"govdesk backup private key v1"
_DATA_KEY_INFO = b"govdesk backup data key v1"
_AUTH_INFO = b"govdesk backup header v1"
_PREFIX = struct.Struct(">8sHI")
_CHUNK_AAD = struct.Struct(">32sQB")
_MAX_HEADER = 1 << 20

ProgressFn = Callable[[int, int], None]

messages.register(
    {
        "backup.not_backup": (
            "“{name}”不是 govdesk 备份文件",
            "'{name}' is not a govdesk backup file",
        ),
        "backup.newer_format": (
            "备份文件“{name}”由更新版本的 govdesk 制作（格式 {version}），请先升级本程序",
            "The backup '{name}' was made by a newer govdesk (format {version}); please upgrade first",
        ),
        "backup.damaged": (
            "备份文件“{name}”已损坏或被改动（{where}），不能用来恢复",
            "The backup '{name}' is damaged or was altered ({where}); it cannot be restored",
        ),
        "backup.wrong_passphrase": (
            "备份口令不正确，没有写入任何文件",
            "The backup passphrase is wrong; nothing was written",
        ),
        "backup.no_key": (
            "还没有设置备份口令",
            "No backup passphrase has been set yet",
        ),
    }
)


class BackupFileError(DomainError):
    """A backup that cannot be read or opened; nothing was written."""


def _error(key: str, **params: object) -> BackupFileError:
    return BackupFileError(Issue("backup", key, params))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _passphrase_bytes(passphrase: str) -> bytes:
    # The same passphrase typed on another keyboard or input method must give the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(_passphrase_bytes(passphrase))


# -- the key pair -------------------------------------------------------------------
@dataclass(frozen=True)
class KeyRecord:
    """The backup public key and its private key sealed with the passphrase (meta 'backup_key')."""

    public: bytes
    salt: bytes
    nonce: bytes
    sealed_private: bytes
    n: int = SCRYPT_N
    r: int = SCRYPT_R
    p: int = SCRYPT_P

    def to_dict(self) -> dict[str, Any]:
        return {
            "public": _b64(self.public),
            "kdf": {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p},
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "private": _b64(self.sealed_private),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KeyRecord:
        kdf = d["kdf"]
        if kdf.get("name") != "scrypt":
            raise ValueError(f"unknown key derivation {kdf.get('name')!r}")
        return cls(
            public=_unb64(d["public"]),
            salt=_unb64(d["salt"]),
            nonce=_unb64(d["nonce"]),
            sealed_private=_unb64(d["private"]),
            n=int(kdf["n"]),
            r=int(kdf["r"]),
            p=int(kdf["p"]),
        )

    @classmethod
    def from_json(cls, text: str) -> KeyRecord:
        return cls.from_dict(json.loads(text))


def _seal(secret: bytes, public: bytes, passphrase: str) -> KeyRecord:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P
    kek = _derive(passphrase, salt, n, r, p)
    sealed = AESGCM(kek).encrypt(nonce, secret, _PRIVATE_AAD + public)
    return KeyRecord(public=public, salt=salt, nonce=nonce, sealed_private=sealed, n=n, r=r, p=p)


@dataclass(frozen=True)
class Unlocked:
    """What the passphrase opens: the private key, and the key that authenticates backups."""

    private: Any
    auth_key: bytes


def new_key_record(passphrase: str) -> tuple[KeyRecord, bytes]:
    """A fresh key pair and authentication key, both sealed with `passphrase`.

    Returns the record (public) and the authentication key (secret, for meta AUTH_META).
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    auth_key = secrets.token_bytes(32)
    record = _seal(_raw_private(private) + auth_key, _raw_public(private.public_key()), passphrase)
    return record, auth_key


def unlock(record: KeyRecord, passphrase: str) -> Unlocked:
    """The keys sealed in `record`; BackupFileError when the passphrase is wrong."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = _derive(passphrase, record.salt, record.n, record.r, record.p)
    try:
        raw = AESGCM(kek).decrypt(record.nonce, record.sealed_private, _PRIVATE_AAD + record.public)
    except InvalidTag:
        raise _error("backup.wrong_passphrase") from None
    if len(raw) != 64:
        raise _error("backup.wrong_passphrase")
    private = X25519PrivateKey.from_private_bytes(raw[:32])
    if _raw_public(private.public_key()) != record.public:
        raise _error("backup.wrong_passphrase")
    return Unlocked(private, raw[32:])


def reseal(record: KeyRecord, old_passphrase: str, new_passphrase: str) -> KeyRecord:
    """The same keys sealed with a new passphrase, so earlier backups stay readable."""
    keys = unlock(record, old_passphrase)
    return _seal(_raw_private(keys.private) + keys.auth_key, record.public, new_passphrase)


def header_tag(auth_key: bytes, header: Header) -> bytes:
    """Proof that the office's backup key made this header (and so chose its data key):
    the public key alone lets anyone encrypt a file, but not sign it."""
    return hmac.new(auth_key, _AUTH_INFO + header.digest, hashlib.sha256).digest()


def meta_values(record: KeyRecord, auth_key: bytes | None = None) -> dict[str, str]:
    """The meta entries that hold a backup key (the secret one only when given)."""
    values = {KEY_META: record.to_json()}
    if auth_key is not None:
        values[AUTH_META] = _b64(auth_key)
    return values


def auth_key_from(text: str) -> bytes:
    return _unb64(text)


def _raw_private(private: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return private.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())


def _raw_public(public: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization as ser

    return public.public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)


def _kek_for(shared: bytes, ephemeral: bytes, public: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + public, info=_DATA_KEY_INFO
    ).derive(shared)


# -- the header ---------------------------------------------------------------------
@dataclass
class Header:
    """What a backup says about itself, readable without the passphrase."""

    created_at: str
    reason: str
    source: str
    schema: str
    size: int
    counts: dict[str, int]
    key: KeyRecord
    ephemeral: bytes
    wrap_nonce: bytes
    wrapped_key: bytes
    chunk_size: int = CHUNK_SIZE
    digest: bytes = field(default=b"", repr=False)  # SHA-256 of prefix + header bytes
    auth_tag: bytes = field(default=b"", repr=False)  # HMAC of the digest (header_tag)
    data_offset: int = 0

    def to_bytes(self) -> bytes:
        body = {
            "format": FORMAT_VERSION,
            "created_at": self.created_at,
            "reason": self.reason,
            "source": self.source,
            "schema": self.schema,
            "size": self.size,
            "counts": self.counts,
            "chunk_size": self.chunk_size,
            "cipher": "AES-256-GCM",
            "key": self.key.to_dict(),
            "wrap": {
                "scheme": "X25519-HKDF-SHA256-AES-256-GCM",
                "ephemeral": _b64(self.ephemeral),
                "nonce": _b64(self.wrap_nonce),
                "data_key": _b64(self.wrapped_key),
            },
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return _PREFIX.pack(MAGIC, FORMAT_VERSION, len(text)) + text

    @property
    def made_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created_at)


def is_encrypted_backup(path: Path) -> bool:
    with Path(path).open("rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def read_header(path: Path) -> Header:
    """The header of an encrypted backup; BackupFileError for anything else."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            return _read_header(f, path.name)
    except OSError as exc:
        raise _error("backup.damaged", name=path.name, where=exc.strerror or exc) from exc


def _read_header(f: IO[bytes], name: str) -> Header:
    prefix = f.read(_PREFIX.size)
    if len(prefix) < _PREFIX.size or prefix[: len(MAGIC)] != MAGIC:
        raise _error("backup.not_backup", name=name)
    _magic, version, length = _PREFIX.unpack(prefix)
    if version > FORMAT_VERSION:
        raise _error("backup.newer_format", name=name, version=version)
    if length > _MAX_HEADER:
        raise _error("backup.damaged", name=name, where="header")
    raw = f.read(length)
    if len(raw) < length:
        raise _error("backup.damaged", name=name, where="header")
    try:
        d = json.loads(raw.decode("utf-8"))
        wrap = d["wrap"]
        header = Header(
            created_at=str(d["created_at"]),
            reason=str(d["reason"]),
            source=str(d["source"]),
            schema=str(d["schema"]),
            size=int(d["size"]),
            counts={str(k): int(v) for k, v in d.get("counts", {}).items()},
            key=KeyRecord.from_dict(d["key"]),
            ephemeral=_unb64(wrap["ephemeral"]),
            wrap_nonce=_unb64(wrap["nonce"]),
            wrapped_key=_unb64(wrap["data_key"]),
            chunk_size=int(d["chunk_size"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _error("backup.damaged", name=name, where="header") from exc
    if header.chunk_size <= 0 or header.chunk_size > 64 << 20 or header.size < 0:
        raise _error("backup.damaged", name=name, where="header")
    header.digest = hashlib.sha256(prefix + raw).digest()
    header.auth_tag = f.read(AUTH_TAG_SIZE)
    if len(header.auth_tag) < AUTH_TAG_SIZE:
        raise _error("backup.damaged", name=name, where="header")
    header.data_offset = _PREFIX.size + length + AUTH_TAG_SIZE
    return header


def expected_length(header: Header) -> int:
    """The file length an intact backup with this header has."""
    # A size that is a whole number of chunks is still followed by an empty last chunk.
    chunks = header.size // header.chunk_size + 1
    return header.data_offset + header.size + chunks * TAG_SIZE


def looks_intact(path: Path) -> bool:
    """A cheap check without the passphrase: the header reads and the length is right.

    A plain (unencrypted) backup passes when it starts like a SQLite file and is a whole
    number of pages long.
    """
    path = Path(path)
    try:
        if is_encrypted_backup(path):
            return path.stat().st_size == expected_length(read_header(path))
        with path.open("rb") as f:
            head = f.read(100)
        if len(head) < 100 or head[:16] != SQLITE_HEADER:
            return False
        page = int.from_bytes(head[16:18], "big")
        page = 65536 if page == 1 else page
        size = path.stat().st_size
        return page >= 512 and size > 0 and size % page == 0
    except (OSError, DomainError):
        return False


# -- writing ------------------------------------------------------------------------
def _chunk_aad(digest: bytes, index: int, last: bool) -> bytes:
    return _CHUNK_AAD.pack(digest, index, 1 if last else 0)


def _nonce(index: int) -> bytes:
    # The data key is new for every file, so a counter can never repeat a nonce under it.
    return index.to_bytes(12, "big")


def new_header(
    record: KeyRecord, *, reason: str, source: str, schema: str, size: int, counts: dict[str, int]
) -> tuple[Header, bytes]:
    """A header for a new backup and the random data key wrapped in it."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data_key = secrets.token_bytes(32)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(record.public))
    kek = _kek_for(shared, ephemeral_public, record.public)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _DATA_KEY_INFO)
    header = Header(
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        reason=reason,
        source=source,
        schema=schema,
        size=size,
        counts=counts,
        key=record,
        ephemeral=ephemeral_public,
        wrap_nonce=nonce,
        wrapped_key=wrapped,
        chunk_size=CHUNK_SIZE,
    )
    raw = header.to_bytes()
    header.digest = hashlib.sha256(raw).digest()
    header.data_offset = len(raw) + AUTH_TAG_SIZE
    return header, data_key


def encrypt_stream(
    plain: IO[bytes],
    out: IO[bytes],
    header: Header,
    data_key: bytes,
    auth_key: bytes,
    *,
    progress: ProgressFn | None = None,
) -> None:
    """Write the header, its authentication tag and the sealed chunks of `plain`
    (header.size bytes) to `out`.

    `progress` may raise (a cancel) to stop between chunks.
    """
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead = AESGCM(data_key)
    out.write(header.to_bytes())
    out.write(header_tag(auth_key, header))
    done, index = 0, 0
    while True:
        chunk = plain.read(header.chunk_size)
        done += len(chunk)
        last = done >= header.size
        if last and chunk and len(chunk) == header.chunk_size:
            # A whole last chunk is followed by an empty one carrying the last flag.
            out.write(aead.encrypt(_nonce(index), chunk, _chunk_aad(header.digest, index, False)))
            index += 1
            chunk = b""
        out.write(aead.encrypt(_nonce(index), chunk, _chunk_aad(header.digest, index, last)))
        if progress is not None:
            progress(done, header.size)
        if last:
            break
        if not chunk:  # the source ended early: it changed under us
            raise OSError(f"{plain!r} ended after {done} of {header.size} bytes")
        index += 1
    if done != header.size:
        raise OSError(f"{plain!r} grew while it was being encrypted")


def open_data_key(header: Header, private: Any, name: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if _raw_public(private.public_key()) != header.key.public:
        raise _error("backup.wrong_passphrase")
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(header.ephemeral))
        kek = _kek_for(shared, header.ephemeral, header.key.public)
        return AESGCM(kek).decrypt(header.wrap_nonce, header.wrapped_key, _DATA_KEY_INFO)
    except (InvalidTag, ValueError):
        raise _error("backup.damaged", name=name, where="data key") from None


def decrypt_to(
    source: Path,
    out: IO[bytes],
    keys: Unlocked,
    *,
    progress: ProgressFn | None = None,
) -> Header:
    """Check and decrypt the backup at `source` into `out`, chunk by chunk.

    Raises BackupFileError at the first chunk that fails; what was written to `out` by
    then must be thrown away by the caller.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    source = Path(source)
    name = source.name
    with source.open("rb") as f:
        header = _read_header(f, name)
        if not hmac.compare_digest(header.auth_tag, header_tag(keys.auth_key, header)):
            # Not made with this office's backup key (a file forged from the public key),
            # or its header was changed.
            raise _error("backup.damaged", name=name, where="authentication")
        aead = AESGCM(open_data_key(header, keys.private, name))
        sealed_size = header.chunk_size + TAG_SIZE
        block = f.read(sealed_size)
        index, done = 0, 0
        while True:
            following = f.read(sealed_size)
            last = not following
            try:
                chunk = aead.decrypt(_nonce(index), block, _chunk_aad(header.digest, index, last))
            except InvalidTag:
                raise _error("backup.damaged", name=name, where=f"chunk {index + 1}") from None
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(min(done, header.size), header.size)
            if last:
                break
            block = following
            index += 1
    if done != header.size:
        raise _error("backup.damaged", name=name, where="size")
    return header


# -- files --------------------------------------------------------------------------
def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (no-op where folders cannot be opened, as on Windows)."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:
        return
    fd = os.open(folder, os.O_RDONLY | flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_beside(target: Path, tag: str = "part") -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.{tag}")


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[IO[bytes]]:
    """A file written under a temporary name and renamed onto `target` only when complete."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(target)
    try:
        with tmp.open("xb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_folder(target.parent)


def fsync_file(path: Path) -> None:
    with Path(path).open("rb") as f:
        os.fsync(f.fileno())


# -- making a backup ----------------------------------------------------------------
# Tables whose row counts a backup's header shows, so a clerk can tell backups apart.
COUNTED_TABLES = ("resident", "household", "audit_log")


def _describe(conn: sqlite3.Connection, into: dict[str, Any]) -> None:
    present = {
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    into["counts"] = {
        t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # noqa: S608 - fixed names
        for t in COUNTED_TABLES
        if t in present
    }
    row = (
        conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if "alembic_version" in present
        else None
    )
    into["schema"] = "" if row is None else str(row[0])


def _scaled(progress: ProgressFn | None, start: int, span: int, whole: int) -> ProgressFn:
    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(start + (span * done // total if total else span), whole)

    return report


def write_backup(
    db: Database, target: Path, *, reason: str, progress: ProgressFn | None = None
) -> tuple[Path, dict[str, Any]]:
    """Copy `db` to `target` through SQLite's backup API and write it atomically.

    Encrypted for the backup key in meta when there is one, else a plain SQLite file.
    Returns the file and what it holds (schema, counts, encrypted). `progress` may raise
    to cancel; nothing is left behind then.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    key_text = db.meta(KEY_META)
    about: dict[str, Any] = {"reason": reason, "encrypted": key_text is not None}

    def during(conn: sqlite3.Connection) -> None:
        _describe(conn, about)

    if key_text is None:
        tmp = temp_beside(target, "tmp")
        try:
            db.backup(tmp, progress=_scaled(progress, 0, 1000, 1000), during=during)
            fsync_file(tmp)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        fsync_folder(target.parent)
        return target, about
    record = KeyRecord.from_json(key_text)
    auth_text = db.meta(AUTH_META)
    if auth_text is None:
        raise _error("backup.no_key")
    auth_key = _unb64(auth_text)
    # The plain snapshot is made beside the live file, on the disk that already holds the
    # data in the clear, never in the target folder (which may be a USB stick).
    snapshot = temp_beside(Path(db.path), "snapshot")
    try:
        db.backup(snapshot, progress=_scaled(progress, 0, 1000, 2000), during=during)
        header, data_key = new_header(
            record,
            reason=reason,
            source=Path(db.path).name,
            schema=about["schema"],
            size=snapshot.stat().st_size,
            counts=about["counts"],
        )
        with snapshot.open("rb") as plain, atomic_file(target) as out:
            encrypt_stream(
                plain,
                out,
                header,
                data_key,
                auth_key,
                progress=_scaled(progress, 1000, 1000, 2000),
            )
    finally:
        with contextlib.suppress(OSError):
            snapshot.unlink()
    return target, about
