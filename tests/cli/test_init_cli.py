"""`govdesk init` and `--version`: the command line's first steps."""

import subprocess
import sys

from govdesk import __version__
from govdesk.cli import main
from govdesk.services.office import current_office
from govdesk.store.database import Database


def test_version_from_the_installed_package():
    out = subprocess.run(
        [sys.executable, "-m", "govdesk", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"govdesk {__version__}"
    assert __version__ == "0.1.0"  # the one place it is set is pyproject.toml


def test_init_creates_an_office_database(tmp_path, capsys):
    path = tmp_path / "office.db"
    assert (
        main(
            [
                "init",
                "--db",
                str(path),
                "--office-name",
                "和平村村民委员会",
                "--division",
                "110105201001",
                "--kind",
                "village",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == str(path)
    db = Database.open(path)
    with db.session() as s:
        office = current_office(s)
    assert (office.name, office.division_code, office.kind) == (
        "和平村村民委员会",
        "110105201001",
        "village",
    )
    # The exchange keys were made at first run.
    assert db.meta("exchange.sign_private") and db.meta("exchange.box_private")
    db.close()


def test_init_refuses_an_existing_file_and_leaves_it(tmp_path, capsys):
    path = tmp_path / "office.db"
    path.write_bytes(b"keep me")
    assert (
        main(["init", "--db", str(path), "--office-name", "某社区", "--division", "110105001001"])
        == 2
    )
    assert "已存在" in capsys.readouterr().err
    assert path.read_bytes() == b"keep me"


def test_init_explains_a_bad_division_code(tmp_path, capsys):
    path = tmp_path / "office.db"
    assert main(["init", "--db", str(path), "--office-name", "某社区", "--division", "1101"]) == 2
    assert "区划代码应为12位数字" in capsys.readouterr().err
    assert not path.exists()


def test_english_messages_with_lang(tmp_path, capsys):
    path = tmp_path / "office.db"
    assert (
        main(["init", "--lang", "en", "--db", str(path), "--office-name", "x", "--division", "12"])
        == 2
    )
    assert "must be 12 digits" in capsys.readouterr().err


def test_common_options_before_or_after_the_subcommand(tmp_path, capsys):
    before = tmp_path / "before.db"
    assert (
        main(
            ["--db", str(before), "--lang", "en", "init", "--office-name", "x", "--division", "12"]
        )
        == 2
    )
    assert "must be 12 digits" in capsys.readouterr().err
    assert (
        main(["--db", str(before), "init", "--office-name", "某社区", "--division", "110105001001"])
        == 0
    )
    assert before.exists()


def test_the_window_path_does_not_load_the_database_layer_before_painting():
    # `govdesk --db X` must reach the window without importing SQLAlchemy, so the frame
    # paints first; the subcommands (which need it) are not even imported.
    code = (
        "import sys; import govdesk.cli as c; "
        "args = c._window_only(['--db', 'x.db', '--lang', 'en']); "
        "import govdesk.ui.app; "
        "print(args.db, args.lang, 'sqlalchemy' in sys.modules, 'govdesk.cli.residents' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["x.db", "en", "False", "False"]


def test_a_subcommand_is_not_mistaken_for_the_window():
    from govdesk.cli import _window_only

    assert _window_only(["init", "--db", "x.db"]) is None
    assert _window_only(["--db", "x.db", "--version"]) is None
    assert _window_only(["--help"]) is None
