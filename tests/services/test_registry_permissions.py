"""Every registry service call, for every role: allowed roles succeed, others are refused
and nothing changes (not a row, not a version, not a file); only the refusal is written down."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govdesk.domain.permissions import Permission, Role
from govdesk.forms import registry_print
from govdesk.services import privacy, registry, residents_export, residents_import
from govdesk.services.authz import PermissionDenied
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from tests.services.registry_world import (
    TODAY,
    World,
    actor_for,
    build,
    copy_of,
    refusals,
    roles_with,
    snapshot,
)
from tests.ui.residents_helpers import make_id

P = Permission
VIEW, EDIT = P.RESIDENT_VIEW, P.RESIDENT_EDIT


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return build(tmp_path_factory.mktemp("world") / "template.db")


def _session(db: Database, fn: Callable[[Any], Any]) -> Any:
    with db.session() as s:
        return fn(s)


def _import_file(tmp: Path) -> Path:
    path = tmp / "新登记.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "公民身份号码", "联系电话"])
        w.writerow(["赵敏", make_id("19950505", 44), "13600003333"])
    return path


# name -> (permissions needed, call(db, world, tmp_path))
CALLS: dict[str, tuple[tuple[Permission, ...], Callable[[Database, World, Path], Any]]] = {
    "get_person": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.get_person(s, person_id=w.zhang))),
    "find_by_id_number": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.find_by_id_number(s, id_number="x"))),
    "person_form_values": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.person_form_values(s, person_id=w.li))),
    "status_history": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.status_history(s, person_id=w.zhang))),
    "get_household": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.get_household(s, household_id=w.h1))),
    "find_household": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.find_household(s, household_number="1001"))),
    "household_members": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.household_members(s, household_id=w.h1))),
    "household_head": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.household_head(s, household_id=w.h1))),
    "person_care": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.person_care(s, person_id=w.zhang))),
    "duplicate_issues": ((VIEW,), lambda db, w, t: _session(db, lambda s: registry.duplicate_issues(s, {"name": "张伟"}))),
    "list_page": ((VIEW,), lambda db, w, t: ResidentList(db).page(ResidentFilter(text="张"))),
    "list_rows": ((VIEW,), lambda db, w, t: ResidentList(db).rows([1, 2, 3])),
    "list_count": ((VIEW,), lambda db, w, t: ResidentList(db).count(ResidentFilter())),
    "check_person": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.check_person(s, {"name": "新人"}))),
    "create_person": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.create_person(s, data={"name": "新人"}))),
    "update_person": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.update_person(s, person_id=w.li, changes={"occupation": "教师"}))),
    "change_status": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.change_status(s, person_id=w.wang, new_status="moved_out", date=TODAY, reason="迁往外地"))),
    "create_household": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.create_household(s, household_number="1003"))),
    "move_person": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.move_person(s, person_id=w.wang, household_id=w.h2, relation="head"))),
    "set_head": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.set_head(s, household_id=w.h1, person_id=w.li, old_head_relation="spouse"))),
    "split_household": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.split_household(s, household_id=w.h1, person_ids=[w.li], new_head_id=w.li, new_household_number="1004"))),
    "set_care_categories": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.set_care_categories(s, person_id=w.li, category_codes=["disabled"]))),
    "add_care_category": ((VIEW, EDIT), lambda db, w, t: _session(db, lambda s: registry.add_care_category(s, code="orphan", name_zh="孤儿"))),
    "add_sensitive_category": ((VIEW, EDIT, P.CARE_SENSITIVE), lambda db, w, t: _session(db, lambda s: registry.add_care_category(s, code="hiv", name_zh="艾滋病患者", sensitive=True))),
    "set_sensitive_care": ((VIEW, EDIT, P.CARE_SENSITIVE), lambda db, w, t: _session(db, lambda s: registry.set_care_categories(s, person_id=w.li, category_codes=["drug_user"]))),
    "filter_sensitive_care": ((VIEW, P.CARE_SENSITIVE), lambda db, w, t: ResidentList(db).page(ResidentFilter(care_code="community_correction"))),
    "reveal": ((VIEW, P.IDENTITY_REVEAL), lambda db, w, t: privacy.reveal(db, w.zhang, "id_number")),
    "import_preview": ((P.RESIDENT_IMPORT,), lambda db, w, t: residents_import.preview(db, residents_import.plan_import(_import_file(t)))),
    "import_run": ((P.RESIDENT_IMPORT,), lambda db, w, t: residents_import.run_import(db, residents_import.plan_import(_import_file(t)))),
    "export_xlsx": ((P.RESIDENT_EXPORT,), lambda db, w, t: residents_export.export_residents(db, t / "out.xlsx")),
    "export_csv": ((P.RESIDENT_EXPORT,), lambda db, w, t: residents_export.export_residents(db, t / "out.csv")),
    "print_resident": ((VIEW,), lambda db, w, t: registry_print.resident_pdf(db, w.zhang, t / "out.pdf")),
    "print_household": ((VIEW,), lambda db, w, t: registry_print.household_pdf(db, w.h1, t / "out.pdf")),
}  # fmt: skip


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("call", list(CALLS))
def test_every_call_for_every_role(world: World, tmp_path: Path, role: Role, call: str) -> None:
    needed, fn = CALLS[call]
    db = copy_of(world, tmp_path / "office.db", actor_for(role))
    try:
        if role in roles_with(*needed):
            fn(db, world, tmp_path)
        else:
            before, refused_before = snapshot(db), refusals(db)
            with pytest.raises(PermissionDenied) as info:
                fn(db, world, tmp_path)
            assert snapshot(db) == before
            # The refusal is on the trail once, with who was refused and what was asked.
            new = refusals(db)[len(refused_before) :]
            assert len(new) == 1 and new[0][0] == db.actor.username
            assert f'"permission": "{info.value.permission}"' in new[0][1]
            assert not any(
                p.suffix in (".xlsx", ".csv", ".pdf", ".part")
                for p in tmp_path.iterdir()
                if p.name != "新登记.csv"
            )
    finally:
        db.close()


def test_the_table_gives_each_call_to_the_roles_the_issue_expects() -> None:
    # The expectations above come from the role table; spell out a few so a table slip shows.
    assert roles_with(VIEW, EDIT) == {Role.ADMIN, Role.CLERK}
    assert roles_with(VIEW, P.IDENTITY_REVEAL) == {Role.ADMIN, Role.CLERK, Role.GRID, Role.MEDIATOR}
    assert roles_with(VIEW, P.CARE_SENSITIVE) == {Role.ADMIN, Role.GRID}
    assert roles_with(P.RESIDENT_EXPORT) == {Role.ADMIN, Role.CLERK}
    assert roles_with(VIEW) == set(Role)


@pytest.mark.parametrize("call", list(CALLS))
def test_nobody_signed_in_is_refused(world: World, tmp_path: Path, call: str) -> None:
    _needed, fn = CALLS[call]
    db = copy_of(world, tmp_path / "office.db", None)
    try:
        before = snapshot(db)
        with pytest.raises(PermissionDenied) as info:
            fn(db, world, tmp_path)
        assert info.value.issues[0].key == "auth.required"
        assert snapshot(db) == before
        assert refusals(db) == []  # nobody to name
    finally:
        db.close()
