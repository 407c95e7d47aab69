"""Pinyin search keys for names: 张三 → ("zhangsan", "zs"); PARK HANA → ("parkhana", "ph")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=262_144)
def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials, lowercase and without tones or spaces."""
    words = _fast_words(name)
    if words is None:
        words = _pypinyin_words(name)
    return "".join(words), "".join(w[0] for w in words)


def _pypinyin_words(name: str) -> list[str]:
    # Imported on first use: pypinyin loads its phrase dictionary on import (about 0.4 s),
    # which the window's start-up should not pay before anyone is saved.
    from pypinyin import Style, lazy_pinyin

    # errors="default" hands back non-Chinese text as it is, so a foreign name written in
    # Latin letters sorts and searches by its own letters instead of by nothing.
    words: list[str] = []
    for chunk in lazy_pinyin(name, style=Style.NORMAL, errors="default"):
        words += _WORD.findall(chunk.lower())
    return words


class _Tables:
    """pypinyin's own dictionaries, loaded once on first use."""

    def __init__(self) -> None:
        from pypinyin.constants import PHRASES_DICT, RE_HANS

        self.phrases: dict[str, Any] = PHRASES_DICT
        self.hans = RE_HANS
        self.chars: dict[str, list[str]] = {}


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables()


def _fast_words(name: str) -> list[str] | None:
    """The words pypinyin would give, taken character by character, or None if unsure.

    pypinyin reads a run of Chinese characters word by word: a run that holds no word of
    its phrase dictionary is read one character at a time, each by its first reading,
    whatever its neighbours. For such names (nearly all) each character's words are
    looked up once; a name holding a dictionary word (a reading that depends on the
    neighbours, as in 单于 or 曾经) or anything that is not Chinese goes to pypinyin whole.
    """
    tables = _tables()
    n = len(name)
    if n == 0 or tables.hans.fullmatch(name) is None:
        return None
    phrases = tables.phrases
    for start in range(n - 1):
        for end in range(start + 2, n + 1):
            if name[start:end] in phrases:
                return None
    chars = tables.chars
    words: list[str] = []
    for ch in name:
        found = chars.get(ch)
        if found is None:
            found = chars[ch] = _pypinyin_words(ch)
        words += found
    return words
