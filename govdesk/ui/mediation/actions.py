"""What the mediation tab can do to a case: one table of actions, each opening its dialog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from govdesk.domain.mediation import FOLLOW_UP_STATES, TRANSITIONS, CaseState
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.mediation import EDITABLE_STATES
from govdesk.store.database import Database
from govdesk.ui.dialog_driver import driven, run_dialog  # noqa: F401 - the tab's own names

CONTEXT = "MediationActions"

Run = Callable[[QWidget, Database, "str | None"], bool]


@dataclass(frozen=True)
class CaseAction:
    """One button or menu item; `run(parent, db, case_id)` is True when something changed."""

    key: str
    label: str  # Chinese source text; shown through text()
    shortcut: str | None
    needs_case: bool
    states: frozenset[str] | None  # the case states it applies to; None = any
    permission: Permission
    run: Run

    def text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.label)

    def allowed(self, db: Database) -> bool:
        """The signed-in role may use it (buttons of other actions are not built); a file
        opened read-only takes no writes, so only the export is left there."""
        writes = self.key != "stats"
        return authz.can(db, self.permission) and not (writes and getattr(db, "read_only", False))

    def applies(self, state: str | None) -> bool:
        """It fits a case in `state` (None: no case selected)."""
        if not self.needs_case:
            return True
        if state is None:
            return False
        return self.states is None or state in self.states


def _into(target: CaseState) -> frozenset[str]:
    """The states from which the life-cycle table allows a move to `target`."""
    return frozenset(str(s) for s, nexts in TRANSITIONS.items() if target in nexts)


def make_dialog(key: str, parent: QWidget | None, db: Database, case_id: str | None) -> QDialog:
    """The dialog an action shows, not yet opened: tests and the tab fill it and accept it."""
    # Imported here: the tab builds its buttons without loading every dialog module.
    if key in ("register", "edit"):
        from govdesk.ui.mediation.register_dialog import RegisterDialog

        return RegisterDialog(db, parent, case_id=case_id if key == "edit" else None)
    if key == "screening":
        from govdesk.ui.mediation.screening_dialog import ScreeningDialog

        return ScreeningDialog(db, parent)
    if key == "stats":
        from govdesk.ui.mediation.stats_dialog import StatsDialog

        return StatsDialog(db, parent)
    if key == "settings":
        from govdesk.ui.mediation.settings_dialog import SettingsDialog

        return SettingsDialog(db, parent)
    if case_id is None:
        raise ValueError(f"action {key!r} needs a case")
    if key == "add_attachment":
        from govdesk.ui.mediation.attachment_dialogs import AddAttachmentDialog

        return AddAttachmentDialog(db, case_id, parent)
    from govdesk.ui.mediation.step_dialogs import STEP_DIALOGS

    return STEP_DIALOGS[key](db, case_id, parent)


def _dialog_run(key: str) -> Run:
    def run(parent: QWidget, db: Database, case_id: str | None) -> bool:
        return run_dialog(make_dialog(key, parent, db, case_id))

    run.__name__ = f"run_{key}"
    return run


_EDIT = Permission.MEDIATION_EDIT
_S = CaseState

ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        "register",
        QT_TRANSLATE_NOOP("MediationActions", "登记案件"),
        "Ctrl+N",
        False,
        None,
        _EDIT,
        _dialog_run("register"),
    ),
    CaseAction(
        "edit",
        QT_TRANSLATE_NOOP("MediationActions", "修改登记"),
        None,
        True,
        frozenset(EDITABLE_STATES),
        _EDIT,
        _dialog_run("edit"),
    ),
    CaseAction(
        "accept",
        QT_TRANSLATE_NOOP("MediationActions", "受理"),
        None,
        True,
        _into(_S.ACCEPTED),
        _EDIT,
        _dialog_run("accept"),
    ),
    CaseAction(
        "decline",
        QT_TRANSLATE_NOOP("MediationActions", "不予受理"),
        None,
        True,
        _into(_S.DECLINED),
        _EDIT,
        _dialog_run("decline"),
    ),
    CaseAction(
        "investigate",
        QT_TRANSLATE_NOOP("MediationActions", "调查记录"),
        None,
        True,
        _into(_S.INVESTIGATING),
        _EDIT,
        _dialog_run("investigate"),
    ),
    CaseAction(
        "session",
        QT_TRANSLATE_NOOP("MediationActions", "调解记录"),
        None,
        True,
        _into(_S.MEDIATING),
        _EDIT,
        _dialog_run("session"),
    ),
    CaseAction(
        "settle",
        QT_TRANSLATE_NOOP("MediationActions", "调解成功"),
        None,
        True,
        _into(_S.SETTLED),
        _EDIT,
        _dialog_run("settle"),
    ),
    CaseAction(
        "fail",
        QT_TRANSLATE_NOOP("MediationActions", "调解不成"),
        None,
        True,
        _into(_S.FAILED),
        _EDIT,
        _dialog_run("fail"),
    ),
    CaseAction(
        "terminate",
        QT_TRANSLATE_NOOP("MediationActions", "终止调解"),
        None,
        True,
        _into(_S.TERMINATED),
        _EDIT,
        _dialog_run("terminate"),
    ),
    CaseAction(
        "perform",
        QT_TRANSLATE_NOOP("MediationActions", "履行情况"),
        None,
        True,
        frozenset(FOLLOW_UP_STATES),
        _EDIT,
        _dialog_run("perform"),
    ),
    CaseAction(
        "confirm",
        QT_TRANSLATE_NOOP("MediationActions", "司法确认"),
        None,
        True,
        frozenset(FOLLOW_UP_STATES),
        _EDIT,
        _dialog_run("confirm"),
    ),
    CaseAction(
        "follow_up",
        QT_TRANSLATE_NOOP("MediationActions", "回访"),
        None,
        True,
        frozenset(FOLLOW_UP_STATES),
        _EDIT,
        _dialog_run("follow_up"),
    ),
    CaseAction(
        "archive",
        QT_TRANSLATE_NOOP("MediationActions", "归档"),
        None,
        True,
        _into(_S.ARCHIVED),
        _EDIT,
        _dialog_run("archive"),
    ),
    CaseAction(
        "add_attachment",
        QT_TRANSLATE_NOOP("MediationActions", "添加附件"),
        None,
        True,
        None,
        _EDIT,
        _dialog_run("add_attachment"),
    ),
    CaseAction(
        "screening",
        QT_TRANSLATE_NOOP("MediationActions", "排查报告"),
        None,
        False,
        None,
        _EDIT,
        _dialog_run("screening"),
    ),
    CaseAction(
        "stats",
        QT_TRANSLATE_NOOP("MediationActions", "统计导出"),
        None,
        False,
        None,
        Permission.MEDIATION_VIEW,
        _dialog_run("stats"),
    ),
    CaseAction(
        "settings",
        QT_TRANSLATE_NOOP("MediationActions", "调解设置"),
        None,
        False,
        None,
        Permission.SETTINGS_MANAGE,
        _dialog_run("settings"),
    ),
)

BY_KEY: dict[str, CaseAction] = {a.key: a for a in ACTIONS}
# The toolbar of the tab holds these; the others act on the selected case.
TAB_ACTIONS = tuple(a for a in ACTIONS if not a.needs_case)
CASE_ACTIONS = tuple(a for a in ACTIONS if a.needs_case)


def action(key: str) -> CaseAction:
    return BY_KEY[key]
