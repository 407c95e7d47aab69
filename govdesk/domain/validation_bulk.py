"""clean_person for a whole chunk of imported rows, worked out a column at a time.

A register of 100,000 rows is nearly all plain cells: a name, labels typed the same
way over and over, an 18-digit ID, a date cell. Those are cleaned here per column (a
label is looked up once per distinct text, not once per row). Any row with anything
unusual in it, including every row that would get an issue or a warning, goes to
clean_person itself, so the result is always exactly clean_person's, row for row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from stdnum.cn import ric

from govdesk.domain import idnumber
from govdesk.domain.dates import parse_date
from govdesk.domain.messages import Issue
from govdesk.domain.validation import (
    CODED_FIELDS,
    DATE_FIELDS,
    TEXT_FIELDS,
    cached_code,
    clean_person,
)

_SLOW = object()  # marks a cell whose row goes through clean_person


def clean_people(
    columns: Mapping[str, Sequence[Any]], count: int, *, today: dt.date | None = None
) -> list[tuple[dict[str, Any], list[Issue]]]:
    """What clean_person gives for each of `count` rows, given the cells by field.

    Each column holds one cell per row; a field without a column is one the rows do
    not have (as a key missing from clean_person's `raw`).
    """
    today = today or dt.date.today()
    if "id_number" in columns and not {"birth_date", "sex"} <= columns.keys():
        # clean_person then adds the derived fields to some rows only: leave it to it.
        return [
            clean_person({k: c[i] for k, c in columns.items()}, today=today) for i in range(count)
        ]
    slow: set[int] = set()
    keys: list[str] = []
    cleaned: list[Sequence[Any]] = []

    def add(key: str, values: Sequence[Any]) -> None:
        keys.append(key)
        cleaned.append(values)

    for key in TEXT_FIELDS:
        if key in columns:
            add(key, _texts(columns[key], slow))
    if "name" in columns:
        # An empty name is an issue; a name with spaces inside may be joined up.
        names = cleaned[keys.index("name")]
        slow.update(
            i for i, name in enumerate(names) if type(name) is not str or len(name.split()) != 1
        )
    for key, code_list in CODED_FIELDS.items():
        if key in columns:
            memo: dict[Any, Any] = {}
            for cell in set(columns[key]):
                memo[cell] = _coded(key, code_list, cell)
            values = [memo[cell] for cell in columns[key]]
            if key == "person_type":
                values = ["registered" if v is None else v for v in values]
            add(key, _mark(values, slow))
    for key in DATE_FIELDS:
        if key in columns:
            add(key, _dates(columns[key], today, slow))
    if "phone" in columns:
        add("phone", _mark([_phone(cell) for cell in columns["phone"]], slow))
    if "id_number" in columns:
        _ids(columns["id_number"], today, keys, cleaned, slow)

    out: list[tuple[dict[str, Any], list[Issue]]] = [
        (dict(zip(keys, row, strict=True)), []) for row in zip(*cleaned, strict=True)
    ] or [({}, []) for _ in range(count)]
    for i in sorted(slow):
        out[i] = clean_person({k: cells[i] for k, cells in columns.items()}, today=today)
    return out


def _mark(values: list[Any], slow: set[int]) -> list[Any]:
    slow.update(i for i, v in enumerate(values) if v is _SLOW)
    return values


def _texts(cells: Sequence[Any], slow: set[int]) -> list[Any]:
    """Stripped text, None for an empty cell; anything but text goes to clean_person."""
    if set(map(type, cells)) == {str}:
        return [s or None for s in map(str.strip, cells)]
    return _mark([_text(c) for c in cells], slow)


def _text(cell: Any) -> Any:
    if type(cell) is str:
        return cell.strip() or None
    return None if cell is None else _SLOW


def _coded(key: str, code_list: Any, cell: Any) -> Any:
    if cell is None:
        return None
    if type(cell) is not str:
        return _SLOW
    text = cell.strip()
    if not text:
        return None
    code = cached_code(key, code_list, cell)  # the label as typed: clean_person's cache key
    return _SLOW if code is None else code


def _dates(cells: Sequence[Any], today: dt.date, slow: set[int]) -> list[Any]:
    """Date cells and date texts; a bad or future date goes to clean_person for its issue."""
    memo: dict[Any, Any] = {}
    out = []
    for cell in cells:
        if type(cell) is dt.date:  # a date cell: nothing to read
            out.append(cell if cell <= today else _SLOW)
            continue
        # Only texts and empties share the memo: True, 1 and 1.0 are equal keys.
        if cell is not None and type(cell) is not str:
            out.append(_SLOW)
            continue
        d = memo.get(cell, _SLOW)
        if d is _SLOW and cell not in memo:
            try:
                d = parse_date(cell)
            except ValueError:
                d = _SLOW
            else:
                if d is not None and d > today:
                    d = _SLOW
            memo[cell] = d
        out.append(d)
    return _mark(out, slow)


def _phone(cell: Any) -> Any:
    if cell is None:
        return None
    if type(cell) is str:
        if cell.isascii() and cell.isdigit() and 7 <= len(cell) <= 15:
            return cell
        if not cell.strip():
            return None
    return _SLOW


def _ids(
    cells: Sequence[Any],
    today: dt.date,
    keys: list[str],
    cleaned: list[Sequence[Any]],
    slow: set[int],
) -> None:
    """A plain, valid 18-digit number with a listed area; its birth date and sex fill empty
    cells. Anything else, or a typed birth date or sex that disagrees, goes to clean_person.
    clean_people has made sure that the rows have both fields."""
    derived = [cleaned[keys.index("birth_date")], cleaned[keys.index("sex")]]
    numbers: list[Any] = []
    for i, cell in enumerate(cells):
        if cell is None or (type(cell) is str and not cell.strip()):
            numbers.append(None)
            continue
        found = _plain_number(cell, today)
        if found is None:
            slow.add(i)
            numbers.append(None)
            continue
        for column, value in zip(derived, found, strict=True):
            typed = column[i]
            if typed is None:
                column[i] = value  # type: ignore[index]
            elif typed != value:
                slow.add(i)
        numbers.append(cell)
    keys += ["id_number", "id_converted"]
    # A plain number was never a 15-digit one; every other row is cleaned by clean_person.
    cleaned += [numbers, [False] * len(numbers)]


def _plain_number(cell: Any, today: dt.date) -> tuple[dt.date, str] | None:
    """(birth date, sex) of an ID that idnumber.check takes as typed, without any issue."""
    if type(cell) is not str or len(cell) != 18 or not cell.isascii():
        return None
    if not (cell[:17].isdigit() and (cell[17].isdigit() or cell[17] == "X")):
        return None
    try:
        birth = dt.date(int(cell[6:10]), int(cell[10:12]), int(cell[12:14]))
    except ValueError:
        return None
    if birth > today or ric.calc_check_digit(cell) != cell[17]:
        return None
    if not idnumber.area_known(cell[:6]):
        return None
    return birth, idnumber.sex_of(cell)
