"""Read side of volunteers for the list: search pages, row contents with hours and stars, totals.

Hours on the list come from volunteer_tally (each volunteer's confirmed total, kept by the
ledger's triggers), never from summing hour_entry: with a million hour lines the list costs
the same as with none. One volunteer's total for a period is summed from the covering index
ix_hour_entry_volunteer (volunteer_id, state, served_on, minutes) without touching the table.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from govdesk.domain import codes
from govdesk.domain import volunteers as rules
from govdesk.domain.masking import mask_phone
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.volunteers import skill_settings
from govdesk.store.database import Database

# A pseudo status for the filter: everyone still volunteering (active or paused).
CURRENT = "current"

SORT_KEYS = {
    "number": "v.number",
    "name": "v.name_pinyin",
    "hours": "IFNULL(t.minutes, 0)",
    "joined": "v.joined_on",
}

_FROM = (
    "FROM volunteer v LEFT JOIN volunteer_tally t ON t.volunteer_id = v.id "
    "LEFT JOIN resident r ON r.id = v.resident_id"
)
_HOLDS = "m.joined_on <= :on AND (m.left_on IS NULL OR m.left_on > :on)"


@dataclass(frozen=True)
class VolunteerFilter:
    """What the list shows. `text` matches the name (any part), pinyin or initials (start),
    the number (V0012, 0012, 12), or the end of a phone or ID number (a resident's from
    the register). `on` is the day team membership is read for (today when None)."""

    text: str = ""
    status: str | None = None  # a VOLUNTEER_STATUS code or label, CURRENT, or None: all
    skill: str | None = None  # a skill code
    team_id: str | None = None
    min_stars: int = 0  # star level at least this (from confirmed hours)
    dual_report: bool | None = None  # True: only 双报到 party members; False: only others
    on: dt.date | None = None


def _normalise(q: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", q or ""))


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _conditions(f: VolunteerFilter) -> tuple[list[str], dict[str, Any]]:
    parts: list[str] = []
    params: dict[str, Any] = {}
    if f.status:
        if f.status == CURRENT:
            parts.append("v.status IN ('active', 'paused')")
        else:
            parts.append("v.status = :status")
            params["status"] = rules.VOLUNTEER_STATUS.parse(f.status) or f.status
    if f.skill:
        parts.append("(',' || v.skills || ',') LIKE :skill ESCAPE '\\'")
        params["skill"] = f"%,{_like(f.skill)},%"
    if f.team_id:
        parts.append(
            "v.id IN (SELECT m.volunteer_id FROM volunteer_team_member m "
            f"WHERE m.team_id = :team AND {_HOLDS})"
        )
        params["team"] = f.team_id
        params["on"] = (f.on or dt.date.today()).isoformat()
    if f.min_stars > 0:
        level = min(f.min_stars, rules.MAX_STARS)
        parts.append("IFNULL(t.minutes, 0) >= :min_minutes")
        params["min_minutes"] = rules.STAR_HOURS[level - 1] * 60
    if f.dual_report is not None:
        parts.append("v.dual_report = :dual")
        params["dual"] = 1 if f.dual_report else 0
    q = _normalise(f.text)
    if q:
        alts: list[str] = []
        upper = q.upper()
        params["q_any"] = f"%{_like(q)}%"
        alts.append("v.name LIKE :q_any ESCAPE '\\'")
        if re.fullmatch(r"[A-Za-z]+", q):
            params["q_start"] = f"{_like(q.lower())}%"
            alts.append("v.name_pinyin LIKE :q_start ESCAPE '\\'")
            alts.append("v.name_initials LIKE :q_start ESCAPE '\\'")
        number = re.fullmatch(r"V?(\d+)", upper)
        if number:
            params["q_number"] = f"%{number[1]}"
            alts.append("v.number LIKE :q_number")
        if re.fullmatch(r"\d+X?", upper):
            params["q_tail"] = f"%{upper}"
            alts.append("v.phone LIKE :q_tail")
            alts.append("COALESCE(v.id_number, r.id_number) LIKE :q_tail")
        parts.append("(" + " OR ".join(alts) + ")")
    return parts, params


def _order(sort: str, descending: bool) -> tuple[str, str]:
    return SORT_KEYS.get(sort, SORT_KEYS["number"]), ("DESC" if descending else "ASC")


@dataclass(frozen=True)
class Totals:
    """A volunteer's hours in minutes. `confirmed` includes the adjusting lines (their net
    sum is `adjustments`); `pending` lines are not counted anywhere until confirmed."""

    confirmed: int
    pending: int
    adjustments: int

    @property
    def service(self) -> int:
        """Confirmed minutes before adjustments."""
        return self.confirmed - self.adjustments

    @property
    def stars(self) -> int:
        return rules.star_level(self.confirmed)


def total(
    db: Database,
    volunteer_id: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Totals:
    """The volunteer's totals; with `start` and/or `end` (both days included), for that
    period only. The whole-life confirmed total comes from volunteer_tally."""
    authz.require(db, Permission.VOLUNTEER_VIEW)
    with db.connect() as conn:
        return totals_of(conn, volunteer_id, start, end)


def totals_of(
    conn: Connection,
    volunteer_id: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Totals:
    """`total` on an open connection (no permission check: for services that checked)."""
    params: dict[str, Any] = {"v": volunteer_id}
    period = ""
    if start is not None:
        period += " AND served_on >= :start"
        params["start"] = start.isoformat()
    if end is not None:
        period += " AND served_on <= :end"
        params["end"] = end.isoformat()
    # Per state from the covering index alone (the equality on state keeps the range tight).
    sums = {
        state: int(
            conn.execute(
                text(
                    "SELECT IFNULL(SUM(minutes), 0) FROM hour_entry "
                    f"WHERE volunteer_id = :v AND state = :state{period}"
                ),
                {**params, "state": state},
            ).scalar_one()
        )
        for state in ((rules.PENDING,) if not period else (rules.PENDING, rules.CONFIRMED))
    }
    if not period:
        row = conn.execute(
            text("SELECT minutes FROM volunteer_tally WHERE volunteer_id = :v"), params
        ).first()
        sums[rules.CONFIRMED] = int(row[0]) if row is not None else 0
    # Adjusting lines are few and have their own partial index (migration 0010).
    adjustments = int(
        conn.execute(
            text(
                "SELECT IFNULL(SUM(minutes), 0) FROM hour_entry "
                f"WHERE volunteer_id = :v AND state = 'confirmed' AND kind = 'adjustment'{period}"
            ),
            params,
        ).scalar_one()
    )
    return Totals(sums[rules.CONFIRMED], sums[rules.PENDING], adjustments)


def confirmed_minutes(conn: Connection, volunteer_ids: Iterable[str]) -> dict[str, int]:
    """Whole-life confirmed minutes of many volunteers from volunteer_tally (0 when none)."""
    ids = list(dict.fromkeys(volunteer_ids))
    out = dict.fromkeys(ids, 0)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join(f":v{n}" for n in range(len(chunk)))
        rows = conn.execute(
            text(
                f"SELECT volunteer_id, minutes FROM volunteer_tally WHERE volunteer_id IN ({marks})"
            ),
            {f"v{n}": v for n, v in enumerate(chunk)},
        )
        out.update({str(r[0]): int(r[1]) for r in rows})
    return out


class VolunteerList:
    """What a paged table needs: ordered id pages, row values by id, counts.

    Shaped like ResidentList, but the key is the volunteer's id (a string): pages are
    [(sort value, id)] and the next page starts `after` the last pair. Phones are masked
    for every role (a full one is shown through volunteers.reveal)."""

    def __init__(self, db: Database):
        self.db = db

    def _check(self) -> None:
        authz.require(self.db, Permission.VOLUNTEER_VIEW)

    def page(
        self,
        f: VolunteerFilter,
        *,
        sort: str = "number",
        descending: bool = False,
        after: tuple[Any, str] | None = None,
        limit: int = 500,
    ) -> list[tuple[Any, str]]:
        """The next `limit` (sort value, id) pairs after `after`, in order (keyset paging)."""
        self._check()
        parts, params = _conditions(f)
        key, direction = _order(sort, descending)
        if after is not None:
            cmp = "<" if descending else ">"
            parts.append(f"({key}, v.id) {cmp} (:after_key, :after_id)")
            params["after_key"], params["after_id"] = after
        params["limit"] = limit
        where = " AND ".join(parts) or "1"
        sql = (
            f"SELECT {key} AS k, v.id {_FROM} WHERE {where} "
            f"ORDER BY k {direction}, v.id {direction} LIMIT :limit"
        )
        with self.db.connect() as conn:
            return [(row[0], str(row[1])) for row in conn.execute(text(sql), params)]

    def count(self, f: VolunteerFilter, *, cap: int | None = None) -> int:
        self._check()
        parts, params = _conditions(f)
        inner = f"SELECT 1 {_FROM} WHERE " + (" AND ".join(parts) or "1")
        if cap is not None:
            inner += " LIMIT :cap"
            params["cap"] = cap
        with self.db.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM ({inner})"), params).scalar_one())

    def rows(self, ids: list[str], *, on: dt.date | None = None) -> dict[str, dict[str, Any]]:
        """Display values of the listed volunteers, keyed by id: number, name, sex, phone
        (masked), skills, status, teams on `on` (today), party member / 双报到, confirmed
        minutes (0 when none), hours text and star level."""
        self._check()
        if not ids:
            return {}
        settings = skill_settings(self.db)
        params = {f"i{n}": v for n, v in enumerate(ids)}
        marks = ", ".join(f":i{n}" for n in range(len(ids)))
        sql = (
            "SELECT v.id, v.number, v.name, v.sex, COALESCE(v.phone, r.phone) AS phone, "
            "v.skills, v.status, v.party_member, v.dual_report, v.joined_on, v.resident_id, "
            "v.stars_reviewed, IFNULL(t.minutes, 0) AS minutes "
            f"{_FROM} WHERE v.id IN ({marks})"
        )
        team_sql = (
            "SELECT m.volunteer_id, tm.name FROM volunteer_team_member m "
            "JOIN volunteer_team tm ON tm.id = m.team_id "
            f"WHERE m.volunteer_id IN ({marks}) AND {_HOLDS} ORDER BY tm.name"
        )
        on_text = (on or dt.date.today()).isoformat()
        with self.db.connect() as conn:
            found = conn.execute(text(sql), params).all()
            team_rows = conn.execute(text(team_sql), {**params, "on": on_text}).all()
        team_names: dict[str, list[str]] = {}
        for volunteer_id, name in team_rows:
            team_names.setdefault(str(volunteer_id), []).append(str(name))
        out: dict[str, dict[str, Any]] = {}
        for row in found:
            m = row._mapping
            skill_codes = rules.split_codes(m["skills"])
            minutes = int(m["minutes"])
            level = rules.star_level(minutes)
            out[str(m["id"])] = {
                "id": str(m["id"]),
                "number": m["number"],
                "name": m["name"],
                "sex": m["sex"],
                "sex_label": codes.SEX.label(m["sex"]),
                "phone": mask_phone(m["phone"]),
                "skills": skill_codes,
                "skill_labels": rules.list_text(settings.label(c) for c in skill_codes),
                "status": m["status"],
                "status_label": rules.VOLUNTEER_STATUS.label(m["status"]),
                "teams": rules.list_text(team_names.get(str(m["id"]), [])),
                "party_member": bool(m["party_member"]),
                "dual_report": bool(m["dual_report"]),
                "joined_on": m["joined_on"],
                "resident_id": m["resident_id"],
                "minutes": minutes,
                "hours": rules.hours_number(minutes),
                "stars": level,
                "stars_text": rules.stars_text(level),
                "stars_reviewed": int(m["stars_reviewed"]),
            }
        return out

    def totals(self) -> dict[str, int]:
        """Counts for the status bar: volunteers by status, and 双报到 party members."""
        self._check()
        with self.db.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT count(*), "
                    "IFNULL(SUM(status = 'active'), 0), IFNULL(SUM(status = 'paused'), 0), "
                    "IFNULL(SUM(status = 'left'), 0), "
                    "IFNULL(SUM(dual_report AND status != 'left'), 0) FROM volunteer"
                )
            ).one()
        return {
            "volunteers": int(row[0]),
            "active": int(row[1]),
            "paused": int(row[2]),
            "left": int(row[3]),
            "dual_report": int(row[4]),
        }
