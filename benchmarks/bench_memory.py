"""Figure 4: memory with 1,000,000 residents open in the main window, scrolled to the end.

A fresh process opens the 1M demo database in govdesk.ui.main_window.MainWindow, shows it
offscreen at 1366x768, fetches every page the table model offers (fetchMore until
canFetchMore is false), scrolls the table to the bottom and lets it paint. Reported: the
process's peak resident set size (VmHWM). Baseline: a bare QApplication + QMainWindow
shown the same way. Target: at most 300 MB.
"""

from __future__ import annotations

from common import Result, cli, demo_db, finish, median, run_child

TARGET_MB = 300.0
REPEATS = 3

CHILD = r"""
import json, sys, time
from pathlib import Path

def peak_and_now():
    status = Path("/proc/self/status").read_text().splitlines()
    get = lambda key: next(int(l.split()[1]) / 1024 for l in status if l.startswith(key))
    return get("VmHWM:"), get("VmRSS:")

mode, db_path = sys.argv[1], sys.argv[2]
out = {}
if mode == "govdesk":
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QTableView
    from govdesk.domain.permissions import Actor, Role
    from govdesk.store.database import Database
    from govdesk.ui.app import create_app
    from govdesk.ui.main_window import MainWindow

    app = create_app(["govdesk"])
    db = Database.open(db_path)
    db.actor = Actor("admin", Role.ADMIN)  # every tab, as the administrator sees them
    window = MainWindow(db, remember=False)
    window.resize(1366, 768)
    window.show()
    for _ in range(10):
        app.processEvents()
    out["after_open_mb"] = peak_and_now()[1]
    table = window.findChild(QTableView, "residentTable")
    model = table.model()
    t0 = time.perf_counter()
    fetches = 0
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        fetches += 1
        if fetches % 20 == 0:
            app.processEvents()
    out["fetch_all_s"] = time.perf_counter() - t0
    out["fetches"] = fetches
    table.scrollToBottom()
    for _ in range(10):
        app.processEvents()
    table.viewport().repaint()
    app.processEvents()
    out["rows"] = model.rowCount()
    last = model.index(model.rowCount() - 1, 0)
    out["last_row_name"] = model.data(last)
else:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["bare"])
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    for _ in range(10):
        app.processEvents()
out["peak_mb"], out["rss_mb"] = peak_and_now()
print(json.dumps(out, ensure_ascii=False))
"""


def main() -> None:
    args = cli(__doc__.splitlines()[0]).parse_args()
    db = str(demo_db("1m"))
    app_runs, bare_runs = [], []
    for _ in range(REPEATS):
        app_runs.append(run_child(CHILD, "govdesk", db))
        bare_runs.append(run_child(CHILD, "bare", db))
    value = median([r["peak_mb"] for r in app_runs])
    base = median([r["peak_mb"] for r in bare_runs])
    last = app_runs[-1]
    result = Result(
        figure="peak memory, 1M residents open and scrolled to the end",
        value=value,
        baseline=base,
        unit="MB",
        baseline_name="bare QApplication + QMainWindow",
        target=f"<= {TARGET_MB:g} MB",
        met=value <= TARGET_MB,
        repeats=REPEATS,
        details={
            "rows in the table after fetching": last["rows"],
            "fetchMore calls / time to fetch all (s)": f"{last['fetches']} / {last['fetch_all_s']:.1f}",
            "RSS after opening, before scrolling (MB)": round(last["after_open_mb"]),
            "RSS at the end (MB)": round(last["rss_mb"]),
            "last row shown": last["last_row_name"],
            "govdesk peaks (MB)": [round(r["peak_mb"]) for r in app_runs],
            "bare peaks (MB)": [round(r["peak_mb"]) for r in bare_runs],
        },
    )
    finish([result], args.json)


if __name__ == "__main__":
    main()
