"""Grid vocabulary: codes, numbers and the places a household address names."""

from __future__ import annotations

import pytest

from govdesk.domain import grids


def test_grid_code_is_the_division_code_and_the_numbers_down_the_tree():
    assert grids.grid_code("110105001001", [3]) == "11010500100103"
    assert grids.grid_code("110105001001", [3, 12]) == "1101050010010312"
    assert grids.grid_code("110105001001", ["03", "01"]) == "1101050010010301"


@pytest.mark.parametrize(
    ("typed", "number"), [("3", 3), ("03", 3), (12, 12), ("0", None), ("1000", None), ("a", None)]
)
def test_parse_number(typed, number):
    assert grids.parse_number(typed) == number


def test_staff_roles_have_stable_codes_and_chinese_labels():
    assert [c.code for c in grids.STAFF_ROLES] == [
        "grid_leader",
        "full_time",
        "part_time",
        "building_leader",
        "party_household",
        "safety_steward",
        "mediator",
        "police_assistant",
    ]
    assert grids.STAFF_ROLES.parse("专职网格员") == "full_time"
    assert grids.STAFF_ROLES.zh("police_assistant") == "警务助理"


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        (
            "幸福里小区3号楼2单元301室",
            [("compound", "幸福里小区", "幸福里小区"), ("building", "3号楼", "幸福里小区3号楼")],
        ),
        (
            "幸福里小区2期12号楼1单元101室",
            [
                ("compound", "幸福里小区2期", "幸福里小区2期"),
                ("building", "12号楼", "幸福里小区2期12号楼"),
            ],
        ),
        (
            "和平家园 5栋 302",
            [("compound", "和平家园", "和平家园"), ("building", "5栋", "和平家园5栋")],
        ),
        (
            "前进村第一村民小组12号",
            [
                ("village_group", "前进村第一村民小组", "前进村第一村民小组"),
                ("house", "12号", "前进村第一村民小组12号"),
            ],
        ),
        ("3号楼1单元", [("building", "3号楼", "3号楼")]),
    ],
)
def test_parse_address(address, parts):
    parsed = grids.parse_address(address)
    assert parsed is not None
    assert [tuple(p) for p in parsed.parts] == parts
    assert parsed.home_address == parts[-1][2]


@pytest.mark.parametrize("address", ["", None, "建设路5号", "幸福里小区"])
def test_addresses_that_name_no_place(address):
    assert grids.parse_address(address) is None
