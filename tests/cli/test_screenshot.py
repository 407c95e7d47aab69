"""`govdesk screenshot` renders a real database to a PNG that is the right size and not blank."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from govdesk.cli import main
from govdesk.cli.screenshot import needs_offscreen, parse_size
from govdesk.services import accounts, demo
from govdesk.ui import settings


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A demo database, and the demo accounts' password in GOVDESK_PASSWORD."""
    path = tmp_path / "demo.db"
    demo.create_demo(path, residents=120, seed=7)
    monkeypatch.setenv("GOVDESK_PASSWORD", accounts.DEMO_PASSWORD)
    return path


def distinct_colours(image: QImage, step: int = 3) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_screenshot_of_the_residents_tab(demo_db: Path, tmp_path: Path):
    out = tmp_path / "shots" / "residents.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.pop("WAYLAND_DISPLAY", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # the clerk's own settings stay out of it
    result = subprocess.run(
        [sys.executable, "-m", "govdesk", "screenshot", "--db", str(demo_db), "--user", "admin"]
        + ["--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    # Text, grid lines, header and status bar: a blank or one-colour picture has a handful.
    assert distinct_colours(image) > 40


def test_screenshot_size_and_language(qapp, demo_db: Path, tmp_path: Path):
    settings.use_settings_folder(tmp_path / "settings")
    out = tmp_path / "en.png"
    code = main(
        ["screenshot", "--db", str(demo_db), "--user", "admin", "--out", str(out)]
        + ["--size", "1024x640"]
        + ["--lang", "en"]
    )
    from govdesk.ui.app import install_translators

    install_translators(qapp, "zh_CN")
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 640)
    assert distinct_colours(image) > 40


def test_unknown_tab_is_a_clear_error(demo_db: Path, tmp_path: Path, capsys):
    code = main(
        ["screenshot", "--db", str(demo_db), "--user", "admin", "--tab", "people"]
        + ["--out", str(tmp_path / "x.png")]
    )
    assert code == 2
    assert "unknown tab 'people'" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_tab_the_role_may_not_see_is_a_clear_error(qapp, demo_db: Path, tmp_path: Path, capsys):
    settings.use_settings_folder(tmp_path / "settings")
    # Grid workers have no volunteer.view: the 志愿服务 tab is not built for them.
    code = main(
        ["screenshot", "--db", str(demo_db), "--user", "grid", "--tab", "volunteers"]
        + ["--out", str(tmp_path / "x.png")]
    )
    assert code == 2
    assert "'volunteers' tab is not available" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_bad_database_is_a_clear_error(tmp_path: Path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 10)
    code = main(
        ["screenshot", "--db", str(bad), "--user", "admin", "--out", str(tmp_path / "x.png")]
    )
    assert code == 2
    assert "bad.db" in capsys.readouterr().err
    assert bad.read_bytes() == b"not a database at all" * 10


def test_bad_size_is_a_clear_error(demo_db: Path, tmp_path: Path, capsys):
    code = main(
        ["screenshot", "--db", str(demo_db), "--size", "big", "--out", str(tmp_path / "x.png")]
    )
    assert code == 2
    assert "--size" in capsys.readouterr().err


def test_size_parsing_and_offscreen_choice():
    assert parse_size("1366x768") == (1366, 768)
    assert parse_size("800×600") == (800, 600)
    with pytest.raises(ValueError):
        parse_size("1366")
    if sys.platform.startswith("linux"):
        assert needs_offscreen({}) is True
        assert needs_offscreen({"DISPLAY": ":0"}) is False
    assert needs_offscreen({"QT_QPA_PLATFORM": "xcb"}) is False
