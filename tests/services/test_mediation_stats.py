"""Mediation statistics on a hand-checked set of cases, and the xlsx read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import mediation
from govdesk.services import mediation_stats as stats
from govdesk.services.authz import PermissionDenied
from govdesk.services.mediation import PartyInput

D = dt.date
T = dt.datetime


def _case(s, dispute_type, source, accepted_on):
    case = mediation.register_case(
        s,
        dispute_type=dispute_type,
        source=source,
        summary="纠纷",
        parties=[PartyInput(name="甲")],
        registered_on=D(2026, 2, 1),
    )
    if accepted_on is not None:
        mediation.accept_case(s, case.id, accepted_on=accepted_on)
    return case.id


def _session(s, case_id, day):
    mediation.record_session(s, case_id, held_at=T(day.year, day.month, day.day, tzinfo=dt.UTC))


def _settle(s, case_id, day, kind="written"):
    _session(s, case_id, day)
    mediation.settle_case(s, case_id, agreement_on=day, agreement_kind=kind, agreement_terms="x")


@pytest.fixture
def world(db):
    """Hand-counted: March 2026 has 6 accepted (A B C D F H), 3 settled (A E written, B
    oral), 1 failed (C), 1 terminated (D); E was accepted in February, H fails in April."""
    with db.session() as s:
        a = _case(s, "neighbour", "application", D(2026, 3, 3))
        _settle(s, a, D(2026, 3, 10))
        b = _case(s, "neighbour", "police", D(2026, 3, 5))
        _settle(s, b, D(2026, 3, 6), kind="oral")
        mediation.begin_performance(s, b)
        mediation.archive_case(s, b, archived_on=D(2026, 3, 20), archived_by="李")
        c = _case(s, "contract", "application", D(2026, 3, 5))
        _session(s, c, D(2026, 3, 6))
        mediation.fail_case(s, c, reason="告知诉讼", closed_on=D(2026, 3, 15))
        d = _case(s, "contract", "court", D(2026, 3, 8))
        mediation.terminate_case(s, d, reason="撤回申请", closed_on=D(2026, 3, 12))
        e = _case(s, "labour", "application", D(2026, 2, 20))
        _settle(s, e, D(2026, 3, 2))
        f = _case(s, "property_management", "application", D(2026, 3, 28))
        _session(s, f, D(2026, 3, 29))
        g = _case(s, "other", "application", None)
        mediation.decline_case(s, g, reason="不属于民间纠纷", declined_on=D(2026, 3, 4))
        h = _case(s, "damages", "petition", D(2026, 3, 30))
        _session(s, h, D(2026, 3, 31))
        mediation.fail_case(s, h, reason="告知仲裁", closed_on=D(2026, 4, 2))
        mediation.archive_case(s, h, archived_on=D(2026, 4, 10), archived_by="李")
    # D is archived in a later transaction: it still counts by the outcome it had.
    with db.session() as s:
        mediation.archive_case(s, d, archived_on=D(2026, 3, 25), archived_by="李", volume="卷4")
    return db


def _row(g):
    return (g.accepted, g.settled, g.failed, g.terminated, g.handled)


def test_march(world):
    with world.session() as s:
        march = stats.monthly_stats(s, 2026, 3)
    assert (march.start, march.end) == (D(2026, 3, 1), D(2026, 3, 31))
    assert _row(march.total) == (6, 3, 1, 1, 5)
    assert (march.total.settled_written, march.total.settled_oral) == (2, 1)
    assert march.handling_rate == pytest.approx(5 / 6)
    assert march.success_rate == pytest.approx(3 / 5)
    assert stats.rate_text(march.handling_rate) == "83.3%"
    assert stats.rate_text(march.success_rate) == "60.0%"
    types = {g.code: g for g in march.by_type}
    assert _row(types["neighbour"]) == (2, 2, 0, 0, 2)
    assert _row(types["contract"]) == (2, 0, 1, 1, 2)
    assert _row(types["labour"]) == (0, 1, 0, 0, 1) and types["labour"].handling_rate is None
    assert _row(types["damages"]) == (1, 0, 0, 0, 0) and types["damages"].success_rate is None
    assert types["neighbour"].label == "邻里" and len(march.by_type) == 14
    sources = {g.code: g for g in march.by_source}
    assert _row(sources["application"]) == (3, 2, 1, 0, 3)
    assert _row(sources["police"]) == (1, 1, 0, 0, 1)
    assert _row(sources["court"]) == (1, 0, 0, 1, 1)


def test_other_months_and_the_year(world):
    with world.session() as s:
        feb = stats.monthly_stats(s, 2026, 2)
        april = stats.monthly_stats(s, 2026, 4)
        year = stats.monthly_stats(s, 2026)
    assert _row(feb.total) == (1, 0, 0, 0, 0) and feb.handling_rate == 0.0
    assert feb.success_rate is None and stats.rate_text(feb.success_rate) == "—"
    assert _row(april.total) == (0, 0, 1, 0, 1)
    assert _row(year.total) == (7, 3, 2, 1, 6)
    assert year.handling_rate == pytest.approx(6 / 7) and year.success_rate == 0.5


def test_xlsx(world, tmp_path: Path):
    out = stats.export_stats_xlsx(world, year=2026, out=tmp_path / "统计.xlsx")
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names == ["汇总", "按纠纷类型", "按案件来源"]
    summary = wb.get_sheet_by_name("汇总").to_python()
    assert summary[0][0] == "人民调解案件统计（2026年）"
    assert summary[1] == [
        "月份",
        "受理",
        "调解成功",
        "其中书面协议",
        "其中口头协议",
        "调解不成",
        "终止",
        "调处",
        "调处率",
        "调解成功率",
    ]
    assert len(summary) == 2 + 12 + 1
    march = summary[4]
    assert march[:8] == ["2026年3月", 6, 3, 2, 1, 1, 1, 5]
    assert march[8] == pytest.approx(5 / 6) and march[9] == pytest.approx(0.6)
    assert summary[2][:2] == ["2026年1月", 0] and summary[2][8] == ""
    assert summary[-1][:8] == ["合计", 7, 3, 2, 1, 2, 1, 6]
    types = wb.get_sheet_by_name("按纠纷类型").to_python()
    contract = next(r for r in types if r[0] == "合同")
    assert contract[:8] == ["合同", 2, 0, 0, 0, 1, 1, 2] and contract[9] == 0.0
    sources = wb.get_sheet_by_name("按案件来源").to_python()
    assert [r[0] for r in sources[2:]][:3] == ["当事人申请", "主动调解", "公安移交"]
    assert sources[-1][:2] == ["合计", 7]
    wb.close()
    assert not (tmp_path / "统计.xlsx.part").exists()


def test_one_month_xlsx_and_checks(world, tmp_path: Path):
    out = stats.export_stats_xlsx(world, year=2026, month=3, out=tmp_path / "m.xlsx")
    wb = CalamineWorkbook.from_path(str(out))
    summary = wb.get_sheet_by_name("汇总").to_python()
    assert summary[0][0] == "人民调解案件统计（2026年3月）" and len(summary) == 3
    assert summary[2][:8] == ["2026年3月", 6, 3, 2, 1, 1, 1, 5]
    wb.close()
    with pytest.raises(DomainError), world.session() as s:
        stats.monthly_stats(s, 2026, 13)
    world.actor = Actor("vol", Role.VOLUNTEERS)
    with pytest.raises(PermissionDenied), world.session() as s:
        stats.monthly_stats(s, 2026, 3)
