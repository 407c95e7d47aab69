"""The watched shared folder: packages copied into it are imported once they have settled,
listed with their outcome, and the watch resumes when the window opens again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govdesk.ui.dialog_driver import driven
from govdesk.ui.exchange import drives, prefs
from govdesk.ui.exchange.export_dialog import ExportDialog
from govdesk.ui.exchange.watch_dialog import WatchDialog
from tests.ui.exchange_helpers import make_pair, register, window_for


@pytest.fixture
def pair(tmp_path: Path):
    made = make_pair(tmp_path)
    yield made
    made.close()


@pytest.fixture
def package(shell, qtbot, pair, tmp_path) -> Path:
    register(pair.office, ["欧阳秀英", "司马建国"])
    out = tmp_path / "out"
    out.mkdir()
    dialog = ExportDialog(pair.office)
    qtbot.addWidget(dialog)
    dialog.use_folder(out)
    op = dialog.start()
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert dialog.result_path is not None
    return dialog.result_path


def _quick(watcher) -> None:
    watcher.stable_s = 0.2
    watcher.poll_ms = 50


def test_a_package_copied_in_is_imported_once_and_listed(shell, qtbot, pair, package, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    window = window_for(qtbot, pair.township)
    menu = window.exchange_menu
    _quick(menu.watcher)
    menu.watch(share)
    assert prefs.watched_folder(pair.township.path) == share
    assert menu.watch_label.isVisibleTo(window) and "share" in menu.watch_label.text()

    shutil.copy(package, share / package.name)
    qtbot.waitUntil(lambda: len(menu.watcher.entries) == 1, timeout=30000)
    entry = menu.watcher.entries[0]
    assert (entry.file_name, entry.outcome) == (package.name, "applied")
    assert "新增 14" in entry.summary

    # The same bytes under another name: the engine knows them, and says so.
    shutil.copy(package, share / ("copy-" + package.name))
    qtbot.waitUntil(lambda: len(menu.watcher.entries) == 2, timeout=30000)
    assert menu.watcher.entries[1].outcome == "nothing_new"
    # Nothing more happens on later listings: each file is imported once.
    menu.watcher.scan()
    menu.watcher.scan()
    assert not menu.watcher.busy
    assert len(menu.watcher.entries) == 2

    seen: list[list[str]] = []

    def look(dialog: WatchDialog) -> None:
        seen.extend(
            [dialog.table.item(r, c).text() for c in (1, 2)] for r in range(dialog.table.rowCount())
        )
        assert str(share) in dialog.folder_label.text()

    with driven(look):
        menu.watch_dialog()
    assert seen == [["copy-" + package.name, "没有新内容"], [package.name, "已导入"]]


def test_a_file_still_growing_waits(shell, qtbot, pair, package, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    window = window_for(qtbot, pair.township)
    watcher = window.exchange_menu.watcher
    watcher.stable_s = 3600  # never settles while this part of the test runs
    window.exchange_menu.watch(share)
    data = package.read_bytes()
    target = share / package.name
    target.write_bytes(data[: len(data) // 2])
    watcher.scan()
    watcher.scan()
    assert watcher.busy and watcher.entries == []
    target.write_bytes(data)  # the copy completes
    watcher.stable_s = 0
    watcher.scan()  # a new size: seen again from now
    watcher.scan()  # unchanged since: imported
    qtbot.waitUntil(lambda: len(watcher.entries) == 1, timeout=30000)
    assert watcher.entries[0].outcome == "applied"


def test_own_packages_and_partial_files_are_left_alone(shell, qtbot, pair, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    (share / "110105001001-20261127-0001.gdx").write_bytes(b"x" * 100)
    (share / ".110105001002-20261127-0001.gdx.1a2b.part").write_bytes(b"x" * 100)
    (share / "notes.txt").write_text("hello", encoding="utf-8")
    window = window_for(qtbot, pair.office)  # the office's own code prefixes its packages
    watcher = window.exchange_menu.watcher
    watcher.stable_s = 0
    window.exchange_menu.watch(share)
    watcher.scan()
    watcher.scan()
    assert not watcher.busy and watcher.entries == []


def test_the_watch_resumes_when_the_window_opens(shell, qtbot, pair, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    prefs.set_watched_folder(pair.township.path, share)
    window = window_for(qtbot, pair.township)
    assert window.exchange_menu.watcher.folder == share
    window.exchange_menu.watch(None)
    assert window.exchange_menu.watcher.folder is None
    assert prefs.watched_folder(pair.township.path) is None
    assert not window.exchange_menu.watch_label.isVisibleTo(window)


@pytest.mark.parametrize(
    ("root", "system", "expected"),
    [
        ("/media/clerk/KINGSTON", "/", True),
        ("/run/media/clerk/U盘", "/", True),
        ("/mnt/usb", "/", True),
        ("/", "/", False),
        ("/home", "/", False),
        ("/boot/efi", "/", False),
        ("E:/", "C:/", True),
        ("C:/", "C:/", False),
        ("D:/", "D:/", False),
        ("", "/", False),
    ],
)
def test_removable_looking_mounts(root, system, expected):
    assert drives.looks_removable(root, system) is expected


def test_packages_for_other_offices_are_passed_over(shell, qtbot, pair, package, tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    # The office's upward package lies in the share too: it is sealed for the township.
    shutil.copy(package, share / package.name.replace("110105001001", "110105001002"))
    (share / "110105001003-20261127-0001.gdx").write_bytes(b"not a package" * 10)
    window = window_for(qtbot, pair.office)
    watcher = window.exchange_menu.watcher
    watcher.stable_s = 0
    window.exchange_menu.watch(share)
    watcher.scan()
    watcher.scan()
    assert not watcher.busy and watcher.entries == []
    # The township, to which the package is addressed, takes it.
    township = window_for(qtbot, pair.township)
    t_watcher = township.exchange_menu.watcher
    _quick(t_watcher)
    township.exchange_menu.watch(share)
    qtbot.waitUntil(lambda: len(t_watcher.entries) == 1, timeout=30000)
    assert t_watcher.entries[0].outcome == "applied"


def test_a_package_refused_for_a_key_not_yet_trusted_goes_in_once_it_is(shell, qtbot, tmp_path):
    from govdesk.exchange import keys
    from govdesk.exchange.export import export_package
    from govdesk.ui.exchange.keys_dialog import KeysDialog, TrustDialog
    from tests.ui.exchange_helpers import make_pair as pair_of

    pair = pair_of(tmp_path, trusted=False)
    try:
        with pair.office.session() as s:
            keys.trust(s, pair.township_card)  # the office knows the township; not yet back
        register(pair.office, ["欧阳秀英", "司马建国"])
        out = tmp_path / "out"
        out.mkdir()
        made = export_package(pair.office, out).path
        share = tmp_path / "share"
        share.mkdir()
        window = window_for(qtbot, pair.township)
        menu = window.exchange_menu
        watcher = menu.watcher
        _quick(watcher)
        menu.watch(share)
        shutil.copy(made, share / made.name)
        qtbot.waitUntil(lambda: len(watcher.entries) == 1, timeout=30000)
        assert watcher.entries[0].outcome == "refused"
        watcher.scan()
        watcher.scan()
        assert len(watcher.entries) == 1 and not watcher.busy  # not tried on every listing

        offered: list[bool] = []
        with driven(lambda dialog: offered.append(dialog.retry_button.isEnabled())):
            menu.watch_dialog()
        assert offered == [True]

        # The township checks the office's fingerprint by phone and trusts its key file.
        key_file = tmp_path / "office.gdkey"
        key_file.write_bytes(keys.public_key_file(pair.office))

        def drive(dialog) -> None:
            if isinstance(dialog, TrustDialog):
                dialog.checked.setChecked(True)
                dialog.save()
            elif isinstance(dialog, KeysDialog):
                assert dialog.trust_file(key_file) is not None

        with driven(drive):
            menu.keys_dialog()
        qtbot.waitUntil(lambda: len(watcher.entries) == 2, timeout=30000)
        assert (watcher.entries[1].file_name, watcher.entries[1].outcome) == (
            made.name,
            "applied",
        )
        assert not watcher.unsuccessful
        with driven(lambda dialog: offered.append(dialog.retry_button.isEnabled())):
            menu.watch_dialog()
        assert offered == [True, False]
    finally:
        pair.close()
