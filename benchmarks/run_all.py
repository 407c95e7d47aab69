"""Runs every benchmark, each in its own process, and writes docs/benchmarks.md.

    /work/venv/bin/python benchmarks/run_all.py [--only startup search ...]

The latest results of each script are kept in benchmarks/data/results/, so `--only` re-runs
some figures and the document still shows all of them, each with when it was measured.
The hand-written analysis between the ANALYSIS markers of docs/benchmarks.md is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from common import HERE, PYTHON, ROOT, SIZES, Result, fmt, machine

SCRIPTS = {
    "startup": "bench_startup.py",
    "search": "bench_search.py",
    "import": "bench_import.py",
    "import_floor": "bench_import_floor.py",
    "memory": "bench_memory.py",
    "pdf": "bench_pdf.py",
    "audit": "bench_audit.py",
    "backup": "bench_backup.py",
    "casefile": "bench_casefile.py",
    "mediation_filter": "bench_mediation_filter.py",
    "grid_tree": "bench_grid_tree.py",
    "volunteers": "bench_volunteers.py",
    "exchange": "bench_exchange.py",
}
DOC = ROOT / "docs" / "benchmarks.md"
RESULTS = HERE / "data" / "results"  # the latest run of each script (git-ignored)
BEGIN, END = "<!-- ANALYSIS -->", "<!-- /ANALYSIS -->"


def run(name: str, out: Path) -> str | None:
    """Run one script; its results are kept in data/results/<name>.json with when and on what."""
    print(f"== {name}", flush=True)
    proc = subprocess.run([PYTHON, SCRIPTS[name], "--json", str(out)], cwd=HERE)
    if proc.returncode != 0 or not out.exists():
        return f"{SCRIPTS[name]} failed with exit code {proc.returncode}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    record = {
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit(),
        "load_after": load(),
        "results": json.loads(out.read_text(encoding="utf-8")),
    }
    (RESULTS / f"{name}.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return None


def stored() -> list[tuple[str, dict]]:
    """The latest results of every script that has been run, in the order of SCRIPTS."""
    out = []
    for name in SCRIPTS:
        path = RESULTS / f"{name}.json"
        if path.exists():
            out.append((name, json.loads(path.read_text(encoding="utf-8"))))
    return out


def commit() -> str:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "govdesk"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return head + (" + uncommitted changes under govdesk/" if dirty else "")


def load() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def table(results: list[Result]) -> list[str]:
    lines = [
        "| Figure | govdesk (median) | Baseline (median) | Ratio | Target | Result |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        verdict = {True: "met", False: "**missed**", None: "—"}[r.met]
        lines.append(
            f"| {r.figure} | {fmt(r.value, r.unit)} | {fmt(r.baseline, r.unit)} "
            f"({r.baseline_name}) | {ratio} | {r.target} | {verdict} |"
        )
    return lines


def details(results: list[Result]) -> list[str]:
    out: list[str] = []
    for r in results:
        out += ["", f"### {r.figure}", "", f"- repeats: {r.repeats}"]
        for key, value in r.details.items():
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            out.append(f"- {key}: {value}")
    return out


def kept_analysis() -> str:
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            return text[text.index(BEGIN) : text.index(END) + len(END)]
    return f"{BEGIN}\n(no analysis yet)\n{END}"


def write(failures: list[str], command: str) -> None:
    info = machine()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    runs = stored()
    results = [Result(**r) for _, record in runs for r in record["results"]]
    lines = [
        "# govdesk benchmarks",
        "",
        "Each figure is printed beside a baseline measured in the same run (medians over",
        "repeats), because these machines are noisy and an absolute time alone says little.",
        "The scripts live in `benchmarks/` (see its README); this file is written by",
        "`benchmarks/run_all.py`, except the analysis section, which is kept by hand.",
        "",
        f"- Written: {now}, by `{command}`",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM, {info['os']}",
        f"- Software: Python {info['python']}, Qt {info['Qt']} (PySide6 {info['PySide6-Essentials']}), "
        f"SQLite {info['sqlite']}, reportlab {info['reportlab']}, python-calamine "
        f"{info['python-calamine']}, openpyxl {info['openpyxl']}, pypinyin {info['pypinyin']}",
        "- Data: `govdesk demo --residents N --seed 1` for N = "
        f"{', '.join(f'{n:,}' for n in SIZES.values())}, cached in benchmarks/data/",
        "- Other work (tests, builds of the other engineers) shared the machine during every",
        "  run; the load average after each script is listed below.",
        "",
        "## Results",
        "",
        *table(results),
        "",
        "| Script | Measured | Code | Load average after (1/5/15 min) |",
        "|---|---|---|---|",
        *[
            f"| `{SCRIPTS[name]}` | {record['measured_at']} | {record['commit']} | {record['load_after']} |"
            for name, record in runs
        ],
    ]
    if failures:
        lines += ["", "Failed in the last run (older results, if any, are shown):", ""]
        lines += [f"- {f}" for f in failures]
    lines += ["", "## Analysis", "", kept_analysis(), "", "## Details", *details(results), ""]
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {DOC}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=list(SCRIPTS), default=list(SCRIPTS))
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = shlex.join([Path(sys.executable).as_posix(), "benchmarks/run_all.py", *sys.argv[1:]])
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="govdesk-bench-") as tmp:
        for name in args.only:
            failure = run(name, Path(tmp) / f"{name}.json")
            if failure:
                failures.append(failure)
    write(failures, command)


if __name__ == "__main__":
    main()
