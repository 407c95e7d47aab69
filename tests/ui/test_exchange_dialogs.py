"""The 数据交换 menu in real windows over an office and a township database: exporting, keys and
fingerprints, importing with its report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.services.progress import Cancelled
from govdesk.ui.dialog_driver import driven
from govdesk.ui.exchange import prefs
from govdesk.ui.exchange.export_dialog import ExportDialog
from govdesk.ui.exchange.keys_dialog import KeysDialog, TrustDialog
from tests.ui.accounts_helpers import when_modal
from tests.ui.exchange_helpers import (
    TOWNSHIP_CODE,
    action,
    card_of,
    make_office,
    make_pair,
    register,
    window_for,
)

MENU_ACTIONS = (
    "exportPackageAction",
    "importPackageAction",
    "conflictsAction",
    "watchFolderAction",
    "exchangeKeysAction",
)


@pytest.fixture
def pair(tmp_path: Path):
    made = make_pair(tmp_path)
    yield made
    made.close()


def _export(qtbot, db, folder: Path, parent=None) -> ExportDialog:
    dialog = ExportDialog(db, parent)
    qtbot.addWidget(dialog)
    dialog.use_folder(folder)
    op = dialog.start()
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    return dialog


def test_menu_shows_for_roles_that_may_exchange(shell, qtbot, pair):
    window = window_for(qtbot, pair.office)
    menu = window.findChild(type(window.tools_menu), "exchangeMenu")
    assert menu is not None
    assert menu.title() == "数据交换(&X)"
    bar = window.menuBar().actions()
    assert bar.index(menu.menuAction()) == bar.index(window.tools_menu.menuAction()) - 1
    assert {a.objectName() for a in menu.actions() if a.objectName()} == set(MENU_ACTIONS)
    assert action(window, "exportPackageAction").shortcut().toString() == "Ctrl+Shift+E"


def test_clerk_has_no_exchange_menu(shell, qtbot, pair):
    pair.office.actor = Actor("clerk", Role.CLERK)
    window = window_for(qtbot, pair.office)
    assert window.findChild(type(window.tools_menu), "exchangeMenu") is None
    assert all(action(window, name) is None for name in MENU_ACTIONS)


def test_export_writes_the_package_and_names_it(shell, qtbot, pair, tmp_path):
    register(pair.office, ["欧阳秀英", "司马建国"])
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog = _export(qtbot, pair.office, stick)
    written = sorted(stick.iterdir())
    assert [p.suffix for p in written] == [".gdx"]
    assert written[0].name.startswith("110105001001-")
    assert dialog.result_path == written[0]
    assert written[0].name in dialog.result.text()
    assert dialog.close_button.text() == "完成"
    assert prefs.last_folder() == stick
    # The folder is offered first the next time.
    again = ExportDialog(pair.office)
    qtbot.addWidget(again)
    assert again.folder() == stick


def test_cancelled_export_leaves_no_file(shell, qtbot, pair, tmp_path):
    register(pair.office, ["欧阳秀英"])
    stick = tmp_path / "stick"
    stick.mkdir()
    dialog = ExportDialog(pair.office)
    qtbot.addWidget(dialog)
    dialog.use_folder(stick)
    op = dialog.start()
    op.request_cancel()
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    assert isinstance(op.error, Cancelled)
    assert list(stick.iterdir()) == []
    assert dialog.result_path is None
    assert dialog.start_button.isEnabled()  # the clerk can try again


def test_export_without_a_township_key_says_what_to_do(shell, qtbot, tmp_path):
    db = make_office(tmp_path / "alone.db")
    try:
        dialog = ExportDialog(db)
        qtbot.addWidget(dialog)
        dialog.use_folder(tmp_path)
        assert "还没有导入乡镇（街道）的公钥" in dialog.intro.text()
        assert not dialog.start_button.isEnabled()
        assert dialog.start() is None
    finally:
        db.close()


def test_keys_dialog_exports_trusts_and_revokes(shell, qtbot, pair, tmp_path):
    office_keys = KeysDialog(pair.office)
    qtbot.addWidget(office_keys)
    own = card_of(pair.office)
    assert office_keys.own_fingerprint.text() == own.fingerprint
    key_file = office_keys.export_public_key(tmp_path / "office.gdkey")
    assert keys.read_key_file(key_file.read_bytes()).fingerprint == own.fingerprint

    # A second office, new to the township: its key file is read, shown and confirmed.
    other = make_office(tmp_path / "other.db", code="110105001002", name="和谐社区居民委员会")
    try:
        other_file = KeysDialog(other).export_public_key(tmp_path / "other.gdkey")
    finally:
        other.close()
    township_keys = KeysDialog(pair.township)
    qtbot.addWidget(township_keys)
    shown: list[str] = []

    def confirm(dialog: TrustDialog) -> None:
        shown.append(dialog.fingerprint.text())
        assert not dialog.ok_button.isEnabled()  # not before the phone check is ticked
        dialog.checked.setChecked(True)
        dialog.save()

    with driven(confirm):
        row = township_keys.trust_file(other_file)
    assert row is not None and row.office_code == "110105001002"
    assert shown == [row.fingerprint]
    codes = [township_keys.table.item(r, 1).text() for r in range(township_keys.table.rowCount())]
    assert codes == ["110105001001", "110105001002"]

    township_keys.table.selectRow(1)
    assert township_keys.revoke_button.isEnabled()
    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert township_keys.revoke_selected()
    assert township_keys.table.item(1, 5).text().startswith("已撤销")
    assert [c.office_code for c in keys.keyring(pair.township)] == ["110105001001"]


def test_trust_needs_the_phone_check(shell, qtbot, pair, tmp_path):
    other = make_office(tmp_path / "other.db", code="110105001002", name="和谐社区居民委员会")
    try:
        other_file = KeysDialog(other).export_public_key(tmp_path / "other.gdkey")
    finally:
        other.close()
    dialog = KeysDialog(pair.township)
    qtbot.addWidget(dialog)

    def press_ok_unchecked(trust: TrustDialog) -> None:
        trust.save()  # 信任 without the tick: the dialog stays open, then is cancelled

    with driven(press_ok_unchecked):
        assert dialog.trust_file(other_file) is None
    assert [c.office_code for c in keys.keyring(pair.township)] == ["110105001001"]


def test_a_damaged_key_file_is_explained(shell, qtbot, pair, tmp_path):
    bad = tmp_path / "bad.gdkey"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    dialog = KeysDialog(pair.township)
    qtbot.addWidget(dialog)
    assert dialog.trust_file(bad) is None
    box = dialog.findChild(QMessageBox, "notifyBox")
    assert box is not None and "不是 govdesk 公钥文件" in box.text()
    assert len(keys.keyring(pair.township)) == 1


def test_township_imports_shows_and_saves_the_report(shell, qtbot, pair, tmp_path):
    register(pair.office, ["欧阳秀英", "司马建国"])
    stick = tmp_path / "stick"
    stick.mkdir()
    package = _export(qtbot, pair.office, stick).result_path
    window = window_for(qtbot, pair.township)
    menu = window.exchange_menu
    assert action(window, "exportPackageAction") is None or menu.township

    op = menu.import_package(package)
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    assert op.error is None
    dialog = menu.report_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.headline.text() == f"已导入数据包“{package.name}”。"
    assert "居民：新增 2" in dialog.body.toPlainText()
    saved = dialog.save_to(tmp_path / "report.txt")
    assert saved.read_text(encoding="utf-8") == menu.last_report.text()

    again = menu.import_package(package)
    qtbot.waitUntil(lambda: again.finished, timeout=30000)
    assert menu.last_report.outcome == "nothing_new"
    assert "没有新内容" in menu.report_dialog.headline.text()


def test_a_foreign_file_is_refused_with_a_reason(shell, qtbot, pair, tmp_path):
    junk = tmp_path / f"{TOWNSHIP_CODE[:-1]}9-20261127-0001.gdx"
    junk.write_bytes(b"not a package at all" * 10)
    window = window_for(qtbot, pair.township)
    op = window.exchange_menu.import_package(junk)
    qtbot.waitUntil(lambda: op.finished, timeout=20000)
    dialog = window.exchange_menu.report_dialog
    assert dialog.headline.text().startswith("已拒绝数据包")
    assert "不是 govdesk 数据包" in dialog.body.toPlainText()


def test_township_sends_down_and_the_office_applies_it(shell, qtbot, pair, tmp_path):
    register(pair.office, ["欧阳秀英"])
    stick = tmp_path / "stick"
    stick.mkdir()
    up = _export(qtbot, pair.office, stick).result_path
    township = window_for(qtbot, pair.township)
    op = township.exchange_menu.import_package(up)
    qtbot.waitUntil(lambda: op.finished, timeout=30000)

    down_dir = tmp_path / "down"
    down_dir.mkdir()
    assert action(township, "exportPackageAction").text() == "下发数据包(&E)…"
    dialog = ExportDialog(pair.township, township)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "下发数据包"
    assert dialog.office_choice.currentData() == "110105001001"
    assert not dialog.full_check.isVisible()
    dialog.use_folder(down_dir)
    op = dialog.start()
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    assert op.error is None
    down = dialog.result_path
    assert down is not None and down.parent == down_dir and down.name.startswith(TOWNSHIP_CODE)

    office = window_for(qtbot, pair.office)
    op = office.exchange_menu.import_package(down)
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    report = office.exchange_menu.last_report
    assert (report.outcome, report.kind) == ("applied", "reference")


def test_first_contact_asks_before_trusting_the_township(shell, qtbot, tmp_path):
    pair = make_pair(tmp_path, trusted=False)
    try:
        with pair.township.session() as s:
            keys.trust(s, pair.office_card)  # the township has the office's key file
        down_dir = tmp_path / "down"
        down_dir.mkdir()
        dialog = ExportDialog(pair.township)
        qtbot.addWidget(dialog)
        dialog.use_folder(down_dir)
        op = dialog.start()
        qtbot.waitUntil(lambda: op.finished, timeout=30000)
        down = dialog.result_path
        assert down is not None

        window = window_for(qtbot, pair.office)
        shown: list[str] = []

        def decline(trust: TrustDialog) -> None:
            shown.append(trust.fingerprint.text())
            trust.reject()

        with driven(decline):
            assert window.exchange_menu.import_package(down) is None
        assert shown == [pair.township_card.fingerprint]
        assert keys.keyring(pair.office) == []

        def accept(trust: TrustDialog) -> None:
            trust.checked.setChecked(True)
            trust.save()

        with driven(accept):
            op = window.exchange_menu.import_package(down)
        qtbot.waitUntil(lambda: op.finished, timeout=30000)
        report = window.exchange_menu.last_report
        # The township's lists equal a new office's defaults: verified, nothing to change.
        assert (report.outcome, report.source_office) == ("nothing_new", TOWNSHIP_CODE)
        assert [c.fingerprint for c in keys.keyring(pair.office)] == [
            pair.township_card.fingerprint
        ]
    finally:
        pair.close()


def test_a_read_only_database_cannot_send_or_receive(shell, qtbot, pair):
    from govdesk.store.database import Database

    path = pair.office.path
    pair.office.close()
    pair.office = Database.open(path, read_only=True)
    pair.office.actor = Actor("admin", Role.ADMIN)
    window = window_for(qtbot, pair.office)
    for name in ("exportPackageAction", "importPackageAction", "watchFolderAction"):
        assert not action(window, name).isEnabled(), name
    assert action(window, "exchangeKeysAction").isEnabled()


def test_a_cancelled_import_changes_nothing_and_says_so(shell, qtbot, pair, tmp_path):
    register(pair.office, ["欧阳秀英"])
    stick = tmp_path / "stick"
    stick.mkdir()
    package = _export(qtbot, pair.office, stick).result_path
    window = window_for(qtbot, pair.township)
    op = window.exchange_menu.import_package(package)
    op.request_cancel()
    qtbot.waitUntil(lambda: op.finished, timeout=30000)
    assert window.exchange_menu.report_dialog is None
    assert window.statusBar().currentMessage() == "已取消导入，数据没有改变。"
    with pair.township.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM resident").scalar() == 0


def test_a_report_with_conflicts_leads_to_them(shell, qtbot, pair):
    from govdesk.exchange.apply import ImportReport
    from govdesk.ui.exchange.conflicts_dialog import ConflictsDialog

    window = window_for(qtbot, pair.township)
    report = ImportReport(file_name="110105001001-20261127-0002.gdx", outcome="applied")
    report.conflicts = 2
    dialog = window.exchange_menu.show_report(report)
    assert dialog.conflicts_button.isVisibleTo(dialog)
    assert "其中 2 条记录有冲突" in dialog.headline.text()
    opened: list[str] = []
    with driven(lambda d: opened.append(type(d).__name__)):
        dialog.conflicts_button.click()
    assert opened == [ConflictsDialog.__name__]
    plain = window.exchange_menu.show_report(ImportReport(file_name="x.gdx", outcome="applied"))
    assert not plain.conflicts_button.isVisibleTo(plain)
