"""Pinyin search keys for names: 张三 → ("zhangsan", "zs"); PARK HANA → ("parkhana", "ph")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z]+")


# Surnames read otherwise than the character's everyday reading, which is what pypinyin
# gives: a clerk looking for 曾伟 types "zengwei", never "cengwei".
SURNAME_READINGS: dict[str, list[str]] = {
    "曾": ["zeng"],
    "单": ["shan"],
    "解": ["xie"],
    "查": ["zha"],
    "区": ["ou"],
    "仇": ["qiu"],
    "朴": ["piao"],
    "盖": ["ge"],
    "繁": ["po"],
    "乐": ["yue"],
    "缪": ["miao"],
    "折": ["she"],
    "种": ["chong"],
    "翟": ["zhai"],
    "句": ["gou"],
    "员": ["yun"],
    "召": ["shao"],
    "重": ["chong"],
    "覃": ["qin"],
    "秘": ["bi"],
    "黑": ["he"],
    "尉迟": ["yu", "chi"],
    "万俟": ["mo", "qi"],
    "长孙": ["zhang", "sun"],
    "单于": ["chan", "yu"],
    "澹台": ["tan", "tai"],
}


# Keys that a bulk import's helper process worked out ahead with this same function;
# consulted before a name is worked out here (see worked_out_ahead).
_AHEAD: list[Mapping[str, tuple[str, str]]] = []


@contextmanager
def worked_out_ahead(keys: Mapping[str, tuple[str, str]]) -> Iterator[None]:
    """Within the block, pinyin_keys takes a name's keys from `keys` when they are there.

    `keys` must hold what pinyin_keys itself gives (it may grow meanwhile).
    """
    _AHEAD.append(keys)
    try:
        yield
    finally:
        for index, item in enumerate(_AHEAD):
            if item is keys:
                del _AHEAD[index]
                break


@lru_cache(maxsize=262_144)
def pinyin_keys(name: str) -> tuple[str, str]:
    """Full pinyin and initials, lowercase and without tones or spaces."""
    for ahead in _AHEAD:
        known = ahead.get(name)
        if known is not None:
            return known
    words = _surname_read(name, _words(name))
    return "".join(words), "".join(w[0] for w in words)


def _words(name: str) -> list[str]:
    """The words pypinyin gives for the whole name (through the fast path when it can)."""
    words = _fast_words(name)
    return _pypinyin_words(name) if words is None else words


def _surname_read(name: str, words: list[str]) -> list[str]:
    """The name's first one or two characters read as a surname."""
    if len(words) != len(name) or len(name) < 2 or _tables().hans.fullmatch(name) is None:
        return words  # not one word per Chinese character: no surname to find
    for size in (2, 1):
        reading = SURNAME_READINGS.get(name[:size])
        if reading is not None and len(name) > size:
            return reading + words[size:]
    return words


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
