"""The township tabs by key, for the main window (shown instead of the office tabs)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from govdesk.domain.permissions import Permission

if TYPE_CHECKING:
    from govdesk.store.database import Database


def _lazy(module: str, name: str) -> Callable[[Database, QWidget], QWidget]:
    """A factory importing its tab's module only when the tab is built, so the window
    starts without loading tabs it may never show."""

    def make(db: Database, parent: QWidget) -> QWidget:
        tab: QWidget = getattr(importlib.import_module(module), name)(db, parent)
        return tab

    return make


_offices = _lazy("govdesk.ui.township.offices", "TownshipOfficesTab")
_residents = _lazy("govdesk.ui.township.residents", "TownshipResidentsTab")
_grids = _lazy("govdesk.ui.township.lists", "TownshipGridsTab")
_cases = _lazy("govdesk.ui.township.lists", "TownshipCasesTab")
_hours = _lazy("govdesk.ui.township.lists", "TownshipHoursTab")
_duplicates = _lazy("govdesk.ui.township.duplicates", "TownshipDuplicatesTab")
_figures = _lazy("govdesk.ui.township.figures", "TownshipFiguresTab")
_reference = _lazy("govdesk.ui.township.reference", "TownshipReferenceTab")


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
