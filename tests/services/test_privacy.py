"""Masking, audited reveals, sensitive care kept out of sight, and audited exports/prints/imports."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Permission, Role
from govdesk.forms import registry_print
from govdesk.services import privacy, registry, residents_export, residents_import
from govdesk.services.authz import PermissionDenied
from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.store.database import Database
from tests.services.registry_world import (
    ADMIN,
    LI_ID,
    ZHANG_ID,
    ZHANG_PHONE,
    CustomActor,
    World,
    actor_for,
    build,
    copy_of,
)
from tests.ui.residents_helpers import make_id

CLERK, GRID, VIEWER = actor_for(Role.CLERK), actor_for(Role.GRID), actor_for(Role.VIEWER)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return build(tmp_path_factory.mktemp("world") / "template.db")


@pytest.fixture
def office(world: World, tmp_path: Path) -> Database:
    db = copy_of(world, tmp_path / "office.db", ADMIN)
    yield db
    db.close()


def audit_rows(db: Database, action: str) -> list[tuple]:
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT username, record_type, record_id, detail FROM audit_log WHERE action = ? "
            "ORDER BY seq",
            (action,),
        ).all()


# -- the list --------------------------------------------------------------------------
@pytest.mark.parametrize("role", list(Role))
def test_list_rows_are_masked_for_every_role(office: Database, role: Role) -> None:
    office.actor = actor_for(role)
    listing = ResidentList(office)
    page = listing.page(ResidentFilter())
    rows = listing.rows([rid for _, rid in page])
    by_name = {r["name"]: r for r in rows.values()}
    assert by_name["张伟"]["id_number"] == ZHANG_ID[:6] + "********" + ZHANG_ID[-4:]
    assert by_name["张伟"]["phone"] == "139****5678"


def test_a_full_id_number_finds_the_person_and_shows_masked(office: Database) -> None:
    office.actor = VIEWER
    listing = ResidentList(office)
    page = listing.page(ResidentFilter(text=LI_ID))
    assert len(page) == 1
    (row,) = listing.rows([page[0][1]]).values()
    assert row["name"] == "李娜"
    assert row["id_number"] == LI_ID[:6] + "********" + LI_ID[-4:]
    assert listing.count(ResidentFilter(text=ZHANG_PHONE)) == 1


# -- reveal ----------------------------------------------------------------------------
def test_reveal_gives_the_full_value_and_is_audited(office: Database, world: World) -> None:
    office.actor = CLERK
    assert privacy.reveal(office, world.zhang, "id_number") == ZHANG_ID
    assert privacy.reveal(office, world.zhang, "phone") == ZHANG_PHONE
    entries = audit_rows(office, "reveal")
    assert [(u, t, r, json.loads(d)) for u, t, r, d in entries] == [
        ("clerk", "resident", world.zhang, {"field": "id_number"}),
        ("clerk", "resident", world.zhang, {"field": "phone"}),
    ]
    # The trail says which field was seen, never the value itself.
    assert all(ZHANG_ID not in d and ZHANG_PHONE not in d for *_x, d in entries)


def test_reveal_refuses_other_fields(office: Database, world: World) -> None:
    with pytest.raises(DomainError):
        privacy.reveal(office, world.zhang, "name")
    assert audit_rows(office, "reveal") == []


def test_a_read_only_file_refuses_what_it_cannot_audit(
    office: Database, world: World, tmp_path: Path
) -> None:
    office.close()
    ro = Database.open(office.path, read_only=True)
    ro.actor = ADMIN
    try:
        calls = [
            lambda: privacy.reveal(ro, world.zhang, "id_number"),
            lambda: residents_export.export_residents(ro, tmp_path / "out.xlsx"),
            lambda: registry_print.resident_pdf(ro, world.zhang, tmp_path / "out.pdf"),
        ]
        for call in calls:
            with pytest.raises(DomainError) as info:
                call()
            assert "只读" in str(info.value)
        assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "out.pdf").exists()
        assert ResidentList(ro).count(ResidentFilter()) == 3  # looking still works
    finally:
        ro.close()


# -- a masked value is never stored --------------------------------------------------------
def _stored(db: Database, person_id: str) -> tuple[str, str]:
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT id_number, phone FROM resident WHERE id = ?", (person_id,)
        ).one()


def test_the_masked_form_values_saved_back_keep_the_real_numbers(
    office: Database, world: World
) -> None:
    office.actor = CLERK
    with office.session() as s:
        shown = registry.person_form_values(s, person_id=world.zhang)
    assert shown["id_number"] == ZHANG_ID[:6] + "********" + ZHANG_ID[-4:]
    assert shown["phone"] == "139****5678"
    with office.session() as s:
        values, issues = registry.check_person(s, {**shown}, exclude_id=world.zhang)
    assert [i.key for i in issues if not i.warning] == []
    assert values["id_number"] == shown["id_number"]  # handed back masked
    with office.session() as s:
        registry.update_person(
            s,
            person_id=world.zhang,
            changes={
                "id_number": shown["id_number"],
                "phone": shown["phone"],
                "occupation": "厨师",
            },
        )
    assert _stored(office, world.zhang) == (ZHANG_ID, ZHANG_PHONE)
    with office.session() as s:
        assert registry.get_person(s, person_id=world.zhang).occupation == "厨师"


def test_other_masked_text_is_refused_and_nothing_changes(office: Database, world: World) -> None:
    office.actor = CLERK
    for changes in ({"phone": "138****0000"}, {"id_number": "110105********0000"}):
        with pytest.raises(DomainError) as info, office.session() as s:
            registry.update_person(s, person_id=world.zhang, changes=changes)
        assert info.value.issues[0].key == "privacy.masked_value"
    with pytest.raises(DomainError), office.session() as s:
        registry.create_person(s, data={"name": "新人", "phone": "139****5678"})
    assert _stored(office, world.zhang) == (ZHANG_ID, ZHANG_PHONE)


def test_a_new_number_typed_over_the_mask_is_stored(office: Database, world: World) -> None:
    office.actor = CLERK
    with office.session() as s:
        registry.update_person(s, person_id=world.zhang, changes={"phone": "13511112222"})
    assert _stored(office, world.zhang) == (ZHANG_ID, "13511112222")


# -- sensitive care --------------------------------------------------------------------------
def test_sensitive_categories_are_absent_without_the_permission(
    office: Database, world: World
) -> None:
    office.actor = CLERK
    with office.session() as s:
        codes = {c.code for c in registry.care_categories(s, include_inactive=True)}
        mine = {c.category_code for c in registry.person_care(s, person_id=world.zhang)}
    assert "community_correction" not in codes and "subsistence" in codes
    assert mine == {"subsistence"}
    office.actor = GRID
    with office.session() as s:
        codes = {c.code for c in registry.care_categories(s)}
        mine = {c.category_code for c in registry.person_care(s, person_id=world.zhang)}
    assert {"community_correction", "drug_user"} <= codes
    assert mine == {"subsistence", "community_correction"}


def test_a_clerk_editing_care_keeps_the_categories_they_cannot_see(
    office: Database, world: World
) -> None:
    office.actor = CLERK
    with office.session() as s:
        registry.set_care_categories(s, person_id=world.zhang, category_codes=["disabled"])
    office.actor = ADMIN
    with office.session() as s:
        mine = {c.category_code for c in registry.person_care(s, person_id=world.zhang)}
    assert mine == {"disabled", "community_correction"}  # 低保户 ended, 社区矫正 untouched


def test_filtering_by_a_hidden_category_is_refused(office: Database) -> None:
    office.actor = CLERK
    with pytest.raises(PermissionDenied):
        ResidentList(office).count(ResidentFilter(care_code="community_correction"))
    office.actor = GRID
    assert ResidentList(office).count(ResidentFilter(care_code="community_correction")) == 1


# -- exports -----------------------------------------------------------------------------------
NO_REVEAL = CustomActor("township", Role.VIEWER, granted=frozenset({Permission.RESIDENT_EXPORT}))


def _export_rows(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return [[str(c) for c in row] for row in sheet.to_python()]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_without_reveal_is_masked_and_audited(
    office: Database, tmp_path: Path, suffix: str
) -> None:
    office.actor = NO_REVEAL
    out = tmp_path / f"花名册{suffix}"
    assert residents_export.export_residents(office, out) == 3
    rows = _export_rows(out)
    col = {h: i for i, h in enumerate(rows[0])}
    zhang = next(r for r in rows if r[col["姓名"]] == "张伟")
    assert zhang[col["公民身份号码"]] == ZHANG_ID[:6] + "********" + ZHANG_ID[-4:]
    assert zhang[col["联系电话"]] == "139****5678"
    assert zhang[col["关爱类别"]] == "低保户"  # no 社区矫正对象 without care.sensitive
    ((user, rtype, _rid, detail),) = audit_rows(office, "export")
    detail = json.loads(detail)
    assert (user, rtype) == ("township", "resident")
    assert detail["file"] == str(out) and detail["count"] == 3
    assert detail["masked"] is True and detail["sensitive_care"] is False
    assert "公民身份号码" in detail["columns"]


def test_a_clerk_exports_full_numbers_without_sensitive_care(
    office: Database, tmp_path: Path
) -> None:
    office.actor = CLERK
    out = tmp_path / "花名册.csv"
    residents_export.export_residents(office, out)
    rows = _export_rows(out)
    col = {h: i for i, h in enumerate(rows[0])}
    zhang = next(r for r in rows if r[col["姓名"]] == "张伟")
    assert zhang[col["公民身份号码"]] == ZHANG_ID
    assert zhang[col["关爱类别"]] == "低保户"
    assert json.loads(audit_rows(office, "export")[0][3])["masked"] is False
    office.actor = ADMIN
    residents_export.export_residents(office, out)
    rows = _export_rows(out)
    zhang = next(r for r in rows if r[col["姓名"]] == "张伟")
    assert zhang[col["关爱类别"]] == "低保户、社区矫正对象"


# -- prints --------------------------------------------------------------------------------
def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_prints_are_masked_without_print_full_and_audited(
    office: Database, world: World, tmp_path: Path
) -> None:
    office.actor = GRID  # sees sensitive care, may not print full numbers
    pdf = registry_print.resident_pdf(office, world.zhang, tmp_path / "grid.pdf")
    text = _pdf_text(pdf)
    assert ZHANG_ID not in text and ZHANG_ID[-4:] in text and "139****5678" in text
    assert "社区矫正对象" in text
    office.actor = CLERK  # full numbers, no sensitive care
    text = _pdf_text(registry_print.resident_pdf(office, world.zhang, tmp_path / "clerk.pdf"))
    assert ZHANG_ID in text and ZHANG_PHONE in text
    assert "社区矫正对象" not in text and "低保户" in text
    text = _pdf_text(registry_print.household_pdf(office, world.h1, tmp_path / "h.pdf"))
    assert ZHANG_ID in text and LI_ID in text
    office.actor = VIEWER
    text = _pdf_text(registry_print.household_pdf(office, world.h1, tmp_path / "hv.pdf"))
    assert ZHANG_ID not in text and LI_ID not in text and "139****5678" in text
    entries = [(u, t, r, json.loads(d)) for u, t, r, d in audit_rows(office, "print")]
    assert [(u, t, r, d["masked"]) for u, t, r, d in entries] == [
        ("grid", "resident", world.zhang, True),
        ("clerk", "resident", world.zhang, False),
        ("clerk", "household", world.h1, False),
        ("viewer", "household", world.h1, True),
    ]
    assert entries[0][3]["form"] == "居民信息登记表"
    assert entries[0][3]["file"] == str(tmp_path / "grid.pdf")


# -- imports ---------------------------------------------------------------------------------
def test_an_import_is_one_audit_entry_with_counts_and_versions(
    office: Database, tmp_path: Path
) -> None:
    path = tmp_path / "新登记.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "公民身份号码", "户号", "与户主关系"])
        w.writerow(["赵敏", make_id("19950505", 44), "2001", "户主"])
        w.writerow(["钱多", make_id("19960606", 55), "2001", "配偶"])
        w.writerow(["重复", ZHANG_ID, "", ""])
    office.actor = CLERK
    before = int(office.meta("version_counter") or 0)
    report = residents_import.run_import(office, residents_import.plan_import(path))
    assert (report.imported, report.rejected) == (2, 1)
    ((user, rtype, _rid, detail),) = audit_rows(office, "import")
    detail = json.loads(detail)
    assert (user, rtype) == ("clerk", "resident")
    assert detail["file"] == str(path)
    assert (detail["rows"], detail["imported"], detail["rejected"]) == (3, 2, 1)
    assert detail["households_created"] == 1
    after = int(office.meta("version_counter") or 0)
    assert detail["versions"] == [before + 1, after] and after > before
    with office.connect() as conn:
        stamped = conn.exec_driver_sql(
            "SELECT min(version), max(version) FROM resident WHERE name IN ('赵敏', '钱多')"
        ).one()
    assert detail["versions"][0] <= stamped[0] <= stamped[1] <= detail["versions"][1]
