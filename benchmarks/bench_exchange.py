"""The exchange with the township, 100,000 residents: export against VACUUM INTO, import and re-import.

The 100k demo database (benchmarks/data) is copied once into a temporary folder, a township
database with its keys is made beside it (kept as a template), and the two trust each
other. Timed, median of REPEATS each:

- export: `exchange.export.export_package(full=True)` writing the sealed package into a
  folder (every record of the office with its history: reading, JSON, deflating,
  encrypting, signing, writing atomically). Baseline: `VACUUM INTO` of the same database
  into the same folder (target: at most 3x, issue 7). Reading the package back as the
  township does (verify, decrypt, inflate) is printed for scale, and so is the same
  export done one step after the other (each table's JSON made whole, then everything
  deflated and sealed: the path before the deflating worker thread), A/B in the same run.
- import: `exchange.apply.import_package` of that package into a fresh township database
  (a copy of the template, so the same keys), every record new (target: at most 10x the
  export's median, issue 7).
- re-import: the same package imported again into that township database, which finds
  it was applied before and changes nothing (target: at most 1 s, issue 7).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from common import Result, cli, demo_db, finish, median

REPEATS = 3
TARGET_RATIO = 3.0
IMPORT_RATIO = 10.0
REIMPORT_SECONDS = 1.0


def sequential_export(db, folder: Path) -> Path:  # noqa: ANN001 - a Database
    """The export's own statements and sealing, but without the worker thread: every
    member made whole first, then deflated and sealed (the A of the A/B)."""
    from govdesk.exchange import export, keys
    from govdesk.exchange.package import write_package

    office_id = db.meta("office_id")
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    marks: dict[str, int] = {}
    with db.connect() as conn:
        conn.exec_driver_sql("SELECT 1")
        for table in export.record_tables():
            made = export._member(conn, table, office_id, marks, {})
            if made is not None:
                members[table + export.MEMBER_SUFFIX], counts[table] = made
    with db.connect() as conn:
        code = conn.exec_driver_sql(
            "SELECT division_code FROM office WHERE id = ?", (office_id,)
        ).scalar()
    manifest = {
        "source_office": code,
        "source_instance": db.instance_id,
        "sequence": 9999,
        "full": True,
        "content": export.FORMAT,
        "counts": counts,
        "marks": marks,
    }
    return write_package(
        folder,
        manifest=manifest,
        members=members,
        signer=keys.own_keys(db),
        recipient=export.township_card(db),
    )


def measure() -> list[Result]:
    from govdesk.domain.permissions import Actor, Role
    from govdesk.exchange import keys
    from govdesk.exchange.apply import import_package
    from govdesk.exchange.export import export_package
    from govdesk.exchange.package import read_package
    from govdesk.services import office
    from govdesk.store.database import Database

    actor = Actor("bench", Role.ADMIN)
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        source = here / "office.db"
        shutil.copy(demo_db("100k"), source)
        db = Database.open(source, check=False)
        db.actor = actor
        template = here / "township-template.db"
        township = office.init_database(
            template, name="和平街道办事处", division_code="110105001000", kind="township"
        )
        township.actor = actor
        with db.session() as s:
            keys.trust(s, keys.read_key_file(keys.public_key_file(township)))
        with township.session() as s:
            keys.trust(s, keys.read_key_file(keys.public_key_file(db)))
        township_keys, township_ring = keys.own_keys(township), keys.keyring(township)
        township.close()
        out = here / "stick"
        out.mkdir()
        exports, vacuums, reads, sequential = [], [], [], []
        result = None
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            result = export_package(db, out, full=True)
            exports.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            sequential_export(db, out).unlink()
            sequential.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            package = read_package(result.path, keyring=township_ring, own=township_keys)
            reads.append(time.perf_counter() - t0)
            copy = out / "vacuum.db"
            t0 = time.perf_counter()
            con = sqlite3.connect(source)
            con.execute("VACUUM INTO ?", (str(copy),))
            con.close()
            vacuums.append(time.perf_counter() - t0)
            copy.unlink()
        assert result is not None
        residents = result.counts.get("resident", 0)
        size = result.path.stat().st_size
        plain = sum(len(v) for v in package.members.values())
        db.close()

        imports, reimports, applied = [], [], 0
        for i in range(REPEATS):
            fresh = here / f"township-{i}.db"
            shutil.copy(template, fresh)
            target = Database.open(fresh, check=False)
            target.actor = actor
            t0 = time.perf_counter()
            first = import_package(target, result.path)
            imports.append(time.perf_counter() - t0)
            if first.outcome != "applied":
                raise RuntimeError(f"import {first.outcome}: {first.reason}")
            applied = first.new
            t0 = time.perf_counter()
            again = import_package(target, result.path)
            reimports.append(time.perf_counter() - t0)
            if again.outcome != "nothing_new":
                raise RuntimeError(f"re-import {again.outcome}: {again.reason}")
            target.close()
            fresh.unlink()
    value, base = median(exports), median(vacuums)
    imported, again_s = median(imports), median(reimports)
    return [
        Result(
            figure=f"upward exchange package, {residents:,} residents (every record, sealed)",
            value=value,
            baseline=base,
            unit="s",
            baseline_name="VACUUM INTO of the same database",
            target=f"<= {TARGET_RATIO:g}x baseline",
            met=value <= TARGET_RATIO * base,
            repeats=len(exports),
            details={
                "exports (s)": [round(t, 2) for t in exports],
                "VACUUM INTO (s)": [round(t, 2) for t in vacuums],
                "read back and verified (s)": [round(t, 2) for t in reads],
                "A/B: the same export without the deflating thread (s)": [
                    round(t, 2) for t in sequential
                ],
                "records": sum(result.counts.values()),
                "package (MB)": round(size / 2**20, 1),
                "plain JSON (MB)": round(plain / 2**20, 1),
            },
        ),
        Result(
            figure=f"import of that package into a new township database, {residents:,} residents",
            value=imported,
            baseline=value,
            unit="s",
            baseline_name="the export of the same package",
            target=f"<= {IMPORT_RATIO:g}x baseline",
            met=imported <= IMPORT_RATIO * value,
            repeats=len(imports),
            details={
                "imports (s)": [round(t, 2) for t in imports],
                "records new": applied,
            },
        ),
        Result(
            figure=f"re-import of the same package (nothing new), {residents:,} residents",
            value=again_s,
            baseline=median(reads),
            unit="s",
            baseline_name="reading and verifying the package alone",
            target=f"<= {REIMPORT_SECONDS:g} s",
            met=again_s <= REIMPORT_SECONDS,
            repeats=len(reimports),
            details={"re-imports (s)": [round(t, 2) for t in reimports]},
        ),
    ]


def main() -> None:
    parser = cli(__doc__.splitlines()[0])
    args = parser.parse_args()
    finish(measure(), args.json)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
