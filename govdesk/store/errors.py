"""SQLite and disk failures turned into messages a clerk can act on, in one place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

# What went wrong, as the window and the CLI tell it apart (see StorageError.kind).
FULL = "full"
READ_ONLY_FOLDER = "readonly"  # the disk, folder or file refuses writes
READ_ONLY_OPEN = "read_only_open"  # govdesk opened the file read-only on purpose
CANT_OPEN = "cantopen"
IO_ERROR = "ioerr"
CORRUPT = "corrupt"
NOT_A_DATABASE = "notadb"
BUSY = "busy"
UNUSABLE = "unusable"  # any other reason a file cannot be used

_KINDS = {
    SQLITE_FULL: FULL,
    SQLITE_READONLY: READ_ONLY_FOLDER,
    SQLITE_CANTOPEN: CANT_OPEN,
    SQLITE_IOERR: IO_ERROR,
    SQLITE_CORRUPT: CORRUPT,
    SQLITE_NOTADB: NOT_A_DATABASE,
    SQLITE_BUSY: BUSY,
    SQLITE_LOCKED: BUSY,
}

messages.register(
    {
        "store.full": (
            "磁盘已满：刚才的修改没有保存，已经撤销，之前保存的数据完好。"
            "请清理数据库所在磁盘（{folder}）的空间，或把数据库移到空间充足的磁盘后重试。",
            "The disk is full: the last change was not saved and has been rolled back; the data "
            "saved before is intact. Free some space on the disk holding {folder}, or move the "
            "database to a disk with room, then try again.",
        ),
        "store.readonly": (
            "数据库文件或它所在的文件夹（{folder}）不能写入：刚才的修改没有保存，已经撤销。"
            "可能是只读的U盘或光盘、只读文件夹，或当前用户没有写入权限。"
            "请把数据库放到可以写入的文件夹，或请管理员开放写入权限。",
            "The database file or its folder ({folder}) cannot be written to: the last change was "
            "not saved and has been rolled back. It may be a read-only USB stick or disc, a "
            "read-only folder, or your user may lack write permission. Put the database in a "
            "folder you can write to, or ask an administrator for write permission.",
        ),
        "store.readonly_folder": (
            "数据库所在的文件夹（{folder}）不能写入，govdesk需要在数据库旁边写入工作文件，"
            "因此不能以可写方式打开。可以以只读方式打开查看，或把数据库复制到可以写入的文件夹。",
            "The folder holding the database ({folder}) cannot be written to, and govdesk needs "
            "to keep working files beside the database, so it cannot be opened for writing. Open "
            "it read-only to look at it, or copy it to a folder you can write to.",
        ),
        "store.readonly_file": (
            "数据库文件{path}设置了只读（文件属性或权限），不能以可写方式打开。"
            "可以以只读方式打开查看；要修改，请取消文件的只读属性，或请管理员开放写入权限。",
            "The database file {path} is write-protected (its attributes or permissions), so "
            "it cannot be opened for writing. Open it read-only to look at it; to make changes, "
            "clear its read-only attribute or ask an administrator for write permission.",
        ),
        "store.read_only_open": (
            "数据库是以只读方式打开的，不能保存修改。{why}",
            "The database was opened read-only, so changes cannot be saved.{why}",
        ),
        "store.read_only_old": (
            "数据库{path}需要先升级到本版本的结构才能使用，以只读方式打开时不能升级。"
            "请等其他人关闭它后以可写方式打开一次。",
            "The database {path} must first be upgraded to this version's structure, which "
            "cannot happen while it is opened read-only. Open it for writing once, when nobody "
            "else has it open.",
        ),
        "store.cantopen": (
            "无法打开数据库文件{path}：文件夹不存在、没有访问权限，或文件所在的U盘或网络位置已断开。",
            "Cannot open the database file {path}: the folder is missing or not accessible, or "
            "the USB stick or network location holding it was disconnected.",
        ),
        "store.ioerr": (
            "读写数据库文件时磁盘出错：刚才的修改没有保存，已经撤销。"
            "请检查U盘或移动硬盘是否仍然连接、磁盘是否有故障，并尽快备份。（{detail}）",
            "The disk failed while reading or writing the database: the last change was not "
            "saved and has been rolled back. Check that the USB stick or external disk is still "
            "connected and healthy, and make a backup soon. ({detail})",
        ),
        "store.corrupt": (
            "数据库文件已损坏，不能继续使用。请不要在这个文件上继续工作，"
            "用最近的备份恢复，或联系技术支持。（{detail}）",
            "The database file is damaged and cannot be used. Stop working on this file; "
            "restore the most recent backup or contact technical support. ({detail})",
        ),
        "store.notadb": (
            "文件不是数据库，或已经损坏、被截断。请用最近的备份恢复。（{detail}）",
            "The file is not a database, or it is damaged or cut short. Restore the most "
            "recent backup. ({detail})",
        ),
        "store.busy": (
            "数据库正在被另一个程序或另一台电脑上的govdesk写入，等待{seconds}秒后仍未完成，"
            "刚才的修改没有保存。请稍后重试，或关闭其他正在使用这个文件的govdesk。",
            "Another program, or govdesk on another computer, is writing to the database and "
            "did not finish within {seconds} seconds; the last change was not saved. Try again "
            "shortly, or close the other govdesk using this file.",
        ),
        "store.other": (
            "数据库出错，刚才的修改没有保存，已经撤销。（{detail}）",
            "A database error occurred; the last change was not saved and has been rolled "
            "back. ({detail})",
        ),
        "store.reason.corrupt": (
            "文件已损坏，请用最近的备份恢复（SQLite：{detail}）",
            "the file is damaged; restore the most recent backup (SQLite: {detail})",
        ),
        "store.reason.notadb": (
            "文件不是数据库，或已经损坏、被截断，请用最近的备份恢复（SQLite：{detail}）",
            "the file is not a database, or it is damaged or cut short; restore the most "
            "recent backup (SQLite: {detail})",
        ),
        "store.reason.ioerr": (
            "读取文件时磁盘出错，请检查U盘或磁盘是否仍然连接、是否有故障（SQLite：{detail}）",
            "the disk failed while reading the file; check that the USB stick or disk is still "
            "connected and healthy (SQLite: {detail})",
        ),
        "store.reason.cantopen": (
            "文件打不开：文件夹不存在、没有访问权限，或U盘、网络位置已断开（SQLite：{detail}）",
            "the file cannot be opened: the folder is missing or not accessible, or the USB "
            "stick or network location was disconnected (SQLite: {detail})",
        ),
        "store.reason.busy": (
            "另一个程序正在写入这个文件，等待{seconds}秒后仍未完成，请稍后再试（SQLite：{detail}）",
            "another program is writing to the file and did not finish within {seconds} "
            "seconds; try again shortly (SQLite: {detail})",
        ),
        "store.reason.readonly": (
            "文件或它所在的文件夹不能写入（SQLite：{detail}）",
            "the file or its folder cannot be written to (SQLite: {detail})",
        ),
        "store.reason.full": (
            "磁盘已满，请先清理磁盘空间（SQLite：{detail}）",
            "the disk is full; free some space first (SQLite: {detail})",
        ),
        "store.reason.other": ("{detail}", "{detail}"),
        "store.truncated": (
            "文件比它的文件头所记录的短（应为{expected}字节，实际{actual}字节），"
            "文件不完整或被截断，请用最近的备份恢复",
            "the file is shorter than its header says ({expected} bytes expected, {actual} "
            "found): it is incomplete or was cut short; restore the most recent backup",
        ),
    }
)

BUSY_SECONDS = 5  # store/engine.py sets busy_timeout to this


class StorageError(DomainError):
    """SQLite or the disk refused; the transaction was rolled back, nothing half-written.

    `kind` (FULL, READ_ONLY_FOLDER, BUSY, CORRUPT, ...) lets the window offer the right way
    out, such as a backup for a damaged file or read-only opening for a read-only folder.
    """

    def __init__(self, issues: list[Issue] | Issue, kind: str = UNUSABLE):
        super().__init__(issues)
        self.kind = kind


def sqlite_error(exc: BaseException | None) -> sqlite3.Error | None:
    """The driver's own error behind `exc` (SQLAlchemy keeps it as .orig; chains as __cause__)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, sqlite3.Error):
            return exc
        orig = getattr(exc, "orig", None)
        exc = orig if isinstance(orig, BaseException) else (exc.__cause__ or exc.__context__)
        seen += 1
    return None


def kind_of(exc: BaseException | None) -> str | None:
    """Which storage failure `exc` is, or None when it is not one (a constraint, a bug...)."""
    err = sqlite_error(exc)
    if err is None:
        return None
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return _KINDS.get(code & 0xFF)
    # Errors raised by the driver itself carry no code; recognise SQLite's wording.
    words = str(err).lower()
    for needle, kind in (
        ("disk is full", FULL),
        ("readonly database", READ_ONLY_FOLDER),
        ("unable to open database", CANT_OPEN),
        ("disk i/o error", IO_ERROR),
        ("malformed", CORRUPT),
        ("file is not a database", NOT_A_DATABASE),
        ("database is locked", BUSY),
    ):
        if needle in words:
            return kind
    return None


def _detail(exc: BaseException | None) -> str:
    err = sqlite_error(exc)
    return str(err if err is not None else exc)


def issue_for(kind: str, path: Path, exc: BaseException | None = None, *, why: str = "") -> Issue:
    """The clear message for one kind of failure on the database at `path`."""
    path = Path(path)
    params: dict[str, object] = {
        "path": path,
        "folder": path.resolve().parent if path.name else path,
        "detail": _detail(exc),
        "seconds": BUSY_SECONDS,
        # English puts a space between the sentences; Chinese does not.
        "why": f" {why}" if why and messages.language() == "en" else why,
    }
    key = {
        FULL: "store.full",
        READ_ONLY_FOLDER: "store.readonly",
        READ_ONLY_OPEN: "store.read_only_open",
        CANT_OPEN: "store.cantopen",
        IO_ERROR: "store.ioerr",
        CORRUPT: "store.corrupt",
        NOT_A_DATABASE: "store.notadb",
        BUSY: "store.busy",
    }.get(kind, "store.other")
    return Issue("database", key, params)


def translate(
    exc: BaseException, path: Path, *, read_only: bool = False, why: str = ""
) -> StorageError | None:
    """A StorageError with a clear message for a storage failure, else None (re-raise as is).

    `read_only`: the file was opened read-only on purpose, so a refused write says so
    instead of blaming the folder.
    """
    if isinstance(exc, StorageError):
        return None
    kind = kind_of(exc)
    if kind is None:
        return None
    if kind == READ_ONLY_FOLDER and read_only:
        kind = READ_ONLY_OPEN
    return StorageError(issue_for(kind, path, exc, why=why), kind)


def reason(exc: BaseException | str) -> str:
    """Why a file could not be opened, in the clerk's language, SQLite's own words in brackets.

    `exc` may also be the text PRAGMA quick_check returned for a damaged file.
    """
    if isinstance(exc, str):
        return messages.text("store.reason.corrupt", detail=exc)
    kind = kind_of(exc)
    key = {
        CORRUPT: "store.reason.corrupt",
        NOT_A_DATABASE: "store.reason.notadb",
        IO_ERROR: "store.reason.ioerr",
        CANT_OPEN: "store.reason.cantopen",
        BUSY: "store.reason.busy",
        READ_ONLY_FOLDER: "store.reason.readonly",
        FULL: "store.reason.full",
    }.get(kind or "", "store.reason.other")
    return messages.text(key, detail=_detail(exc), seconds=BUSY_SECONDS)
