"""No full ID number where the role may not see one: the table, exports, printed PDFs, the
command line and the audit trail, on a real demo database signed in with its demo accounts."""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from python_calamine import CalamineWorkbook

from govdesk.cli import main
from govdesk.domain.permissions import Permission, Role
from govdesk.forms import registry_print
from govdesk.services import accounts, demo, registry, residents_export
from govdesk.services.resident_list import ResidentList
from govdesk.store.database import Database
from govdesk.ui.residents.model import ResidentTableModel
from tests.services.registry_world import CustomActor
from tests.ui.residents_helpers import make_id

FULL_ID = re.compile(r"\d{17}[\dXx]")
# A township role that may export but not reveal: none has it today; the rule must still hold.
EXPORT_ONLY = CustomActor("township", Role.VIEWER, granted=frozenset({Permission.RESIDENT_EXPORT}))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo.create_demo(path, residents=150, seed=11)
    return path


@pytest.fixture
def office(demo_db: Path, tmp_path: Path):
    """A copy of the demo file per test, so one test's audit entries are its own."""
    path = tmp_path / "demo.db"
    path.write_bytes(demo_db.read_bytes())
    db = Database.open(path)
    yield db
    db.close()


def sign_in(db: Database, role: Role) -> None:
    accounts.sign_in(db, role.value, accounts.DEMO_PASSWORD)


def full_ids(text: str) -> list[str]:
    return FULL_ID.findall(text)


def _with_id(db: Database) -> int:
    with db.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM resident WHERE status = 'on_register' AND id_number IS NOT NULL"
        ).scalar_one()


def test_the_demo_register_is_full_of_id_numbers(office: Database) -> None:
    # The checks below can fail: the file itself holds full numbers (all but the few
    # foreigners, who carry passports).
    with office.connect() as conn:
        numbers = [r[0] for r in conn.exec_driver_sql("SELECT id_number FROM resident")]
    given = [n for n in numbers if n]
    assert len(numbers) >= 150 and len(given) >= 0.9 * len(numbers)
    assert all(FULL_ID.fullmatch(n) for n in given)


@pytest.mark.parametrize("role", list(Role))
def test_the_table_shows_no_full_id_number_to_any_role(qtbot, office: Database, role) -> None:
    sign_in(office, role)
    model = ResidentTableModel(ResidentList(office))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() >= 100
    shown = []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            shown.append(str(model.data(index) or ""))
            shown.append(str(model.data(index, Qt.ItemDataRole.ToolTipRole) or ""))
    text = "\n".join(shown)
    assert full_ids(text) == []
    assert text.count("********") == _with_id(office)  # the numbers are there, masked


def _export_text(path: Path) -> str:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return "\n".join(",".join(row) for row in csv.reader(f))
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return "\n".join(",".join(str(c) for c in row) for row in sheet.to_python())


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_exports_without_reveal_hold_no_full_id_number(
    office: Database, tmp_path: Path, suffix: str
) -> None:
    office.actor = EXPORT_ONLY
    out = tmp_path / f"花名册{suffix}"
    count = residents_export.export_residents(office, out)
    text = _export_text(out)
    assert count >= 100 and full_ids(text) == []
    # The same reader finds them in a clerk's export, which may hold full numbers.
    sign_in(office, Role.CLERK)
    residents_export.export_residents(office, out)
    assert len(full_ids(_export_text(out))) == _with_id(office) >= 0.9 * count


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_printed_forms_without_print_full_hold_no_full_id_number(
    office: Database, tmp_path: Path
) -> None:
    with office.connect() as conn:
        people = conn.exec_driver_sql(
            "SELECT id, household_id FROM resident WHERE household_id IS NOT NULL LIMIT 3"
        ).all()
    for role in (Role.VIEWER, Role.GRID, Role.VOLUNTEERS):
        sign_in(office, role)
        for person_id, household_id in people:
            person = registry_print.resident_pdf(office, person_id, tmp_path / "p.pdf")
            household = registry_print.household_pdf(office, household_id, tmp_path / "h.pdf")
            assert full_ids(_pdf_text(person)) == [], role
            assert full_ids(_pdf_text(household)) == [], role
    sign_in(office, Role.CLERK)  # may print full: the same check finds the number
    person = registry_print.resident_pdf(office, people[0][0], tmp_path / "p.pdf")
    assert len(full_ids(_pdf_text(person))) == 1


def _run(argv: list[str], capsys) -> tuple[int, str]:
    rc = main(argv)
    out = capsys.readouterr()
    return rc, out.out + out.err


def test_the_command_line_prints_no_full_id_number(
    office: Database, tmp_path: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("GOVDESK_PASSWORD", accounts.DEMO_PASSWORD)
    path = str(office.path)
    with office.connect() as conn:
        id_number, number = conn.exec_driver_sql(
            "SELECT r.id_number, h.household_number FROM resident r "
            "JOIN household h ON h.id = r.household_id LIMIT 1"
        ).one()
    outputs = []
    pdf = tmp_path / "viewer.pdf"
    rc, text = _run(
        ["print", "resident", "--db", path, "--user", "viewer", "--id-number", id_number,
         "--out", str(pdf)],
        capsys,
    )  # fmt: skip
    assert rc == 0 and full_ids(_pdf_text(pdf)) == []
    outputs.append(text)
    rc, text = _run(
        ["print", "household", "--db", path, "--user", "viewer", "--household-number", number,
         "--out", str(tmp_path / "hh.pdf")],
        capsys,
    )  # fmt: skip
    assert rc == 0 and full_ids(_pdf_text(tmp_path / "hh.pdf")) == []
    outputs.append(text)
    refused = tmp_path / "refused.xlsx"
    rc, text = _run(
        ["residents", "export", "--db", path, "--user", "viewer", "--out", str(refused)], capsys
    )
    assert rc == 2 and not refused.exists()
    outputs.append(text)
    rc, text = _run(
        ["residents", "export", "--db", path, "--user", "clerk", "--out", str(tmp_path / "c.csv")],
        capsys,
    )
    assert rc == 0
    outputs.append(text)
    # An import whose problems name ID numbers: an old 15-digit one raised to 18, a duplicate.
    sheet = tmp_path / "新登记.csv"
    old = make_id("19700303", 31)
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "公民身份号码"])
        w.writerow(["孙老", old[:6] + old[8:17]])
        w.writerow(["重复", id_number])
    rc, text = _run(["residents", "import", str(sheet), "--db", path, "--user", "clerk"], capsys)
    assert rc == 1 and "升位" in text and "已登记" in text
    outputs.append(text)
    assert full_ids("\n".join(outputs)) == []


def test_the_audit_trail_holds_no_full_id_number(office: Database, tmp_path: Path, qtbot) -> None:
    sign_in(office, Role.CLERK)
    with office.connect() as conn:
        person_id, household_id = conn.exec_driver_sql(
            "SELECT id, household_id FROM resident WHERE household_id IS NOT NULL LIMIT 1"
        ).one()
    new_id = make_id("19880808", 88)
    with office.session() as s:
        created = registry.create_person(
            s, data={"name": "新登记", "id_number": new_id, "phone": "13600001234"}
        ).person.id
        registry.update_person(s, person_id=created, changes={"id_number": make_id("19880808", 98)})
    from govdesk.services import privacy

    privacy.reveal(office, person_id, "id_number")
    residents_export.export_residents(office, tmp_path / "c.xlsx")
    registry_print.resident_pdf(office, person_id, tmp_path / "p.pdf")
    registry_print.household_pdf(office, household_id, tmp_path / "h.pdf")
    with office.connect() as conn:
        lines = conn.exec_driver_sql(
            "SELECT action, username, record_type, record_id, detail FROM audit_log"
        ).all()
    actions = {line[0] for line in lines}
    assert {"login", "create", "update", "reveal", "export", "print"} <= actions
    text = "\n".join(" ".join(str(v) for v in line) for line in lines)
    assert full_ids(text) == []
    assert new_id[:6] + "********" + new_id[-4:] in text  # the change is there, masked
