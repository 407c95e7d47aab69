"""End to end: the township edits its care categories, sends them down, and the office has them."""

from __future__ import annotations

import pytest
from sqlmodel import select

from govdesk.domain import messages
from govdesk.domain.models import CareCategory
from govdesk.exchange import downward
from govdesk.exchange.apply import import_package
from govdesk.services import care_categories as cats
from govdesk.services.office import current_office
from govdesk.store import file_identity
from tests.exchange.conftest import OFFICE_CODE, Side, trust


@pytest.fixture(autouse=True)
def office_pc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(file_identity.MACHINE_ENV, "office-pc")
    messages.set_language("zh")


def office_categories(side: Side) -> dict[str, tuple]:
    with side.db.session() as s:
        own = current_office(s).id
        return {
            c.code: (c.name_zh, c.name_en, c.sensitive, c.active, c.sort_order)
            for c in s.exec(select(CareCategory).where(CareCategory.office_id == own))
        }


def test_a_category_renamed_and_one_added_at_the_township_reach_the_office(
    office_side, township, tmp_path
):
    trust(office_side, township)
    before = office_categories(office_side)
    cats.update_category(township.db, "subsistence", name_zh="最低生活保障对象")
    cats.add_category(township.db, "flood_victim", "受灾群众", "Flood victim")
    cats.move_category(township.db, "flood_victim", -100)  # to the top of the list

    down = tmp_path / "down"
    down.mkdir()
    result = downward.export_downward_result(township.db, down, OFFICE_CODE)
    assert result.categories == 11
    report = import_package(office_side.db, result.path)
    assert report.outcome == "applied" and report.kind == "reference", report.reason
    assert "关爱类别“最低生活保障对象”的名称：低保户 → 最低生活保障对象" in report.changes
    assert "新增关爱类别“受灾群众”（flood_victim）" in report.changes

    after = office_categories(office_side)
    assert after["subsistence"][0] == "最低生活保障对象"
    assert after["flood_victim"] == ("受灾群众", "Flood victim", False, True, 0)
    # Every other category moved one place down, as at the township; nothing else changed.
    for code, (name, name_en, sensitive, active, order) in before.items():
        if code != "subsistence":
            assert after[code] == (name, name_en, sensitive, active, order + 1)
    # The office's edit is its own version, sent up again like any edit.
    with office_side.db.connect() as conn:
        stamped = conn.exec_driver_sql(
            "SELECT version_instance FROM care_category WHERE code = 'flood_victim'"
        ).scalar()
    assert stamped == office_side.db.instance_id

    # The same package again changes nothing.
    again = import_package(office_side.db, result.path)
    assert again.outcome == "nothing_new" and again.changes == []
    assert office_categories(office_side) == after
