"""Grid vocabulary: place kinds, staff roles, grid codes and how household addresses name a place."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govdesk.domain import messages, office_labels
from govdesk.domain.codes import Code, CodeList
from govdesk.domain.messages import Issue

COMPOUND = "compound"
BUILDING = "building"
VILLAGE_GROUP = "village_group"
HOUSE = "house"

PLACE_KINDS = CodeList(
    "place_kind",
    [
        Code(COMPOUND, "小区", "Compound"),
        Code(BUILDING, "楼栋", "Building"),
        Code(VILLAGE_GROUP, "村民小组", "Village group"),
        Code(HOUSE, "门牌号", "Rural house"),
    ],
    {"楼": BUILDING, "村组": VILLAGE_GROUP, "组": VILLAGE_GROUP, "户": HOUSE},
)

# The kinds a grid is assigned (以房管人): households hang under these.
HOME_KINDS = frozenset({BUILDING, HOUSE})
# Which kind of place may sit under which (None: at the top).
PARENT_KINDS: dict[str, frozenset[str | None]] = {
    COMPOUND: frozenset({None}),
    BUILDING: frozenset({None, COMPOUND}),
    VILLAGE_GROUP: frozenset({None}),
    HOUSE: frozenset({None, VILLAGE_GROUP}),
}

GRID_LEADER = "grid_leader"
FULL_TIME = "full_time"
PART_TIME = "part_time"

# Codes are stable; each office may rename a role or switch it off (RoleSettings below).
STAFF_ROLES = CodeList(
    "grid_staff_role",
    [
        Code(GRID_LEADER, "网格长", "Grid leader"),
        Code(FULL_TIME, "专职网格员", "Full-time grid worker"),
        Code(PART_TIME, "兼职网格员", "Part-time grid worker"),
        Code("building_leader", "楼栋长", "Building leader"),
        Code("party_household", "党员中心户", "Party-member household"),
        Code("safety_steward", "平安管家", "Safety steward"),
        Code("mediator", "调解员", "Mediator"),
        Code("police_assistant", "警务助理", "Police assistant"),
    ],
    {"专职": FULL_TIME, "兼职": PART_TIME, "网格员": FULL_TIME},
)

# The workers who share their grid's households in the workload figures.
GRID_WORKER_ROLES = frozenset({FULL_TIME, PART_TIME})
# One worker carrying more than this many times the median is flagged (docs/grids.md).
WORKLOAD_WARNING_RATIO = 1.5

NUMBER_WIDTH = 2  # the default: 第一网格 of 110105001001 is 11010500100101
# The widths an office may choose for new grids' numbers (meta NUMBER_WIDTH_KEY): some
# streets write 001 under a community; codes of existing grids never change.
NUMBER_WIDTHS = (2, 3)
NUMBER_WIDTH_KEY = "grid.number_width"

messages.register(
    {
        "grids.unknown_kind": ("“{value}”不是有效的场所类型", "'{value}' is not a kind of place"),
        "grids.bad_parent": (
            "{kind}不能放在{parent}之下",
            "A {kind} cannot be placed under a {parent}",
        ),
        "grids.place_exists": ("地址“{address}”已存在", "The address '{address}' already exists"),
        "grids.no_place": ("找不到该场所", "That place does not exist"),
        "grids.no_grid": ("找不到网格“{grid}”", "The grid '{grid}' does not exist"),
        "grids.no_household": ("找不到该户", "That household does not exist"),
        "grids.name_required": ("网格名称不能为空", "A grid's name is required"),
        "grids.bad_number": (
            "网格编号“{value}”应为1至999的数字",
            "The grid number '{value}' must be a number from 1 to 999",
        ),
        "grids.bad_width": (
            "网格编号位数只能是2位或3位",
            "Grid numbers are written with 2 or 3 digits",
        ),
        "grids.number_taken": (
            "同级已有编号为{number}的网格",
            "A grid numbered {number} already exists at that level",
        ),
        "grids.retired": ("网格“{grid}”已撤销", "The grid '{grid}' is retired"),
        "grids.still_used": (
            "网格“{grid}”仍有{places}处场所和{posts}名网格人员，请先移出或指定接收网格",
            "The grid '{grid}' still has {places} places and {posts} staff posts: move them "
            "first or name the grid that takes them",
        ),
        "grids.has_children": (
            "网格“{grid}”下还有未撤销的子网格",
            "The grid '{grid}' still has sub-grids that are not retired",
        ),
        "grids.same_grid": ("不能合并到自身", "A grid cannot be merged into itself"),
        "grids.cycle": (
            "不能把网格放到它自己的下级之下",
            "A grid cannot be placed under one of its own sub-grids",
        ),
        "grids.not_home": (
            "只能划分小区、楼栋、村民小组或门牌号",
            "Only compounds, buildings, village groups and houses are assigned to grids",
        ),
        "grids.date_before": (
            "日期不能早于{start}（当前划分的开始日期）",
            "The date cannot be before {start}, when the current assignment began",
        ),
        "grids.no_places": ("请选择要划入的场所", "Choose the places to assign"),
        "grids.unknown_role": ("“{value}”不是有效的网格岗位", "'{value}' is not a grid role"),
        "grids.staff_name": ("网格人员姓名不能为空", "A staff member's name is required"),
        "grids.no_staff": ("找不到该网格人员", "That staff member does not exist"),
        "grids.no_post": ("找不到该岗位", "That post does not exist"),
        "grids.post_ended": ("该岗位已于{end}结束", "That post already ended on {end}"),
        "grids.role_label_blank": (
            "岗位“{role}”的名称不能为空",
            "The name of the role '{role}' cannot be blank",
        ),
        "grids.role_label_long": (
            "岗位名称“{value}”太长，最多{max}个字",
            "The role name '{value}' is too long: at most {max} characters",
        ),
        "grids.role_label_taken": (
            "岗位名称“{value}”与另一个岗位重复",
            "Another role is already called '{value}'",
        ),
        "grids.role_disabled": (
            "岗位“{role}”已停用，不能再任命",
            "The role '{role}' is switched off: nobody can be appointed to it",
        ),
        "grids.undo_stale": (
            "划分在此之后又有变动，无法撤销",
            "The assignment changed again since: it cannot be undone",
        ),
    }
)


def format_number(number: int, width: int = NUMBER_WIDTH) -> str:
    """A grid's own number as written in its code: 03, 12, 104 (or 003, 012 at width 3)."""
    return str(number).zfill(width)


def parse_number(value: str | int) -> int | None:
    """The number a clerk typed (3, "03"), or None when it is not 1–999."""
    text = str(value).strip()
    if not text.isdigit():
        return None
    number = int(text)
    return number if 1 <= number <= 999 else None


def grid_code(division_code: str, numbers: Sequence[str | int], width: int = NUMBER_WIDTH) -> str:
    """The division code followed by the numbers down the tree: 110105001001 + 03 + 01."""
    parts = [format_number(n, width) if isinstance(n, int) else str(n).strip() for n in numbers]
    return division_code.strip() + "".join(parts)


@dataclass(frozen=True)
class ParsedAddress:
    """The places a household address names: (kind, name, address prefix) from the top down."""

    parts: tuple[tuple[str, str, str], ...]

    @property
    def home_address(self) -> str:
        return self.parts[-1][2]


# 幸福里小区3号楼2单元301室, 幸福里小区2期12栋…: the compound is everything before the building.
_BUILDING = re.compile(r"^(?P<compound>.*?)(?P<building>(?:\d+|[A-Za-z])(?:号楼|号栋|栋|幢|座))")
# 前进村第一村民小组12号, 东营村三组8号
_HOUSE = re.compile(r"^(?P<group>.+?(?:村民小组|组))(?P<house>\d+(?:-\d+)?号)")


def parse_address(address: str | None) -> ParsedAddress | None:
    """The compound/building or village group/house an address names; None when it names neither."""
    text = "".join((address or "").split())
    if not text:
        return None
    m = _HOUSE.match(text)
    if m:
        group = m["group"]
        house = group + m["house"]
        return ParsedAddress(((VILLAGE_GROUP, group, group), (HOUSE, m["house"], house)))
    m = _BUILDING.match(text)
    if m:
        compound = m["compound"]
        building = compound + m["building"]
        if not compound:
            return ParsedAddress(((BUILDING, m["building"], building),))
        return ParsedAddress(((COMPOUND, compound, compound), (BUILDING, m["building"], building)))
    return None


# -- role labels per office ------------------------------------------------------------------
# Office meta key; the value is JSON {"labels": {code: label}, "disabled": [code, …]}, where
# `labels` holds only the roles the office renamed.
ROLE_LABELS_KEY = "grid.role_labels"
ROLE_LABEL_MAX = 20


@dataclass(frozen=True)
class RoleSettings(office_labels.OfficeLabels):
    """The office's own names for the staff roles and the roles it does not use."""

    builtin = STAFF_ROLES

    def all_labels(self) -> dict[str, str]:
        """Every role, in the built-in order, with the label the office shows."""
        return {c.code: self.label(c.code) for c in STAFF_ROLES}

    def enabled(self) -> list[str]:
        """The codes offered in the choosers, in the built-in order."""
        return [c.code for c in STAFF_ROLES if c.code not in self.disabled]

    def parse(self, text: str | None) -> str | None:
        """A role typed by code, by the office's label or by a built-in label or alias."""
        if text is None:
            return None
        wanted = str(text).strip().casefold()
        for code, label in self.labels.items():
            if label.casefold() == wanted:
                return code
        return STAFF_ROLES.parse(text)


DEFAULT_ROLE_SETTINGS = RoleSettings(labels={}, disabled=frozenset())


def role_settings_from_json(value: str | None) -> RoleSettings:
    """What the meta row holds; a missing or unreadable value means the built-in names."""
    stored = office_labels.from_json(value, lambda code: code in STAFF_ROLES)
    if stored is None:
        return DEFAULT_ROLE_SETTINGS
    labels, disabled = stored
    return RoleSettings(labels=labels, disabled=frozenset(c for c in disabled if c in STAFF_ROLES))


def check_role_settings(
    current: RoleSettings,
    labels: Mapping[str, str],
    disabled: Sequence[str] | set[str] | frozenset[str],
) -> tuple[RoleSettings, list[Issue]]:
    """The settings after renaming the roles in `labels` (others keep their names) and
    switching off exactly `disabled`; with the problems, each on the role's code as field.

    A label equal to the built-in Chinese name is the built-in name again (not stored)."""
    issues: list[Issue] = []
    merged = {c.code: current.labels.get(c.code, c.zh) for c in STAFF_ROLES}
    for code, label in labels.items():
        if code not in STAFF_ROLES:
            issues.append(Issue(str(code), "grids.unknown_role", {"value": code}))
            continue
        text = " ".join(str(label or "").split())
        if not text:
            issues.append(Issue(code, "grids.role_label_blank", {"role": STAFF_ROLES.zh(code)}))
        elif len(text) > ROLE_LABEL_MAX:
            issues.append(
                Issue(code, "grids.role_label_long", {"value": text, "max": ROLE_LABEL_MAX})
            )
        else:
            merged[code] = text
    for code in disabled:
        if code not in STAFF_ROLES:
            issues.append(Issue(str(code), "grids.unknown_role", {"value": code}))
    seen: dict[str, str] = {}
    bad = {i.field for i in issues}
    for c in STAFF_ROLES:
        key = merged[c.code].casefold()
        if key in seen and c.code not in bad:
            # Blame the role that was just renamed, so the message sits beside its box.
            blamed = c.code if c.code in labels else seen[key]
            issues.append(Issue(blamed, "grids.role_label_taken", {"value": merged[c.code]}))
        seen.setdefault(key, c.code)
    settings = RoleSettings(
        labels={code: text for code, text in merged.items() if text != STAFF_ROLES.zh(code)},
        disabled=frozenset(c for c in disabled if c in STAFF_ROLES),
    )
    return settings, issues
