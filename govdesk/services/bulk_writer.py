"""Runs a bulk import's INSERT statements on a thread of its own, beside the checking.

Python's sqlite3 lets go of the GIL while SQLite executes a statement, so the rows of
one chunk can go into the file while the caller's thread checks the next chunk: two
cores at work instead of one. Each chunk is sent as a few multi-row INSERTs rather
than an executemany, because every single-row step would have to win the GIL back
from the checking thread before the next one (up to the 5 ms switch interval each).
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

# SQL with its parameters, or a step that runs its own SQL on the writer's cursor
Statement = tuple[str, Sequence[Any]] | Callable[[sqlite3.Cursor], None]
# At most; also bounded by SQLite's limit on bound parameters. Fewer, larger statements:
# each one has to win the GIL back from the checking thread.
ROWS_PER_STATEMENT = 1000
_QUEUED_CHUNKS = 4  # chunks checked ahead of the writer; bounds the memory held
# While a writer runs, the GIL changes hands every half millisecond instead of every 5 ms.
# After each statement the writer needs it back to bind the next one; with the default
# interval it waited up to 5 ms each time while the checking thread ran on, and the
# writer, not the checking, set the pace (a 100,000-row import: ~0.8 s faster).
SWITCH_INTERVAL = 0.0005


def _as_null(value: None) -> None:
    return value


# sqlite3 binds str, int and float at once but sends anything else, None too, through its
# adapter look-up, which for None ends in two failed attribute look-ups: about 0.4 µs per
# empty cell, all of it holding the GIL. With None registered, the look-up finds it at the
# first try. An import binds some 700,000 empty cells per 100,000 rows (about 0.2 s less).
# What is stored does not change: the adapter gives None back, which is bound as NULL.
sqlite3.register_adapter(type(None), _as_null)


# Values every row of a statement shares, written into the SQL instead of bound for each
# row: binding holds the GIL, and fewer parameters per row means shorter holds.
Constants = tuple[tuple[str, object], ...]


@lru_cache(maxsize=64)
def values_sql(table: str, names: tuple[str, ...], rows: int, constants: Constants = ()) -> str:
    """INSERT INTO table (names, constant columns) VALUES (?, ..., constants), ... for `rows` rows."""
    one = "(" + ", ".join(["?"] * len(names) + [sql_literal(v) for _, v in constants]) + ")"
    columns = ", ".join([*names, *(name for name, _ in constants)])
    return f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([one] * rows)


def sql_literal(value: object) -> str:
    """A text, whole number or NULL as SQLite reads it back: the same value as bound."""
    if value is None:
        return "NULL"
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("a NUL character cannot be written as an SQL literal")
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"not written as an SQL literal: {type(value).__name__}")


def rows_per_statement(conn: sqlite3.Connection, width: int) -> int:
    """How many rows of `width` values one statement may bind on this connection."""
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, limit // max(1, width)))


def insert_statements(
    table: str,
    names: tuple[str, ...],
    rows: Sequence[Sequence[Any]],
    per_statement: int,
    constants: Constants = (),
) -> list[Statement]:
    """The rows as multi-row INSERTs of at most `per_statement` rows each."""
    out: list[Statement] = []
    for start in range(0, len(rows), per_statement):
        part = rows[start : start + per_statement]
        flat = list(itertools.chain.from_iterable(part))
        out.append((values_sql(table, names, len(part), constants), flat))
    return out


class BulkWriter:
    """Executes submitted statements in order on one sqlite3 connection, on its own thread.

    The caller must not use the connection until finish() or abort() has returned. An
    error in a statement is raised again by the next submit() or by finish(); the
    caller's transaction is then rolled back as usual.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.written = 0  # rows written so far (only ever grows; read by the caller)
        self.error: BaseException | None = None
        self._jobs: queue.Queue[tuple[list[Statement], int] | None] = queue.Queue(_QUEUED_CHUNKS)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="govdesk-import-writer", daemon=True)
        _quick_switch(True)
        self._switching = True
        self._thread.start()

    def submit(self, statements: list[Statement], rows: int) -> None:
        """Queue one chunk's statements; waits while the writer is a few chunks behind."""
        while True:
            self._raise_error()
            try:
                self._jobs.put((statements, rows), timeout=0.1)
                return
            except queue.Full:
                if not self._thread.is_alive():
                    raise RuntimeError("the import's writer thread stopped") from None

    def finish(self) -> None:
        """Wait until everything submitted is written; raise the writer's error if any."""
        self._jobs.put(None)
        self._thread.join()
        self._end_switching()
        self._raise_error()

    def abort(self) -> None:
        """Stop after the statement now running; whatever is still queued is dropped."""
        self._stop.set()
        while True:  # make room for the stop mark even if the queue is full
            try:
                self._jobs.put_nowait(None)
                break
            except queue.Full:
                with contextlib.suppress(queue.Empty):
                    self._jobs.get_nowait()
        self._thread.join()
        self._end_switching()

    def _end_switching(self) -> None:
        if self._switching:
            self._switching = False
            _quick_switch(False)

    def _raise_error(self) -> None:
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        cursor = self.conn.cursor()
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    return
                if self._stop.is_set() or self.error is not None:
                    continue  # drain until the stop mark
                statements, rows = job
                try:
                    for statement in statements:
                        if callable(statement):
                            statement(cursor)
                        else:
                            cursor.execute(*statement)
                except BaseException as exc:  # handed to the caller's thread
                    self.error = exc
                else:
                    self.written += rows
        finally:
            cursor.close()


_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


def _quick_switch(on: bool) -> None:
    """Shorten Python's GIL switch interval while any writer runs; restore it after the last."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if on:
            if _switch_users == 0:
                _switch_saved = sys.getswitchinterval()
                sys.setswitchinterval(SWITCH_INTERVAL)
            _switch_users += 1
        else:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)
