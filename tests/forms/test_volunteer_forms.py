"""Volunteer printouts: certificate, duty roster and team roster, from the records to the PDF."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from govdesk.domain.messages import DomainError
from govdesk.domain.models import (
    DutyAssignment,
    DutyShift,
    HourEntry,
    Resident,
    ServiceOrder,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
    VolunteerTeamMember,
)
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.forms import volunteer_forms as forms
from govdesk.forms import volunteer_print as vp
from govdesk.forms.volunteer_data import CertificateData, ServiceLine
from govdesk.services.office import current_office
from tests.forms.conftest import make_id, page_fonts, page_text, read_pdf

TODAY = dt.date(2026, 6, 30)
MONDAY = dt.date(2026, 6, 22)
OUTSIDER_ID = make_id(dt.date(1980, 1, 1), 13)


def pdftotext(path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode()


def assert_embedded(path) -> None:
    for page in read_pdf(path).pages:
        fonts = page_fonts(page)
        assert fonts
        for base_font, embedded in fonts:
            assert "WenQuanYi" in base_font and embedded, base_font


def audit_entries(db) -> list[tuple[str, str | None, dict]]:
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT action, record_id, detail FROM audit_log WHERE action = 'print' ORDER BY seq"
        ).all()
    return [(a, r, json.loads(d)) for a, r, d in rows]


@pytest.fixture
def office(db):
    """Two volunteers (an outsider, a resident) in a team, a weekly duty, confirmed hours
    worth exactly ★ for the outsider, with an adjusting line and an order's line."""
    made: dict[str, str] = {}
    with db.session() as s:
        office_id = current_office(s).id
        resident = Resident(office_id=office_id, name="李秀英", sex="female", phone="13911112222")
        s.add(resident)
        s.flush()
        wang = Volunteer(
            office_id=office_id,
            number="V0001",
            name="王芳",
            sex="female",
            id_number=OUTSIDER_ID,
            phone="13800138000",
            skills="patrol,legal_advice",
            dual_report=True,
            joined_on=dt.date(2020, 1, 1),
        )
        li = Volunteer(
            office_id=office_id,
            number="V0002",
            resident_id=resident.id,
            name="李秀英",
            sex="female",
            skills="elderly_care",
            joined_on=dt.date(2024, 1, 1),
        )
        team = VolunteerTeam(
            office_id=office_id,
            name="红色先锋志愿服务队",
            service_area="治安巡逻",
            founded_on=dt.date(2020, 1, 1),
        )
        s.add_all([wang, li, team])
        s.flush()
        team.leader_id = wang.id
        for v in (wang, li):
            s.add(
                VolunteerTeamMember(
                    office_id=office_id,
                    team_id=team.id,
                    volunteer_id=v.id,
                    joined_on=dt.date(2024, 3, 1),
                )
            )
        patrol = VolunteerActivity(
            office_id=office_id,
            title="夜间治安巡逻",
            held_on=dt.date(2026, 3, 3),
            start_time=dt.time(19),
            end_time=dt.time(21),
            place="社区各楼栋",
        )
        order = ServiceOrder(
            office_id=office_id,
            number="2026-0001",
            requester="张大爷",
            need="更换水龙头",
            place="幸福里3号楼",
            requested_at=dt.datetime(2026, 4, 1, tzinfo=dt.UTC),
            state="done",
        )
        s.add_all([patrol, order])
        s.flush()

        def line(volunteer, minutes, served_on, state="confirmed", **extra):
            entry = HourEntry(
                office_id=office_id,
                volunteer_id=volunteer.id,
                served_on=served_on,
                minutes=minutes,
                state=state,
                **extra,
            )
            s.add(entry)
            s.flush()
            return entry

        old = line(wang, 100 * 60 - 150, dt.date(2025, 12, 1), reason="")  # before the period
        first = line(wang, 120, dt.date(2026, 3, 3), activity_id=patrol.id)
        line(
            wang,
            -30,
            dt.date(2026, 3, 5),
            kind="adjustment",
            adjusts_id=first.id,
            reason="提前离开",
        )
        line(wang, 0 + 60, dt.date(2026, 4, 2), order_id=order.id)
        line(wang, 45, dt.date(2026, 4, 9), state="pending", activity_id=patrol.id)
        shift = DutyShift(
            office_id=office_id,
            duty="patrol",
            title="夜间治安巡逻",
            weekday=2,
            start_time=dt.time(19),
            end_time=dt.time(21),
            place="社区各楼栋",
            headcount=3,
            team_id=team.id,
            start_on=dt.date(2026, 1, 1),
        )
        ended = DutyShift(
            office_id=office_id,
            duty="cleaning",
            title="楼道清洁",
            weekday=6,
            start_time=dt.time(8),
            end_time=dt.time(10),
            start_on=dt.date(2026, 1, 1),
            end_on=dt.date(2026, 6, 1),
        )
        s.add_all([shift, ended])
        s.flush()
        s.add(
            DutyAssignment(
                office_id=office_id,
                shift_id=shift.id,
                volunteer_id=li.id,
                start_on=dt.date(2026, 1, 1),
            )
        )
        s.add(
            DutyAssignment(
                office_id=office_id,
                shift_id=shift.id,
                volunteer_id=wang.id,
                start_on=dt.date(2026, 1, 1),
                end_on=dt.date(2026, 6, 23),  # left the duty on Tuesday: not on it that day
            )
        )
        made.update(wang=wang.id, li=li.id, team=team.id, old=old.id)
    return made


def test_certificate_lists_the_periods_confirmed_service_and_the_star_level(db, office, tmp_path):
    out = tmp_path / "cert.pdf"
    vp.print_certificate(
        db,
        office["wang"],
        out=out,
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 6, 30),
        today=TODAY,
    )
    with db.session() as s:
        data = vp.certificate_data(
            s, office["wang"], start=dt.date(2026, 1, 1), end=TODAY, today=TODAY, full=True
        )
    assert [(line.activity, line.minutes) for line in data.lines] == [
        ("夜间治安巡逻", 120),
        ("（调整）夜间治安巡逻：提前离开", -30),
        ("点单服务：更换水龙头", 60),
    ]
    assert (data.period_minutes, data.total_minutes, data.star_level) == (150, 6000, 1)
    assert data.activities == 2
    assert data.teams == ["红色先锋志愿服务队"]
    text = page_text(read_pdf(out).pages[0])
    assert "志愿服务证明" in text
    assert "王芳" in text and "V0001" in text
    assert "2026年01月01日至2026年06月30日" in text
    assert "参加志愿服务2次，经确认的服务时长共计2.5小时" in text
    assert "累计服务时长100小时" in text
    assert "★☆☆☆☆（一星级）" in text
    assert "（盖章）" in text and "幸福社区居民委员会" in text
    assert "特此证明" in text
    # The administrator may print the ID number in full; the pending line is not service.
    assert OUTSIDER_ID in text
    assert "0.7" not in text.split("合计")[1][:6]
    assert_embedded(out)


def test_certificate_masks_without_print_full_and_is_audited(db, office, tmp_path):
    db.actor = Actor("volunteers", Role.VOLUNTEERS)
    out = tmp_path / "cert.pdf"
    vp.print_certificate(db, office["wang"], out=out, today=TODAY)
    text = pdftotext(out)
    assert OUTSIDER_ID not in text and OUTSIDER_ID[:6] in text
    [(action, record_id, detail)] = audit_entries(db)
    assert (action, record_id, detail["form"], detail["volunteer"]) == (
        "print",
        office["wang"],
        "certificate",
        "V0001",
    )
    assert (detail["lines"], detail["minutes"], detail["masked"]) == (4, 6000, True)


def test_certificate_refusals(db, office, tmp_path):
    with pytest.raises(DomainError, match="晚于"):
        vp.print_certificate(
            db, office["wang"], out=tmp_path / "x.pdf", start=TODAY, end=dt.date(2026, 1, 1)
        )
    db.actor = Actor("grid", Role.GRID)
    with pytest.raises(PermissionDenied):
        vp.print_certificate(db, office["wang"], out=tmp_path / "y.pdf")
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()
    assert audit_entries(db) == []


def test_find_volunteer_by_number_name_or_id(db, office):
    with db.session() as s:
        assert vp.find_volunteer(s, "v0002").id == office["li"]
        assert vp.find_volunteer(s, "王芳").id == office["wang"]
        assert vp.find_volunteer(s, office["li"]).number == "V0002"
        with pytest.raises(DomainError, match="找不到志愿者"):
            vp.find_volunteer(s, "V0099")


def test_a_long_certificate_repeats_its_header_and_keeps_the_seal_with_the_total(tmp_path):
    lines = [
        ServiceLine(
            dt.date(2025, 1, 1) + dt.timedelta(days=7 * i), f"夜间治安巡逻{i}", "社区各楼栋", 120
        )
        for i in range(70)
    ]
    data = CertificateData(
        office_name="幸福社区居民委员会",
        name="王芳",
        number="V0001",
        lines=lines,
        period_minutes=70 * 120,
        total_minutes=70 * 120,
        star_level=1,
        issued_on=TODAY,
        itemised=True,
    )
    out = tmp_path / "long.pdf"
    forms.build_certificate(data, out)
    reader = read_pdf(out)
    assert len(reader.pages) >= 3
    for page in reader.pages[1:]:
        assert "志愿服务证明（续）" in page_text(page)
        assert "服务内容" in page_text(page)
    last = page_text(reader.pages[-1])
    assert "合计" in last and "（盖章）" in last and "140" in last
    grid = forms.certificate_rows(data).texts()
    assert grid[1][:3] == ["1", "2025年01月01日", "夜间治安巡逻0"]
    assert grid[-1][0] == "合计" and grid[-1][-1] == "140"


def test_duty_roster_puts_each_day_in_its_column_with_who_is_on_it(db, office, tmp_path):
    with db.session() as s:
        data = vp.duty_roster_data(s, week=dt.date(2026, 6, 25), today=TODAY)
    assert data.monday == MONDAY
    tuesday = data.days[1]
    assert [(r.title, r.names, r.headcount) for r in tuesday] == [("夜间治安巡逻", ["李秀英"], 3)]
    # The Saturday cleaning ended before this week.
    assert all(day == [] for i, day in enumerate(data.days) if i != 1)
    assert forms.shift_text(tuesday[0]) == "夜间治安巡逻\n（社区各楼栋）\n李秀英（缺2人）"
    grid = forms.roster_grid(data).texts()
    assert grid[0][2] == "周二\n06月23日"
    assert grid[1][0] == "19:00\n至\n21:00" and grid[1][2].startswith("夜间治安巡逻")
    out = tmp_path / "duty.pdf"
    vp.print_duty_roster(db, out=out, week=dt.date(2026, 6, 25))
    reader = read_pdf(out)
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    text = page_text(reader.pages[0])
    assert "志愿服务排班表" in text and "2026年06月22日—2026年06月28日" in text
    assert "李秀英（缺2人）" in text
    assert_embedded(out)
    [(_, _, detail)] = audit_entries(db)
    assert (detail["form"], detail["week"], detail["shifts"]) == ("duty-roster", "2026-06-22", 1)
    with db.session() as s:
        earlier = vp.duty_roster_data(s, week=dt.date(2026, 5, 27))
    assert [r.title for r in earlier.days[5]] == ["楼道清洁"]
    assert earlier.days[1][0].names == ["王芳", "李秀英"]


def test_team_roster_lists_leader_first_with_hours_stars_and_masked_phones(db, office, tmp_path):
    db.actor = Actor("volunteers", Role.VOLUNTEERS)
    with db.session() as s:
        data = vp.team_roster_data(s, office["team"], on=TODAY, full=False)
    assert [(m.number, m.leader, m.minutes, m.star_level) for m in data.members] == [
        ("V0001", True, 6000, 1),
        ("V0002", False, 0, 0),
    ]
    assert data.members[0].skills == "治安巡逻、法律咨询"
    assert data.members[1].phone != "13911112222" and "*" in data.members[1].phone
    assert data.leader == "王芳" and "*" in data.leader_phone
    out = tmp_path / "team.pdf"
    vp.print_team_roster(db, office["team"], out=out, on=TODAY)
    text = page_text(read_pdf(out).pages[0])
    assert "志愿服务队花名册" in text and "红色先锋志愿服务队" in text
    assert "王芳（队长）" in text and "100小时" in text and "★" in text
    assert "双报到党员1人" in text
    assert "13911112222" not in text
    assert_embedded(out)
    [(_, record_id, detail)] = audit_entries(db)
    assert (record_id, detail["members"], detail["masked"]) == (office["team"], 2, True)


def test_a_long_record_is_summed_up_by_kind_of_service(tmp_path):
    kinds = [("夜间治安巡逻", 120), ("探访独居老人", 90)]
    lines = [
        ServiceLine(
            dt.date(2025, 1, 1) + dt.timedelta(days=i), *kinds[i % 2][:1], "", kinds[i % 2][1]
        )
        for i in range(50)
    ]
    lines.append(ServiceLine(dt.date(2025, 3, 1), "（调整）漏记一次巡逻", "", 120, adjustment=True))
    data = CertificateData(
        office_name="幸福社区居民委员会",
        name="王芳",
        number="V0001",
        lines=lines,
        period_minutes=25 * 120 + 25 * 90 + 120,
        total_minutes=25 * 120 + 25 * 90 + 120,
        star_level=0,
        issued_on=TODAY,
    )
    assert not data.itemise()  # 51 lines: more than a certificate lists one by one
    grid = forms.certificate_rows(data).texts()
    assert grid[0] == ["序号", "服务期间", "服务内容", "次数", "时长（小时）"]
    assert grid[1] == ["1", "2025年01月01日\n至2025年02月18日", "夜间治安巡逻", "25次", "50"]
    assert grid[2][2:] == ["探访独居老人", "25次", "37.5"]
    assert grid[3][2:] == ["（调整）漏记一次巡逻", "—", "2"]
    assert grid[-1] == ["合计", "", "", "50次", "89.5"]
    out = tmp_path / "summary.pdf"
    forms.build_certificate(data, out)
    reader = read_pdf(out)
    assert len(reader.pages) == 1
    text = page_text(reader.pages[0])
    assert "下表按服务内容汇总" in text and "夜间治安巡逻" in text and "（盖章）" in text
    data.itemised = True
    assert forms.certificate_rows(data).texts()[0][1] == "服务日期"
