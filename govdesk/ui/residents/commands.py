"""Undoable resident edits: each undo or redo is a new write through the registry, never a delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from govdesk.services import registry
from govdesk.store.database import Database
from govdesk.ui.stored_command import StoredCommand

UNDO_CREATE_REASON = "撤销新增"
REDO_CREATE_REASON = "重做新增"


class _RegistryCommand(StoredCommand):
    """A change of one person (or their household), with the views told which person."""

    # A refusal may pass later (the ID free again, the household's head changed back): the
    # command stays on the stack to be tried again.
    drop_when_refused = False

    def __init__(
        self,
        db: Database,
        person_id: str,
        text: str,
        on_change: Callable[[str], None],
        parent_widget: QWidget | None = None,
    ):
        super().__init__(db, text, parent_widget)
        self.person_id = person_id
        self.on_change = on_change

    def changed(self) -> None:
        self.on_change(self.person_id)


class EditPersonCommand(_RegistryCommand):
    """Old and new values of the fields (and care categories) an edit changed."""

    def __init__(
        self,
        db: Database,
        person_id: str,
        *,
        old: dict[str, Any],
        new: dict[str, Any],
        old_care: list[str] | None,
        new_care: list[str] | None,
        name: str,
        on_change: Callable[[str], None],
        parent_widget: QWidget | None = None,
    ):
        super().__init__(
            db,
            person_id,
            QCoreApplication.translate("ResidentCommands", "修改 {name}").format(name=name),
            on_change,
            parent_widget,
        )
        self.old, self.new = old, new
        self.old_care, self.new_care = old_care, new_care

    def _write(self, session: Any, values: dict[str, Any], care: list[str] | None) -> None:
        if values:
            registry.update_person(session, person_id=self.person_id, changes=values)
        if care is not None:
            registry.set_care_categories(session, person_id=self.person_id, category_codes=care)

    def apply(self, session: Any) -> None:
        self._write(session, self.new, self.new_care)

    def revert(self, session: Any) -> None:
        self._write(session, self.old, self.old_care)


class StatusCommand(_RegistryCommand):
    """A status change; undo records a change back with its own reason (history is kept)."""

    def __init__(
        self,
        db: Database,
        person_id: str,
        *,
        old_status: str,
        new_status: str,
        date: dt.date,
        reason: str,
        text: str,
        undo_reason: str,
        on_change: Callable[[str], None],
        parent_widget: QWidget | None = None,
    ):
        super().__init__(db, person_id, text, on_change, parent_widget)
        self.old_status, self.new_status = old_status, new_status
        self.date, self.reason, self.undo_reason = date, reason, undo_reason

    def apply(self, session: Any) -> None:
        registry.change_status(
            session,
            person_id=self.person_id,
            new_status=self.new_status,
            date=self.date,
            reason=self.reason,
        )

    def revert(self, session: Any) -> None:
        registry.change_status(
            session,
            person_id=self.person_id,
            new_status=self.old_status,
            date=dt.date.today(),
            reason=self.undo_reason,
        )


def create_command(
    db: Database,
    person_id: str,
    name: str,
    on_change: Callable[[str], None],
    parent_widget: QWidget | None = None,
) -> StatusCommand:
    """Undoing a new registration marks it 注销 ("撤销新增"); records are never deleted."""
    return StatusCommand(
        db,
        person_id,
        old_status="deregistered",
        new_status="on_register",
        date=dt.date.today(),
        reason=REDO_CREATE_REASON,
        text=QCoreApplication.translate("ResidentCommands", "新增 {name}").format(name=name),
        undo_reason=UNDO_CREATE_REASON,
        on_change=on_change,
        parent_widget=parent_widget,
    )


def status_command(
    db: Database,
    person_id: str,
    *,
    name: str,
    old_status: str,
    new_status: str,
    date: dt.date,
    reason: str,
    on_change: Callable[[str], None],
    parent_widget: QWidget | None = None,
) -> StatusCommand:
    from govdesk.domain import codes

    return StatusCommand(
        db,
        person_id,
        old_status=old_status,
        new_status=new_status,
        date=date,
        reason=reason,
        text=QCoreApplication.translate("ResidentCommands", "{name}：{status}").format(
            name=name, status=codes.RESIDENT_STATUS.label(new_status)
        ),
        undo_reason=QCoreApplication.translate("ResidentCommands", "撤销状态变更"),
        on_change=on_change,
        parent_widget=parent_widget,
    )


class CallCommand(_RegistryCommand):
    """A household change (move, new head) with its registry calls for undo and redo."""

    def __init__(
        self,
        db: Database,
        person_id: str,
        text: str,
        *,
        apply: Callable[[Any], None],
        revert: Callable[[Any], None],
        on_change: Callable[[str], None],
        parent_widget: QWidget | None = None,
    ):
        super().__init__(db, person_id, text, on_change, parent_widget)
        self._apply, self._revert = apply, revert

    def apply(self, session: Any) -> None:
        self._apply(session)

    def revert(self, session: Any) -> None:
        self._revert(session)


def move_command(
    db: Database,
    moved: tuple[str, str, tuple[str | None, str | None], tuple[str, str]],
    *,
    on_change: Callable[[str], None],
    parent_widget: QWidget | None = None,
) -> CallCommand | None:
    """A done move (person id, name, (old household, relation), (new household, relation)).

    None when the person had no household before: there is nothing to move back into.
    """
    person_id, name, old, new = moved
    old_household = old[0]
    if old_household is None:
        return None

    def to(household_id: str, relation: str | None) -> Callable[[Any], None]:
        def run(session: Any) -> None:
            registry.move_person(
                session,
                person_id=person_id,
                household_id=household_id,
                relation=relation or "other",
            )

        return run

    return CallCommand(
        db,
        person_id,
        QCoreApplication.translate("ResidentCommands", "迁户 {name}").format(name=name),
        apply=to(*new),
        revert=to(old_household, old[1]),
        on_change=on_change,
        parent_widget=parent_widget,
    )


def set_head_now(
    db: Database,
    household_id: str,
    person_id: str,
    *,
    old_head_relation: str,
    on_change: Callable[[str], None],
    parent_widget: QWidget | None = None,
) -> CallCommand | None:
    """Make the person head (raises DomainError); returns the command that undoes it.

    None when the household had no head before: there is nobody to give the role back to.
    """
    with db.session() as s:
        head = registry.household_head(s, household_id=household_id)
        person = registry.get_person(s, person_id=person_id)
        before = (person.id, person.name, person.relation_to_head)
        registry.set_head(
            s, household_id=household_id, person_id=person_id, old_head_relation=old_head_relation
        )
    if head is None or head.id == person_id:
        return None
    return set_head_command(
        db,
        household_id,
        new_head=before,
        old_head_id=head.id,
        old_head_relation=old_head_relation,
        on_change=on_change,
        parent_widget=parent_widget,
    )


def set_head_command(
    db: Database,
    household_id: str,
    *,
    new_head: tuple[str, str, str | None],
    old_head_id: str,
    old_head_relation: str,
    on_change: Callable[[str], None],
    parent_widget: QWidget | None = None,
) -> CallCommand:
    """A new head; undo makes the old head head again and gives back the relation they had.

    `new_head` is (person id, name, relation before becoming head).
    """
    person_id, name, previous = new_head

    def apply(session: Any) -> None:
        registry.set_head(
            session,
            household_id=household_id,
            person_id=person_id,
            old_head_relation=old_head_relation,
        )

    def revert(session: Any) -> None:
        registry.set_head(
            session,
            household_id=household_id,
            person_id=old_head_id,
            old_head_relation=previous or "other",
        )

    return CallCommand(
        db,
        person_id,
        QCoreApplication.translate("ResidentCommands", "设 {name} 为户主").format(name=name),
        apply=apply,
        revert=revert,
        on_change=on_change,
        parent_widget=parent_widget,
    )
