"""Hours export: confirmed lines only, the office's columns, masking, escaping, read back."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from python_calamine import CalamineWorkbook

from govdesk.domain.messages import DomainError
from govdesk.domain.models import HourEntry, Resident, Volunteer, VolunteerActivity
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import volunteer_export as export
from govdesk.services.office import current_office

DAY = dt.date(2026, 4, 11)
CONFIRMED_AT = dt.datetime(2026, 4, 12, 1, 30, tzinfo=dt.UTC)


@pytest.fixture
def ledger(db):
    """An outsider and a resident volunteer; confirmed, pending and adjusting lines."""
    with db.session() as s:
        office = current_office(s).id
        resident = Resident(
            office_id=office,
            name="李秀英",
            sex="female",
            id_number="110105194903070024",
            phone="13911112222",
        )
        s.add(resident)
        s.flush()
        outsider = Volunteer(
            office_id=office,
            number="V0001",
            name="=HYPERLINK(1)",
            sex="male",
            id_number="110105198001010014",
            phone="13800138000",
            joined_on=DAY,
        )
        member = Volunteer(
            office_id=office,
            number="V0002",
            resident_id=resident.id,
            name="李秀英",
            sex="female",
            joined_on=DAY,
        )
        activity = VolunteerActivity(
            office_id=office,
            title="环境清洁日",
            project="美丽家园",
            held_on=DAY,
            start_time=dt.time(8),
            end_time=dt.time(11),
            place="社区广场",
            organiser="社区居委会",
        )
        s.add_all([outsider, member, activity])
        s.flush()

        def line(volunteer, minutes, served_on=DAY, state="confirmed", **extra):
            entry = HourEntry(
                office_id=office,
                volunteer_id=volunteer.id,
                served_on=served_on,
                minutes=minutes,
                activity_id=activity.id,
                state=state,
                confirmed_at=CONFIRMED_AT if state == "confirmed" else None,
                confirmed_by="admin" if state == "confirmed" else "",
                **extra,
            )
            s.add(entry)
            s.flush()
            return entry

        first = line(outsider, 180)
        line(
            outsider,
            -30,
            kind="adjustment",
            adjusts_id=first.id,
            reason="提前离开",
        )
        line(member, 150)
        line(member, 90, state="pending")
        line(member, 60, served_on=dt.date(2026, 6, 1))
    return db


def read_xlsx(path):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_xlsx_has_confirmed_lines_in_the_default_platform_columns(ledger, tmp_path):
    out = tmp_path / "hours.xlsx"
    written = export.export_hours(
        ledger, start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30), out=out
    )
    assert written == 3
    rows = read_xlsx(out)
    assert rows[0] == [export.BY_CODE[c].zh for c in export.DEFAULT_COLUMNS]
    head = rows[0]
    body = [dict(zip(head, r, strict=True)) for r in rows[1:]]
    assert [
        (r["志愿者编号"], r["服务时长（小时）"], r["记录类型"], r["调整原因"]) for r in body
    ] == [
        ("V0001", 3.0, "服务", ""),
        ("V0001", -0.5, "调整", "提前离开"),
        ("V0002", 2.5, "服务", ""),
    ]
    # The administrator may see full numbers; a resident's come from the register.
    assert body[2]["证件号码"] == "110105194903070024"
    assert body[2]["联系电话"] == "13911112222"
    assert body[0]["证件类型"] == "居民身份证"
    assert body[0]["服务日期"] == DAY
    assert body[0]["活动名称"] == "环境清洁日"
    # A name that would run as a formula stays text.
    assert body[0]["姓名"] == "'=HYPERLINK(1)"


def test_csv_has_a_bom_chosen_columns_and_open_ends(ledger, tmp_path):
    out = tmp_path / "hours.csv"
    columns = ["name", "served_on", "minutes", "place", "project", "start_time", "confirmed_at"]
    assert export.export_hours(ledger, out=out, columns=columns) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [
        "姓名",
        "服务日期",
        "服务时长（分钟）",
        "服务地点",
        "服务项目",
        "开始时间",
        "确认时间",
    ]
    assert [r[2] for r in rows[1:]] == ["180", "-30", "150", "60"]
    assert rows[1][1:6] == ["2026-04-11", "180", "社区广场", "美丽家园", "08:00"]
    local = CONFIRMED_AT.astimezone().strftime("%Y-%m-%d %H:%M")
    assert rows[1][6] == local


def test_without_identity_reveal_numbers_are_masked_and_the_export_audited(ledger, tmp_path):
    ledger.actor = Actor("volunteers", Role.VOLUNTEERS)
    out = tmp_path / "hours.xlsx"
    export.export_hours(ledger, out=out, columns=["name", "id_number", "phone"])
    rows = read_xlsx(out)
    assert rows[1][1] != "110105198001010014" and "*" in rows[1][1]
    assert "*" in rows[1][2]
    with ledger.connect() as conn:
        action, user, detail = conn.exec_driver_sql(
            "SELECT action, username, detail FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).one()
    detail = json.loads(detail)
    assert (action, user, detail["count"], detail["minutes"], detail["masked"]) == (
        "export",
        "volunteers",
        4,
        360,
        True,
    )


def test_refusals_write_no_file(ledger, tmp_path):
    with pytest.raises(DomainError, match=r"不能导出为“\.pdf”文件，请选择 \.xlsx 或 \.csv"):
        export.export_hours(ledger, out=tmp_path / "hours.pdf")
    with pytest.raises(DomainError, match="未知的导出列"):
        export.export_hours(ledger, out=tmp_path / "h.csv", columns=["name", "shoe_size"])
    with pytest.raises(DomainError, match="晚于"):
        export.export_hours(
            ledger, out=tmp_path / "h.csv", start=dt.date(2026, 5, 1), end=dt.date(2026, 4, 1)
        )
    ledger.actor = Actor("grid", Role.GRID)
    with pytest.raises(PermissionDenied):
        export.export_hours(ledger, out=tmp_path / "h.csv")
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("office.db")] == []


def test_the_office_column_choice_is_kept_checked_and_audited(ledger, tmp_path):
    assert export.export_columns(ledger) == list(export.DEFAULT_COLUMNS)
    with ledger.session() as s:
        export.set_export_columns(s, ["name", "hours", "served_on"])
    assert export.export_columns(ledger) == ["name", "hours", "served_on"]
    out = tmp_path / "h.csv"
    export.export_hours(ledger, out=out)
    assert out.read_text("utf-8-sig").splitlines()[0] == "姓名,服务时长（小时）,服务日期"
    for bad in ([], ["name", "name"], ["nope"]):
        with pytest.raises(DomainError), ledger.session() as s:
            export.set_export_columns(s, bad)
    ledger.actor = Actor("volunteers", Role.VOLUNTEERS)
    with pytest.raises(PermissionDenied), ledger.session() as s:
        export.set_export_columns(s, ["name"])
    assert export.export_columns(ledger) == ["name", "hours", "served_on"]
    with ledger.connect() as conn:
        records = conn.exec_driver_sql(
            "SELECT record_id FROM audit_log WHERE record_type = 'settings'"
        ).all()
    assert records == [(export.COLUMNS_KEY,)]
