"""The .gdx package file: a signed manifest and members sealed for one recipient.

Layout (format 1), all integers big-endian; docs/exchange.md explains each part:

    prefix (48 bytes)  MAGIC (8) | format (u16) | flags (u16) | signer fingerprint (12)
                       | recipient fingerprint (12) | manifest length (u32) | members length (u64)
    manifest           UTF-8 JSON (no personal data: names, sizes, hashes, marks, counts)
    signature (64)     Ed25519 over prefix + manifest, by the sender's signing key
    members            each member deflated, cut into 1 MiB pieces, each piece sealed with
                       AES-256-GCM under a key only the recipient can derive

A reader checks the length, the signature and every member's SHA-256 before it decrypts,
decompresses or parses anything, and decompresses with a hard cap.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import hashlib
import json
import queue
import re
import secrets
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeGuard

from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue
from govdesk.exchange.keys import KeyCard, OwnKeys, normal_fingerprint
from govdesk.exchange.limits import Limits
from govdesk.services.progress import ProgressFn, checkpoint
from govdesk.store.backup_file import atomic_file

MAGIC = b"GDXPKG\r\n"  # the CR LF shows a text-mode copy (which rewrites line ends) at once
FORMAT_VERSION = 1
SUFFIX = ".gdx"
PIECE = 1 << 20  # plain bytes per sealed piece of a member
TAG = 16  # AES-GCM tag per piece
SIGNATURE_SIZE = 64
FINGERPRINT_BYTES = 12
_PREFIX = struct.Struct(">8sHH12s12sIQ")
PREFIX_SIZE = _PREFIX.size
_KEY_INFO = b"govdesk exchange package v1"
_PIECE_AAD = struct.Struct(">IQB")
_DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")
# A member's name: a plain file name, never a path. Letters, digits, '_', '-', '.', not
# starting with a dot, no '..': nothing a careless later step could turn into a path.
_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")
# Written by write_package, never taken from the caller.
RESERVED = frozenset(
    {"format", "schema", "signer", "recipient", "cipher", "ephemeral", "members", "package_id"}
)
# Level 1: the 100,000 residents of the benchmark (54.7 MB of JSON) deflate 4.3 times in
# 0.67 s at level 1, and 5.0 times in 1.51 s at level 6 (benchmarks/bench_exchange.py).
_COMPRESS_LEVEL = 1

messages.register(
    {
        "exchange.refused.not_package": (
            "“{name}”不是 govdesk 数据包（.gdx），请确认选择的文件",
            "'{name}' is not a govdesk package (.gdx); check the file you chose",
        ),
        "exchange.refused.newer_format": (
            "数据包“{name}”由更新版本的 govdesk 制作（格式 {version}），请先升级本程序",
            "The package '{name}' was made by a newer govdesk (format {version}); "
            "please upgrade first",
        ),
        "exchange.refused.truncated": (
            "这个数据包不完整（可能拔出U盘时还没写完），请重新导出",
            "This package is incomplete (perhaps the USB stick was pulled out before it "
            "was fully written); please export it again",
        ),
        "exchange.refused.too_large": (
            "数据包“{name}”太大（{size}），超过了允许的 {limit}，已拒绝；请确认文件来源",
            "The package '{name}' is too large ({size}, more than the {limit} allowed) "
            "and was refused; check where it came from",
        ),
        "exchange.refused.damaged": (
            "这个数据包已损坏或被改动过（{where}），请让对方重新导出并重新拷贝",
            "This package is damaged or was altered ({where}); ask the sender to export "
            "it again and copy it again",
        ),
        "exchange.refused.unknown_signer": (
            "发送方的密钥未被信任，请先核对指纹并导入对方的公钥",
            "The sender's key is not trusted: check its fingerprint and import the "
            "sender's public key first",
        ),
        "exchange.refused.own_package": (
            "这是本单位自己导出的数据包，不能导入本单位",
            "This package was exported by this office itself and cannot be imported here",
        ),
        "exchange.refused.wrong_recipient": (
            "这个数据包不是发给本单位的",
            "This package was not made for this office",
        ),
        "exchange.refused.foreign_source": (
            "数据包自称来自“{claimed}”，但签名的是{office}（{code}）的密钥，已拒绝；请与乡镇核实",
            "The package says it comes from '{claimed}' but was signed with the key of "
            "{office} ({code}); it was refused: check with the township",
        ),
        "exchange.refused.bad_member": (
            "数据包中有名称不合规的内容（“{member}”：含路径、重复或非法字符），已拒绝；请确认文件来源",
            "The package holds a part with a forbidden name ('{member}': a path, a "
            "duplicate or a bad character) and was refused; check where it came from",
        ),
        "exchange.refused.too_many_members": (
            "数据包中的内容太多（{count} 项，最多 {limit} 项），已拒绝；请确认文件来源",
            "The package holds too many parts ({count}, at most {limit}) and was "
            "refused; check where it came from",
        ),
        "exchange.refused.bomb": (
            "数据包中的“{member}”解压后过大（可能是恶意文件），已拒绝；请确认文件来源",
            "The part '{member}' of the package would be far too large once unpacked "
            "(perhaps a malicious file) and was refused; check where it came from",
        ),
        "exchange.refused.unreadable": (
            "无法读取数据包“{name}”：{error}。请检查U盘或共享文件夹后重试",
            "The package '{name}' cannot be read: {error}. Check the USB stick or the "
            "shared folder and try again",
        ),
        "exchange.file_exists": (
            "文件夹中已有同名数据包“{name}”，没有覆盖它",
            "The folder already holds a package named '{name}'; it was not overwritten",
        ),
    }
)


_PARTS = ("header", "length", "signature", "manifest", "key")
messages.register(
    {
        "exchange.part.header": ("文件头", "header"),
        "exchange.part.length": ("文件长度", "length"),
        "exchange.part.signature": ("签名不符", "signature"),
        "exchange.part.manifest": ("内容清单", "manifest"),
        "exchange.part.key": ("加密密钥", "encryption key"),
        "exchange.part.member": ("其中的“{member}”", "its part '{member}'"),
    }
)


class PackageRefused(DomainError):
    """A package that is not used: nothing in it was parsed into records."""

    def __init__(self, reason_key: str, **params: object):
        self.reason_key = reason_key
        # `where` stays a code for programs; the clerk reads it in their language.
        self.where = str(params.get("where", ""))
        if "where" in params:
            params["where"] = (
                messages.text(f"exchange.part.{self.where}")
                if self.where in _PARTS
                else messages.text("exchange.part.member", member=self.where)
            )
        super().__init__(Issue("package", f"exchange.refused.{reason_key}", dict(params)))

    @property
    def message(self) -> str:
        return self.issues[0].message


@dataclass
class Package:
    """A verified package: its manifest and its members, decrypted and decompressed."""

    manifest: dict[str, Any]
    members: dict[str, bytes]
    sha256: str  # of the whole file, for the package log
    signer: KeyCard
    file_name: str = ""
    size: int = 0


@dataclass
class _Sealed:
    name: str
    size: int  # plain
    pieces: list[bytes] = field(default_factory=list)

    @property
    def sealed(self) -> int:
        return sum(len(p) for p in self.pieces)

    def digest(self) -> str:
        h = hashlib.sha256()
        for p in self.pieces:
            h.update(p)
        return h.hexdigest()


# -- names --------------------------------------------------------------------------
def valid_member_name(name: object) -> bool:
    return isinstance(name, str) and bool(_NAME_RE.match(name)) and ".." not in name


def package_name(
    division_code: str, sequence: int, when: dt.date | None = None, instance: str = ""
) -> str:
    """`<division>-<yyyymmdd>-<seq:04d>-<tag>.gdx`: digits, letters a-f and dashes, safe
    on FAT32 and Windows. The tag (the first four hex digits of the writing instance)
    keeps apart the packages of an office PC and of a laptop copied from it, which count
    their sequence on from the same number."""
    if not re.fullmatch(r"\d{12}", division_code):
        raise ValueError(f"not a division code: {division_code!r}")
    day = when or dt.date.today()
    tag = re.sub(r"[^0-9a-f]", "", instance.lower())[:4]
    return f"{division_code}-{day:%Y%m%d}-{int(sequence):04d}{'-' + tag if tag else ''}{SUFFIX}"


# -- crypto -------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _fp_bytes(fingerprint: str) -> bytes:
    raw = bytes.fromhex(normal_fingerprint(fingerprint).replace("-", ""))
    if len(raw) != FINGERPRINT_BYTES:
        raise ValueError(f"not a fingerprint: {fingerprint!r}")
    return raw


def _fp_text(raw: bytes) -> str:
    return normal_fingerprint(raw.hex())


def _package_key(shared: bytes, ephemeral: bytes, recipient_box: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient_box, info=_KEY_INFO
    ).derive(shared)


def _nonce(member: int, piece: int) -> bytes:
    # The key is new for every package, so (member, piece) never repeats under it.
    return member.to_bytes(4, "big") + piece.to_bytes(8, "big")


def _aad(package_id: bytes, name: str, member: int, piece: int, last: bool) -> bytes:
    return package_id + _PIECE_AAD.pack(member, piece, 1 if last else 0) + name.encode("ascii")


# -- writing ------------------------------------------------------------------------
def _pieces(
    data: bytes, cancel: threading.Event | None, step: Callable[[int], None]
) -> list[bytes]:
    """`data` deflated a slice at a time (so a cancel is heard), cut into PIECE-sized pieces."""
    deflate = zlib.compressobj(_COMPRESS_LEVEL)
    view = memoryview(data)
    out: list[bytes] = []
    for start in range(0, len(data), PIECE):
        checkpoint(cancel)
        out.append(deflate.compress(view[start : start + PIECE]))
        step(min(PIECE, len(data) - start))
    out.append(deflate.flush())
    compressed = b"".join(out)
    return [compressed[i : i + PIECE] for i in range(0, len(compressed), PIECE)] or [b""]


@dataclass
class Deflated:
    """A member deflated ahead of sealing: its plain size and its zlib stream."""

    size: int
    data: bytes


class MemberDeflater:
    """Deflates members on a worker thread while the caller makes the next one.

    The export's SQLite statements and zlib both let go of the GIL, so on two cores the
    JSON of one slice of a table is written while the slice before it is deflated: the
    export then takes about as long as the slower of the two, not their sum. The queue is
    short, so only a few slices are ever held at once. Use as a context manager; `finish`
    gives the members, leaving without it (an error, a cancel) stops the worker.
    """

    _DEPTH = 4

    def __init__(self, cancel: threading.Event | None = None):
        self._cancel = cancel
        self._queue: queue.Queue[tuple[str, Any] | None] = queue.Queue(self._DEPTH)
        self._members: dict[str, Deflated] = {}
        self._error: BaseException | None = None
        self._stop = False
        self._thread = threading.Thread(target=self._work, name="govdesk-deflate", daemon=True)
        self._thread.start()

    def __enter__(self) -> MemberDeflater:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, name: str, parts: Iterable[bytes]) -> int:
        """Deflate the concatenation of `parts` as member `name`. The parts are made on the
        caller's thread as they are asked for; returns the plain size."""
        if not valid_member_name(name) or name in self._members:
            raise ValueError(f"not a member name, or a repeated one: {name!r}")
        size = 0
        self._put(("begin", name))
        for part in parts:
            if part:
                size += len(part)
                self._put(("data", part))
        self._put(("end", name))
        return size

    def finish(self) -> dict[str, Deflated]:
        """Every member added, deflated (in the order added)."""
        self._put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return dict(self._members)

    def close(self) -> None:
        if not self._thread.is_alive():
            return
        self._stop = True
        while True:  # make room for the stop mark: a worker waiting on the queue must wake
            try:
                self._queue.put_nowait(None)
                break
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._queue.get_nowait()
        self._thread.join()

    def _put(self, item: tuple[str, Any] | None) -> None:
        while True:
            checkpoint(self._cancel)
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def _work(self) -> None:
        deflate = zlib.compressobj(_COMPRESS_LEVEL)
        out: list[bytes] = []
        size = 0
        try:
            while True:
                item = self._queue.get()
                if item is None or self._stop:
                    return
                kind, value = item
                if kind == "begin":
                    deflate, out, size = zlib.compressobj(_COMPRESS_LEVEL), [], 0
                elif kind == "data":
                    size += len(value)
                    out.append(deflate.compress(value))
                else:
                    out.append(deflate.flush())
                    self._members[value] = Deflated(size, b"".join(out))
                    out = []
        except BaseException as exc:  # handed to the caller's thread by _put or finish
            self._error = exc


def seal_package(
    manifest: Mapping[str, Any],
    members: Mapping[str, bytes],
    *,
    signer: OwnKeys,
    recipient: KeyCard,
    compressed: Mapping[str, tuple[int, bytes] | Deflated] | None = None,
    cancel: threading.Event | None = None,
    progress: ProgressFn | None = None,
) -> tuple[bytes, list[_Sealed]]:
    """The head (prefix, manifest, signature) and the sealed members of a package.

    `compressed` (name -> Deflated, or (declared plain size, deflated bytes)) holds members
    deflated ahead (MemberDeflater, as the export does); tests also use it for a package
    whose members lie about their size. They follow the members of `members`.
    """
    from cryptography.hazmat.primitives.asymmetric.x25519 import (
        X25519PrivateKey,
        X25519PublicKey,
    )
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from govdesk.exchange.keys import raw_public
    from govdesk.store import migrate

    clash = RESERVED & set(manifest)
    if clash:
        raise ValueError(f"manifest keys written by the package itself: {sorted(clash)}")
    given = {
        name: (item.size, item.data) if isinstance(item, Deflated) else item
        for name, item in (compressed or {}).items()
    }
    names = list(members) + list(given)
    for name in names:
        if not valid_member_name(name):
            raise ValueError(f"not a member name: {name!r}")
    if len({n.lower() for n in names}) != len(names):
        raise ValueError("member names must differ (also in case)")

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.box_public))
    aead = AESGCM(_package_key(shared, ephemeral_public, recipient.box_public))
    package_id = secrets.token_bytes(16)

    total = sum(len(members[n]) for n in members) + sum(size for size, _ in given.values())
    done = 0

    def step(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    sealed: list[_Sealed] = []
    for index, name in enumerate(names):
        checkpoint(cancel)
        if name in members:
            size, plain_pieces = len(members[name]), _pieces(members[name], cancel, step)
        else:
            size, blob = given[name]
            plain_pieces = [blob[i : i + PIECE] for i in range(0, len(blob), PIECE)] or [b""]
            step(size)
        item = _Sealed(name, size)
        for p, piece in enumerate(plain_pieces):
            checkpoint(cancel)
            last = p == len(plain_pieces) - 1
            item.pieces.append(
                aead.encrypt(_nonce(index, p), piece, _aad(package_id, name, index, p, last))
            )
        sealed.append(item)

    body = dict(manifest)
    body.update(
        {
            "format": FORMAT_VERSION,
            "schema": migrate.data_revision(),  # the tables and columns the records have
            "signer": signer.fingerprint,
            "recipient": recipient.fingerprint,
            "cipher": "X25519-HKDF-SHA256-AES-256-GCM",
            "ephemeral": _b64(ephemeral_public),
            "package_id": package_id.hex(),
            "members": [
                {"name": s.name, "size": s.size, "sealed": s.sealed, "sha256": s.digest()}
                for s in sealed
            ],
        }
    )
    body.setdefault("created_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
    prefix = _PREFIX.pack(
        MAGIC,
        FORMAT_VERSION,
        0,
        _fp_bytes(signer.fingerprint),
        _fp_bytes(recipient.fingerprint),
        len(text),
        sum(s.sealed for s in sealed),
    )
    signature = signer.sign_private.sign(prefix + text)
    return prefix + text + signature, sealed


def write_package(
    folder: Path,
    *,
    manifest: Mapping[str, Any],
    members: Mapping[str, bytes],
    signer: OwnKeys,
    recipient: KeyCard,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    when: dt.date | None = None,
    compressed: Mapping[str, Deflated] | None = None,
) -> Path:
    """Seal `members` for `recipient`, sign, and write `<division>-<yyyymmdd>-<seq>.gdx`
    into `folder` atomically; returns the file.

    `manifest` must give source_office (division code), source_instance, sequence and
    full; counts, marks and created_at are the caller's too. It is written in the clear:
    it must hold no name, ID number or phone. A cancel (the event set, or `progress`
    raising) or an error leaves no file in `folder`, not even the temporary one.
    `compressed` members were deflated ahead (MemberDeflater) and are sealed as they are.
    """
    folder = Path(folder)
    target = folder / package_name(
        str(manifest.get("source_office", "")),
        int(manifest["sequence"]),
        when,
        str(manifest.get("source_instance", "")),
    )
    if target.exists():
        raise DomainError(Issue("package", "exchange.file_exists", {"name": target.name}))
    plain_total = sum(len(v) for v in members.values())
    plain_total += sum(item.size for item in (compressed or {}).values())
    # Half the bar for deflating and sealing, half for writing to the (slow) stick.
    whole = 2 * plain_total or 1

    def sealing(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, whole)

    head, sealed = seal_package(
        manifest,
        members,
        signer=signer,
        recipient=recipient,
        compressed=compressed,
        cancel=cancel,
        progress=sealing,
    )
    sealed_total = sum(s.sealed for s in sealed) or 1
    written = 0
    with atomic_file(target) as out:
        out.write(head)
        for item in sealed:
            for piece in item.pieces:
                checkpoint(cancel)
                out.write(piece)
                written += len(piece)
                if progress is not None:
                    progress(plain_total + (whole - plain_total) * written // sealed_total, whole)
    if progress is not None:
        progress(whole, whole)
    return target


# -- reading ------------------------------------------------------------------------
def _size_text(size: int) -> str:
    for unit, step in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= step:
            return f"{size / step:.1f} {unit}"
    return f"{size} B"


def _read_exact(f: IO[bytes], n: int) -> bytes:
    data = f.read(n)
    if len(data) < n:
        raise PackageRefused("truncated")
    return data


def read_package(
    path: Path,
    *,
    keyring: list[KeyCard],
    own: OwnKeys,
    limits: Limits | None = None,
    cancel: threading.Event | None = None,
    introduce: KeyCard | None = None,
) -> Package:
    """Verify and open the package at `path`; PackageRefused saying why when it is not used.

    Order, so that nothing unverified is ever parsed: size cap, the fixed prefix, the
    lengths against the file's size, the signature against a TRUSTED key, the recipient,
    the manifest's shape and limits, every member's SHA-256, and only then decryption
    and decompression (capped at each member's signed size).

    `introduce` is a key a person is being asked about (first contact, see
    downward.peek_introduction): when the signer is not in `keyring` but is that key, the
    package is checked against it exactly as against a trusted one, for this read only.
    """
    limits = limits or Limits()
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > limits.max_file:
            raise PackageRefused(
                "too_large", name=name, size=_size_text(size), limit=_size_text(limits.max_file)
            )
        with path.open("rb") as f:
            ring = keyring if introduce is None else [*keyring, introduce]
            return _read(f, name, size, ring, own, limits, cancel)
    except OSError as exc:
        raise PackageRefused("unreadable", name=name, error=exc.strerror or str(exc)) from exc


def _read(
    f: IO[bytes],
    name: str,
    size: int,
    keyring: list[KeyCard],
    own: OwnKeys,
    limits: Limits,
    cancel: threading.Event | None,
) -> Package:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    start = f.read(PREFIX_SIZE)
    if len(start) < len(MAGIC) or start[: len(MAGIC)] != MAGIC:
        raise PackageRefused("not_package", name=name)
    if len(start) < PREFIX_SIZE:
        raise PackageRefused("truncated")
    _magic, version, flags, signer_fp, recipient_fp, manifest_len, members_len = _PREFIX.unpack(
        start
    )
    if version > FORMAT_VERSION:
        raise PackageRefused("newer_format", name=name, version=version)
    if version != FORMAT_VERSION or flags != 0:
        raise PackageRefused("damaged", where="header")
    if manifest_len > limits.max_manifest or members_len > limits.max_file:
        raise PackageRefused("damaged", where="header")
    expected = PREFIX_SIZE + manifest_len + SIGNATURE_SIZE + members_len
    if size < expected:
        raise PackageRefused("truncated")
    if size > expected:
        raise PackageRefused("damaged", where="length")

    signer_text = _fp_text(signer_fp)
    if signer_text == own.fingerprint:
        raise PackageRefused("own_package")
    signer = next((k for k in keyring if k.fingerprint == signer_text), None)
    if signer is None:
        raise PackageRefused("unknown_signer")
    text = _read_exact(f, manifest_len)
    signature = _read_exact(f, SIGNATURE_SIZE)
    try:
        Ed25519PublicKey.from_public_bytes(signer.sign_public).verify(signature, start + text)
    except InvalidSignature:
        raise PackageRefused("damaged", where="signature") from None
    # Signed from here on: the sender wrote every byte read so far.
    if _fp_text(recipient_fp) != own.fingerprint:
        raise PackageRefused("wrong_recipient")
    manifest, entries = _manifest(text, signer_text, own.fingerprint, members_len, limits)
    # One office's key never speaks for another office's records.
    claimed = manifest.get("source_office", signer.office_code)
    if claimed != signer.office_code:
        raise PackageRefused(
            "foreign_source",
            claimed=_shown_name(claimed),
            office=signer.office_name,
            code=signer.office_code,
        )

    # Every member's hash before any is decrypted; the whole file's hash for the log.
    whole = hashlib.sha256(start + text + signature)
    for entry in entries:
        h = hashlib.sha256()
        left = entry["sealed"]
        while left:
            checkpoint(cancel)
            block = _read_exact(f, min(left, PIECE + TAG))
            h.update(block)
            whole.update(block)
            left -= len(block)
        if h.hexdigest() != entry["sha256"]:
            raise PackageRefused("damaged", where=entry["name"])
    package = Package(
        manifest=manifest,
        members={},
        sha256=whole.hexdigest(),
        signer=signer,
        file_name=name,
        size=size,
    )
    f.seek(PREFIX_SIZE + manifest_len + SIGNATURE_SIZE)
    package.members = _open_members(f, manifest, entries, own, cancel)
    return package


def _manifest(
    text: bytes, signer: str, recipient: str, members_len: int, limits: Limits
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The signed manifest, its shape and its limits checked."""
    try:
        manifest = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageRefused("damaged", where="manifest") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise PackageRefused("damaged", where="manifest")
    if manifest.get("signer") != signer or manifest.get("recipient") != recipient:
        raise PackageRefused("damaged", where="manifest")
    raw = manifest.get("members")
    if not isinstance(raw, list):
        raise PackageRefused("damaged", where="manifest")
    if len(raw) > limits.max_members:
        raise PackageRefused("too_many_members", count=len(raw), limit=limits.max_members)
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in raw:
        if not isinstance(item, dict):
            raise PackageRefused("damaged", where="manifest")
        member = item.get("name")
        if not valid_member_name(member) or str(member).lower() in seen:
            raise PackageRefused("bad_member", member=_shown_name(member))
        seen.add(str(member).lower())
        plain, sealed, digest = item.get("size"), item.get("sealed"), item.get("sha256")
        if not (_count(plain) and _count(sealed) and isinstance(digest, str)):
            raise PackageRefused("damaged", where="manifest")
        if not _DIGEST_RE.match(digest) or sealed < TAG:
            raise PackageRefused("damaged", where="manifest")
        if plain > limits.max_member:
            raise PackageRefused("bomb", member=member)
        if plain > limits.ratio_floor and plain > limits.max_ratio * sealed:
            raise PackageRefused("bomb", member=member)
        entries.append({"name": member, "size": plain, "sealed": sealed, "sha256": digest})
    if sum(e["size"] for e in entries) > limits.max_total:
        raise PackageRefused("bomb", member="*")
    if sum(e["sealed"] for e in entries) != members_len:
        raise PackageRefused("damaged", where="manifest")
    try:
        ephemeral = base64.b64decode(str(manifest.get("ephemeral", "")), validate=True)
        package_id = bytes.fromhex(str(manifest.get("package_id", "")))
    except (binascii.Error, ValueError):
        raise PackageRefused("damaged", where="manifest") from None
    if len(ephemeral) != 32 or len(package_id) != 16:
        raise PackageRefused("damaged", where="manifest")
    return manifest, entries


def _count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _shown_name(member: object) -> str:
    # The refusal names the member, but never echoes control characters or a long text.
    return (
        repr(member)[:60]
        if not isinstance(member, str)
        else member.encode("unicode_escape").decode("ascii")[:60]
    )


def _open_members(
    f: IO[bytes],
    manifest: dict[str, Any],
    entries: list[dict[str, Any]],
    own: OwnKeys,
    cancel: threading.Event | None,
) -> dict[str, bytes]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    ephemeral = base64.b64decode(manifest["ephemeral"])
    package_id = bytes.fromhex(manifest["package_id"])
    try:
        shared = own.box_private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    except ValueError:
        raise PackageRefused("damaged", where="key") from None
    aead = AESGCM(_package_key(shared, ephemeral, own.box_public))
    members: dict[str, bytes] = {}
    for index, entry in enumerate(entries):
        member, declared = entry["name"], entry["size"]
        inflate = zlib.decompressobj()
        parts: list[bytes] = []
        got = 0
        left, piece = entry["sealed"], 0
        while left:
            checkpoint(cancel)
            block = _read_exact(f, min(left, PIECE + TAG))
            left -= len(block)
            last = left == 0
            try:
                data = aead.decrypt(
                    _nonce(index, piece), block, _aad(package_id, member, index, piece, last)
                )
            except InvalidTag:
                raise PackageRefused("damaged", where=member) from None
            piece += 1
            # Never more than one byte past the signed size: a bomb stops here, unexpanded.
            try:
                while data:
                    out = inflate.decompress(data, declared - got + 1)
                    got += len(out)
                    if got > declared:
                        raise PackageRefused("bomb", member=member)
                    parts.append(out)
                    data = inflate.unconsumed_tail
            except zlib.error:
                raise PackageRefused("damaged", where=member) from None
        if not inflate.eof or inflate.unused_data or got != declared:
            raise PackageRefused("damaged", where=member)
        members[member] = b"".join(parts)
    return members
