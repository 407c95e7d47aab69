"""编码规则 in the grids tab: the administrator chooses three-digit numbers for new grids."""

from __future__ import annotations

from govdesk.domain.permissions import Actor, Role
from govdesk.services import grid_codes, grids
from govdesk.ui.grids import grid_dialogs
from govdesk.ui.grids.numbering_dialog import NumberingDialog
from tests.ui.test_grids_staff import _tab, world  # noqa: F401 - the fixture


def test_the_dialog_shows_examples_and_sets_the_width(qtbot, db, world):  # noqa: F811
    tab = _tab(qtbot, db)
    assert tab.numbering_action is not None and tab.numbering_action in tab.toolbar.actions()
    seen: list[str] = []

    def fill(dialog):
        assert isinstance(dialog, NumberingDialog)
        assert dialog.width() == 2
        seen.append(dialog.example.text())
        dialog.width_box.setCurrentIndex(1)
        seen.append(dialog.example.text())
        assert dialog.save()

    with grid_dialogs.driven(fill):
        assert tab.edit_numbering()
    assert "01，" in seen[0] and seen[1].endswith("001002")
    assert grid_codes.number_width(db) == 3
    with db.session() as s:
        assert grids.create_grid(s, name="新网格").code.endswith("003")  # two grids exist

    def cancel(dialog):
        dialog.width_box.setCurrentIndex(0)
        dialog.reject()

    with grid_dialogs.driven(cancel):
        assert not tab.edit_numbering()
    assert grid_codes.number_width(db) == 3


def test_only_the_administrator_gets_the_action(qtbot, db, world):  # noqa: F811
    db.actor = Actor(username="g", role=Role.GRID)
    tab = _tab(qtbot, db)
    assert tab.numbering_action is None
    assert not tab.edit_numbering()
