"""Backups: an encrypted backup and a restore of the demo database, against SQLite's own copy.

Measured (median of 3, govdesk and its baselines taking turns in each repeat, on a copy of
the cached demo database brought to the current schema, with a backup passphrase set at the
real scrypt cost):
- backups.make_backup: SQLite backup API copy in one read transaction, then AES-256-GCM in
  1 MiB chunks to a temporary name, fsync, rename.
- backups.restore_backup: scrypt unlock of the private key, decrypt to a temporary file,
  PRAGMA integrity_check, new instance id and audit entry, rename into place.
Baselines: the bare backup API copy (the floor of a consistent copy of a live file), with
`VACUUM INTO` of the same database printed beside it; for the restore, a plain file copy of
the bare backup followed by PRAGMA integrity_check (the floor of a checked restore: the
backup is not a live file, so copying its bytes is allowed there). Each restore, govdesk's
and the baseline's, goes to a path with no file on it (the old one removed untimed). Peak
memory of a child making the encrypted backup is printed beside a child making the bare
copy: it must not grow with the file. Neither QUALITY.md nor the issue sets a target for
backups or restores, so none is claimed.

    cd benchmarks && /work/venv/bin/python bench_backup.py --sizes 100k 1m
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from common import PYTHON, Result, cli, demo_db, finish, isolated_env, median, timed

TARGET = "none set"

REPEATS = 3
PASSPHRASE = "benchmark passphrase 2026"

CHILD = r"""
import json, sqlite3, sys
from pathlib import Path
from govdesk.domain.permissions import SYSTEM
from govdesk.store.database import Database
from common import peak_rss_mb
path, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
if mode == "bare":
    src = sqlite3.connect(path)
    dst = sqlite3.connect(out)
    src.backup(dst, pages=1024)
    dst.close(); src.close()
else:
    from govdesk.services import backups
    db = Database.open(path)
    db.actor = SYSTEM
    backups.make_backup(db, out)
    db.close()
print(json.dumps({"peak_mb": peak_rss_mb()}))
"""


def _child_peak(path: Path, out: Path, mode: str) -> float:
    import subprocess

    env = isolated_env()
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent)
    proc = subprocess.run(
        [PYTHON, "-c", CHILD, str(path), str(out), mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    out.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["peak_mb"])


def measure(size: str) -> list[Result]:
    from govdesk.domain.permissions import SYSTEM
    from govdesk.services import backups
    from govdesk.store import backup_file
    from govdesk.store.database import Database

    work = Path(tempfile.mkdtemp(prefix="govdesk-bench-backup-"))
    try:
        live = work / "office.db"
        shutil.copyfile(demo_db(size), live)  # the cached file is idle: a plain copy is fine here
        db = Database.open(live)  # brought to the current schema (after its own backup)
        db.actor = SYSTEM
        unlock_s = timed(lambda: backups.set_backup_passphrase(db, PASSPHRASE))
        size_mb = live.stat().st_size / 1e6

        def vacuum_into() -> None:
            raw = db.engine.raw_connection()
            try:
                raw.driver_connection.execute("VACUUM INTO ?", (str(work / "vacuum.db"),))
            finally:
                raw.close()

        def bare_copy() -> None:
            db.backup(work / "bare.db")

        out = work / "office.gdbak"

        def encrypted() -> None:
            backups.make_backup(db, out)

        vacuum, bare, made = [], [], []
        for _ in range(REPEATS):
            for name in ("vacuum.db", "bare.db", "office.gdbak"):  # untimed: a fresh target each
                (work / name).unlink(missing_ok=True)
            vacuum.append(timed(vacuum_into))
            bare.append(timed(bare_copy))
            made.append(timed(encrypted))
        db.close()

        plain_target = work / "plain-restored.db"

        def bare_restore() -> None:
            shutil.copyfile(work / "bare.db", plain_target)
            dst = sqlite3.connect(plain_target)
            assert dst.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            dst.close()

        restored = work / "restored"
        target = restored / "office.db"

        def restore() -> None:
            backups.restore_backup(out, target, PASSPHRASE)

        plain_restores, restores = [], []
        for _ in range(REPEATS):
            plain_target.unlink(missing_ok=True)
            shutil.rmtree(restored, ignore_errors=True)
            plain_restores.append(timed(bare_restore))
            restores.append(timed(restore))
        vacuum_s, bare_s, backup_s = median(vacuum), median(bare), median(made)
        bare_restore_s, restore_s = median(plain_restores), median(restores)
        header = backup_file.read_header(out)
        peak_bare = _child_peak(live, work / "peak-bare.db", "bare")
        peak_enc = _child_peak(live, work / "peak.gdbak", "encrypted")
        return [
            Result(
                figure=f"encrypted backup, {size} residents ({size_mb:.0f} MB)",
                value=backup_s,
                baseline=bare_s,
                unit="s",
                baseline_name="backup API copy alone",
                target=TARGET,
                met=None,
                repeats=REPEATS,
                details={
                    "VACUUM INTO the same data (encrypted backup / VACUUM INTO)": (
                        f"{vacuum_s:.2f} s ({backup_s / vacuum_s:.2f}x)"
                    ),
                    "encrypted backup runs (s)": [round(x, 2) for x in made],
                    "backup API copy runs (s)": [round(x, 2) for x in bare],
                    "backup file": f"{out.stat().st_size / 1e6:.0f} MB, "
                    f"{header.size // header.chunk_size + 1} chunks",
                    "peak RSS, child making the encrypted backup": f"{peak_enc:.0f} MB",
                    "peak RSS, child making the bare copy": f"{peak_bare:.0f} MB",
                },
            ),
            Result(
                figure=f"restore of that backup, {size} residents",
                value=restore_s,
                baseline=bare_restore_s,
                unit="s",
                baseline_name="plain copy + integrity_check",
                target=TARGET,
                met=None,
                repeats=REPEATS,
                details={
                    "restore runs (s)": [round(x, 2) for x in restores],
                    "plain copy + integrity_check runs (s)": [round(x, 2) for x in plain_restores],
                    "setting the backup passphrase (a key pair, sealed with scrypt n=2**17, r=8; "
                    "a restore unlocks it with the same scrypt once)": f"{unlock_s:.2f} s",
                },
            ),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = cli(__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1m"], choices=["100k", "1m"])
    args = parser.parse_args()
    results: list[Result] = []
    for size in args.sizes:
        results.extend(measure(size))
    finish(results, args.json)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
