"""Reads the first sheet of an xlsx/xls/ods workbook or a CSV file into rows of cell values."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.messages import text as message

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
# Title rows, notes and blank lines above the header rarely take more than a few rows.
HEADER_SCAN_ROWS = 20

Row = list[Any]  # str, float, bool, date, datetime; "" for an empty cell


def _unreadable(path: Path, reason: object) -> DomainError:
    return DomainError(Issue("file", "file.unreadable", {"path": path, "reason": reason}))


def read_rows(path: Path) -> list[Row]:
    """Every row of the first worksheet; index i is spreadsheet row i + 1.

    Workbook cells keep their types (str, float, bool, date, datetime); an empty
    cell is "". Cells covered by a merged area take the value of its first cell,
    so a 户号 merged down a household's rows reaches every member.
    """
    path = Path(path)
    if not path.is_file():
        raise _unreadable(path, "文件不存在 / no such file")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return read_csv(path)
    if suffix in WORKBOOK_SUFFIXES:
        return read_workbook(path)
    raise DomainError(Issue("file", "file.format", {"path": path, "suffix": suffix or "?"}))


def read_workbook(path: Path) -> list[Row]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            sheet = wb.get_sheet_by_index(_first_worksheet(wb))
            # skip_empty_area=False keeps row numbers equal to the sheet's own.
            rows: list[Row] = sheet.to_python(skip_empty_area=False)
            merged = _merged_ranges(sheet)
        finally:
            wb.close()
    except DomainError:
        raise
    except Exception as exc:  # calamine raises many kinds for damaged or foreign files
        # Its own words ("invalid Zip archive…") say nothing to a clerk: say what to do,
        # and keep them at the end for whoever helps.
        raise _unreadable(path, message("file.damaged", detail=_reason(exc))) from exc
    _fill_merged(rows, merged)
    return rows


def _first_worksheet(wb: object) -> int:
    """Offices hide helper sheets and keep charts; take the first visible worksheet."""
    try:
        for index, meta in enumerate(wb.sheets_metadata):  # type: ignore[attr-defined]
            if "WorkSheet" in str(meta.typ) and "Visible" in str(meta.visible):
                return index
    except Exception:  # noqa: S110 - metadata is a nicety; the first sheet will do
        pass
    return 0


def _merged_ranges(sheet: object) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    try:
        return list(getattr(sheet, "merged_cell_ranges", None) or [])
    except Exception:  # some formats do not report merges
        return []


def _fill_merged(rows: list[Row], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    for (r0, c0), (r1, c1) in merged:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (r, c) != (r0, c0):
                    row[c] = value


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


# -- CSV -------------------------------------------------------------------------------
def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else GB18030, a superset of Excel's GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")  # Excel's "Unicode text" export
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def read_csv(path: Path) -> list[Row]:
    try:
        data = path.read_bytes()
        text = decode_text(data)
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, _reason(exc)) from exc
    if "\x00" in text:
        raise _unreadable(path, "不是文本文件 / not a text file")
    delimiter = _delimiter(text)
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise _unreadable(path, _reason(exc)) from exc


def _delimiter(text: str) -> str:
    """Comma normally; tab for "text (tab delimited)" saves; semicolon from some locales."""
    sample = [line for line in text[:20000].splitlines()[:HEADER_SCAN_ROWS] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


# -- header detection ----------------------------------------------------------------------
def find_header_row(
    rows: list[Row],
    match: Callable[[object], str | None],
    *,
    scan: int = HEADER_SCAN_ROWS,
    anchor: str = "name",
) -> int | None:
    """The row (0-based) among the first `scan` that names the most known columns.

    A merged title such as "幸福社区居民花名册" matches no heading, so the real
    header below it wins. A header needs two known headings, or the `anchor` one
    (a bare list of names is still a register).
    """
    best, best_count = None, 0
    for index, row in enumerate(rows[:scan]):
        keys = {match(cell) for cell in row if isinstance(cell, str) and cell.strip()}
        keys.discard(None)
        if (len(keys) >= 2 or anchor in keys) and len(keys) > best_count:
            best, best_count = index, len(keys)
    return best


def is_blank(row: Row) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def save_workbook(wb: Any, out: Path) -> Path:
    """Save an openpyxl workbook so that `out` appears only whole: a `.part` file beside
    it, renamed over it; nothing is left behind when saving fails."""
    out = Path(out)
    partial = out.with_name(out.name + ".part")
    try:
        wb.save(partial)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return out
