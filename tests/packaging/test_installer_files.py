"""The installer's inputs: the Windows icon, and the Inno Setup script's fixed identity."""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "govdesk.iss"
# Inno Setup finds an installed copy to upgrade by this id: changing it would install a
# second copy beside the first instead of upgrading it.
APP_ID = "{{89F01320-FF64-40AC-A344-C7A8C95DF00E}"


def test_the_windows_icon_has_every_size_windows_asks_for():
    with Image.open(ROOT / "resources" / "icons" / "govdesk.ico") as ico:
        assert ico.format == "ICO"
        sizes = set(ico.info["sizes"])
        assert {(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)} <= sizes
        for size in sorted(sizes):
            ico.size = size
            ico.load()
            image = ico.convert("RGBA")
            alpha = image.getchannel("A")
            # drawn, with a transparent margin (rounded corners), not an empty square
            assert alpha.getextrema() == (0, 255), size
            assert image.getpixel((size[0] // 2, size[1] // 2))[3] == 255, size


def test_the_installer_script_keeps_its_identity_and_names_files_that_exist():
    text = ISS.read_text(encoding="utf-8-sig")
    assert re.search(r"^AppId=(.*)$", text, re.M).group(1) == APP_ID
    # the version comes from pyproject.toml (iscc /DAppVersion=...), never written here
    assert re.search(r"^AppVersion=\{#AppVersion\}$", text, re.M)
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M)
    assert version.group(1) not in re.sub(r"^;.*$", "", text, flags=re.M)
    icon = re.search(r"^SetupIconFile=(.*)$", text, re.M).group(1)
    assert (ISS.parent / icon.replace("\\", "/")).resolve().is_file()
    # the data folder is the user's: the script installs nothing outside {app} but menu links
    destinations = re.findall(r"DestDir:\s*\"([^\"]+)\"", text)
    assert destinations and all(d.startswith("{app}") for d in destinations)


def test_the_frozen_build_takes_the_same_icon():
    spec = (ROOT / "packaging" / "govdesk.spec").read_text(encoding="utf-8")
    assert 'ICON = str(ROOT / "resources" / "icons" / "govdesk.ico")' in spec
    assert "icon=ICON" in spec
