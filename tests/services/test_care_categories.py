"""The township's own care-category list: edits, additions, order, permissions and the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from govdesk.domain.messages import DomainError
from govdesk.domain.models import CareCategory, Office
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import care_categories as cats
from govdesk.services import office
from govdesk.store.database import Database

ADMIN = Actor("admin", Role.ADMIN)
OTHER_OFFICE = "other-office-id"


@pytest.fixture
def township(tmp_path: Path) -> Database:
    db = office.init_database(
        tmp_path / "township.db",
        name="和平街道办事处",
        division_code="110105001000",
        kind="township",
    )
    db.actor = ADMIN
    # An office's list as its package leaves it here: same codes, another office id.
    with db.session() as s:
        s.add(
            Office(
                id=OTHER_OFFICE,
                office_id=OTHER_OFFICE,
                name="幸福社区居民委员会",
                division_code="110105001001",
                kind="community",
            )
        )
        s.add(CareCategory(code="subsistence", name_zh="低保", office_id=OTHER_OFFICE))
        s.add(CareCategory(code="office_own", name_zh="社区自设", office_id=OTHER_OFFICE))
    yield db
    db.close()


def rows(db: Database) -> list[tuple]:
    """Every category row of every office, to show that a refusal stored nothing."""
    with db.session() as s:
        return sorted(
            (
                c.office_id,
                c.code,
                c.name_zh,
                c.name_en,
                c.sensitive,
                c.active,
                c.sort_order,
                c.version,
            )
            for c in s.exec(select(CareCategory))
        )


def audit(db: Database, since: int = 0) -> list[tuple[str, str, dict]]:
    with db.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT username, action, detail FROM audit_log WHERE record_type = 'care_category' "
            "AND seq > ? ORDER BY seq",
            (since,),
        ).all()
    return [(u, a, json.loads(d) if d else {}) for u, a, d in found]


def last_seq(db: Database) -> int:
    with db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT max(seq) FROM audit_log").scalar() or 0)


def test_lists_only_the_own_offices_categories_in_order(township):
    found = cats.categories(township)
    assert [c.code for c in found][:3] == ["subsistence", "extreme_poverty", "disabled"]
    assert len(found) == 10
    assert "office_own" not in {c.code for c in found}
    assert found[0].name_zh == "低保户"  # the township's own row, not the office's 低保


def test_a_role_without_sensitive_care_does_not_see_sensitive_categories(township):
    township.actor = Actor("clerk", Role.CLERK)
    found = cats.categories(township)
    assert [c.code for c in found] == [
        "subsistence",
        "extreme_poverty",
        "disabled",
        "elderly_alone",
        "left_behind_child",
        "veteran",
    ]


def test_update_writes_a_new_version_and_an_audit_entry(township):
    before = {c.code: c for c in cats.categories(township)}
    seq = last_seq(township)
    with township.session() as s:
        old_version = (
            s.exec(
                select(CareCategory).where(
                    CareCategory.code == "subsistence", CareCategory.office_id != OTHER_OFFICE
                )
            )
            .one()
            .version
        )
    changed = cats.update_category(
        township, "subsistence", name_zh=" 最低生活保障对象 ", name_en="Subsistence", active=False
    )
    assert (changed.name_zh, changed.name_en, changed.active) == (
        "最低生活保障对象",
        "Subsistence",
        False,
    )
    assert changed.sort_order == before["subsistence"].sort_order
    with township.session() as s:
        own, other = (
            s.exec(select(CareCategory).where(CareCategory.code == "subsistence", pick)).one()
            for pick in (
                CareCategory.office_id != OTHER_OFFICE,
                CareCategory.office_id == OTHER_OFFICE,
            )
        )
    assert own.version > old_version
    assert other.name_zh == "低保"  # the office's row is not the township's
    assert audit(township, seq) == [
        (
            "admin",
            "update",
            {
                "name_zh": ["低保户", "最低生活保障对象"],
                "name_en": ["Subsistence allowance household", "Subsistence"],
                "active": [True, False],
            },
        )
    ]


def test_add_puts_the_category_at_the_end_and_audits_it(township):
    seq = last_seq(township)
    made = cats.add_category(township, "flood_victim", "受灾群众", "Flood victim")
    assert made == cats.Category("flood_victim", "受灾群众", "Flood victim", False, True, 10)
    assert cats.categories(township)[-1].code == "flood_victim"
    entries = audit(township, seq)
    assert len(entries) == 1
    user, action, detail = entries[0]
    assert (user, action) == ("admin", "create")
    assert detail["code"] == "flood_victim" and detail["name_zh"] == "受灾群众"


@pytest.mark.parametrize(
    ("code", "name_zh", "name_en", "message"),
    [
        ("flood_victim", "  ", "", "类别名称不能为空"),
        ("Flood", "受灾群众", "", "类别代码“Flood”不可用"),
        ("a", "受灾群众", "", "类别代码“a”不可用"),
        ("x" * 41, "受灾群众", "", "不可用"),
        ("flood-victim", "受灾群众", "", "不可用"),
        ("subsistence", "受灾群众", "", "已有代码为“subsistence”的关爱类别（低保户）"),
        ("flood_victim", "低保户", "", "已有名称为“低保户”的关爱类别（subsistence）"),
        ("flood_victim", "受" * 61, "", "名称最多 60 个字"),
        ("flood_victim", "受灾\n群众", "", "名称不能包含换行"),
        ("flood_victim", "受灾群众", "E" * 61, "英文名称最多 60 个字"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(township, code, name_zh, name_en, message):
    before = rows(township)
    with pytest.raises(DomainError) as refused:
        cats.add_category(township, code, name_zh, name_en)
    assert message in str(refused.value)
    assert rows(township) == before


def test_an_office_may_already_use_the_code_the_township_adds(township):
    made = cats.add_category(township, "office_own", "township's own")
    assert made.code == "office_own"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name_zh": ""}, "类别名称不能为空"),
        ({"name_zh": "特困人员"}, "已有名称为“特困人员”的关爱类别（extreme_poverty）"),
        ({"sort_order": -1}, "排序应为 0 到 9999 之间的整数"),
        ({"sort_order": 10000}, "排序应为"),
    ],
)
def test_bad_update_is_refused_and_nothing_is_stored(township, changes, message):
    before = rows(township)
    with pytest.raises(DomainError) as refused:
        cats.update_category(township, "subsistence", active=False, **changes)
    assert message in str(refused.value)
    assert rows(township) == before


def test_an_unknown_code_is_refused(township):
    with pytest.raises(DomainError, match="没有代码为“office_own”的关爱类别"):
        cats.update_category(township, "office_own", name_zh="x")  # another office's code


def test_english_messages(township):
    from govdesk.domain import messages

    messages.set_language("en")
    with pytest.raises(DomainError, match="The category code 'X' cannot be used"):
        cats.add_category(township, "X", "受灾群众")


def test_a_role_without_settings_is_refused_and_the_refusal_audited(township):
    before = rows(township)
    township.actor = Actor("grid", Role.GRID)
    with pytest.raises(PermissionDenied, match="修改设置"):
        cats.update_category(township, "subsistence", name_zh="最低生活保障对象")
    with pytest.raises(PermissionDenied):
        cats.add_category(township, "flood_victim", "受灾群众")
    with pytest.raises(PermissionDenied):
        cats.move_category(township, "veteran", -1)
    assert rows(township) == before
    with township.connect() as conn:
        refusals = conn.exec_driver_sql(
            "SELECT count(*) FROM audit_log WHERE username = 'grid' AND action = 'refused' "
            "AND detail LIKE '%settings.manage%'"
        ).scalar()
    assert refusals == 3


def test_sensitive_categories_need_the_sensitive_permission(township, monkeypatch):
    # A role with settings but not sensitive care does not exist in the table today; the
    # rule is the service's, so the table is narrowed for this test.
    from govdesk.domain import permissions

    narrowed = dict(permissions.ROLE_PERMISSIONS)
    narrowed[permissions.Role.ADMIN] = frozenset(permissions.Permission) - {
        permissions.Permission.CARE_SENSITIVE
    }
    monkeypatch.setattr(permissions, "ROLE_PERMISSIONS", narrowed)
    before = rows(township)
    with pytest.raises(PermissionDenied, match="查看特殊关爱类别"):
        cats.update_category(township, "drug_user", name_zh="涉毒人员")
    with pytest.raises(PermissionDenied):
        cats.update_category(township, "veteran", sensitive=True)
    with pytest.raises(PermissionDenied):
        cats.add_category(township, "flood_victim", "受灾群众", sensitive=True)
    assert rows(township) == before
    # Not sensitive: allowed, and the list leaves the sensitive ones out.
    cats.update_category(township, "veteran", name_zh="退役军人和其他优抚对象")
    assert "drug_user" not in {c.code for c in cats.categories(township)}


def test_move_swaps_neighbours_and_versions_only_those(township):
    with township.session() as s:
        versions = {
            c.code: c.version
            for c in s.exec(select(CareCategory).where(CareCategory.office_id != OTHER_OFFICE))
        }
    found = cats.move_category(township, "veteran", -1)
    assert [c.code for c in found][4:6] == ["veteran", "left_behind_child"]
    assert [c.sort_order for c in found] == list(range(10))
    with township.session() as s:
        after = {
            c.code: c.version
            for c in s.exec(select(CareCategory).where(CareCategory.office_id != OTHER_OFFICE))
        }
    assert {code for code in after if after[code] != versions[code]} == {
        "veteran",
        "left_behind_child",
    }
    # At the top already: nothing moves, nothing is versioned.
    seq = last_seq(township)
    cats.move_category(township, "subsistence", -1)
    assert audit(township, seq) == []
