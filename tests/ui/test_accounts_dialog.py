"""The administrator's user list: adding, roles, deactivating, unlocking, resetting, the idle time."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from govdesk.domain.permissions import Role
from govdesk.services import accounts
from govdesk.store.database import Database
from govdesk.ui.accounts_dialog import AccountsDialog, AddUserDialog, ResetPasswordDialog
from tests.ui.accounts_helpers import (
    USER_PASSWORD,
    Clock,
    add_user,
    when_modal,
    with_admin,
)


@pytest.fixture
def dialog(shell, qtbot, db: Database) -> AccountsDialog:
    with_admin(db)
    add_user(db, "clerk", Role.CLERK)
    d = AccountsDialog(db)
    qtbot.addWidget(d)
    d.show()
    return d


def row_of(dialog: AccountsDialog, username: str) -> tuple[str, ...]:
    return next(r for r in dialog.rows() if r[0] == username)


def test_the_list_shows_each_account(dialog: AccountsDialog):
    headings = [
        dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
    ]
    assert headings == ["用户名", "姓名", "角色", "状态", "锁定至", "上次登录"]
    assert [r[:5] for r in dialog.rows()] == [
        ("admin", "", "管理员", "启用", ""),
        ("clerk", "", "登记员", "启用", ""),
    ]


def test_adding_a_user(dialog: AccountsDialog, db: Database):
    assert dialog.add_user(
        username="zhangwei", display_name="张伟", role=Role.GRID, password="first-pass-1"
    )
    assert row_of(dialog, "zhangwei") == (
        "zhangwei",
        "张伟",
        "网格员",
        "启用（待修改密码）",
        "",
        "",
    )
    assert dialog.selected_username() == "zhangwei"
    assert dialog.message.text() == "已添加用户 zhangwei"
    info = next(a for a in accounts.list_accounts(db) if a.username == "zhangwei")
    assert info.role == Role.GRID and info.must_change_password  # the administrator chose it
    # A taken name is refused with the service's words, and nothing changes.
    assert not dialog.add_user(username="clerk", role=Role.VIEWER, password="another-pass-1")
    assert dialog.message.text() == "用户名“clerk”已被使用"
    assert len(dialog.rows()) == 3


def test_the_add_user_form_checks_and_creates(dialog: AccountsDialog, db: Database, qtbot):
    form = AddUserDialog(db, dialog)
    qtbot.addWidget(form)
    assert [form.role.itemText(i) for i in range(form.role.count())] == [
        "管理员",
        "登记员",
        "网格员",
        "调解员",
        "志愿服务管理员",
        "只读/乡镇查看",
    ]
    form.username.setText("li si")
    form.fields.first.setText("first-pass-1")
    form.fields.second.setText("first-pass-1")
    form.accept()
    assert form.message.text() == "用户名须为1至40个字符，不能含空格"
    form.username.setText("lisi")
    form.role.setCurrentIndex(form.role.findData(Role.MEDIATOR.value))
    form.fields.first.setText("first-pass-1")
    form.fields.second.setText("first-pass-2")
    form.accept()
    assert form.message.text() == "两次输入的密码不一致"
    form.fields.first.setText("first-pass-1")
    form.fields.second.setText("first-pass-1")
    form.accept()
    assert form.result() == AddUserDialog.DialogCode.Accepted
    dialog.refresh()
    assert row_of(dialog, "lisi")[2] == "调解员"


def test_unlocking_a_locked_user(dialog: AccountsDialog, db: Database):
    clock = Clock()
    for attempt in range(accounts.MAX_FAILED):
        clock.advance(30)
        with pytest.raises(accounts.LoginRefused):
            accounts.login(db, "clerk", f"wrong-{attempt}", clock=clock)
    dialog.refresh()
    assert row_of(dialog, "clerk")[4] != ""  # locked until …
    dialog.select("clerk")
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert row_of(dialog, "clerk")[4] == ""
    assert dialog.message.text() == "已解锁 clerk"
    assert accounts.login(db, "clerk", USER_PASSWORD, clock=clock).username == "clerk"
    dialog.refresh()
    assert row_of(dialog, "clerk")[5] != ""  # last sign-in now shown


def test_roles_and_deactivation_and_the_last_administrator(dialog: AccountsDialog, db: Database):
    assert dialog.change_role("clerk", Role.VIEWER)
    assert row_of(dialog, "clerk")[2] == "只读/乡镇查看"
    dialog.select("clerk")
    assert dialog.active_button.text() == "停用(&D)"
    dialog.active_button.click()
    assert row_of(dialog, "clerk")[3] == "已停用"
    assert dialog.active_button.text() == "启用(&E)"
    with pytest.raises(accounts.LoginRefused):
        accounts.login(db, "clerk", USER_PASSWORD)
    assert dialog.set_active("clerk", True)
    assert row_of(dialog, "clerk")[3] == "启用"
    # The service keeps one administrator; its refusal is shown as it says it.
    assert not dialog.change_role("admin", Role.CLERK)
    assert dialog.message.text() == "“admin”是最后一个启用的管理员，不能停用或改为其他角色"
    assert row_of(dialog, "admin")[2] == "管理员"


def test_resetting_a_password(dialog: AccountsDialog, db: Database, qtbot):
    dialog.select("clerk")

    def reset(form: ResetPasswordDialog) -> None:
        form.fields.first.setText("temporary-1")
        form.fields.second.setText("temporary-1")
        form.ok_button.click()

    when_modal(ResetPasswordDialog, reset)
    dialog.reset_button.click()
    assert dialog.message.text() == "已重置 clerk 的密码，该用户下次登录时须修改密码"
    info = next(a for a in accounts.list_accounts(db) if a.username == "clerk")
    assert info.must_change_password
    assert row_of(dialog, "clerk")[3] == "启用（待修改密码）"
    admin = db.actor
    assert accounts.login(db, "clerk", "temporary-1").username == "clerk"
    db.actor = admin
    assert QApplication.activeModalWidget() is None


def test_the_idle_time(dialog: AccountsDialog, db: Database):
    assert dialog.idle.value() == accounts.DEFAULT_IDLE_MINUTES
    dialog.idle.setValue(5)
    dialog.idle_button.click()
    assert accounts.idle_minutes(db) == 5
    assert dialog.message.text() == "已设置：无操作 5 分钟后自动锁定"
    assert dialog.set_idle(0) and accounts.idle_minutes(db) == 0
    assert dialog.idle.specialValueText() == "从不自动锁定"


def test_the_dialog_needs_the_permission(shell, qtbot, db: Database):
    with_admin(db)
    add_user(db, "viewer", Role.VIEWER)
    db.actor = accounts.login(db, "viewer", USER_PASSWORD)
    with pytest.raises(accounts.authz.PermissionDenied):
        AccountsDialog(db)
