"""What the grid printouts print: rosters, contact cards and visit worksheets as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class StaffLine:
    """One post of one staff member, as printed; every value is already the text to show."""

    name: str
    role: str  # the Chinese role label, e.g. 专职网格员
    phone: str = ""  # masked already when the user may not print it in full


@dataclass
class GridEntry:
    """One grid with the staff serving in it on the printed day."""

    name: str
    code: str = ""
    area: str = ""  # 网格范围: the streets and buildings it covers
    depth: int = 0  # 0 = directly under the community, 1 = a sub-grid …
    staff: list[StaffLine] = field(default_factory=list)  # grid leader first


@dataclass
class RosterData:
    """网格员公示表: every grid of the office with its staff, for the notice board."""

    office_name: str
    division_code: str = ""
    on: dt.date | None = None  # the day the posts hold; printed as 公示日期
    grids: list[GridEntry] = field(default_factory=list)
    notice: str = ""  # a closing line, e.g. who to call about the grid service
    masked: bool = False


@dataclass
class CardData:
    """网格员联系卡: one card per grid, four to an A4 page."""

    office_name: str
    grids: list[GridEntry] = field(default_factory=list)
    on: dt.date | None = None
    slogan: str = "有事找网格　服务零距离"
    masked: bool = False


@dataclass
class DueLine:
    """One household on a worker's round: who, where, why, and how overdue its visit is."""

    address: str
    household_number: str = ""
    head_name: str = ""
    phone: str = ""
    categories: str = ""  # care category labels, joined; 重点关爱 when the user may not see them
    interval_days: int | None = None
    last_visited_on: dt.date | None = None  # None: never visited
    # Days past the due day (last visit + interval); 0 = due today; None = never visited.
    overdue_days: int | None = 0
    grid_name: str = ""


@dataclass
class WorksheetData:
    """走访任务单: a grid worker's households due for a visit, most overdue first."""

    office_name: str
    division_code: str = ""
    staff_name: str = ""
    grids: list[str] = field(default_factory=list)  # the grids the worker serves on `today`
    today: dt.date | None = None
    lines: list[DueLine] = field(default_factory=list)
    masked: bool = False
