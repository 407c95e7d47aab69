"""Grid events through their life cycle, photos, the mediation link, lists and the ledgers."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from python_calamine import CalamineWorkbook
from sqlmodel import select

from govdesk.domain.audit import AuditAction
from govdesk.domain.messages import DomainError
from govdesk.domain.models import AttachmentContent, AuditEntry, GridEvent, MediationCase, Meta
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import grid_events as events_svc
from govdesk.services import grid_ledgers, grids, mediation, places
from govdesk.services.grid_events import (
    add_event_photo,
    close_event,
    dispatch_event,
    event_to_mediation,
    handle_event,
    report_again,
    report_event,
    return_event,
)
from govdesk.store.database import Database

D = dt.date
CST = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """`hour` o'clock on `day` on this PC's clock, as a clerk types it."""
    return dt.datetime.combine(day, dt.time(hour)).astimezone().astimezone(dt.UTC)


def png(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def report(db: Database, day: dt.date | None = None, **kw) -> str:
    day = day or D(2026, 3, 2)
    with db.session() as s:
        kw.setdefault("category", "环境卫生")
        kw.setdefault("description", "3号楼下垃圾堆放")
        return report_event(s, reported_at=at(day), **kw).id


def _get(db: Database, event_id: str) -> GridEvent:
    with db.session() as s:
        event = s.get(GridEvent, event_id)
        s.expunge(event)
        return event


def test_numbers_run_per_year_and_are_never_reused(db):
    first = report(db, D(2026, 3, 2))
    second = report(db, D(2026, 3, 3))
    # A report that fails (rolled back) gives its number back.
    with pytest.raises(DomainError), db.session() as s:
        report_event(s, category="环境卫生", description="x", reported_at=at(D(2026, 3, 4)))
        report_event(s, category="不存在", description="x", reported_at=at(D(2026, 3, 4)))
    third = report(db, D(2026, 3, 5))
    next_year = report(db, D(2027, 1, 1), description="元旦烟花")
    numbers = [_get(db, i).number for i in (first, second, third, next_year)]
    assert numbers == ["2026-0001", "2026-0002", "2026-0003", "2027-0001"]
    with db.session() as s:
        assert s.get(Meta, "grid_event_seq:2026").value == "3"


def test_local_day_decides_the_year():
    # 07:00 on 1 January in Beijing is still 31 December in UTC.
    early = dt.datetime(2027, 1, 1, 7, tzinfo=CST)
    from govdesk.domain.grid_events import local_day

    assert local_day(early.astimezone(dt.UTC)) == early.astimezone().date()


def test_times_are_stored_in_utc(db):
    local = dt.datetime(2026, 3, 2, 9, 30)  # no zone: the PC's local time
    with db.session() as s:
        event_id = report_event(
            s, category="环境卫生", description="路灯不亮", reported_at=local
        ).id
    row = events_svc.events(db, today=D(2026, 3, 2))[0]
    assert row.id == event_id
    assert row.reported_at == local.astimezone(dt.UTC)
    assert row.reported_at.astimezone().replace(tzinfo=None) == local


def test_report_checks_its_fields(db):
    with db.session() as s, pytest.raises(DomainError) as bad:
        report_event(s, category="不存在", description="  ", reported_at=at(D(2026, 3, 2)))
    text = str(bad.value)
    assert "不存在" in text and "事件描述不能为空" in text


def test_the_whole_life_cycle(db):
    event_id = report(db, reporter=" 王网格 ", location="幸福里小区3号楼")
    with db.session() as s:
        dispatch_event(
            s, event_id, department="城管科", dispatched_on=D(2026, 3, 3), due_on=D(2026, 3, 10)
        )
        handle_event(s, event_id, handled_on=D(2026, 3, 8), feedback="已清运")
        close_event(s, event_id, closed_on=D(2026, 3, 9))
    e = _get(db, event_id)
    assert (e.state, e.department, e.due_on, e.feedback, e.closed_on) == (
        "closed",
        "城管科",
        D(2026, 3, 10),
        "已清运",
        D(2026, 3, 9),
    )
    assert e.reporter == "王网格" and e.location == "幸福里小区3号楼"


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (lambda s, i: handle_event(s, i, handled_on=D(2026, 3, 3), feedback="x"), "不能登记办理"),
        (lambda s, i: close_event(s, i, closed_on=D(2026, 3, 3)), "不能办结"),
        (lambda s, i: report_again(s, i), "不能重新上报"),
    ],
)
def test_steps_out_of_order_are_refused(db, step, message):
    event_id = report(db)
    with db.session() as s, pytest.raises(DomainError) as refused:
        step(s, event_id)
    assert "已上报" in str(refused.value) and message in str(refused.value)
    assert _get(db, event_id).state == "reported"


def test_dates_cannot_run_backwards(db):
    event_id = report(db, D(2026, 3, 5))
    with db.session() as s, pytest.raises(DomainError) as bad:
        dispatch_event(
            s, event_id, department="城管科", dispatched_on=D(2026, 3, 4), due_on=D(2026, 3, 3)
        )
    text = str(bad.value)
    assert "交办日期不能早于上报日期" in text and "办理期限不能早于交办日期" in text
    assert _get(db, event_id).state == "reported"


def test_returned_and_reported_again(db):
    event_id = report(db)
    with db.session() as s:
        dispatch_event(
            s, event_id, department="房管所", dispatched_on=D(2026, 3, 3), due_on=D(2026, 3, 10)
        )
    with db.session() as s, pytest.raises(DomainError, match="退回理由不能为空"):
        return_event(s, event_id, returned_on=D(2026, 3, 4), reason=" ")
    assert _get(db, event_id).state == "dispatched"
    with db.session() as s:
        return_event(s, event_id, returned_on=D(2026, 3, 4), reason="不属本部门职责")
    returned = _get(db, event_id)
    assert returned.state == "returned"
    assert returned.returned_reason == "不属本部门职责"
    assert returned.department == "房管所"  # the dispatch is still on the record
    with db.session() as s, pytest.raises(DomainError, match="不能退回"):
        return_event(s, event_id, returned_on=D(2026, 3, 4), reason="再退")
    with db.session() as s:
        report_again(s, event_id, description="3号楼下垃圾堆放，物业未清理")
    again = _get(db, event_id)
    assert again.state == "reported"
    assert again.number == returned.number
    assert again.description == "3号楼下垃圾堆放，物业未清理"
    assert (again.department, again.due_on, again.returned_reason) == (None, None, None)
    with db.session() as s:
        dispatch_event(
            s, event_id, department="物业公司", dispatched_on=D(2026, 3, 5), due_on=D(2026, 3, 8)
        )
    assert _get(db, event_id).state == "dispatched"


def test_closed_events_cannot_be_returned(db):
    event_id = report(db)
    with db.session() as s:
        dispatch_event(
            s, event_id, department="城管科", dispatched_on=D(2026, 3, 3), due_on=D(2026, 3, 10)
        )
        handle_event(s, event_id, handled_on=D(2026, 3, 4), feedback="已处理")
        close_event(s, event_id, closed_on=D(2026, 3, 4))
    with db.session() as s, pytest.raises(DomainError, match="已办结"):
        return_event(s, event_id, returned_on=D(2026, 3, 5), reason="x")


def test_a_viewer_reads_but_does_not_change(db):
    event_id = report(db)
    db.actor = Actor("viewer", Role.VIEWER)
    with db.session() as s, pytest.raises(PermissionDenied):
        dispatch_event(
            s, event_id, department="城管科", dispatched_on=D(2026, 3, 3), due_on=D(2026, 3, 10)
        )
    rows = events_svc.events(db, today=D(2026, 3, 3))
    assert [r.id for r in rows] == [event_id]


def test_the_grid_comes_from_the_place_on_the_day(db):
    with db.session() as s:
        compound = places.add_place(s, kind="compound", name="幸福里小区")
        b3 = places.add_place(s, kind="building", name="3号楼", parent_id=compound.id)
        east = grids.create_grid(s, name="东区网格")
        west = grids.create_grid(s, name="西区网格")
        grids.assign_places(s, place_ids=[b3.id], grid_id=east.id, on=D(2026, 1, 1))
        grids.assign_places(s, place_ids=[b3.id], grid_id=west.id, on=D(2026, 3, 3))
        b3_id, east_id, west_id = b3.id, east.id, west.id
    before = report(db, D(2026, 3, 2), place_id=b3_id)
    after = report(db, D(2026, 3, 3), place_id=b3_id)
    named = report(db, D(2026, 3, 3), place_id=b3_id, grid_id=east_id)
    assert [_get(db, i).grid_id for i in (before, after, named)] == [east_id, west_id, east_id]
    rows = events_svc.events(db, grid_id=east_id, today=D(2026, 3, 3))
    assert [r.id for r in rows] == [before, named]
    assert rows[0].grid_name == "东区网格"


def test_photos_are_images_stored_once(db):
    event_id = report(db)
    picture = png()
    with db.session() as s:
        one = add_event_photo(
            s, event_id, data=picture, file_name="C:\\照片\\垃圾.png", added_on=D(2026, 3, 2)
        )
        two = add_event_photo(
            s, event_id, data=picture, file_name="again.png", added_on=D(2026, 3, 2)
        )
        assert one.media_type == "image/png"
        assert one.file_name == "垃圾.png"
        assert one.sha256 == hashlib.sha256(picture).hexdigest() == two.sha256
    with db.session() as s:
        assert len(s.exec(select(AttachmentContent)).all()) == 1
        assert [p.id for p in events_svc.event_photos(s, event_id)] == [one.id, two.id]
        assert events_svc.read_event_photo(s, one.id) == picture
    with db.session() as s, pytest.raises(DomainError, match="不是图片"):
        add_event_photo(
            s, event_id, data=b"%PDF-1.4 scan", file_name="a.pdf", added_on=D(2026, 3, 2)
        )
    assert events_svc.events(db, today=D(2026, 3, 2))[0].photos == 2


def test_a_damaged_photo_is_reported_not_returned(db):
    from sqlalchemy import text

    from govdesk.store.errors import StorageError

    event_id = report(db)
    with db.session() as s:
        photo_id = add_event_photo(
            s, event_id, data=png(), file_name="现场.png", added_on=D(2026, 3, 2)
        ).id
    with db.begin() as conn:
        conn.execute(text("UPDATE attachment_content SET data = :d"), {"d": png((1, 2, 3))})
    with db.session() as s, pytest.raises(StorageError, match="现场.png"):
        events_svc.read_event_photo(s, photo_id)


def test_a_photo_from_a_file(db, tmp_path):
    event_id = report(db)
    path = tmp_path / "现场.png"
    path.write_bytes(png((0, 90, 0)))
    with db.session() as s:
        photo = add_event_photo(s, event_id, path=path, added_on=D(2026, 3, 2))
        assert (photo.file_name, photo.size) == ("现场.png", path.stat().st_size)
    with db.session() as s, pytest.raises(DomainError, match="无法读取"):
        add_event_photo(s, event_id, path=tmp_path / "none.png", added_on=D(2026, 3, 2))


def test_a_photo_added_by_mistake_is_removed(db):
    event_id = report(db)
    picture, other = png(), png((0, 0, 200))
    with db.session() as s:
        one = add_event_photo(s, event_id, data=picture, file_name="a.png", added_on=D(2026, 3, 2))
        two = add_event_photo(s, event_id, data=picture, file_name="b.png", added_on=D(2026, 3, 2))
        three = add_event_photo(s, event_id, data=other, file_name="c.png", added_on=D(2026, 3, 2))
        ids = (one.id, two.id, three.id)
    with db.session() as s:
        events_svc.remove_event_photo(s, ids[0])
        # b.png still has the same bytes: they stay.
        assert s.get(AttachmentContent, hashlib.sha256(picture).hexdigest()) is not None
        events_svc.remove_event_photo(s, ids[2])
        assert s.get(AttachmentContent, hashlib.sha256(other).hexdigest()) is None
        assert [p.id for p in events_svc.event_photos(s, event_id)] == [ids[1]]
        removed = s.exec(select(AuditEntry).where(AuditEntry.record_id == ids[0])).all()
        assert any("a.png" in e.detail for e in removed)


def test_the_report_is_corrected_until_it_is_dispatched(db):
    with db.session() as s:
        compound = places.add_place(s, kind="compound", name="幸福里小区")
        b1 = places.add_place(s, kind="building", name="1号楼", parent_id=compound.id)
        east = grids.create_grid(s, name="东区网格")
        grids.assign_places(s, place_ids=[b1.id], grid_id=east.id, on=D(2026, 1, 1))
        b1_id, east_id = b1.id, east.id
    event_id = report(db)
    with db.session() as s:
        events_svc.update_event(
            s, event_id, category="安全隐患", description=" 楼道堆放杂物 ", place_id=b1_id
        )
    e = _get(db, event_id)
    assert (e.category, e.description, e.place_id, e.grid_id) == (
        "safety_hazard",
        "楼道堆放杂物",
        b1_id,
        east_id,
    )
    with db.session() as s:
        events_svc.update_event(s, event_id, grid_id=None, location="1号楼东侧")
    e = _get(db, event_id)
    assert (e.grid_id, e.place_id, e.location) == (None, b1_id, "1号楼东侧")
    with db.session() as s:
        dispatch_event(
            s, event_id, department="物业公司", dispatched_on=D(2026, 3, 3), due_on=D(2026, 3, 6)
        )
    with db.session() as s, pytest.raises(DomainError, match="不能再修改"):
        events_svc.update_event(s, event_id, description="改")


def test_event_to_mediation_links_both_ways_once(db):
    event_id = report(db, category="矛盾纠纷", description="楼上漏水，邻里争执")
    parties = [
        mediation.PartyInput(name="张三", role="applicant"),
        mediation.PartyInput(name="李四", role="respondent"),
    ]
    with db.session() as s:
        case = event_to_mediation(
            s, event_id, dispute_type="邻里", parties=parties, registered_on=D(2026, 3, 3)
        )
        case_id = case.id
    with db.session() as s:
        case = s.get(MediationCase, case_id)
        assert case.source == "grid_event"
        assert case.source_ref == event_id
        assert case.summary == "楼上漏水，邻里争执"
        assert case.party_names == "张三、李四"
        assert events_svc.event_of_case(s, case_id).id == event_id
    assert _get(db, event_id).mediation_case_id == case_id
    with db.session() as s, pytest.raises(DomainError, match="已转为调解案件"):
        event_to_mediation(
            s, event_id, dispute_type="邻里", parties=parties, registered_on=D(2026, 3, 3)
        )
    with db.session() as s:
        assert len(s.exec(select(MediationCase)).all()) == 1


def test_a_grid_worker_cannot_open_a_mediation_case(db):
    event_id = report(db, category="矛盾纠纷")
    db.actor = Actor("grid1", Role.GRID)
    with db.session() as s, pytest.raises(PermissionDenied):
        event_to_mediation(
            s,
            event_id,
            dispute_type="邻里",
            parties=[mediation.PartyInput(name="张三")],
            registered_on=D(2026, 3, 3),
        )
    assert _get(db, event_id).mediation_case_id is None


# -- overdue and the ledgers: a hand-checked month ---------------------------------------------
#
#   no.  department  dispatched  due    handled  closed  state on 31 March
#   0001 城管科      3-02        3-09   3-05     3-06    closed on time
#   0002 城管科      3-02        3-09   3-09     3-12    closed late
#   0003 城管科      3-10        3-20   -        -       dispatched, overdue on 31 March
#   0004 房管所      3-03        3-31   3-20     3-31    closed on time (the deadline day)
#   0005 房管所      3-05        4-15   -        -       dispatched, not yet due
#   0006 -           -           -      -        -       reported only
#   0007 房管所      3-06        3-10   -        -       returned on 3-07 (dispatch counted)
#   0008 城管科      2-27        3-05   3-04     3-05    dispatched in February: not in March
#
#   考核清单 March: 城管科 dispatched 3, closed 2, on time 1, late 1, open overdue 1 → 50 %
#                   房管所 dispatched 3, closed 1, on time 1, late 0, open overdue 0 → 100 %
#                   合计 6, 3, 2, 1, 1 → 66.7 %


def _month(db: Database) -> dict[str, str]:
    plan = [
        (
            "0001",
            D(2026, 3, 1),
            "城管科",
            D(2026, 3, 2),
            D(2026, 3, 9),
            D(2026, 3, 5),
            D(2026, 3, 6),
        ),
        (
            "0002",
            D(2026, 3, 1),
            "城管科",
            D(2026, 3, 2),
            D(2026, 3, 9),
            D(2026, 3, 9),
            D(2026, 3, 12),
        ),
        ("0003", D(2026, 3, 9), "城管科", D(2026, 3, 10), D(2026, 3, 20), None, None),
        (
            "0004",
            D(2026, 3, 2),
            "房管所",
            D(2026, 3, 3),
            D(2026, 3, 31),
            D(2026, 3, 20),
            D(2026, 3, 31),
        ),
        ("0005", D(2026, 3, 4), "房管所", D(2026, 3, 5), D(2026, 4, 15), None, None),
        ("0006", D(2026, 3, 20), None, None, None, None, None),
        ("0007", D(2026, 3, 5), "房管所", D(2026, 3, 6), D(2026, 3, 10), None, None),
        (
            "0008",
            D(2026, 2, 26),
            "城管科",
            D(2026, 2, 27),
            D(2026, 3, 5),
            D(2026, 3, 4),
            D(2026, 3, 5),
        ),
    ]
    ids: dict[str, str] = {}
    for key, reported, dept, dispatched, due, handled, closed in plan:
        event_id = report(db, reported, description=f"事件{key}")
        with db.session() as s:
            if dept is not None:
                dispatch_event(s, event_id, department=dept, dispatched_on=dispatched, due_on=due)
            if handled is not None:
                handle_event(s, event_id, handled_on=handled, feedback=f"反馈{key}")
            if closed is not None:
                close_event(s, event_id, closed_on=closed)
            if key == "0007":
                return_event(s, event_id, returned_on=D(2026, 3, 7), reason="不属本部门")
        ids[key] = event_id
    return ids


def test_overdue_list(db):
    ids = _month(db)
    overdue = events_svc.events(db, overdue=True, today=D(2026, 3, 31))
    assert {r.description for r in overdue} == {"事件0002", "事件0003"}
    later = events_svc.events(db, overdue=True, today=D(2026, 4, 16))
    assert {r.description for r in later} == {"事件0002", "事件0003", "事件0005"}
    dispatched = events_svc.events(db, state="已交办", today=D(2026, 3, 31))
    assert {r.id for r in dispatched} == {ids["0003"], ids["0005"]}


def test_assessment_ledger_by_hand(db):
    _month(db)
    with db.session() as s:
        table = grid_ledgers.ledger_rows(s, "考核清单", start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert table.title == "考核清单（2026-03-01至2026-03-31）"
    assert table.headings[-1] == "按期办结率"
    assert table.rows == [
        ["城管科", 3, 2, 1, 1, 1, 0.5],
        ["房管所", 3, 1, 1, 0, 0, 1.0],
        ["合计", 6, 3, 2, 1, 1, pytest.approx(2 / 3)],
    ]


def test_assessment_with_nothing_closed_has_no_rate(db):
    event_id = report(db)
    with db.session() as s:
        dispatch_event(
            s, event_id, department="城管科", dispatched_on=D(2026, 3, 3), due_on=D(2026, 3, 10)
        )
        table = grid_ledgers.ledger_rows(s, "assessment", start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert table.rows[0] == ["城管科", 1, 0, 0, 0, 1, None]


def test_problem_and_dispatch_ledgers(db):
    ids = _month(db)
    with db.session() as s:
        problems = grid_ledgers.ledger_rows(s, "问题清单", start=D(2026, 3, 1), end=D(2026, 3, 31))
        dispatches = grid_ledgers.ledger_rows(
            s, "交办清单", start=D(2026, 3, 1), end=D(2026, 3, 31)
        )
    # 0008 was reported in February.
    assert [r[0] for r in problems.rows] == [
        "2026-0001",
        "2026-0002",
        "2026-0004",
        "2026-0005",
        "2026-0007",
        "2026-0003",
        "2026-0006",
    ]
    assert problems.rows[0][1] == at(D(2026, 3, 1)).astimezone().replace(tzinfo=None)
    assert problems.rows[0][7] == "已办结"
    second = [r for r in problems.rows if r[0] == "2026-0002"][0]
    assert second[-1] == "是"
    # Dispatched in March, in dispatch order; 0008 (27 February) is not there.
    assert [r[0] for r in dispatches.rows] == [
        "2026-0001",
        "2026-0002",
        "2026-0004",
        "2026-0005",
        "2026-0007",
        "2026-0003",
    ]
    row3 = dispatches.rows[-1]
    assert row3[4:8] == ["城管科", D(2026, 3, 10), D(2026, 3, 20), None]
    assert row3[10:] == ["已交办", "是"]
    assert dispatches.overdue == [False, True, False, False, False, True]
    assert ids


def test_ledger_arguments_are_checked(db):
    with db.session() as s:
        with pytest.raises(DomainError, match="不是网格事件台账"):
            grid_ledgers.ledger_rows(s, "花名册", start=D(2026, 3, 1), end=D(2026, 3, 31))
        with pytest.raises(DomainError, match="结束日期"):
            grid_ledgers.ledger_rows(s, "问题清单", start=D(2026, 3, 2), end=D(2026, 3, 1))


def test_ledgers_workbook_read_back(db, tmp_path):
    _month(db)
    report(db, D(2026, 3, 21), description='=HYPERLINK("http://x")')
    out = grid_ledgers.export_ledgers_xlsx(
        db, start=D(2026, 3, 1), end=D(2026, 3, 31), out=tmp_path / "台账.xlsx"
    )
    assert out.exists() and not (tmp_path / "台账.xlsx.part").exists()
    wb = CalamineWorkbook.from_path(str(out))
    assert wb.sheet_names == ["问题清单", "交办清单", "考核清单"]
    problems = wb.get_sheet_by_name("问题清单").to_python()
    assert problems[0][0] == "问题清单（2026-03-01至2026-03-31）"
    assert problems[1][:4] == ["事件编号", "上报时间", "事件类别", "事件描述"]
    assert len(problems) == 2 + 8
    assert problems[-1][3] == '\'=HYPERLINK("http://x")'
    assessment = wb.get_sheet_by_name("考核清单").to_python()
    assert assessment[2][:7] == ["城管科", 3, 2, 1, 1, 1, 0.5]
    assert assessment[-1][0] == "合计"
    assert assessment[-1][6] == pytest.approx(2 / 3)
    dispatch = wb.get_sheet_by_name("交办清单").to_python()
    assert dispatch[2][5] == D(2026, 3, 2)
    from openpyxl import load_workbook

    sheet = load_workbook(out)["交办清单"]
    assert sheet["A4"].fill.start_color.rgb == "FFF4CCCC"  # 0002, closed late
    assert sheet["A3"].fill.fill_type is None
    with db.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).one()
        assert "台账.xlsx" in entry.detail


def test_a_workbook_that_cannot_be_written_leaves_nothing(db, tmp_path):
    folder = tmp_path / "missing"
    with pytest.raises(OSError):
        grid_ledgers.export_ledgers_xlsx(
            db, start=D(2026, 3, 1), end=D(2026, 3, 31), out=folder / "台账.xlsx"
        )
    with db.session() as s:
        assert s.exec(select(AuditEntry).where(AuditEntry.action == AuditAction.EXPORT)).all() == []


def test_demo_events(tmp_path):
    from govdesk.domain.models import Visit, VisitRule
    from govdesk.domain.permissions import SYSTEM
    from govdesk.services import visits
    from govdesk.services.demo import create_demo
    from govdesk.services.demo_events import EVENTS, VISIT_RULES

    today = D(2026, 11, 26)
    path = tmp_path / "demo.db"
    create_demo(path, residents=600, today=today)  # runs create_events_demo after the grids
    db = Database.open(path)
    db.actor = SYSTEM
    try:
        rows = events_svc.events(db, today=today)
        assert len(rows) == EVENTS
        assert {r.state for r in rows} == {
            "closed",
            "dispatched",
            "handled",
            "returned",
            "reported",
        }
        assert any(r.overdue for r in rows)
        assert any(r.photos for r in rows)
        linked = [r for r in rows if r.mediation_case_id]
        assert len(linked) == 1
        with db.session() as s:
            assert len(s.exec(select(VisitRule)).all()) == len(VISIT_RULES)
            assert s.exec(select(Visit)).first() is not None
            case = s.get(MediationCase, linked[0].mediation_case_id)
            assert case.source_ref == linked[0].id
            due = visits.due_visits(s, today=today)
            assert due and due[0].days_overdue is None  # some households were never visited
            table = grid_ledgers.ledger_rows(s, "考核清单", start=D(2026, 8, 1), end=today)
        total = table.rows[-1]
        assert total[0] == "合计" and total[4] > 0 and 0 < total[6] < 1
    finally:
        db.close()
