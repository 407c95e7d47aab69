"""Audit trail: `audit.verify` over 100,000 and 1,000,000 entries, against a bare scan of the rows.

Measured (median of 3, each in a fresh child process, a verify and a scan taking turns):
- audit.verify: one read transaction, the rows streamed in seq order through the driver's
  cursor, every hash recomputed (SHA-256 of the entry and the previous hash), the links, the
  consecutive seq numbers, meta 'audit_head' and the triggers checked.
Baseline: sqlite3 alone reading the same columns of the same rows in the same order (the
floor of any check that reads every entry). Peak memory of the verifying child is printed
for both sizes: it must not grow with the trail. Neither QUALITY.md nor the issue sets a
target for this figure, so none is claimed; the ratio to the scan is what it shows.

The trails are made once and cached in benchmarks/data/ (audit-100k.db, audit-1m.db): an
office database from the real migrations, then entries chained exactly as
store/audit_log.append chains them (a third each of changes, registrations and sign-ins).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import uuid
from pathlib import Path

from common import DATA, Result, cli, finish, median, run_child

REPEATS = 3
SIZES = {"100k": 100_000, "1m": 1_000_000}

VERIFY = r"""
import json, sys, time
from pathlib import Path
from govdesk.services import audit
from govdesk.store.database import Database
from common import peak_rss_mb
db = Database.open(Path(sys.argv[1]), read_only=True, check=False)
t0 = time.perf_counter()
result = audit.verify(db)
seconds = time.perf_counter() - t0
db.close()
assert result.ok, result.message
print(json.dumps({"s": seconds, "checked": result.checked, "peak_mb": peak_rss_mb()}))
"""

SCAN = r"""
import json, sqlite3, sys, time
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
t0 = time.perf_counter()
n = 0
for _row in con.execute(
    "SELECT seq, at, username, action, record_type, record_id, detail, prev_hash, hash "
    "FROM audit_log ORDER BY seq"
):
    n += 1
print(json.dumps({"s": time.perf_counter() - t0, "rows": n}))
"""


def trail(size: str) -> Path:
    """The cached database with a trail of SIZES[size] entries, made on first use."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"audit-{size}.db"
    if path.exists():
        return path
    from govdesk.domain.audit import canonical_detail, chain_hash
    from govdesk.services import office

    print(f"making {path.name} (once) ...", file=sys.stderr, flush=True)
    partial = path.with_suffix(".part")
    partial.unlink(missing_ok=True)
    office.init_database(partial, name="幸福社区居民委员会", division_code="110105001001").close()
    con = sqlite3.connect(partial)
    seq, prev = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    change = canonical_detail({"name": ["张三", "张珊"], "phone": ["138****5678", "139****1234"]})
    create = canonical_detail(
        {
            "name": "李四",
            "sex": "male",
            "id_number": "110105********002X",
            "current_address": "幸福路12号",
        }
    )
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    con.execute("BEGIN")
    for i in range(SIZES[size]):
        seq += 1
        at = (start + dt.timedelta(seconds=7 * i)).isoformat(timespec="microseconds")
        action, detail = [("update", change), ("create", create), ("login", "{}")][i % 3]
        rid = None if action == "login" else str(uuid.UUID(int=i))
        rtype = None if rid is None else "resident"
        user = ("admin", "clerk", "grid")[i % 3]
        digest = chain_hash(seq, at, user, action, rtype, rid, detail, prev)
        rows.append((seq, at, user, action, rtype, rid, detail, prev, digest))
        prev = digest
        if len(rows) == 50_000:
            con.executemany("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?)", rows)
            rows.clear()
    con.executemany("INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?)", rows)
    con.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{seq}:{prev}",))
    con.execute("COMMIT")
    con.close()
    partial.rename(path)
    return path


def main() -> None:
    parser = cli(__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        path = trail(size)
        run_child(SCAN, str(path))  # warm the file cache for both
        runs, scans = [], []
        for _ in range(REPEATS):  # in turns, so a burst of load hits both alike
            runs.append(run_child(VERIFY, str(path)))
            scans.append(run_child(SCAN, str(path)))
        results.append(
            Result(
                figure=f"audit verify, {size} entries",
                value=median([r["s"] for r in runs]),
                baseline=median([r["s"] for r in scans]),
                unit="s",
                baseline_name="sqlite3 scan of the same rows",
                target="none set",
                met=None,
                repeats=REPEATS,
                details={
                    "entries checked": runs[0]["checked"],
                    "verify runs (s)": [round(r["s"], 2) for r in runs],
                    "scan runs (s)": [round(r["s"], 2) for r in scans],
                    "peak memory of the verifying process": f"{max(r['peak_mb'] for r in runs):.0f} MB",
                },
            )
        )
    finish(results, args.json)


if __name__ == "__main__":
    main()
