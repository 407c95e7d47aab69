"""Pinyin search keys for names: 张三 → ("zhangsan", "zs")."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=262_144)
def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials, lowercase and without tones or spaces."""
    # Imported on first use: pypinyin loads its phrase dictionary on import (about 0.4 s),
    # which the window's start-up should not pay before anyone is saved.
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore")]
    syllables = [s for s in syllables if s.isascii() and s.isalpha()]
    return "".join(syllables), "".join(s[0] for s in syllables)
