"""`govdesk exchange key|trust|keys|revoke`: key files between an office and its township."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govdesk.cli import main
from govdesk.domain.permissions import Role
from govdesk.exchange import keys
from govdesk.services import accounts, office
from govdesk.store.database import Database
from tests.cli.conftest import PASSWORD, add_admin


@pytest.fixture
def township_path(tmp_path: Path, password: str) -> Path:
    path = tmp_path / "township.db"
    db = office.init_database(
        path, name="和平街道办事处", division_code="110105001000", kind="township"
    )
    try:
        add_admin(db)
    finally:
        db.close()
    return path


def _key(db_path: Path, out: Path, capsys) -> str:
    assert (
        main(["exchange", "key", "--db", str(db_path), "--out", str(out), "--user", "admin"]) == 0
    )
    return capsys.readouterr().out.strip()


def test_key_then_trust_both_ways(
    db: Database, admin: str, township_path: Path, tmp_path: Path, capsys
) -> None:
    office_key = tmp_path / "office-key.json"
    township_key = tmp_path / "township-key.json"
    office_fp = _key(db.path, office_key, capsys)
    township_fp = _key(township_path, township_key, capsys)
    assert office_fp == keys.own_keys(db).fingerprint
    assert json.loads(office_key.read_text("utf-8"))["fingerprint"] == office_fp
    assert json.loads(township_key.read_text("utf-8"))["kind"] == "township"
    # The same fingerprint every time: the keys are made once.
    assert _key(db.path, tmp_path / "again.json", capsys) == office_fp

    args = ["--user", "admin"]
    assert main(["exchange", "trust", str(office_key), "--db", str(township_path), *args]) == 0
    out = capsys.readouterr().out
    assert office_fp in out and "110105001001" in out and "幸福社区居民委员会" in out
    assert "已信任" in out and "未改变" not in out
    assert main(["exchange", "trust", str(office_key), "--db", str(township_path), *args]) == 0
    assert "未改变" in capsys.readouterr().out

    assert main(["exchange", "trust", str(township_key), "--db", str(db.path), *args]) == 0
    assert "乡镇/街道" in capsys.readouterr().out
    assert [c.fingerprint for c in keys.keyring(db)] == [township_fp]

    assert main(["exchange", "keys", "--db", str(township_path), *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("本单位：" + township_fp)
    assert lines[1].split("\t")[:4] == [office_fp, "110105001001", "幸福社区居民委员会", "社区/村"]
    assert lines[1].split("\t")[5:] == ["admin", "有效"]

    assert main(["exchange", "revoke", office_fp, "--db", str(township_path), *args]) == 0
    assert "已撤销" in capsys.readouterr().out
    assert main(["exchange", "keys", "--db", str(township_path), *args]) == 0
    assert "没有受信任的密钥" in capsys.readouterr().out
    assert main(["exchange", "keys", "--all", "--db", str(township_path), *args]) == 0
    assert "已撤销" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json", "不是 govdesk 公钥文件"),
        (
            json.dumps({"format": "govdesk-exchange-key", "version": 1}).encode(),
            "“office_code”不正确",
        ),
        (b"{" * 40_000, "太大"),
    ],
)
def test_bad_key_file_exits_2_with_the_reason(
    db: Database, admin: str, tmp_path: Path, capsys, content: bytes, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert main(["exchange", "trust", str(bad), "--db", str(db.path), "--user", "admin"]) == 2
    captured = capsys.readouterr()
    assert expected in captured.err and captured.out == ""
    assert keys.trusted(db, include_revoked=True) == []


def test_missing_key_file(db: Database, admin: str, tmp_path: Path, capsys) -> None:
    gone = tmp_path / "gone.json"
    assert main(["exchange", "trust", str(gone), "--db", str(db.path), "--user", "admin"]) == 2
    assert "无法读取公钥文件“gone.json”" in capsys.readouterr().err


def test_second_key_for_an_office_is_refused(
    db: Database, admin: str, township_path: Path, tmp_path: Path, capsys
) -> None:
    first = tmp_path / "first.json"
    _key(db.path, first, capsys)
    other_path = tmp_path / "other.db"
    other = office.init_database(
        other_path, name="幸福社区居民委员会", division_code="110105001001"
    )
    try:
        second = tmp_path / "second.json"
        second.write_bytes(keys.public_key_file(other))
    finally:
        other.close()
    assert (
        main(["exchange", "trust", str(first), "--db", str(township_path), "--user", "admin"]) == 0
    )
    capsys.readouterr()
    assert (
        main(["exchange", "trust", str(second), "--db", str(township_path), "--user", "admin"]) == 2
    )
    assert "撤销旧密钥" in capsys.readouterr().err


def test_sign_in_and_permission(
    db: Database, admin: str, tmp_path: Path, capsys, monkeypatch
) -> None:
    out = tmp_path / "k.json"
    assert main(["exchange", "key", "--db", str(db.path), "--out", str(out)]) == 2
    assert "--user" in capsys.readouterr().err and not out.exists()

    accounts.create_account(db, username="clerk1", password="clerk-pass-123", role=Role.CLERK)
    monkeypatch.setenv("GOVDESK_PASSWORD", "clerk-pass-123")
    code = main(["exchange", "key", "--db", str(db.path), "--out", str(out), "--user", "clerk1"])
    err = capsys.readouterr().err
    assert code == 2 and "没有“与乡镇交换数据”权限" in err and not out.exists()
    monkeypatch.setenv("GOVDESK_PASSWORD", PASSWORD)


def test_export_writes_a_package_the_township_can_open(
    db: Database, admin: str, township_path: Path, tmp_path: Path, capsys
) -> None:
    from govdesk.exchange.package import read_package

    args = ["--user", "admin"]
    stick = tmp_path / "stick"
    # No stick: a clear refusal.
    assert main(["exchange", "export", "--db", str(db.path), "--to", str(stick), *args]) == 2
    assert "U盘" in capsys.readouterr().err
    stick.mkdir()
    # No township key yet: refused, nothing written.
    assert main(["exchange", "export", "--db", str(db.path), "--to", str(stick), *args]) == 2
    assert "乡镇" in capsys.readouterr().err and list(stick.iterdir()) == []
    township_key = tmp_path / "township-key.json"
    _key(township_path, township_key, capsys)
    assert main(["exchange", "trust", str(township_key), "--db", str(db.path), *args]) == 0
    office_key = tmp_path / "office-key.json"
    _key(db.path, office_key, capsys)
    assert main(["exchange", "trust", str(office_key), "--db", str(township_path), *args]) == 0
    capsys.readouterr()
    assert main(["exchange", "export", "--db", str(db.path), "--to", str(stick), *args]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == stick and path.is_file()
    township = Database.open(township_path)
    try:
        package = read_package(path, keyring=keys.keyring(township), own=keys.own_keys(township))
    finally:
        township.close()
    assert "office.json" in package.members
    assert package.manifest["source_office"] == "110105001001"


def test_export_import_and_conflicts_through_the_command_line(
    db: Database, admin: str, township_path: Path, tmp_path: Path, capsys
) -> None:
    from govdesk.services import registry

    args = ["--user", "admin"]
    office_key, township_key = tmp_path / "o.json", tmp_path / "t.json"
    _key(db.path, office_key, capsys)
    _key(township_path, township_key, capsys)
    assert main(["exchange", "trust", str(office_key), "--db", str(township_path), *args]) == 0
    assert main(["exchange", "trust", str(township_key), "--db", str(db.path), *args]) == 0
    with db.session() as s:
        hh = registry.create_household(s, household_number="H0001", address="幸福里3号楼")
        registry.create_person(
            s,
            data={"name": "欧阳秀英", "sex": "female", "relation_to_head": "head"},
            household_id=hh.id,
        )
    stick = tmp_path / "stick"
    stick.mkdir()
    capsys.readouterr()
    assert main(["exchange", "export", "--db", str(db.path), "--to", str(stick), *args]) == 0
    package = Path(capsys.readouterr().out.strip())
    assert package.parent == stick and package.suffix == ".gdx"

    report = tmp_path / "report.txt"
    command = ["exchange", "import", str(package), "--db", str(township_path), *args]
    assert main([*command, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "已导入" in out and "新增" in out and "幸福社区居民委员会" in out
    assert report.read_text("utf-8") == out
    assert main(command) == 0
    assert "没有新内容" in capsys.readouterr().out

    # A damaged copy: exit 1, the reason on stderr.
    damaged = tmp_path / package.name
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    assert main(["exchange", "import", str(damaged), "--db", str(township_path), *args]) == 1
    captured = capsys.readouterr()
    assert "损坏" in captured.err and captured.out == ""

    assert main(["exchange", "conflicts", "--db", str(township_path), *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "table,record_id,record,field,value_a,value_b,office_a,office_b,version_a,version_b"
    ]
