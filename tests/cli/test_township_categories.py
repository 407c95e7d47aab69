"""`govdesk township categories|category`: the township's own care categories from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govdesk.cli import main
from govdesk.services import office
from tests.cli.conftest import add_admin


@pytest.fixture
def township_path(tmp_path: Path, password: str) -> Path:
    path = tmp_path / "township.db"
    db = office.init_database(
        path, name="和平街道办事处", division_code="110105001000", kind="township"
    )
    add_admin(db)
    db.close()
    return path


def township(path: Path, *args: str) -> int:
    return main(["township", *args, "--db", str(path), "--user", "admin"])


def listing(path: Path, capsys) -> list[list[str]]:
    capsys.readouterr()
    assert township(path, "categories") == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines()]


def test_list_change_and_add(township_path, capsys):
    rows = listing(township_path, capsys)
    assert rows[0] == ["0", "subsistence", "低保户", "Subsistence allowance household", "no", "yes"]
    assert len(rows) == 10
    assert (
        township(
            township_path,
            "category",
            "subsistence",
            "--name-zh",
            "最低生活保障对象",
            "--active",
            "no",
        )
        == 0
    )
    assert (
        township(township_path, "category", "veteran", "--sensitive", "yes", "--order", "42") == 0
    )
    assert (
        township(
            township_path,
            "category",
            "flood_victim",
            "--add",
            "--name-zh",
            "受灾群众",
            "--name-en",
            "Flood victim",
        )
        == 0
    )
    rows = {r[1]: r for r in listing(township_path, capsys)}
    assert rows["subsistence"][2:] == [
        "最低生活保障对象",
        "Subsistence allowance household",
        "no",
        "no",
    ]
    assert rows["veteran"][0] == "42" and rows["veteran"][4] == "yes"
    assert rows["flood_victim"] == [
        "43",  # after the highest, veteran's 42
        "flood_victim",
        "受灾群众",
        "Flood victim",
        "no",
        "yes",
    ]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["category", "Flood", "--add", "--name-zh", "受灾群众"], "类别代码“Flood”不可用"),
        (["category", "flood_victim", "--add"], "类别名称不能为空"),
        (["category", "subsistence", "--add", "--name-zh", "x"], "已有代码为“subsistence”"),
        (["category", "nope", "--name-zh", "x"], "没有代码为“nope”的关爱类别"),
        (["category", "veteran", "--order", "-1"], "排序应为 0 到 9999 之间的整数"),
        (["category", "veteran", "--name-zh", " "], "类别名称不能为空"),
    ],
)
def test_bad_input_exits_2_with_the_reason_and_changes_nothing(township_path, capsys, args, reason):
    before = listing(township_path, capsys)
    assert township(township_path, *args) == 2
    assert reason in capsys.readouterr().err
    assert listing(township_path, capsys) == before


def test_an_office_database_is_refused(db, admin, db_path, capsys):
    db.close()
    assert main(["township", "categories", "--db", str(db_path), "--user", "admin"]) == 2
    assert capsys.readouterr().err.strip()
