"""The audit trail: the chain verifies, tampering is found, the viewer's queries and the xlsx export."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from govdesk.domain.audit import AuditAction, chain_hash, entry_hash
from govdesk.domain.permissions import Actor, Permission, Role
from govdesk.services import audit, authz, registry
from govdesk.store.database import Database

ID_ZHANG = "11010519491231002X"


def add_person(db: Database, **data: object) -> str:
    with db.session() as s:
        return registry.create_person(s, data=data).person.id


def fill(db: Database) -> str:
    """A small real trail: sign-ins as three people, a registration and two changes."""
    db.audit(AuditAction.LOGIN)
    person = add_person(db, name="张三", id_number=ID_ZHANG, phone="13800138000")
    with db.session() as s:
        registry.update_person(s, person_id=person, changes={"name": "张珊"})
    db.actor = Actor("clerk", Role.CLERK)
    db.audit(AuditAction.LOGIN)
    with db.session() as s:
        registry.update_person(s, person_id=person, changes={"phone": "13900139000"})
    db.actor = Actor("grid", Role.GRID)
    db.audit(AuditAction.LOGIN_FAILED)
    db.audit(
        AuditAction.REVEAL, record_type="resident", record_id=person, detail={"field": "phone"}
    )
    db.actor = Actor("admin", Role.ADMIN)
    return person


def tamper(db: Database, *statements: str) -> None:
    """What someone with sqlite3 and no govdesk could do: drop the triggers, then edit."""
    con = sqlite3.connect(db.path)
    try:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("DROP TRIGGER audit_log_no_delete")
        for sql in statements:
            con.execute(sql)
        con.commit()
    finally:
        con.close()


def last_seq(db: Database) -> int:
    with db.connect() as conn:
        return int(conn.exec_driver_sql("SELECT max(seq) FROM audit_log").scalar())


# -- verify ----------------------------------------------------------------------------
def test_a_fresh_trail_verifies(db):
    fill(db)
    result = audit.verify(db)
    assert result.ok, result.message
    assert result.checked == last_seq(db) >= 8
    assert result.first_bad_seq is None
    assert result.message == f"审计日志完整：{result.checked} 条"


def test_chain_hash_is_entry_hash_byte_for_byte():
    cases = [
        (1, "2026-01-01T00:00:00.000000+00:00", "admin", "login", None, None, "{}"),
        (42, "t", '张"三\\\n\t\x01\u2028', "update", "resident", "id", '{"name":["张三","李四"]}'),
        (7, "", "", "", "", "", ""),
    ]
    for seq, at, user, action, rt, rid, detail in cases:
        expected = entry_hash(
            seq=seq,
            at=at,
            username=user,
            action=action,
            record_type=rt,
            record_id=rid,
            detail=detail,
            prev_hash="ab" * 32,
        )
        assert chain_hash(seq, at, user, action, rt, rid, detail, "ab" * 32) == expected


def test_an_edited_detail_is_found(db):
    fill(db)
    tamper(db, """UPDATE audit_log SET detail = '{"field":"name"}' WHERE seq = 4""")
    result = audit.verify(db)
    assert not result.ok
    assert result.first_bad_seq == 4
    assert "内容与它的哈希不符" in result.reason
    assert result.checked == 3
    assert result.message.startswith("第4条（")


def test_an_edited_user_is_found_even_with_its_hash_recomputed(db):
    fill(db)
    # Recomputing the edited row's hash still breaks the next row's link.
    with db.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT seq, at, username, action, record_type, record_id, detail, prev_hash "
            "FROM audit_log WHERE seq = 3"
        ).one()
    forged = chain_hash(row[0], row[1], "nobody", *row[3:8])
    tamper(db, f"UPDATE audit_log SET username = 'nobody', hash = '{forged}' WHERE seq = 3")
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, 4)
    assert "没有接在前一条之后" in result.reason


def test_a_deleted_middle_row_is_found(db):
    fill(db)
    tamper(db, "DELETE FROM audit_log WHERE seq = 5")
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, 6)
    assert "第5条至第5条不见了" in result.reason
    assert result.bad_username is not None and result.bad_at is not None


def test_the_deleted_newest_rows_are_found(db):
    fill(db)
    newest = last_seq(db)
    tamper(db, f"DELETE FROM audit_log WHERE seq >= {newest - 1}")
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, newest - 1)
    assert f"最新的第{newest - 1}条至第{newest}条不见了" in result.reason
    assert result.checked == newest - 2


def test_a_wholly_emptied_trail_is_found(db):
    fill(db)
    tamper(db, "DELETE FROM audit_log")
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, 1)


def test_swapped_contents_of_two_rows_are_found(db):
    fill(db)
    cols = "at, username, action, record_type, record_id, detail, prev_hash, hash"
    tamper(
        db,
        "CREATE TEMP TABLE keep AS SELECT * FROM audit_log WHERE seq IN (3, 6)",
        "UPDATE audit_log SET hash = 'moving' WHERE seq = 3",  # hashes are unique
        f"UPDATE audit_log SET ({cols}) = (SELECT {cols} FROM keep WHERE seq = 3) WHERE seq = 6",
        f"UPDATE audit_log SET ({cols}) = (SELECT {cols} FROM keep WHERE seq = 6) WHERE seq = 3",
    )
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, 3)


def test_swapped_seq_values_are_found(db):
    fill(db)
    tamper(
        db,
        "UPDATE audit_log SET seq = -1 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = 5",
        "UPDATE audit_log SET seq = 5 WHERE seq = -1",
    )
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, 4)


def test_a_row_added_around_govdesk_is_found(db):
    fill(db)
    newest = last_seq(db)
    with db.connect() as conn:
        prev = conn.exec_driver_sql(f"SELECT hash FROM audit_log WHERE seq = {newest}").scalar()
    at = "2026-11-26T10:00:00.000000+00:00"
    forged = chain_hash(newest + 1, at, "admin", "login", None, None, "{}", prev)
    tamper(
        db,
        "INSERT INTO audit_log VALUES "
        f"({newest + 1}, '{at}', 'admin', 'login', NULL, NULL, '{{}}', '{prev}', '{forged}')",
    )
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, newest + 1)
    assert "绕过govdesk添加" in result.reason


def test_dropped_triggers_alone_fail_the_check(db):
    fill(db)
    tamper(db)
    result = audit.verify(db)
    assert not result.ok and result.first_bad_seq is None
    assert "audit_log_no_update, audit_log_no_delete" in result.reason


@pytest.mark.parametrize(
    ("sql", "what"),
    [
        ("UPDATE audit_log SET username = 'x' WHERE seq = 1", "update"),
        ("DELETE FROM audit_log WHERE seq = 1", "delete"),
        ("DELETE FROM audit_log", "delete all"),
    ],
)
def test_the_triggers_refuse_changes(db, sql, what):
    fill(db)
    con = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="audit_log is append-only"):
            con.execute(sql)
    finally:
        con.close()
    assert audit.verify(db).ok, what


def test_verify_reports_progress_and_needs_no_sign_in(db):
    fill(db)
    db.actor = None
    seen: list[tuple[int, int]] = []
    result = audit.verify(db, progress=lambda done, total: seen.append((done, total)))
    assert result.ok
    assert seen[-1][0] == result.checked


# -- query -----------------------------------------------------------------------------
def test_query_is_newest_first_and_pages_by_seq(db):
    fill(db)
    newest = last_seq(db)
    first = audit.query(db, limit=3)
    assert [r.seq for r in first] == [newest, newest - 1, newest - 2]
    second = audit.query(db, after_seq=first[-1].seq, limit=3)
    assert [r.seq for r in second] == [newest - 3, newest - 4, newest - 5]
    everything = audit.query(db, limit=10_000)
    assert [r.seq for r in everything] == list(range(newest, 0, -1))


def test_query_filters(db):
    person = fill(db)
    clerk = audit.query(db, user="clerk")
    assert {r.username for r in clerk} == {"clerk"}
    assert [r.action for r in clerk] == ["update", "login"]
    assert clerk[0].detail_text() == "联系电话：138****8000 → 139****9000"

    logins = audit.query(db, action=AuditAction.LOGIN)
    assert [r.username for r in logins] == ["clerk", "admin"]

    on_person = audit.query(db, record=person)
    assert {r.record_id for r in on_person} == {person}
    assert [r.action for r in on_person] == ["reveal", "update", "update", "create"]
    assert [r.seq for r in audit.query(db, record=person[:8])] == [r.seq for r in on_person]
    by_name = audit.query(db, record="张珊")
    assert [r.action for r in by_name] == ["update"]
    assert by_name[0].detail_text() == "姓名：张三 → 张珊"

    today = dt.date.today()
    assert len(audit.query(db, date_from=today, date_to=today)) == last_seq(db)
    assert audit.query(db, date_to=today - dt.timedelta(days=1)) == []
    assert audit.query(db, date_from=today + dt.timedelta(days=1)) == []
    assert audit.query(db, user="clerk", action="login", date_from=today)[0].username == "clerk"


def test_rows_read_as_a_clerk_would(db):
    fill(db)
    create = audit.query(db, action="create", record="张三")[0]
    assert create.action_label == "新建" and create.record_label == "居民"
    lines = create.detail_lines()
    assert "姓名：张三" in lines and "公民身份号码：110105********002X" in lines
    assert create.local_time.tzinfo is None
    assert abs(create.local_time - dt.datetime.now()) < dt.timedelta(hours=1)


def test_users_and_actions_for_the_filters(db):
    fill(db)
    assert audit.users(db) == ["admin", "clerk", "govdesk", "grid"]
    labels = dict(audit.actions(db))
    assert labels["login"] == "登录" and labels["reveal"] == "查看完整信息"
    assert len(labels) == len(AuditAction)


ROLES_WITHOUT_AUDIT = [r for r in Role if not Actor("x", r).can(Permission.AUDIT_VIEW)]


def test_only_the_administrator_may_view_the_trail():
    assert ROLES_WITHOUT_AUDIT == [
        Role.CLERK,
        Role.GRID,
        Role.MEDIATOR,
        Role.VOLUNTEERS,
        Role.VIEWER,
    ]


@pytest.mark.parametrize("role", ROLES_WITHOUT_AUDIT)
def test_roles_without_audit_view_are_refused(db, tmp_path, role):
    fill(db)
    db.actor = Actor("someone", role)
    out = tmp_path / "trail.xlsx"
    for call in (
        lambda: audit.query(db),
        lambda: audit.users(db),
        lambda: audit.actions(db),
        lambda: audit.export_xlsx(db, out),
    ):
        with pytest.raises(authz.PermissionDenied, match="查看审计日志"):
            call()
    assert not out.exists()


def test_nobody_signed_in_is_refused(db):
    db.actor = None
    with pytest.raises(authz.PermissionDenied, match="请先登录"):
        audit.query(db)


# -- export ----------------------------------------------------------------------------
def read_xlsx(path: Path) -> list[list[object]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name("审计日志").to_python()


def test_export_reads_back_with_chinese_headings_and_labels(db, tmp_path):
    person = fill(db)
    before = last_seq(db)
    out = tmp_path / "审计.xlsx"
    assert audit.export_xlsx(db, out) == before
    rows = read_xlsx(out)
    assert rows[0] == ["序号", "时间", "用户", "操作", "记录类型", "记录", "详情", "哈希"]
    body = rows[1:]
    assert [int(r[0]) for r in body] == list(range(1, before + 1))
    change = next(r for r in body if r[6] == "姓名：张三 → 张珊")
    assert change[2:6] == ["admin", "修改", "居民", person]
    assert isinstance(change[1], dt.datetime)
    assert abs(change[1] - dt.datetime.now()) < dt.timedelta(hours=1)
    assert {r[3] for r in body} >= {"登录", "登录失败", "新建", "修改", "查看完整信息"}
    with db.connect() as conn:
        hashes = [h for (h,) in conn.exec_driver_sql("SELECT hash FROM audit_log ORDER BY seq")]
    assert [r[7] for r in body] == hashes[:before]
    # The export is itself on the trail, and the chain still holds.
    entry = audit.query(db, limit=1)[0]
    assert (entry.seq, entry.action, entry.username) == (before + 1, "export", "admin")
    assert "文件：审计.xlsx" in entry.detail_text() and f"行数：{before}" in entry.detail_text()
    assert audit.verify(db).ok


def test_export_with_filters(db, tmp_path):
    fill(db)
    out = tmp_path / "clerk.xlsx"
    assert audit.export_xlsx(db, out, user="clerk", action="update") == 1
    rows = read_xlsx(out)
    assert len(rows) == 2 and rows[1][2:4] == ["clerk", "修改"]
    entry = audit.query(db, limit=1)[0]
    assert "用户=clerk" in entry.detail_text() and "操作=update" in entry.detail_text()


def test_export_escapes_formula_starts(db, tmp_path):
    db.actor = Actor("=HYPERLINK(1)", Role.ADMIN)
    db.audit(AuditAction.LOGIN)
    out = tmp_path / "a.xlsx"
    audit.export_xlsx(db, out, action="login")
    assert read_xlsx(out)[1][2] == "'=HYPERLINK(1)"


def test_export_refuses_other_formats(db, tmp_path):
    with pytest.raises(audit.DomainError):
        audit.export_xlsx(db, tmp_path / "a.csv")
    assert not (tmp_path / "a.csv").exists()


def test_export_from_a_read_only_file_is_refused_before_writing(db, tmp_path):
    fill(db)
    db.close()
    ro = Database.open(db.path, read_only=True)
    ro.actor = Actor("admin", Role.ADMIN)
    out = tmp_path / "a.xlsx"
    try:
        with pytest.raises(audit.DomainError, match="只读"):
            audit.export_xlsx(ro, out)
        assert audit.verify(ro).ok
        assert len(audit.query(ro, limit=3)) == 3
    finally:
        ro.close()
    assert not out.exists()


def test_an_entry_waits_for_another_writer_instead_of_failing(db):
    """A reveal while an import's transaction is open on a worker: the entry waits its turn."""
    import threading
    import time

    from sqlalchemy import text

    holding = threading.Event()

    def writer() -> None:
        with db.begin() as conn:
            conn.execute(text("INSERT INTO meta(key, value) VALUES ('busy', '1')"))
            holding.set()
            time.sleep(0.5)

    thread = threading.Thread(target=writer)
    thread.start()
    holding.wait()
    db.audit(AuditAction.REVEAL, record_type="resident", record_id="r1", detail={"field": "phone"})
    thread.join()
    assert audit.query(db, limit=1)[0].action == "reveal"
    assert db.meta("busy") == "1"
    assert audit.verify(db).ok


def test_export_refuses_an_unknown_filter(db, tmp_path):
    with pytest.raises(TypeError, match="usr"):
        audit.export_xlsx(db, tmp_path / "a.xlsx", usr="clerk")
    assert not (tmp_path / "a.xlsx").exists()


def test_a_trail_rewritten_as_a_whole_is_found_with_an_anchor_noted_earlier(db):
    """Without a secret the chain can be recomputed; an anchor kept outside the file cannot."""
    fill(db)
    noted = audit.verify(db).anchor
    assert noted is not None and noted.startswith(f"{last_seq(db)}:")
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, at, username, action, record_type, record_id, detail FROM audit_log "
            "ORDER BY seq"
        ).all()
    # Rewrite every entry's user and recompute the whole chain and the head, as a forger would.
    prev = "0" * 64
    statements = []
    for seq, at, _user, action, rt, rid, detail in rows:
        digest = chain_hash(seq, at, "forger", action, rt, rid, detail, prev)
        statements.append(
            f"UPDATE audit_log SET username = 'forger', prev_hash = '{prev}', hash = '{digest}' "
            f"WHERE seq = {seq}"
        )
        prev = digest
    statements.append(f"UPDATE meta SET value = '{len(rows)}:{prev}' WHERE key = 'audit_head'")
    statements.append(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    statements.append(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    tamper(db, *statements)
    assert audit.verify(db).ok  # the chain alone cannot tell
    result = audit.verify(db, anchor=noted)
    assert (result.ok, result.first_bad_seq) == (False, last_seq(db))
    assert "与先前记下的不同" in result.reason
    assert (
        audit.verify(db, anchor=f"{last_seq(db) + 5}:{'a' * 16}").first_bad_seq == last_seq(db) + 5
    )


def test_a_blob_typed_into_a_text_column_is_found(db):
    fill(db)
    tamper(db, "UPDATE audit_log SET at = X'3230', username = X'41' WHERE seq = 2")
    result = audit.verify(db)
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "内容与它的哈希不符" in result.reason
    assert result.message.startswith("第2条（b'20'，b'A'）")
