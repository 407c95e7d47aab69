"""The upward exchange package of a 100,000-resident office, against VACUUM INTO of the same file.

The 100k demo database (benchmarks/data) is copied once into a temporary folder, a township
database with its keys is made beside it, and the two trust each other. Timed, median of
REPEATS: `exchange.export.export_package` writing the sealed package into a folder (every
record of the office with its history: reading, JSON, deflating, encrypting, signing,
writing atomically). Baseline: `VACUUM INTO` of the same database into the same folder
(target: at most 3x, issue 7). Reading the package back as the township does (verify,
decrypt, inflate) is printed for scale.
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


def measure() -> list[Result]:
    from govdesk.domain.permissions import Actor, Role
    from govdesk.exchange import keys
    from govdesk.exchange.export import export_package
    from govdesk.exchange.package import read_package
    from govdesk.services import office
    from govdesk.store.database import Database

    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        source = here / "office.db"
        shutil.copy(demo_db("100k"), source)
        db = Database.open(source, check=False)
        db.actor = Actor("bench", Role.ADMIN)
        township = office.init_database(
            here / "township.db",
            name="和平街道办事处",
            division_code="110105001000",
            kind="township",
        )
        township.actor = db.actor
        with db.session() as s:
            keys.trust(s, keys.read_key_file(keys.public_key_file(township)))
        with township.session() as s:
            keys.trust(s, keys.read_key_file(keys.public_key_file(db)))
        out = here / "stick"
        out.mkdir()
        exports, vacuums, reads = [], [], []
        result = None
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            result = export_package(db, out)
            exports.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            package = read_package(
                result.path, keyring=keys.keyring(township), own=keys.own_keys(township)
            )
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
        township.close()
    value, base = median(exports), median(vacuums)
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
                "records": sum(result.counts.values()),
                "package (MB)": round(size / 2**20, 1),
                "plain JSON (MB)": round(plain / 2**20, 1),
            },
        )
    ]


def main() -> None:
    parser = cli(__doc__.splitlines()[0])
    args = parser.parse_args()
    finish(measure(), args.json)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
