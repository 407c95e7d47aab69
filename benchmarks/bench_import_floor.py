"""Figure 3b: how fast any import could be here, writing what a 100k import stores and nothing else.

The rows a real import of the figure-3 workbook stored (residents, households, care links)
are read back into Python, then written into a new office database exactly as the
importer writes them: one transaction with its large page cache, its deferred indexes,
address index and place tally, its multi-row INSERTs, the rebuild and the commit. No
checking, no pinyin, no second thread: the SQLite work every 100,000-row import needs
on this machine. An import cannot take less than the read plus this, so
1 + floor / read bounds its ratio to calamine from below.

Baseline: python-calamine reading the workbook, measured alternately with the writing.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path

from bench_import import import_once, read_calamine, workbook
from common import Result, cli, finish, median

REPEATS = 5
TABLES = ("household", "resident", "resident_care")  # in the order their keys need


def stored_rows(db_path: Path) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Each table's columns and the rows the import stored, as sqlite3 gives them back."""
    con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out = {}
        for table in TABLES:
            names = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            rows = con.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY rowid").fetchall()
            out[table] = (names, rows)
        return out
    finally:
        con.close()


def write_once(rows: dict, folder: Path, n: int) -> tuple[float, float, float]:
    """Seconds from BEGIN to the end of COMMIT, writing `rows` as the importer does, and
    of them: the INSERTs, and the end (address index, index rebuild, tally, commit)."""
    from govdesk.services import office
    from govdesk.services.bulk_writer import insert_statements, rows_per_statement
    from govdesk.store import place_tally
    from govdesk.store.bulk_load import address_index_deferred, indexes_deferred, large_cache

    db = office.init_database(
        folder / f"floor-{n}.db", name="幸福社区居民委员会", division_code="110105001001"
    )
    try:
        with db.connect() as conn:
            office_id = conn.exec_driver_sql("SELECT id FROM office").scalar()
        statements = []
        for table in TABLES:
            names, data = rows[table]
            if "office_id" in names:  # the new database's office, as the importer sets it
                at = names.index("office_id")
                data = [(*r[:at], office_id, *r[at + 1 :]) for r in data]
            statements.append((table, tuple(names), data))
        people = len(rows["resident"][1])
        # What every imported row shares: the importer keeps indexes on only these columns.
        names, data = rows["resident"]
        shared = frozenset(n for i, n in enumerate(names) if len({r[i] for r in data}) == 1)
        t0 = time.perf_counter()
        with db.begin() as conn, large_cache(conn):
            raw = conn.connection.driver_connection
            cursor = raw.cursor()
            with (
                address_index_deferred(conn),
                indexes_deferred(conn, "resident", people, shared),
                place_tally.deferred(conn, people),
            ):
                for table, names, data in statements:
                    per = rows_per_statement(raw, len(names))
                    for sql, params in insert_statements(table, names, data, per):
                        cursor.execute(sql, params)
                inserted = time.perf_counter() - t0
            cursor.close()
        total = time.perf_counter() - t0
        return total, inserted, total - inserted
    finally:
        db.close()


def main() -> None:
    args = cli(__doc__.splitlines()[0]).parse_args()
    path = workbook()
    read_calamine(path)  # warm the file cache
    reads, writes, parts = [], [], []
    with tempfile.TemporaryDirectory(prefix="govdesk-floor-") as tmp:
        folder = Path(tmp)
        _, report, _, _ = import_once(path, folder, 0)
        rows = stored_rows(folder / "import-0.db")
        for n in range(REPEATS):
            t0 = time.perf_counter()
            read_calamine(path)
            reads.append(time.perf_counter() - t0)
            total, inserted, end = write_once(rows, folder, n)
            writes.append(total)
            parts.append(f"{inserted:.2f} + {end:.2f}")
            (folder / f"floor-{n}.db").unlink()
    value, base = median(writes), median(reads)
    result = Result(
        figure="writing what a 100k import stores, nothing else",
        value=value,
        baseline=base,
        unit="s",
        baseline_name="python-calamine reading the workbook",
        target="none: a floor for figure 3",
        met=None,
        repeats=REPEATS,
        details={
            "rows written": {t: len(rows[t][1]) for t in TABLES},
            "writing runs (s)": [round(x, 2) for x in writes],
            "of which INSERTs + the end (address index, rebuild, tally, commit)": parts,
            "calamine runs (s), alternating with them": [round(x, 2) for x in reads],
            "writing / read, pair by pair": [
                f"{w / r:.2f}" for w, r in zip(writes, reads, strict=True)
            ],
            "no import can have a ratio below (1 + writing / read)": f"{1 + value / base:.2f}x",
            "imported / rejected by the import that made the rows": (
                f"{report.imported} / {report.rejected}"
            ),
            "cores": os.cpu_count(),
        },
    )
    finish([result], args.json)


if __name__ == "__main__":
    main()
