"""The Chinese column headings of the resident register, shared by import, export and print."""

from __future__ import annotations

from dataclasses import dataclass, field

from govdesk.domain import messages


@dataclass(frozen=True)
class Column:
    key: str  # the English field name
    zh: str  # the heading written on export and expected on import
    en: str
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return self.en if messages.language() == "en" else self.zh


REGISTER_COLUMNS: list[Column] = [
    Column("name", "姓名", "Name", ("名字", "居民姓名", "人员姓名")),
    Column("sex", "性别", "Sex"),
    Column("ethnicity", "民族", "Ethnicity"),
    Column(
        "id_number",
        "公民身份号码",
        "ID number",
        ("身份证号", "身份证号码", "身份证", "证件号码", "身份证件号码"),
    ),
    Column("birth_date", "出生日期", "Date of birth", ("出生年月", "出生年月日", "生日")),
    Column("household_number", "户号", "Household number", ("户编号",)),
    Column("household_type", "户别", "Household type", ("户类型",)),
    Column("relation_to_head", "与户主关系", "Relation to head", ("与户主的关系", "家庭关系")),
    Column(
        "registered_address",
        "户籍地址",
        "Registered address",
        ("户籍地", "户口所在地", "户籍所在地", "户籍地详址"),
    ),
    Column(
        "current_address",
        "现住址",
        "Current address",
        ("现居住地址", "居住地址", "现住地址", "住址", "现居住地"),
    ),
    Column(
        "phone", "联系电话", "Phone", ("电话", "手机", "手机号", "手机号码", "联系方式", "电话号码")
    ),
    Column("person_type", "人员类别", "Person type", ("人员类型", "人口类型", "人口类别")),
    Column("political_status", "政治面貌", "Political status"),
    Column("education", "文化程度", "Education", ("学历",)),
    Column("marital_status", "婚姻状况", "Marital status"),
    Column("occupation", "职业", "Occupation", ("工作单位及职业", "职业/工作单位")),
    Column("residence_permit_no", "居住证号码", "Residence permit no.", ("居住证号",)),
    Column("arrival_date", "来本地日期", "Arrival date", ("来现住地日期", "来本地时间")),
    Column("arrival_reason", "来本地事由", "Reason for arrival", ("来现住地事由",)),
    Column("landlord", "房东", "Landlord", ("房主", "出租人")),
    Column("nationality", "国籍", "Nationality"),
    Column("passport_no", "护照号码", "Passport no.", ("护照号",)),
    Column("care_categories", "关爱类别", "Care categories", ("重点人群", "人员标签", "特殊人群")),
    Column("notes", "备注", "Notes", ("说明",)),
]
BY_KEY = {c.key: c for c in REGISTER_COLUMNS}


def label_for(key: str) -> str:
    extra = {"status": ("状态", "Status"), "database": ("数据库", "Database")}
    if key in BY_KEY:
        return BY_KEY[key].label
    zh, en = extra.get(key, (key, key))
    return en if messages.language() == "en" else zh


def _norm(heading: str) -> str:
    return (
        "".join(str(heading).split()).replace("（", "(").replace("）", ")").replace("*", "").lower()
    )


_HEADING_INDEX = {}
for _c in REGISTER_COLUMNS:
    for _h in (_c.zh, _c.en, _c.key, *_c.aliases):
        _HEADING_INDEX[_norm(_h)] = _c.key


def match_heading(heading: object) -> str | None:
    """The field a spreadsheet heading stands for, or None."""
    if heading is None:
        return None
    key = _norm(str(heading))
    if key in _HEADING_INDEX:
        return _HEADING_INDEX[key]
    # "身份证号码(18位)" and "姓名*" are common decorations of a known heading.
    base = key.split("(")[0]
    return _HEADING_INDEX.get(base)
