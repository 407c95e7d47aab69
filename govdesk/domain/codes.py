"""Code lists for resident fields: stable English codes with Chinese and English labels."""

from __future__ import annotations

from dataclasses import dataclass

from govdesk.domain import messages


@dataclass(frozen=True)
class Code:
    code: str
    zh: str
    en: str

    @property
    def label(self) -> str:
        return self.en if messages.language() == "en" else self.zh


class CodeList:
    """An ordered code list that also recognises the labels people type in spreadsheets."""

    def __init__(self, name: str, codes: list[Code], aliases: dict[str, str] | None = None):
        self.name = name
        self.codes = codes
        self._by_code = {c.code: c for c in codes}
        self._lookup: dict[str, str] = {}
        for c in codes:
            for key in (c.code, c.zh, c.en):
                self._lookup[key.lower()] = c.code
        for alias, code in (aliases or {}).items():
            self._lookup[alias.lower()] = code

    def __iter__(self):
        return iter(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def parse(self, text: str | None) -> str | None:
        """The code for a typed label, code or alias; None when unknown."""
        if text is None:
            return None
        return self._lookup.get(str(text).strip().lower())

    def label(self, code: str | None) -> str:
        if not code:
            return ""
        c = self._by_code.get(code)
        return c.label if c else code

    def zh(self, code: str | None) -> str:
        c = self._by_code.get(code or "")
        return c.zh if c else (code or "")


SEX = CodeList(
    "sex",
    [Code("male", "男", "Male"), Code("female", "女", "Female")],
    {"1": "male", "2": "female", "男性": "male", "女性": "female"},
)

# GB 3304: the 56 ethnic groups, in the standard's order; the code is the standard's number.
_ETHNIC = [
    ("汉族", "Han"),
    ("蒙古族", "Mongol"),
    ("回族", "Hui"),
    ("藏族", "Tibetan"),
    ("维吾尔族", "Uyghur"),
    ("苗族", "Miao"),
    ("彝族", "Yi"),
    ("壮族", "Zhuang"),
    ("布依族", "Buyei"),
    ("朝鲜族", "Korean"),
    ("满族", "Manchu"),
    ("侗族", "Dong"),
    ("瑶族", "Yao"),
    ("白族", "Bai"),
    ("土家族", "Tujia"),
    ("哈尼族", "Hani"),
    ("哈萨克族", "Kazakh"),
    ("傣族", "Dai"),
    ("黎族", "Li"),
    ("傈僳族", "Lisu"),
    ("佤族", "Va"),
    ("畲族", "She"),
    ("高山族", "Gaoshan"),
    ("拉祜族", "Lahu"),
    ("水族", "Sui"),
    ("东乡族", "Dongxiang"),
    ("纳西族", "Nakhi"),
    ("景颇族", "Jingpo"),
    ("柯尔克孜族", "Kyrgyz"),
    ("土族", "Monguor"),
    ("达斡尔族", "Daur"),
    ("仫佬族", "Mulao"),
    ("羌族", "Qiang"),
    ("布朗族", "Blang"),
    ("撒拉族", "Salar"),
    ("毛南族", "Maonan"),
    ("仡佬族", "Gelao"),
    ("锡伯族", "Xibe"),
    ("阿昌族", "Achang"),
    ("普米族", "Pumi"),
    ("塔吉克族", "Tajik"),
    ("怒族", "Nu"),
    ("乌孜别克族", "Uzbek"),
    ("俄罗斯族", "Russian"),
    ("鄂温克族", "Evenki"),
    ("德昂族", "De'ang"),
    ("保安族", "Bonan"),
    ("裕固族", "Yugur"),
    ("京族", "Gin"),
    ("塔塔尔族", "Tatar"),
    ("独龙族", "Derung"),
    ("鄂伦春族", "Oroqen"),
    ("赫哲族", "Hezhen"),
    ("门巴族", "Monpa"),
    ("珞巴族", "Lhoba"),
    ("基诺族", "Jino"),
]
ETHNICITY = CodeList(
    "ethnicity",
    [Code(f"{i:02d}", zh, en) for i, (zh, en) in enumerate(_ETHNIC, start=1)]
    + [
        Code("97", "其他", "Other"),
        Code("98", "外国血统中国籍人士", "Naturalised citizen of foreign origin"),
    ],
    {zh[:-1]: f"{i:02d}" for i, (zh, _) in enumerate(_ETHNIC, start=1) if len(zh) > 2}
    | {"汉": "01"},
)

POLITICAL_STATUS = CodeList(
    "political_status",
    [
        Code("party_member", "中共党员", "CPC member"),
        Code("probationary_member", "中共预备党员", "CPC probationary member"),
        Code("league_member", "共青团员", "Communist Youth League member"),
        Code("democratic_party", "民主党派成员", "Member of a democratic party"),
        Code("non_partisan", "无党派人士", "Non-partisan"),
        Code("masses", "群众", "Ordinary citizen"),
    ],
    {"党员": "party_member", "团员": "league_member", "预备党员": "probationary_member"},
)

EDUCATION = CodeList(
    "education",
    [
        Code("postgraduate", "研究生", "Postgraduate"),
        Code("bachelor", "大学本科", "Bachelor's degree"),
        Code("college", "大学专科", "College diploma"),
        Code("secondary_vocational", "中专/技校", "Vocational secondary"),
        Code("high_school", "高中", "Senior high school"),
        Code("junior_high", "初中", "Junior high school"),
        Code("primary", "小学", "Primary school"),
        Code("illiterate", "不识字或识字很少", "Illiterate or semi-literate"),
        Code("preschool", "学龄前", "Pre-school"),
    ],
    {
        "本科": "bachelor",
        "大专": "college",
        "专科": "college",
        "中专": "secondary_vocational",
        "技校": "secondary_vocational",
        "硕士": "postgraduate",
        "博士": "postgraduate",
        "文盲": "illiterate",
    },
)

MARITAL_STATUS = CodeList(
    "marital_status",
    [
        Code("unmarried", "未婚", "Never married"),
        Code("married", "已婚", "Married"),
        Code("widowed", "丧偶", "Widowed"),
        Code("divorced", "离婚", "Divorced"),
        Code("unstated", "未说明", "Not stated"),
    ],
    {"初婚": "married", "再婚": "married", "复婚": "married"},
)

PERSON_TYPE = CodeList(
    "person_type",
    [
        Code("registered", "户籍人口", "Registered (hukou)"),
        Code("resident", "常住人口", "Resident"),
        Code("floating", "流动人口", "Floating population"),
        Code("foreign", "境外人员", "Foreign national"),
    ],
    {
        "户籍": "registered",
        "常住": "resident",
        "流动": "floating",
        "境外": "foreign",
        "外来人口": "floating",
    },
)

RESIDENT_STATUS = CodeList(
    "status",
    [
        Code("on_register", "在册", "On register"),
        Code("moved_out", "迁出", "Moved out"),
        Code("deceased", "死亡", "Deceased"),
        Code("deregistered", "注销", "Deregistered"),
    ],
)

# GB/T 4761 relations to the head of household, with the common groupings offices use.
RELATION = CodeList(
    "relation_to_head",
    [
        Code("head", "户主", "Head"),
        Code("spouse", "配偶", "Spouse"),
        Code("son", "子", "Son"),
        Code("daughter", "女", "Daughter"),
        Code("parent", "父母", "Parent"),
        Code("grandchild", "孙子女", "Grandchild"),
        Code("sibling", "兄弟姐妹", "Sibling"),
        Code("grandparent", "祖父母", "Grandparent"),
        Code("child_in_law", "儿媳/女婿", "Child-in-law"),
        Code("other", "其他", "Other"),
    ],
    {
        "本人": "head",
        "夫": "spouse",
        "妻": "spouse",
        "丈夫": "spouse",
        "妻子": "spouse",
        "儿子": "son",
        "长子": "son",
        "次子": "son",
        "女儿": "daughter",
        "长女": "daughter",
        "次女": "daughter",
        "父亲": "parent",
        "母亲": "parent",
        "父": "parent",
        "母": "parent",
        "孙子": "grandchild",
        "孙女": "grandchild",
        "外孙子": "grandchild",
        "外孙女": "grandchild",
        "兄": "sibling",
        "弟": "sibling",
        "姐": "sibling",
        "妹": "sibling",
        "祖父": "grandparent",
        "祖母": "grandparent",
        "儿媳": "child_in_law",
        "女婿": "child_in_law",
        "其他亲属": "other",
        "非亲属": "other",
    },
)

HOUSEHOLD_TYPE = CodeList(
    "household_type",
    [
        Code("family", "家庭户", "Family household"),
        Code("collective", "集体户", "Collective household"),
    ],
    {"家庭": "family", "集体": "collective"},
)

# The township can send updates to this list; these are only the first entries.
# `sensitive` categories are shown only to roles granted them.
DEFAULT_CARE_CATEGORIES: list[tuple[str, str, str, bool]] = [
    ("subsistence", "低保户", "Subsistence allowance household", False),
    ("extreme_poverty", "特困人员", "Extreme poverty support", False),
    ("disabled", "残疾人", "Person with disability", False),
    ("elderly_alone", "独居/空巢老人", "Elderly living alone", False),
    ("left_behind_child", "留守儿童", "Left-behind child", False),
    ("veteran", "退役军人", "Veteran", False),
    ("community_correction", "社区矫正对象", "Under community correction", True),
    ("released_prisoner", "刑满释放人员", "Released from prison", True),
    ("drug_user", "吸毒人员", "Drug user", True),
    ("severe_mental_illness", "严重精神障碍患者", "Severe mental disorder", True),
]

OFFICE_KIND = CodeList(
    "office_kind",
    [
        Code("community", "社区居委会", "Residents' committee"),
        Code("village", "村委会", "Villagers' committee"),
        Code("township", "乡镇/街道", "Township / sub-district"),
    ],
)
