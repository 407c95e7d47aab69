"""Runs every benchmark, each in its own process, and writes docs/benchmarks.md.

    /work/venv/bin/python benchmarks/run_all.py [--only startup search ...]

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
    "memory": "bench_memory.py",
    "pdf": "bench_pdf.py",
}
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- ANALYSIS -->", "<!-- /ANALYSIS -->"


def run(name: str, out: Path) -> tuple[list[Result], str | None]:
    print(f"== {name}", flush=True)
    proc = subprocess.run([PYTHON, SCRIPTS[name], "--json", str(out)], cwd=HERE)
    if proc.returncode != 0 or not out.exists():
        return [], f"{SCRIPTS[name]} failed with exit code {proc.returncode}"
    return [Result(**r) for r in json.loads(out.read_text(encoding="utf-8"))], None


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


def write(results: list[Result], failures: list[str], command: str, loads: tuple[str, str]) -> None:
    info = machine()
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "govdesk"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    lines = [
        "# govdesk benchmarks",
        "",
        "Each figure is printed beside a baseline measured in the same run (medians over",
        "repeats), because these machines are noisy and an absolute time alone says little.",
        "The scripts live in `benchmarks/` (see its README); this file is written by",
        "`benchmarks/run_all.py`, except the analysis section, which is kept by hand.",
        "",
        f"- Date: {now}",
        f"- Command: `{command}`",
        f"- Code: commit {commit}{' with uncommitted changes under govdesk/' if dirty else ''}",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['ram']} RAM, {info['os']}",
        f"- Software: Python {info['python']}, Qt {info['Qt']} (PySide6 {info['PySide6-Essentials']}), "
        f"SQLite {info['sqlite']}, reportlab {info['reportlab']}, python-calamine "
        f"{info['python-calamine']}, openpyxl {info['openpyxl']}, pypinyin {info['pypinyin']}",
        f"- Load average (1/5/15 min) at start: {loads[0]}; at end: {loads[1]} "
        "(other work shared the machine)",
        f"- Data: `govdesk demo --residents N --seed 1` for N = "
        f"{', '.join(f'{n:,}' for n in SIZES.values())}, cached in benchmarks/data/",
        "",
        "## Results",
        "",
        *table(results),
    ]
    if failures:
        lines += ["", "Not measured in this run:", ""] + [f"- {f}" for f in failures]
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
    start_load = load()
    results: list[Result] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="govdesk-bench-") as tmp:
        for name in args.only:
            got, failure = run(name, Path(tmp) / f"{name}.json")
            results += got
            if failure:
                failures.append(failure)
    write(results, failures, command, (start_load, load()))


if __name__ == "__main__":
    main()
