"""Read side of mediation for the case table: one query over mediation_case, deadlines in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from sqlalchemy import text as sql

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import Deadline
from govdesk.domain.permissions import Permission
from govdesk.services import authz, mediation
from govdesk.store.database import Database

# A pseudo state for the filter: every case still being handled (no outcome yet).
UNFINISHED = "unfinished"
UNFINISHED_STATES = frozenset(
    {
        rules.CaseState.REGISTERED,
        rules.CaseState.ACCEPTED,
        rules.CaseState.INVESTIGATING,
        rules.CaseState.MEDIATING,
    }
)
# Only these states have a running deadline, so "due soon" asks SQL for them alone.
DEADLINE_STATES = rules.OPEN_STATES | rules.FOLLOW_UP_STATES

_SELECT = (
    "SELECT rowid, id, number, state, dispute_type, party_names, registered_on, accepted_on,"
    " agreement_on, agreement_kind, confirmation_applied_on, risk, summary FROM mediation_case"
)
# rowid breaks ties between cases registered the same day: the later entry first.
_CASES_SQL = _SELECT + " ORDER BY registered_on DESC, rowid DESC"
# Every write stamps its rows with a version from the database's counter (store/versioning),
# so the rows changed since a snapshot are those above the counter it was taken at.
_CHANGED_SQL = _SELECT + " WHERE version > :seen"
_COUNT_SQL = "SELECT count(*) FROM mediation_case"
_VERSION_SQL = "SELECT value FROM meta WHERE key = 'version_counter'"


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case table. Party names only: every role that sees the list may see them."""

    id: str
    number: str  # "" until accepted
    state: str  # CaseState code
    dispute_type: str  # DISPUTE_TYPES code
    party_names: str
    registered_on: dt.date
    accepted_on: dt.date | None
    deadline: Deadline | None  # the nearest running deadline, None when none runs
    risk: str  # RISK_GRADES code

    @property
    def state_label(self) -> str:
        return rules.CASE_STATES.label(self.state)

    @property
    def dispute_type_label(self) -> str:
        return rules.DISPUTE_TYPES.label(self.dispute_type)

    @property
    def risk_label(self) -> str:
        return rules.RISK_GRADES.label(self.risk)


# Cases share few distinct days (a few hundred a year): parsing each once halves a load.
_parse_day = lru_cache(maxsize=8192)(dt.date.fromisoformat)


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return _parse_day(str(value)[:10])


def _states(state: str | Iterable[str] | None) -> list[str] | None:
    if state is None or state == "":
        return None
    if isinstance(state, str):
        if state == UNFINISHED:
            return sorted(UNFINISHED_STATES)
        code = rules.CASE_STATES.parse(state)
        return [code or state]
    return sorted(set(state))


@dataclass(frozen=True, slots=True)
class _Entry:
    """A case as loaded, with what filtering needs besides the row."""

    rowid: int
    row: CaseRow  # deadline None: it depends on the day and the setting
    haystack: str  # number, names and summary, case-folded, for the text filter
    # As stored (ISO text): parsed only for the few cases whose deadline runs.
    agreement_on: object
    agreement_kind: str | None
    confirmation_applied_on: object


def _entry(values: tuple) -> _Entry:
    (
        rowid,
        id_,
        number,
        state,
        dispute_type,
        party_names,
        registered_on,
        accepted_on,
        agreement_on,
        agreement_kind,
        confirmation_applied_on,
        risk,
        summary,
    ) = values
    row = CaseRow(
        id_,
        number or "",
        state,
        dispute_type,
        party_names or "",
        _date(registered_on),  # type: ignore[arg-type]
        _date(accepted_on),
        None,
        risk,
    )
    haystack = f"{number or ''}\n{party_names or ''}\n{summary or ''}".casefold()
    return _Entry(rowid, row, haystack, agreement_on, agreement_kind, confirmation_applied_on)


def _order(entry: _Entry) -> tuple[dt.date, int]:
    return entry.row.registered_on, entry.rowid


class CaseList:
    """What the mediation table needs: the filtered cases, newest registration first.

    The cases come from one query over mediation_case (party names are kept on the case,
    so there is no join) and are kept as a snapshot. Every write bumps the database's
    version counter and stamps the rows it changes with it, so each call reads the counter
    and, when it moved, only the cases changed since. Filtering 20,000 cases by state or
    text is then a pass over the snapshot, a few milliseconds, where reading them again
    from SQLite takes tens to hundreds (benchmarks/bench_mediation_filter.py). Deadlines
    are computed per call from the domain rules, for the day and handling period given.
    """

    def __init__(self, db: Database):
        self.db = db
        self._entries: list[_Entry] = []
        self._version: int | None = None  # the version counter the snapshot is current to

    def handling_months(self) -> int:
        """The office's handling period in months (the setting, or the legal default)."""
        return mediation.handling_months(self.db)

    def _snapshot(self) -> list[_Entry]:
        with self.db.connect() as conn:
            # The counter first: a write between the two reads leaves rows newer than the
            # counter seen, and the next call reads them again; never the other way round.
            version = int(conn.execute(sql(_VERSION_SQL)).scalar() or 0)
            if self._version is None:
                self._entries = [_entry(tuple(r)) for r in conn.execute(sql(_CASES_SQL))]
            elif version != self._version:
                changed = conn.execute(sql(_CHANGED_SQL), {"seen": self._version}).fetchall()
                count = conn.execute(sql(_COUNT_SQL)).scalar()
                merged = self._merged([_entry(tuple(r)) for r in changed])
                if len(merged) != count:  # never expected; reading everything is always right
                    merged = [_entry(tuple(r)) for r in conn.execute(sql(_CASES_SQL))]
                self._entries = merged
            self._version = version
        return self._entries

    def _merged(self, changed: list[_Entry]) -> list[_Entry]:
        """The snapshot with `changed` cases put in (replaced, or added), in list order."""
        if not changed:
            return self._entries
        where = {e.row.id: i for i, e in enumerate(self._entries)}
        entries = list(self._entries)
        reorder = False
        for e in changed:
            i = where.get(e.row.id)
            if i is None:
                entries.append(e)
                reorder = True
            else:
                reorder = reorder or entries[i].row.registered_on != e.row.registered_on
                entries[i] = e
        if reorder:
            entries.sort(key=_order, reverse=True)
        return entries

    def invalidate(self) -> None:
        """Forget the snapshot (the next call reads every case again)."""
        self._version = None

    def rows(
        self,
        *,
        state: str | Iterable[str] | None = None,
        text: str = "",
        due_soon: bool = False,
        today: dt.date,
    ) -> list[CaseRow]:
        """Cases matching every filter given.

        `state` is a CaseState code or label, UNFINISHED, or several codes. `text` is found
        in the case number, the party names or the summary (letters in any case). `due_soon`
        keeps cases whose nearest deadline passes within WARN_DAYS days or has passed.
        """
        authz.require(self.db, Permission.MEDIATION_VIEW)
        entries = self._snapshot()
        states = _states(state)
        wanted = None if states is None else frozenset(states)
        if due_soon:
            wanted = DEADLINE_STATES if wanted is None else wanted & DEADLINE_STATES
        needle = (text or "").strip().casefold()
        if wanted is not None:
            entries = [e for e in entries if e.row.state in wanted]
        if needle:
            entries = [e for e in entries if needle in e.haystack]
        months = self.handling_months()
        out: list[CaseRow] = []
        for e in entries:
            row = e.row
            if row.state in DEADLINE_STATES:
                nearest = next_deadline(
                    row.state,
                    row.accepted_on,
                    _date(e.agreement_on),
                    e.agreement_kind,
                    _date(e.confirmation_applied_on),
                    today,
                    months,
                )
                if due_soon and (nearest is None or not nearest.warn):
                    continue
                if nearest is not None:
                    row = replace(row, deadline=nearest)
            out.append(row)
        return out


def next_deadline(
    state: str,
    accepted_on: dt.date | None,
    agreement_on: dt.date | None,
    agreement_kind: str | None,
    confirmation_applied_on: dt.date | None,
    today: dt.date,
    months: int = rules.HANDLING_MONTHS,
) -> Deadline | None:
    """The running deadline that passes first, or None."""
    return rules.nearest_deadline(
        rules.case_deadlines(
            state,
            accepted_on,
            agreement_on,
            agreement_kind,
            today,
            months=months,
            confirmation_applied_on=confirmation_applied_on,
        )
    )
