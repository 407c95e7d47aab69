"""Pinyin search keys for names: 张三 → ("zhangsan", "zs"); PARK HANA → ("parkhana", "ph")."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=262_144)
def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials, lowercase and without tones or spaces."""
    # Imported on first use: pypinyin loads its phrase dictionary on import (about 0.4 s),
    # which the window's start-up should not pay before anyone is saved.
    from pypinyin import Style, lazy_pinyin

    # errors="default" hands back non-Chinese text as it is, so a foreign name written in
    # Latin letters sorts and searches by its own letters instead of by nothing.
    words: list[str] = []
    for chunk in lazy_pinyin(name, style=Style.NORMAL, errors="default"):
        words += _WORD.findall(chunk.lower())
    return "".join(words), "".join(w[0] for w in words)
