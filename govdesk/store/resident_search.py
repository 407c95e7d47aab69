"""Resident search in SQL: one box, filters, sorting and keyset paging over index ranges."""

from __future__ import annotations

import heapq
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

# Appended to a prefix to form the upper end of an index range: in UTF-8 byte order
# it sorts after every character, so `col >= p AND col < p || HIGH` is "starts with p".
HIGH = "\U0010ffff"

# Display columns fetched for the list; the order is the model's column order.
LIST_COLUMNS = (
    "name",
    "sex",
    "birth_date",
    "id_number",
    "phone",
    "person_type",
    "household_number",
    "relation_to_head",
    "current_address",
    "status",
)
SORT_KEYS = {
    "name": "r.name_pinyin",
    "sex": "r.sex",
    "birth_date": "r.birth_date",
    "id_number": "r.id_number",
    "phone": "r.phone",
    "person_type": "r.person_type",
    "household_number": "h.household_number",
    "relation_to_head": "r.relation_to_head",
    "current_address": "r.current_address",
    "status": "r.status",
    "updated_at": "r.updated_at",
}


OFFICE_TEST = "+r.office_id = :office"


@dataclass(frozen=True)
class ResidentFilter:
    text: str = ""
    person_type: str | None = None
    status: str | None = "on_register"  # None: every status
    care_code: str | None = None
    office_id: str | None = None  # one office's rows (a township database holds many)


def _normalise(q: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", q)).strip()


def _prefix(column: str, name: str, value: str, params: dict[str, Any]) -> str:
    params[name] = value
    params[name + "_hi"] = value + HIGH
    return f"({column} >= :{name} AND {column} < :{name}_hi)"


def _conditions(f: ResidentFilter) -> tuple[list[str], list[tuple[str, str]], dict[str, Any]]:
    """The filter as (conditions every match meets, alternatives the search text may match, params)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    if f.status:
        parts.append("r.status = :status")
        params["status"] = f.status
    if f.person_type:
        parts.append("r.person_type = :ptype")
        params["ptype"] = f.person_type
    if f.office_id:
        # A test on each row, not an index to start from (the unary +): a page then walks
        # the sort index and stops after `limit` rows of that office (2 ms for a third of
        # a million rows) instead of gathering the office's every row and sorting them.
        parts.append(OFFICE_TEST)
        params["office"] = f.office_id
    if f.care_code:
        parts.append(
            "r.id IN (SELECT resident_id FROM resident_care WHERE category_code = :care AND active = 1)"
        )
        params["care"] = f.care_code
    alts: list[tuple[str, str]] = []  # (kind, condition)
    q = _normalise(f.text)
    if q:
        upper = q.upper()
        is_digits = bool(re.fullmatch(r"[0-9]+X?|X", upper))
        is_letters = bool(re.fullmatch(r"[a-zA-Z]+", q))
        if is_digits:
            # Digits: the start or the end of an ID number or a phone number.
            alts.append(("digits", _prefix("r.id_number", "idp", upper, params)))
            alts.append(("digits", _prefix("r.id_number_rev", "ids", upper[::-1], params)))
            alts.append(("digits", _prefix("r.phone", "php", upper, params)))
            alts.append(("digits", _prefix("r.phone_rev", "phs", upper[::-1], params)))
        if is_letters:  # "x" alone is both a pinyin initial and an ID's last character
            alts.append(("pinyin", _prefix("r.name_pinyin", "py", q.lower(), params)))
            if len(q) > 1:  # one letter: every initials match is a pinyin match already
                alts.append(("initials", _prefix("r.name_initials", "ini", q.lower(), params)))
        if not (is_digits or is_letters):
            alts.append(("name", _prefix("r.name", "nm", q, params)))
        if len(q) >= 3 and not is_letters:
            # Any three characters of an address ("幸福路", "12号楼"), via the trigram index.
            params["addr"] = '"' + q.replace('"', '""') + '"'
            alts.append(
                (
                    "address",
                    "r.rowid IN (SELECT rowid FROM resident_address_fts WHERE resident_address_fts MATCH :addr)",
                )
            )
    return parts, alts, params


def where_clause(f: ResidentFilter) -> tuple[str, dict[str, Any]]:
    """SQL conditions (on alias r) and bound parameters for a filter."""
    parts, alts, params = _conditions(f)
    if alts:
        parts = [*parts, _any(alts)]
    return (" AND ".join(parts) or "1"), params


def _any(alts: list[tuple[str, str]]) -> str:
    return "(" + " OR ".join(cond for _, cond in alts) + ")"


def _branches(parts: list[str], alts: list[tuple[str, str]], *, all_rows: bool) -> str:
    """One SELECT per alternative, each answered by its own covering index, joined."""
    selects = [
        "SELECT r.name_pinyin AS k, r.rowid AS rid FROM resident r WHERE "
        + " AND ".join([*parts, cond])
        for _, cond in alts
    ]
    return (" UNION ALL " if all_rows else " UNION ").join(selects)


# At or above this many matches a search walks the name index and tests each row (cost:
# page size / share of matches); below it, it gathers the matches through the search
# indexes and sorts them (cost: number of matches).
SPARSE_MATCHES = 20_000

# A digit search with this many matches walks the name index instead: at one row in ten
# or more, a page is found sooner by walking than by sorting every match.
DENSE_DIGIT_MATCHES = 100_000

# Columns declared NOT NULL can be ordered by their index as they are; the others
# are wrapped in IFNULL so that keyset comparisons stay total (at the cost of a sort).
_NOT_NULL = {"r.name_pinyin", "r.person_type", "r.status", "r.updated_at"}


def _order(sort: str, descending: bool) -> tuple[str, str]:
    key = SORT_KEYS.get(sort, SORT_KEYS["name"])
    if key not in _NOT_NULL:
        key = f"IFNULL({key}, '')"
    return key, ("DESC" if descending else "ASC")


def page_of_rowids(
    conn: Connection,
    f: ResidentFilter,
    *,
    sort: str = "name",
    descending: bool = False,
    after: tuple[Any, int] | None = None,
    limit: int = 500,
) -> list[tuple[Any, int]]:
    """The next `limit` (sort value, rowid) pairs after `after`, in order.

    Keyset paging: each page costs the same whether it is the first or the
    thousandth, unlike OFFSET, which rereads every row before the page.
    """
    parts, alts, params = _conditions(f)
    key, direction = _order(sort, descending)
    cmp = "<" if descending else ">"
    params["limit"] = limit
    keyset = ""
    if after is not None:
        params["after_key"], params["after_rowid"] = after
        keyset = f"({key}, r.rowid) {cmp} (:after_key, :after_rowid)"
    if alts and key == "r.name_pinyin":
        return _name_ordered_search(conn, parts, alts, params, keyset, direction)
    sparse = bool(alts) and count(conn, f, cap=SPARSE_MATCHES) < SPARSE_MATCHES
    if alts:
        parts = [*parts, _any(alts)]
    if keyset:
        parts = [*parts, keyset]
    where = " AND ".join(parts) or "1"
    join = "LEFT JOIN household h ON h.id = r.household_id" if "h." in key else ""
    # Few matches in another order: a unary + stops SQLite walking the whole sort index
    # and testing every row; many matches: the walk finds a page at once.
    order_key = f"+{key}" if sparse else key
    sql = (
        f"SELECT {key} AS k, r.rowid FROM resident r {join} WHERE {where} "
        f"ORDER BY {order_key} {direction}, r.rowid {direction} LIMIT :limit"
    )
    return [(row[0], int(row[1])) for row in conn.execute(text(sql), params)]


def _name_ordered_search(
    conn: Connection,
    parts: list[str],
    alts: list[tuple[str, str]],
    params: dict[str, Any],
    keyset: str,
    direction: str,
) -> list[tuple[Any, int]]:
    """A search in name order: one ordered page per alternative, merged here.

    Run together with OR, SQLite would gather and sort every match ("王" is 70,000 of a
    million). Apart, each alternative is cheap in its own way: the pinyin range is already
    in name order; names, initials and addresses gather their matches from a covering index
    and sort them; a digit prefix shared by half the register ("110105") instead walks the
    name index and stops after a page, since its matches are spread evenly over names.
    """
    where = [*parts, keyset] if keyset else parts
    pages: list[list[tuple[Any, int]]] = []
    for kind, cond in alts:
        conds = " AND ".join([*where, cond])
        order = f"ORDER BY k {direction}, rid {direction} LIMIT :limit"
        base = "SELECT r.name_pinyin AS k, r.rowid AS rid FROM resident r"
        if kind == "digits":
            probe = f"SELECT count(*) FROM (SELECT 1 FROM resident r WHERE {conds} LIMIT :cap)"
            dense = (
                conn.execute(text(probe), {**params, "cap": DENSE_DIGIT_MATCHES}).scalar_one()
                >= DENSE_DIGIT_MATCHES
            )
            sql = (
                f"{base} INDEXED BY ix_resident_pinyin WHERE {conds} {order}"
                if dense
                else (f"SELECT k, rid FROM ({base} WHERE {conds}) {order}")
            )
        else:
            sql = f"{base} WHERE {conds} {order}"
        pages.append([(row[0], int(row[1])) for row in conn.execute(text(sql), params)])
    merged = heapq.merge(*pages, reverse=direction == "DESC")
    seen: set[int] = set()
    out: list[tuple[Any, int]] = []
    for key_value, rowid in merged:
        if rowid not in seen:
            seen.add(rowid)
            out.append((key_value, rowid))
            if len(out) == params["limit"]:
                break
    return out


def count(conn: Connection, f: ResidentFilter, *, cap: int | None = None) -> int:
    """How many match; with `cap`, stops counting there (shown as "10000+")."""
    parts, alts, params = _conditions(f)
    if not alts:
        # Counting one office's rows is what its index is for.
        parts = [p.replace(OFFICE_TEST, "r.office_id = :office") for p in parts]
        inner = "SELECT 1 FROM resident r WHERE " + (" AND ".join(parts) or "1")
    else:
        if cap is not None:
            # Stop early on the cheap sum over the alternatives; a row matching two of
            # them counts twice here, so an uncapped answer is recounted exactly below.
            params["cap"] = cap
            capped = f"SELECT count(*) FROM (SELECT 1 FROM ({_branches(parts, alts, all_rows=True)}) LIMIT :cap)"
            if int(conn.execute(text(capped), params).scalar_one()) >= cap:
                return cap
        inner = f"SELECT 1 FROM ({_branches(parts, alts, all_rows=False)})"
    if cap is not None:
        inner += " LIMIT :cap"
        params["cap"] = cap
    return int(conn.execute(text(f"SELECT count(*) FROM ({inner})"), params).scalar_one())


def rows_by_rowid(conn: Connection, rowids: list[int]) -> dict[int, dict[str, Any]]:
    """Display values of the listed rows, keyed by rowid."""
    if not rowids:
        return {}
    params = {f"r{i}": rid for i, rid in enumerate(rowids)}
    marks = ", ".join(f":r{i}" for i in range(len(rowids)))
    sql = (
        "SELECT r.rowid AS rowid, r.id, r.office_id, r.name, r.sex, r.birth_date, r.id_number, r.phone, r.person_type, "
        "h.household_number, r.relation_to_head, r.current_address, r.status "
        f"FROM resident r LEFT JOIN household h ON h.id = r.household_id WHERE r.rowid IN ({marks})"
    )
    return {int(row.rowid): dict(row._mapping) for row in conn.execute(text(sql), params)}


def totals(conn: Connection) -> dict[str, int]:
    """Counts for the status bar."""
    row = conn.execute(
        text(
            "SELECT (SELECT count(*) FROM resident WHERE status = 'on_register'), "
            "(SELECT count(*) FROM household WHERE status = 'active')"
        )
    ).one()
    return {"residents": int(row[0]), "households": int(row[1])}
