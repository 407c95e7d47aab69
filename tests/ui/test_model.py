"""The paged resident model: pages from SQL, a bounded row cache, sorting in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govdesk.services.resident_list import ResidentFilter, ResidentList
from govdesk.ui.residents.model import (
    CACHE_ROWS,
    PAGE_SIZE,
    PagingState,
    ResidentTableModel,
    RowCache,
    display_value,
)
from tests.ui.residents_helpers import bulk_residents

N = 20_000


def test_row_cache_is_bounded_and_keeps_recent_rows():
    cache = RowCache(capacity=3)
    cache.put_many({1: {"id": "a"}, 2: {"id": "b"}, 3: {"id": "c"}})
    assert cache.get(1) == {"id": "a"}  # 1 is now the most recent
    cache.put_many({4: {"id": "d"}})
    assert len(cache) == 3
    assert 2 not in cache and 1 in cache and 4 in cache


def test_display_masks_numbers_and_labels_codes():
    row = {
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "sex": "female",
        "person_type": "floating",
        "status": "on_register",
        "relation_to_head": "head",
        "birth_date": None,
    }
    assert display_value("id_number", row) == "110105********002X"
    assert display_value("phone", row) == "138****8000"
    assert display_value("sex", row) == "女"
    assert display_value("person_type", row) == "流动人口"
    assert display_value("status", row) == "在册"
    assert display_value("relation_to_head", row) == "户主"
    assert display_value("birth_date", row) == ""


def test_paging_state_walks_every_row_once_without_widgets(db):
    bulk_residents(db, 1_234)
    state = PagingState(ResidentList(db), ResidentFilter(), "birth_date", False)
    pages = 0
    while state.fetch_page(limit=500):
        pages += 1
    assert pages == 3 and state.exhausted
    assert len(state) == 1_234
    assert len(set(state.rowids)) == 1_234


def test_model_fetches_pages_not_everything(qtbot, db):
    bulk_residents(db, N)
    model = ResidentTableModel(ResidentList(db))
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    # Painting a row far down loads a block around it, never the whole table.
    assert model.data(model.index(700, 0)) is not None
    assert len(model.cache) < 200
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == N
    for row in range(0, N, 7):
        model.data(model.index(row, 0))
    assert len(model.cache) <= CACHE_ROWS


def test_sorting_by_name_is_done_in_sql(qtbot, db):
    bulk_residents(db, 3_000)
    model = ResidentTableModel(ResidentList(db))
    col = model.columns.index("name")
    model.sort(col, Qt.SortOrder.AscendingOrder)
    first = [model.row_values(r)["name"] for r in range(5)]
    model.sort(col, Qt.SortOrder.DescendingOrder)
    last = [model.row_values(r)["name"] for r in range(5)]
    # The first page of each order comes from SQL over all 3,000 rows, not a sorted page.
    from pypinyin import lazy_pinyin

    assert lazy_pinyin(first[0]) <= lazy_pinyin(first[-1])
    assert lazy_pinyin(last[0]) >= lazy_pinyin(last[-1])
    assert set(first).isdisjoint(last)
    assert model.rowCount() == PAGE_SIZE


def test_filter_resets_the_model(qtbot, db):
    from pypinyin import Style, lazy_pinyin

    bulk_residents(db, 2_000)
    service = ResidentList(db)
    model = ResidentTableModel(service)
    flt = ResidentFilter(text="zw")
    model.set_filter(flt)
    assert 0 < model.rowCount() == service.count(flt) < 2_000
    for r in range(model.rowCount()):
        initials = "".join(lazy_pinyin(model.row_values(r)["name"], style=Style.FIRST_LETTER))
        assert initials.startswith("zw")


def test_refresh_after_a_write_reloads_a_bounded_number_of_rows(qtbot, db):
    from govdesk.ui.residents.model import REFRESH_ROWS

    bulk_residents(db, 7_000)
    model = ResidentTableModel(ResidentList(db))
    model.fetchMore()
    model.refresh()
    assert model.rowCount() == 2 * PAGE_SIZE  # what was loaded stays loaded
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 7_000
    model.refresh()
    assert model.rowCount() == REFRESH_ROWS < 7_000
