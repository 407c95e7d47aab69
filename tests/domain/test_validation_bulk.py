"""Cleaning a chunk a column at a time gives exactly what clean_person gives row by row."""

import datetime as dt
import random

import pytest
from stdnum.cn import ric

from govdesk.domain import validation_bulk
from govdesk.domain.models import PersonFields
from govdesk.domain.validation import clean_person
from govdesk.domain.validation_bulk import clean_people

PERSON_KEYS = tuple(PersonFields.model_fields)
TODAY = dt.date(2026, 11, 27)


def number(area: str, birth: dt.date, seq: int) -> str:
    body = f"{area}{birth:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


MAN = number("110105", dt.date(1980, 5, 17), 11)  # odd sequence: male
WOMAN = number("110105", dt.date(1992, 2, 29), 24)
X_CHECK = next(
    n for seq in range(1, 999) if (n := number("110105", dt.date(1975, 1, 2), seq))[-1] == "X"
)

# Cells an office's workbook brings, plain ones far more often than odd ones.
POOLS: dict[str, list[object]] = {
    "name": [
        "张三",
        "李秀英",
        "欧阳娜娜",
        "王 五",
        "欧阳 娜娜",
        "",
        None,
        "  赵六 ",
        "O'Neil",
        12345,
        "张\u3000三",
    ],
    "sex": ["男", "女", "1", "2", "男性", "", None, "未知", 1.0, " 女 "],
    "ethnicity": ["汉族", "汉", "回族", "01", "火星族", "", None, 1],
    "political_status": ["群众", "中共党员", "党员", "", None, "无党派人士", "外星人"],
    "education": ["大学本科", "初中", "小学", "", None, "天书"],
    "marital_status": ["已婚", "未婚", "", None, "离婚", "不详啊"],
    "person_type": ["户籍人口", "流动人口", "常住人口", "境外人员", "", None, "路人"],
    "relation_to_head": ["户主", "配偶", "子", "女", "", None, "邻居"],
    "birth_date": [
        dt.date(1980, 5, 17),
        dt.date(1992, 2, 29),
        dt.date(1975, 1, 2),
        dt.date(1970, 1, 1),
        "1980/5/17",
        "1980年5月17日",
        "19800517",
        "1990-02-30",
        dt.date(2099, 1, 1),
        "",
        None,
        29000,
        True,
        dt.datetime(1980, 5, 17, 0, 0),
    ],
    "arrival_date": [dt.date(2020, 3, 1), "2021/7/8", "", None, "明天", dt.date(2030, 1, 1)],
    "phone": [
        "13800000000",
        "13900001111",
        "",
        "139-0000-1111",
        "123",
        "123456",
        "1234567890123456",
        None,
        13800000000.0,
        " ",
    ],
    "id_number": [
        MAN,
        WOMAN,
        X_CHECK,
        X_CHECK.lower(),
        MAN[:-1] + ("0" if MAN[-1] != "0" else "1"),  # wrong check character
        number("990105", dt.date(1980, 5, 17), 11),  # an area no table lists
        number("110105", dt.date(2099, 1, 1), 11),  # born in the future
        "110105800517111",  # 15 digits
        1.10105198005171e17,  # Excel damage
        "1.10105E+17",
        f" {MAN} ",
        "１１０１０５" + MAN[6:],
        "",
        None,
        "11010519800517",
    ],
    "occupation": ["工人", "", None, 3.5],
    "registered_address": ["幸福路1号", "", None],
    "current_address": ["幸福路1号", "和平街2号", "", None],
    "residence_permit_no": ["", None, "JZ001"],
    "arrival_reason": ["", None, "务工"],
    "landlord": ["", None, "钱七"],
    "nationality": ["", None, "中国"],
    "passport_no": ["", None, "E1234567"],
    "notes": ["", None, "迁出（2020-01-01，工作调动）"],
}


def rows(seed: int, count: int, plain_share: float) -> list[dict[str, object]]:
    """Rows mostly of each pool's first (plain) cells, with odd ones mixed in."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        row: dict[str, object] = {}
        for key in PERSON_KEYS:
            pool = POOLS[key]
            plain = pool[: min(3, len(pool))]
            row[key] = rng.choice(plain if rng.random() < plain_share else pool)
        out.append(row)
    return out


def by_column(chunk: list[dict[str, object]], keys: tuple[str, ...]) -> dict[str, list[object]]:
    return {k: [row[k] for row in chunk] for k in keys}


@pytest.mark.parametrize("seed, plain_share", [(1, 0.95), (2, 0.7), (3, 0.0)])
def test_the_same_values_and_issues_as_clean_person_row_by_row(seed, plain_share):
    chunk = rows(seed, 3000, plain_share)
    expected = [clean_person(row, today=TODAY) for row in chunk]
    got = clean_people(by_column(chunk, PERSON_KEYS), len(chunk), today=TODAY)
    assert got == expected
    # Both kinds of row occur, so both ways through are compared.
    assert any(issues for _, issues in expected)
    assert sum(1 for _, issues in expected if not issues) > (100 if plain_share else 0)


def test_plain_rows_take_the_column_way_through(monkeypatch):
    chunk = rows(4, 500, 1.0)
    people = [
        (MAN, dt.date(1980, 5, 17), "男"),
        (WOMAN, dt.date(1992, 2, 29), "女"),
        (MAN, None, None),
    ]
    for n, row in enumerate(chunk):
        row["id_number"], row["birth_date"], row["sex"] = people[n % 3]
        if n % 50 == 0:
            row["sex"] = "女" if row["sex"] == "男" else "男"  # disagrees with the ID: a warning
    expected = [clean_person(row, today=TODAY) for row in chunk]
    one_by_one = []

    def counted(raw, **kwargs):
        one_by_one.append(raw)
        return clean_person(raw, **kwargs)

    monkeypatch.setattr(validation_bulk, "clean_person", counted)
    got = clean_people(by_column(chunk, PERSON_KEYS), len(chunk), today=TODAY)
    assert got == expected
    # Only the rows with an issue are cleaned one by one.
    with_issues = [n for n, (_, issues) in enumerate(expected) if issues]
    assert 0 < len(with_issues) < 30
    assert one_by_one == [chunk[n] for n in with_issues]


@pytest.mark.parametrize(
    "keys",
    [
        ("name", "id_number"),  # clean_person adds the derived birth date and sex
        ("name", "phone", "sex"),
        ("id_number", "birth_date", "sex"),
        (),
    ],
)
def test_rows_with_only_some_fields(keys):
    chunk = rows(5, 400, 0.6)
    partial = [{k: row[k] for k in keys} for row in chunk]
    expected = [clean_person(row, today=TODAY) for row in partial]
    assert clean_people(by_column(chunk, keys), len(chunk), today=TODAY) == expected


def test_a_future_date_is_judged_against_the_day_given():
    chunk = [{"name": "张三", "birth_date": dt.date(2026, 11, 28)}]
    columns = by_column(chunk, ("name", "birth_date"))
    assert clean_people(columns, 1, today=TODAY)[0][1][0].key == "date.future"
    assert clean_people(columns, 1, today=dt.date(2026, 11, 28)) == [
        ({"name": "张三", "birth_date": dt.date(2026, 11, 28)}, [])
    ]
