"""`govdesk mediation list|stats` on a real database: CSV columns, filters, roles, the xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from govdesk.cli import main
from govdesk.services import accounts, mediation
from govdesk.services.mediation import PartyInput
from tests.cli.conftest import PASSWORD

D = dt.date
TODAY = "2026-03-31"


def _case(s, names, accepted_on=None):
    case = mediation.register_case(
        s,
        dispute_type="邻里",
        source="当事人申请",
        summary="噪音",
        parties=[PartyInput(name=n) for n in names],
        registered_on=D(2026, 2, 1),
    )
    if accepted_on:
        mediation.accept_case(s, case.id, accepted_on=accepted_on)
    return case.id


@pytest.fixture
def cases(db, admin):
    with db.session() as s:
        late = _case(s, ["王芳", "赵强"], D(2026, 2, 27))  # due 03-27: overdue on 03-31
        soon = _case(s, ["=钱多"], D(2026, 3, 2))  # due 04-02: in 2 days
        _case(s, ["孙丽"], D(2026, 3, 20))  # due 04-20
        _case(s, ["周五"])  # registered
        settled = _case(s, ["吴六"], D(2026, 3, 3))
        mediation.record_session(s, settled, held_at=dt.datetime(2026, 3, 4, tzinfo=dt.UTC))
        mediation.settle_case(
            s, settled, agreement_on=D(2026, 3, 5), agreement_kind="written", agreement_terms="x"
        )
    return {"late": late, "soon": soon}


def _list(db_path: Path, capsys, *extra: str, user: str = "admin") -> list[list[str]]:
    argv = ["mediation", "list", "--db", str(db_path), "--user", user, "--today", TODAY]
    assert main([*argv, *extra]) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


def test_list_writes_every_case_with_its_nearest_deadline(db_path, cases, capsys):
    rows = _list(db_path, capsys)
    assert rows[0] == [
        "案号",
        "状态",
        "纠纷类型",
        "风险等级",
        "当事人",
        "登记日期",
        "受理日期",
        "期限",
        "期限类型",
    ]
    by_party = {r[4]: r for r in rows[1:]}
    assert len(by_party) == 5
    assert by_party["王芳、赵强"] == [
        "（2026）人调字第1号",
        "已受理",
        "邻里",
        "一般",
        "王芳、赵强",
        "2026-02-01",
        "2026-02-27",
        "2026-03-27 已逾期",
        "调解期限",
    ]
    # A name that looks like a formula is kept as text.
    assert by_party["'=钱多"][7] == "2026-04-02"
    assert by_party["周五"][0] == "" and by_party["周五"][7:] == ["", ""]
    assert by_party["吴六"][1] == "调解成功"
    assert by_party["吴六"][7:] == ["2026-04-04", "司法确认申请期限"]


def test_status_and_due_filters(db_path, cases, capsys):
    assert [r[4] for r in _list(db_path, capsys, "--status", "已登记")[1:]] == ["周五"]
    assert [r[4] for r in _list(db_path, capsys, "--status", "settled")[1:]] == ["吴六"]
    due = _list(db_path, capsys, "--due-within", "3")
    assert sorted(r[4] for r in due[1:]) == ["'=钱多", "王芳、赵强"]
    assert (
        main(["mediation", "list", "--db", str(db_path), "--user", "admin", "--status", "x"]) == 2
    )
    assert "不是有效的" in capsys.readouterr().err


def test_a_viewer_lists_and_a_volunteer_coordinator_is_refused(db, db_path, cases, capsys):
    accounts.create_account(db, username="town", password=PASSWORD, role="viewer")
    accounts.create_account(db, username="vol", password=PASSWORD, role="volunteers")
    rows = _list(db_path, capsys, user="town")
    assert len(rows) == 6
    code = main(["mediation", "list", "--db", str(db_path), "--user", "vol"])
    assert code == 2 and "查看调解案件" in capsys.readouterr().err


def test_stats_writes_the_workbook(db_path, cases, capsys, tmp_path):
    out = tmp_path / "调解统计.xlsx"
    argv = ["mediation", "stats", "--db", str(db_path), "--user", "admin", "--year", "2026"]
    assert main([*argv, "--month", "3", "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == (
        "2026年3月：受理3件，调解成功1件，调解不成0件，终止0件；调处率33.3%，调解成功率100.0%"
    )
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.get_sheet_by_name("汇总").to_python()[2][:3] == ["2026年3月", 3, 1]
    wb.close()


def test_stats_in_english(db_path, cases, capsys, tmp_path):
    argv = ["--lang", "en", "mediation", "stats", "--db", str(db_path), "--user", "admin"]
    assert main([*argv, "--year", "2026", "--out", str(tmp_path / "y.xlsx")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "2026: accepted 4, settled 1, failed 0, terminated 0; "
        "handling rate 25.0%, success rate 100.0%"
    )


def test_list_into_a_closed_pipe_ends_quietly(db_path, cases):
    """`govdesk mediation list | head -1`: the reader stops early; no traceback, exit 0."""
    import os
    import subprocess
    import sys

    argv = ["mediation", "list", "--db", str(db_path), "--user", "admin", "--today", TODAY]
    env = {**os.environ, "GOVDESK_PASSWORD": PASSWORD}
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: the first write fails with EPIPE
    child = subprocess.run(
        [sys.executable, "-m", "govdesk", *argv],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        timeout=120,
    )
    os.close(write_end)
    assert "Traceback" not in child.stderr
    assert child.returncode == 0
