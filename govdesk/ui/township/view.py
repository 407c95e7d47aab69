"""The township tabs by key, for the main window (shown instead of the office tabs)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from govdesk.domain.permissions import Permission

if TYPE_CHECKING:
    from govdesk.store.database import Database


def _offices(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.offices import TownshipOfficesTab

    return TownshipOfficesTab(db, parent)


def _residents(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.residents import TownshipResidentsTab

    return TownshipResidentsTab(db, parent)


def _grids(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.lists import TownshipGridsTab

    return TownshipGridsTab(db, parent)


def _cases(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.lists import TownshipCasesTab

    return TownshipCasesTab(db, parent)


def _hours(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.lists import TownshipHoursTab

    return TownshipHoursTab(db, parent)


def _duplicates(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.duplicates import TownshipDuplicatesTab

    return TownshipDuplicatesTab(db, parent)


def _figures(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.figures import TownshipFiguresTab

    return TownshipFiguresTab(db, parent)


def _reference(db: Database, parent: QWidget) -> QWidget:
    from govdesk.ui.township.reference import TownshipReferenceTab

    return TownshipReferenceTab(db, parent)


# key: (object name, factory, permission). Order is the order on screen.
TOWNSHIP_TABS: dict[str, tuple[str, Callable[[Database, QWidget], QWidget], Permission]] = {
    "township_offices": ("townshipOfficesTab", _offices, Permission.RESIDENT_VIEW),
    "township_residents": ("townshipResidentsTab", _residents, Permission.RESIDENT_VIEW),
    "township_grids": ("townshipGridsTab", _grids, Permission.GRID_VIEW),
    "township_cases": ("townshipCasesTab", _cases, Permission.MEDIATION_VIEW),
    "township_hours": ("townshipHoursTab", _hours, Permission.VOLUNTEER_VIEW),
    "township_duplicates": ("townshipDuplicatesTab", _duplicates, Permission.RESIDENT_VIEW),
    "township_figures": ("townshipFiguresTab", _figures, Permission.RESIDENT_VIEW),
    "township_reference": ("townshipReferenceTab", _reference, Permission.SETTINGS_MANAGE),
}
TOWNSHIP_TAB_KEYS = tuple(TOWNSHIP_TABS)


def make_tab(key: str, db: Database, parent: QWidget) -> QWidget:
    """One township tab; it refreshes when another tab says the records changed."""
    tab = TOWNSHIP_TABS[key][1](db, parent)
    refresh = getattr(tab, "refresh", None)
    if refresh is not None and not hasattr(tab, "register_changed"):
        tab.register_changed = refresh  # type: ignore[attr-defined]
    return tab
