"""The address index stays right through edits and through VACUUM INTO backups."""

import sqlite3

from govdesk.services import registry
from govdesk.services.resident_list import ResidentFilter, ResidentList


def _names(db, text, **kw):
    lst = ResidentList(db)
    rows = lst.rows([rid for _, rid in lst.page(ResidentFilter(text=text, **kw))])
    return sorted(r["name"] for r in rows.values())


def test_address_edits_are_followed(db):
    with db.session() as s:
        p = registry.create_person(
            s, data={"name": "赵敏", "current_address": "光明里小区5号楼"}
        ).person
    assert _names(db, "光明里") == ["赵敏"]
    with db.session() as s:
        registry.update_person(s, person_id=p.id, changes={"current_address": "朝阳路8号"})
    assert _names(db, "光明里") == []
    assert _names(db, "朝阳路") == ["赵敏"]


def test_vacuum_into_backup_keeps_the_index_consistent(db, tmp_path):
    with db.session() as s:
        people = [
            registry.create_person(
                s, data={"name": f"测试{i}", "current_address": f"幸福路{i}号"}
            ).person
            for i in range(30)
        ]
        # Leave gaps in the rowids, which is what VACUUM would renumber if it did.
        for p in people[::3]:
            registry.change_status(
                s,
                person_id=p.id,
                new_status="moved_out",
                date=p.created_at.date(),
                reason="迁往外省",
            )
    target = db.backup(tmp_path / "backup.db")
    con = sqlite3.connect(target)
    assert (
        con.execute(
            "INSERT INTO resident_address_fts(resident_address_fts) VALUES('integrity-check')"
        )
        is not None
    )
    hits = con.execute(
        "SELECT r.name FROM resident r WHERE r.rowid IN "
        "(SELECT rowid FROM resident_address_fts WHERE resident_address_fts MATCH '\"幸福路17号\"')"
    ).fetchall()
    assert hits == [("测试17",)]
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
