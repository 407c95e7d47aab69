"""One search box over names, pinyin, ID digits, phones and addresses; filters, sorting, paging."""

import datetime as dt

import pytest

from govdesk.services import registry
from govdesk.services.resident_list import ResidentFilter, ResidentList


@pytest.fixture
def people(db):
    rows = [
        ("张三", "11010519491231002X", "13800138000", "幸福里小区3号楼2单元401室", "registered"),
        ("张珊珊", None, "13911112222", "光明路8号", "floating"),
        ("赵四", None, "02566667777", "幸福里小区5号楼", "registered"),
        ("李四", None, None, "和平街1号", "foreign"),
    ]
    with db.session() as s:
        for name, idn, phone, addr, ptype in rows:
            registry.create_person(
                s,
                data={
                    "name": name,
                    "id_number": idn,
                    "phone": phone,
                    "current_address": addr,
                    "person_type": ptype,
                },
            )
    return ResidentList(db)


def names(lst, **kw):
    page = lst.page(ResidentFilter(**kw))
    rows = lst.rows([rid for _, rid in page])
    return [rows[rid]["name"] for _, rid in page]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("张", ["张三", "张珊珊"]),
        ("zs", ["张三", "张珊珊", "赵四"]),  # zhaosi has the same initials
        ("ZHANGS", ["张三", "张珊珊"]),
        ("zhangsan", ["张三"]),  # 张珊珊 is zhangshanshan
        ("zss", ["张珊珊"]),
        ("002x", ["张三"]),  # the last digits of an ID
        ("110105", ["张三"]),  # its start
        ("139", ["张珊珊"]),  # a phone's start
        ("7777", ["赵四"]),  # a phone's end
        ("幸福里", ["张三", "赵四"]),  # any part of an address
        ("5号楼", ["赵四"]),
        ("王", []),
    ],
)
def test_search_box(people, query, expected):
    assert names(people, text=query) == expected


def test_filters_and_status(people, db):
    assert names(people, person_type="floating") == ["张珊珊"]
    with db.session() as s:
        p = registry.find_by_id_number(s, id_number="11010519491231002X")
        registry.change_status(
            s, person_id=p.id, new_status="moved_out", date=dt.date(2026, 1, 5), reason="迁往上海"
        )
        registry.set_care_categories(s, person_id=p.id, category_codes=["veteran"])
    assert names(people, text="张") == ["张珊珊"]
    assert names(people, text="张", status=None) == ["张三", "张珊珊"]
    assert names(people, status=None, care_code="veteran") == ["张三"]


def test_sorting_in_sql(people):
    assert names(people) == ["李四", "张三", "张珊珊", "赵四"]  # by pinyin
    assert names(people, text="") == names(people)
    page = people.page(ResidentFilter(), sort="name", descending=True)
    rows = people.rows([rid for _, rid in page])
    assert [rows[r]["name"] for _, r in page] == ["赵四", "张珊珊", "张三", "李四"]


def test_keyset_pages_cover_everything_once(db):
    with db.session() as s:
        for i in range(57):
            registry.create_person(s, data={"name": f"测试{i:02d}", "phone": f"1380000{i:04d}"})
    lst = ResidentList(db)
    for sort in ("name", "phone", "birth_date"):
        seen, after = [], None
        while True:
            page = lst.page(ResidentFilter(), sort=sort, after=after, limit=10)
            if not page:
                break
            seen += [rid for _, rid in page]
            after = page[-1]
        assert len(seen) == 57 and len(set(seen)) == 57


def test_count_caps(people):
    assert people.count(ResidentFilter(text="张")) == 2
    assert people.count(ResidentFilter(), cap=3) == 3
    assert people.totals() == {"residents": 4, "households": 0}


def test_every_search_strategy_agrees_with_plain_sql(db, monkeypatch):
    """Name-ordered searches are merged from one page per alternative; the result must be the
    same as one plain OR query sorted by SQLite, for sparse and dense digit searches alike."""
    from sqlalchemy import text

    from govdesk.store import resident_search

    with db.session() as s:
        for i in range(60):
            registry.create_person(
                s,
                data={
                    "name": ["张", "李", "王"][i % 3] + f"{'一二三四五六七八九十'[i % 10]}",
                    "phone": f"138{i:08d}" if i % 2 else f"139{i:08d}",
                    "current_address": f"幸福路{i}号",
                },
            )
    lst = ResidentList(db)
    for dense_at in (100_000, 3):  # the second forces the walk of the name index
        monkeypatch.setattr(resident_search, "DENSE_DIGIT_MATCHES", dense_at)
        for query in ("张", "zy", "138", "8", "1", "幸福路1", "li"):
            for descending in (False, True):
                f = ResidentFilter(text=query)
                got, after = [], None
                while page := lst.page(f, descending=descending, after=after, limit=7):
                    got += [rid for _, rid in page]
                    after = page[-1]
                where, params = resident_search.where_clause(f)
                direction = "DESC" if descending else "ASC"
                with db.connect() as conn:
                    expected = [
                        r[0]
                        for r in conn.execute(
                            text(
                                f"SELECT r.rowid FROM resident r WHERE {where} "
                                f"ORDER BY r.name_pinyin {direction}, r.rowid {direction}"
                            ),
                            params,
                        )
                    ]
                assert got == expected, (query, descending, dense_at)
                assert expected, query
