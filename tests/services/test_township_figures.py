"""Township figures per office and their total, and the workbook read back with calamine."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import text

from govdesk.domain.permissions import Actor, Role
from govdesk.services import township_figures as tf
from tests.services.township_world import A_CODE, B_CODE, YEAR, open_world


@pytest.fixture
def world(tmp_path):
    w, db = open_world(tmp_path / "township.db")
    yield w, db
    db.close()


def test_figures_per_office_and_total(world):
    w, db = world
    f = tf.figures(db, YEAR)
    a, b = f.offices
    assert (a.code, b.code) == (A_CODE, B_CODE)
    assert a.by_type == {"registered": 2, "floating": 1} and a.residents == 3
    assert b.residents == 2 and f.total.residents == 5
    assert a.care["subsistence"] == 1 and b.care["drug_user"] == 1
    assert f.total.care["subsistence"] == 2
    # The township's own name for a category wins over an office's.
    assert dict(f.care_categories)["subsistence"] == "低保户"
    m = a.mediation
    assert (m.accepted, m.settled, m.failed, m.handled) == (3, 1, 1, 2)
    assert m.handling_rate == pytest.approx(2 / 3) and m.success_rate == pytest.approx(0.5)
    t = f.total.mediation
    assert (t.accepted, t.settled, t.handled) == (4, 2, 3)
    assert (a.volunteers, a.minutes, a.pending_minutes) == (1, 180, 30)
    assert f.total.minutes == 270
    assert tf.figures(db, YEAR - 1).total.minutes == 0


def test_sensitive_categories_are_left_out_for_a_role_that_may_not_see_them(world):
    _, db = world
    db.actor = Actor("viewer", Role.VIEWER)
    f = tf.figures(db, YEAR)
    codes = [c for c, _ in f.care_categories]
    assert "subsistence" in codes and "drug_user" not in codes
    assert f.hidden_sensitive
    assert "drug_user" not in f.total.care


def test_workbook_one_sheet_per_topic_one_row_per_office(world, tmp_path):
    _, db = world
    out = tf.write_workbook(db, tmp_path / "figures.xlsx", year=YEAR)
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == list(tf.SHEETS)
    types = book.get_sheet_by_name("人员类型").to_python()
    assert types[1][:3] == ["单位代码", "单位", "户籍人口"]
    assert types[2][0] == A_CODE and types[2][-1] == 3
    assert types[-1][1] == "合计" and types[-1][-1] == 5
    mediation = book.get_sheet_by_name("人民调解").to_python()
    heading = mediation[1]
    row_a = dict(zip(heading, mediation[2], strict=True))
    assert row_a["受理"] == 3 and row_a["调处"] == 2
    assert row_a["调处率"] == pytest.approx(2 / 3) and row_a["调解成功率"] == pytest.approx(0.5)
    total = dict(zip(heading, mediation[-1], strict=True))
    assert total["单位"] == "合计" and total["调解成功"] == 2
    hours = book.get_sheet_by_name("志愿服务时长").to_python()
    assert hours[-1][1] == "合计" and hours[-1][3] == pytest.approx(4.5)
    care = book.get_sheet_by_name("关爱对象").to_python()
    assert "低保户" in care[1]
    assert not list(tmp_path.glob("*.part"))
    with db.connect() as conn:
        action = conn.execute(
            text("SELECT action FROM audit_log WHERE record_type = 'township_figures'")
        ).scalar()
    assert action == "export"


def test_an_office_name_cannot_become_a_formula(world, tmp_path):
    w, db = world
    with db.begin() as conn:
        conn.execute(text("UPDATE office SET name = '=1+1' WHERE id = :a"), {"a": w.a})
    out = tf.write_workbook(db, tmp_path / "f.xlsx", year=YEAR)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("人员类型").to_python()
    assert "'=1+1" in [r[1] for r in rows]
