"""Shared by the benchmark scripts: demo databases, timing, subprocess runs and result records."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"  # git-ignored: demo databases and workbooks made on first use
PYTHON = sys.executable
SIZES = {"100k": 100_000, "1m": 1_000_000}
DEMO_SEED = 1


@dataclass
class Result:
    """One figure beside its baseline, both measured in the same run."""

    figure: str  # e.g. "search, 100k residents"
    value: float
    baseline: float | None
    unit: str  # "ms", "s", "MB"
    baseline_name: str
    target: str  # in words, e.g. "median <= 50 ms"
    met: bool | None  # None when there is no target to meet
    repeats: int
    details: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline


def demo_db(size: str) -> Path:
    """The cached demo database of `size` ("100k" or "1m"), made with `govdesk demo` if missing."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"residents-{size}.db"
    if not path.exists():
        print(f"making {path.name} with govdesk demo (once) ...", file=sys.stderr, flush=True)
        subprocess.run(
            [
                PYTHON,
                "-m",
                "govdesk",
                "demo",
                "--db",
                str(path),
                "--residents",
                str(SIZES[size]),
                "--seed",
                str(DEMO_SEED),
            ],
            check=True,
        )
    return path


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call takes."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def isolated_env() -> dict[str, str]:
    """Environment for child processes: offscreen Qt and a throw-away settings folder,
    so that no benchmark reads or writes the clerk's own preferences."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    home = Path(tempfile.mkdtemp(prefix="govdesk-bench-"))
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_DATA_HOME"] = str(home / "data")
    # An installed program has its modules compiled (pip writes .pyc files); this working
    # tree runs with PYTHONDONTWRITEBYTECODE, which would make every child compile govdesk
    # from source again. A cache folder outside the tree gives children what an install has.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


def run_child(code: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run `code` in a fresh Python; its last stdout line is a JSON object, returned."""
    proc = subprocess.run(
        [PYTHON, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env or isolated_env(),
        timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def report(results: list[Result]) -> None:
    """Print each figure beside its baseline."""
    for r in results:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        verdict = {True: "met", False: "MISSED", None: "no target"}[r.met]
        print(
            f"{r.figure}: {fmt(r.value, r.unit)} vs {r.baseline_name} {fmt(r.baseline, r.unit)}"
            f" = {ratio}  (target {r.target}: {verdict}; n={r.repeats})"
        )
        for key, value in r.details.items():
            print(f"    {key}: {value}")


def cli(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    return parser


def finish(results: list[Result], json_path: Path | None) -> None:
    report(results)
    if json_path:
        json_path.write_text(
            json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    import sqlite3

    info = {
        "nproc": str(os.cpu_count()),
        "cpu": _cpu_model(),
        "ram": _ram(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    from importlib.metadata import PackageNotFoundError, version

    for name in ("PySide6-Essentials", "reportlab", "python-calamine", "openpyxl", "pypinyin"):
        try:
            info[name] = version(name)
        except PackageNotFoundError:
            info[name] = "?"
    try:
        from PySide6.QtCore import qVersion

        info["Qt"] = qVersion()
    except Exception:
        info["Qt"] = "?"
    return info


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "?"


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
