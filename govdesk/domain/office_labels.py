"""The JSON an office's renamed labels and switched-off codes are kept in (role names, skills)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from govdesk.domain.codes import CodeList


def to_json(labels: Mapping[str, str], disabled: frozenset[str]) -> str:
    """{"labels": {code: label}, "disabled": [code, …]}, sorted so equal settings read alike."""
    return json.dumps(
        {"labels": dict(sorted(labels.items())), "disabled": sorted(disabled)},
        ensure_ascii=False,
    )


def from_json(
    value: str | None, known: Callable[[str], bool]
) -> tuple[dict[str, str], list[str]] | None:
    """The labels (known codes, non-blank texts, stripped) and the switched-off codes as
    stored; None when nothing or nothing readable is stored, so the built-in names hold.
    The caller decides which switched-off codes still count."""
    if not value:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    got_labels, got_disabled = data.get("labels"), data.get("disabled")
    raw_labels: dict = got_labels if isinstance(got_labels, dict) else {}
    raw_disabled: list = got_disabled if isinstance(got_disabled, list) else []
    labels = {
        str(k): v.strip()
        for k, v in raw_labels.items()
        if known(str(k)) and isinstance(v, str) and v.strip()
    }
    return labels, [str(c) for c in raw_disabled]


@dataclass(frozen=True)
class OfficeLabels:
    """A built-in code list as an office uses it: the codes it renamed, and those it
    switched off (kept for the records that already have them)."""

    labels: Mapping[str, str]  # renamed (or the office's own) codes only
    disabled: frozenset[str]
    builtin: ClassVar[CodeList]  # set by each kind of setting

    def label(self, code: str | None) -> str:
        """The office's name, else the built-in one in the interface language; an unknown
        code shows as itself."""
        if not code:
            return ""
        return self.labels.get(code) or self.builtin.label(code)

    def zh(self, code: str | None) -> str:
        """The name printed on the (always Chinese) forms: the office's, else the built-in."""
        if not code:
            return ""
        return self.labels.get(code) or self.builtin.zh(code)

    def to_json(self) -> str:
        return to_json(self.labels, self.disabled)
