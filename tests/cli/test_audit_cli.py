"""`govdesk audit verify|export` on real files: exit codes, the named entry, the xlsx written."""

from __future__ import annotations

import sqlite3

from python_calamine import CalamineWorkbook

from govdesk.cli import main
from govdesk.domain.audit import AuditAction
from govdesk.domain.permissions import Actor, Role
from govdesk.services import accounts, audit


def fill(db) -> None:
    db.audit(AuditAction.LOGIN)
    db.actor = Actor("clerk", Role.CLERK)
    db.audit(AuditAction.LOGIN)
    db.audit(AuditAction.EXPORT, detail={"rows": 3})
    db.actor = Actor("admin", Role.ADMIN)


def test_verify_of_an_intact_trail_exits_0_without_signing_in(db, capsys, monkeypatch):
    monkeypatch.delenv("GOVDESK_PASSWORD", raising=False)
    fill(db)
    n = audit.verify(db).checked
    db.close()
    assert main(["audit", "verify", "--db", str(db.path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"审计日志完整：{n} 条"
    anchor = lines[1].split("：", 1)[1]
    assert anchor.startswith(f"{n}:") and len(anchor) == len(f"{n}:") + 64
    assert main(["audit", "verify", "--db", str(db.path), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Audit trail intact: {n} entries"
    # A later check against the noted entry, with a shortened hash.
    assert (
        main(["audit", "verify", "--db", str(db.path), "--anchor", anchor[: len(f"{n}:") + 16]])
        == 0
    )


def test_verify_against_an_anchor_from_a_rewritten_trail_exits_1(db, capsys):
    fill(db)
    db.close()
    wrong = "3:" + "0" * 64
    assert main(["audit", "verify", "--db", str(db.path), "--anchor", wrong]) == 1
    assert "第3条的哈希与先前记下的不同" in capsys.readouterr().out
    assert main(["audit", "verify", "--db", str(db.path), "--anchor", "3:abc"]) == 2
    assert "序号:哈希" in capsys.readouterr().err


def test_verify_names_the_first_bad_entry_and_exits_1(db, capsys):
    fill(db)
    with db.connect() as conn:
        at, user = conn.exec_driver_sql("SELECT at, username FROM audit_log WHERE seq = 3").one()
    db.close()
    con = sqlite3.connect(db.path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET action = 'logout' WHERE seq = 3")
    con.commit()
    con.close()
    assert main(["audit", "verify", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out.strip()
    when = audit.local_time_text(at)
    assert out == (
        f"审计日志未通过校验：第3条（{when}，{user}）：第3条的内容与它的哈希不符（记录被修改或调换了顺序）"
    )


def test_verify_of_a_removed_newest_entry_exits_1(db, capsys):
    fill(db)
    newest = audit.verify(db).checked
    db.close()
    con = sqlite3.connect(db.path)
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute(f"DELETE FROM audit_log WHERE seq = {newest}")
    con.commit()
    con.close()
    assert main(["audit", "verify", "--db", str(db.path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"the newest entries {newest} to {newest} are missing" in out


def test_verify_changes_nothing_in_the_file(db, capsys):
    fill(db)
    db.close()
    before = db.path.read_bytes()
    assert main(["audit", "verify", "--db", str(db.path)]) == 0
    assert db.path.read_bytes() == before


def test_verify_of_a_missing_file_exits_2(tmp_path, capsys):
    assert main(["audit", "verify", "--db", str(tmp_path / "none.db")]) == 2
    assert capsys.readouterr().err.strip()


def test_export_signs_in_and_writes_the_filtered_entries(db, tmp_path, capsys, admin):
    fill(db)
    db.close()
    out = tmp_path / "clerk.xlsx"
    argv = ["audit", "export", "--db", str(db.path), "--out", str(out), "--user", admin]
    assert main([*argv, "--by", "clerk", "--action", "登录"]) == 0
    assert capsys.readouterr().out.strip() == f"已导出审计日志1条：{out}"
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("审计日志").to_python()
    assert rows[0][:4] == ["序号", "时间", "用户", "操作"]
    assert [r[2:4] for r in rows[1:]] == [["clerk", "登录"]]

    everything = tmp_path / "all.xlsx"
    assert (
        main(
            [
                "audit",
                "export",
                "--db",
                str(db.path),
                "--out",
                str(everything),
                "--user",
                admin,
                "--from",
                "2000-01-01",
            ]
        )
        == 0
    )
    rows = CalamineWorkbook.from_path(str(everything)).get_sheet_by_name("审计日志").to_python()
    assert {"clerk", admin} <= {r[2] for r in rows[1:]}
    assert any(r[3] == "导出" for r in rows[1:])  # the first export is on the trail


def test_export_needs_a_sign_in_and_the_permission(db, tmp_path, capsys, admin, monkeypatch):
    accounts.sign_in(db, admin, "cli-admin-pass")
    accounts.create_account(db, username="clerk", password="clerk-pass-1", role=Role.CLERK)
    db.close()
    out = tmp_path / "a.xlsx"
    argv = ["audit", "export", "--db", str(db.path), "--out", str(out)]
    assert main(argv) == 2
    assert "--user" in capsys.readouterr().err
    monkeypatch.setenv("GOVDESK_PASSWORD", "clerk-pass-1")
    assert main([*argv, "--user", "clerk"]) == 2
    assert "查看审计日志" in capsys.readouterr().err
    assert not out.exists()


def test_verify_of_a_damaged_trail_exits_1_naming_where_it_stops(db, capsys):
    for n in range(300):
        db.audit(AuditAction.PRINT, detail={"rows": n, "file": "登记表.pdf"})
    db.close()
    con = sqlite3.connect(db.path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    leaves = [
        n
        for (n,) in con.execute(
            "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' "
            "ORDER BY pageno"
        )
    ]
    con.close()
    middle = leaves[len(leaves) // 2]
    with db.path.open("r+b") as f:  # a sector gone bad in the middle of the trail
        f.seek((middle - 1) * page_size)
        f.write(b"\xff" * page_size)
    assert main(["audit", "verify", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("审计日志未通过校验：") and "无法读取" in out
