"""Reads the many ways offices write a date: Excel serials, 1990/3/7, 1990年3月7日, 19900307."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, allowing for its 1900 leap-year bug
_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
_WIDE = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")


def parse_date(value: object) -> dt.date | None:
    """A date, or None for an empty cell; raises ValueError for text that is no date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel serial numbers up to 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(str(value))
    s = str(value).strip()
    if not s:
        return None
    return _parse_text(s)


@lru_cache(maxsize=65_536)
def _parse_text(s: str) -> dt.date:
    """A register repeats the same few thousand birth dates: each text is read once."""
    s = s.translate(_WIDE)
    for pattern in _PATTERNS:
        m = pattern.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return dt.date(y, mo, d)  # ValueError for 1990-02-30
    raise ValueError(s)
