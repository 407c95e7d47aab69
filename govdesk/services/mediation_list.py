"""Read side of mediation for the case table: one query over mediation_case, deadlines in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

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

_COLUMNS = (
    "id, number, state, dispute_type, party_names, registered_on, accepted_on,"
    " agreement_on, agreement_kind, confirmation_applied_on, risk"
)


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


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def _states(state: str | Iterable[str] | None) -> list[str] | None:
    if state is None or state == "":
        return None
    if isinstance(state, str):
        if state == UNFINISHED:
            return sorted(UNFINISHED_STATES)
        code = rules.CASE_STATES.parse(state)
        return [code or state]
    return sorted(set(state))


def _like(text_: str) -> str:
    escaped = text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class CaseList:
    """What the mediation table needs: the filtered cases, newest registration first.

    20,000 cases come back from one query over mediation_case (party names are kept on
    the case, so no join); the deadlines are computed from the domain rules per row.
    """

    def __init__(self, db: Database):
        self.db = db

    def handling_months(self) -> int:
        """The office's handling period in months (the setting, or the legal default)."""
        return mediation.handling_months(self.db)

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
        in the case number, the party names or the summary. `due_soon` keeps cases whose
        nearest deadline passes within WARN_DAYS days or has passed.
        """
        authz.require(self.db, Permission.MEDIATION_VIEW)
        where: list[str] = []
        params: dict[str, object] = {}
        states = _states(state)
        if due_soon:
            states = sorted(DEADLINE_STATES if states is None else DEADLINE_STATES & set(states))
        if states is not None:
            names = [f":s{i}" for i in range(len(states))]
            where.append(f"state IN ({', '.join(names) or 'NULL'})")
            params.update({f"s{i}": s for i, s in enumerate(states)})
        needle = (text or "").strip()
        if needle:
            where.append(
                "(number LIKE :q ESCAPE '\\' OR party_names LIKE :q ESCAPE '\\'"
                " OR summary LIKE :q ESCAPE '\\')"
            )
            params["q"] = _like(needle)
        query = f"SELECT {_COLUMNS} FROM mediation_case"
        if where:
            query += " WHERE " + " AND ".join(where)
        # rowid breaks ties between cases registered the same day: the later entry first.
        query += " ORDER BY registered_on DESC, rowid DESC"
        months = self.handling_months()
        with self.db.connect() as conn:
            found = conn.execute(sql(query), params).fetchall()
        out: list[CaseRow] = []
        running = DEADLINE_STATES
        for (
            id_,
            number,
            state_,
            dispute_type,
            party_names,
            registered_on,
            accepted_on,
            agreement_on,
            agreement_kind,
            confirmation_applied_on,
            risk,
        ) in found:
            accepted = _date(accepted_on)
            nearest = None
            if state_ in running:
                nearest = next_deadline(
                    state_,
                    accepted,
                    _date(agreement_on),
                    agreement_kind,
                    _date(confirmation_applied_on),
                    today,
                    months,
                )
                if due_soon and (nearest is None or not nearest.warn):
                    continue
            out.append(
                CaseRow(
                    id_,
                    number or "",
                    state_,
                    dispute_type,
                    party_names or "",
                    _date(registered_on),  # type: ignore[arg-type]
                    accepted,
                    nearest,
                    risk,
                )
            )
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
