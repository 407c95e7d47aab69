"""The first-run dialog refuses a bad division code in words and creates the database, with its administrator, on a good one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from govdesk.domain.permissions import Role
from govdesk.services import accounts
from govdesk.services.office import current_office
from govdesk.store.database import Database
from govdesk.ui import app as app_module
from govdesk.ui.first_run import FirstRunDialog, suggested_kind

ADMIN_PASSWORD = "admin-pass-1"


def office_of(db: Database) -> tuple[str, str, str]:
    with db.session() as s:
        o = current_office(s)
        return o.name, o.division_code, o.kind


def test_bad_division_code_is_refused_with_the_reason(shell, qtbot, tmp_path: Path):
    path = tmp_path / "new.db"
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.insert("幸福社区居民委员会")  # keyClicks types ASCII only
    qtbot.keyClicks(dialog.code_edit, "11010500100")  # eleven digits
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.database is None
    assert dialog.code_error.isVisible()
    assert dialog.code_error.text() == "区划代码应为12位数字，实际为“11010500100”"
    assert not dialog.name_error.isVisible()
    assert not path.exists()


def test_missing_name_is_refused_with_the_reason(shell, qtbot, tmp_path: Path):
    dialog = FirstRunDialog(tmp_path / "new.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code_edit, "110105001001")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.name_error.isVisible() and dialog.name_error.text() == "请填写单位名称"
    assert not (tmp_path / "new.db").exists()


def test_letters_cannot_be_typed_into_the_code(shell, qtbot, tmp_path: Path):
    dialog = FirstRunDialog(tmp_path / "new.db")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code_edit, "11a0105b001001")
    assert dialog.code_edit.text() == "110105001001"


def fill_admin(dialog: FirstRunDialog, username: str = "admin") -> None:
    dialog.admin_edit.setText(username)
    dialog.admin_fields.first.setText(ADMIN_PASSWORD)
    dialog.admin_fields.second.setText(ADMIN_PASSWORD)


def test_good_values_create_the_database(shell, qtbot, tmp_path: Path):
    path = tmp_path / "office" / "govdesk.db"
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.insert("  幸福社区居民委员会 ")
    qtbot.keyClicks(dialog.code_edit, "110105001001")
    qtbot.keyClicks(dialog.admin_edit, "wang")
    qtbot.keyClicks(dialog.admin_fields.first, ADMIN_PASSWORD)
    qtbot.keyClicks(dialog.admin_fields.second, ADMIN_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.database is not None
    assert office_of(dialog.database) == ("幸福社区居民委员会", "110105001001", "community")
    # The new office starts with its administrator signed in.
    actor = dialog.database.actor
    assert actor is not None and actor.username == "wang" and actor.role == Role.ADMIN
    assert [a.username for a in accounts.list_accounts(dialog.database)] == ["wang"]
    dialog.database.close()
    reopened = Database.open(path)  # a real govdesk database on disk
    assert office_of(reopened)[0] == "幸福社区居民委员会"
    # The exchange keys were made at first run: the fingerprint can be read out at once.
    assert reopened.meta("exchange.sign_private") and reopened.meta("exchange.box_private")
    assert accounts.login(reopened, "wang", ADMIN_PASSWORD).role == Role.ADMIN
    reopened.close()


def test_the_administrator_is_required_and_the_password_checked(shell, qtbot, tmp_path: Path):
    path = tmp_path / "new.db"
    dialog = FirstRunDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_edit.setText("幸福社区居民委员会")
    dialog.code_edit.setText("110105001001")
    dialog.accept()
    assert dialog.admin_error.isVisible() and dialog.admin_error.text() == "请填写管理员用户名"
    assert not path.exists()
    dialog.admin_edit.setText("admin")
    dialog.admin_fields.first.setText("admin")
    dialog.admin_fields.second.setText("admin")
    dialog.accept()
    assert dialog.password_error.text() == "密码至少需要8个字符\n密码不能与用户名相同"
    assert dialog.admin_fields.first.text() == ""
    dialog.admin_fields.first.setText(ADMIN_PASSWORD)
    dialog.admin_fields.second.setText(ADMIN_PASSWORD + "x")
    dialog.accept()
    assert dialog.password_error.text() == "两次输入的密码不一致"
    assert not path.exists() and dialog.database is None
    fill_admin(dialog)
    dialog.accept()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.database.actor.username == "admin"
    dialog.database.close()


def test_full_width_digits_and_village_code(shell, qtbot, tmp_path: Path):
    dialog = FirstRunDialog(tmp_path / "v.db")
    qtbot.addWidget(dialog)
    dialog.name_edit.insert("石门村村民委员会")
    dialog.code_edit.insert("３７０１１２１０１２０３")
    assert dialog.kind_combo.currentData() == "village"  # 200–399: villagers' committee
    fill_admin(dialog)
    dialog.accept()
    assert dialog.database is not None
    assert office_of(dialog.database) == ("石门村村民委员会", "370112101203", "village")
    dialog.database.close()


def test_kind_chosen_by_hand_is_kept(shell, qtbot, tmp_path: Path):
    dialog = FirstRunDialog(tmp_path / "k.db")
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("village"))
    dialog.kind_combo.activated.emit(dialog.kind_combo.currentIndex())
    qtbot.keyClicks(dialog.code_edit, "110105001001")
    assert dialog.kind_combo.currentData() == "village"


def test_suggested_kind():
    assert suggested_kind("110105001001") == "community"
    assert suggested_kind("110105001199") == "community"
    assert suggested_kind("370112101203") == "village"
    assert suggested_kind("370112101400") is None
    assert suggested_kind("11010500100") is None


def test_a_missing_db_file_goes_through_the_first_run_dialog(shell, qtbot, tmp_path: Path):
    path = tmp_path / "missing.db"

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FirstRunDialog):
            QTimer.singleShot(20, fill_in)
            return
        dialog.name_edit.setText("幸福社区居民委员会")
        dialog.code_edit.setText("110105001001")
        fill_admin(dialog)
        dialog.ok_button.click()

    QTimer.singleShot(0, fill_in)
    db = app_module.open_database(path)
    assert db is not None and db.path == path
    assert office_of(db)[1] == "110105001001"
    assert db.actor is not None and db.actor.username == "admin"
    db.close()


def test_cancelling_the_first_run_dialog_creates_nothing(shell, qtbot, tmp_path: Path):
    path = tmp_path / "missing.db"

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FirstRunDialog):
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert app_module.open_database(path) is None
    assert not path.exists()
