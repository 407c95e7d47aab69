"""User-facing domain messages in Chinese and English, chosen by the current language."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

# The domain layer cannot use Qt's tr(), yet its messages reach clerks through the
# window, the CLI and import reports; so each message is a key with two templates.
_CATALOGUE: dict[str, tuple[str, str]] = {
    "required": ("{field}不能为空", "{field} is required"),
    "id.length": (
        "公民身份号码应为18位（或旧的15位），实际为{n}位",
        "A citizen ID number has 18 characters (or 15 for old ones); this has {n}",
    ),
    "id.chars": (
        "公民身份号码前17位只能是数字，最后一位是数字或X",
        "The first 17 characters must be digits and the last a digit or X",
    ),
    "id.excel": (
        "身份证号被Excel当成了数字，末尾几位已经丢失（{raw}）。请把该列设为文本后重新录入，不能自动修复",
        "Excel turned this ID number into a number and lost its last digits ({raw}). "
        "Set the column to text and type it again; it cannot be repaired",
    ),
    "id.check": (
        "校验位应为 {expected}，实际为 {actual}",
        "The check character should be {expected}, not {actual}",
    ),
    "id.date": (
        "身份证号中的出生日期 {date} 不存在",
        "The birth date {date} in the ID number does not exist",
    ),
    "id.future": (
        "身份证号中的出生日期 {date} 晚于今天",
        "The birth date {date} in the ID number is in the future",
    ),
    "id.area": (
        "地区码 {area} 不在内置行政区划表中，请核对（新设县区可能尚未收录）",
        "Area code {area} is not in the bundled table; please check it (new counties may be missing)",
    ),
    "id.converted": (
        "15位旧号码已升位为 {new}",
        "The old 15-digit number was converted to {new}",
    ),
    "id.birth_mismatch": (
        "出生日期 {typed} 与身份证号中的 {derived} 不一致",
        "Date of birth {typed} disagrees with {derived} in the ID number",
    ),
    "id.sex_mismatch": (
        "性别“{typed}”与身份证号（{derived}）不一致",
        "Sex '{typed}' disagrees with the ID number ({derived})",
    ),
    "id.duplicate": (
        "公民身份号码已登记：{name}（{where}）",
        "This ID number is already registered: {name} ({where})",
    ),
    "id.duplicate_in_file": (
        "与本文件第{row}行的公民身份号码重复",
        "Same ID number as row {row} of this file",
    ),
    "name.duplicate": (
        "已有同名同出生日期的人员：{name}，请确认不是重复登记",
        "Someone with the same name and date of birth exists: {name}; check this is not a duplicate",
    ),
    "date.invalid": ("无法识别的日期：{raw}", "Unrecognised date: {raw}"),
    "date.future": ("日期 {date} 晚于今天", "The date {date} is in the future"),
    "code.invalid": ("“{raw}”不是有效的{field}", "'{raw}' is not a valid {field}"),
    "phone.invalid": ("联系电话格式不正确：{raw}", "Phone number looks wrong: {raw}"),
    "household.head_exists": (
        "该户已有户主{name}，一户只能有一名户主",
        "This household already has a head ({name}); a household has exactly one",
    ),
    "household.no_head": ("该户还没有户主", "This household has no head yet"),
    "household.head_leaving": (
        "户主不能直接迁出本户，请先指定新的户主",
        "The head cannot leave the household; name a new head first",
    ),
    "household.number_taken": (
        "户号 {number} 已被使用",
        "Household number {number} is already in use",
    ),
    "status.same": ("人员已经是“{status}”状态", "The person is already '{status}'"),
    "status.reason": ("状态变更必须填写原因", "A status change needs a reason"),
    "file.unreadable": ("无法读取文件 {path}：{reason}", "Cannot read {path}: {reason}"),
    "file.damaged": (
        "文件可能已损坏，或者内容与扩展名不符。请用 Excel 或 WPS 打开它，另存为 .xlsx 后再导入"
        "（详情：{detail}）",
        "the file may be damaged, or its content does not match its extension. Open it in "
        "Excel or WPS, save it as .xlsx and import that (details: {detail})",
    ),
    "file.no_header": (
        "在前{rows}行中找不到表头（应包含“姓名”“公民身份号码”等列）",
        "No header row in the first {rows} rows (expected columns such as 姓名 and 公民身份号码)",
    ),
    "file.no_name_column": ("表中没有“姓名”列", "The sheet has no 姓名 (name) column"),
    "db.not_sqlite": (
        "{path} 不是govdesk数据库文件（文件头不符）",
        "{path} is not a govdesk database (wrong file header)",
    ),
    "db.missing": ("数据库文件 {path} 不存在", "The database file {path} does not exist"),
    "db.exists": (
        "文件 {path} 已存在，不会覆盖",
        "{path} already exists and will not be overwritten",
    ),
    "db.newer": (
        "数据库 {path} 由更新版本的govdesk创建（结构版本 {rev}），请升级程序",
        "{path} was made by a newer govdesk (schema {rev}); please upgrade the program",
    ),
    "db.broken": ("无法打开数据库 {path}：{reason}", "Cannot open the database {path}: {reason}"),
    "db.not_demo": (
        "{path} 是正式数据库，演示数据只能写入新文件",
        "{path} holds real data; demo data only goes into a new file",
    ),
    "office.division": (
        "区划代码应为12位数字，实际为“{raw}”",
        "The division code must be 12 digits, not '{raw}'",
    ),
    "office.name": ("请填写单位名称", "Please enter the office name"),
    "not_found": ("找不到该记录", "Record not found"),
    # import and export of the register
    "file.format": (
        "不支持的文件类型“{suffix}”（{path}），请使用 .xlsx、.xls、.ods 或 .csv",
        "Unsupported file type '{suffix}' ({path}); use .xlsx, .xls, .ods or .csv",
    ),
    "name.duplicate_in_file": (
        "与本文件第{row}行同名同出生日期（{name}），请确认不是重复登记",
        "Same name and date of birth as row {row} of this file ({name}); check this is not a duplicate",
    ),
    "household.head_in_file": (
        "户号{number}在本文件第{row}行已有户主{name}，一户只能有一名户主",
        "Household {number} already has a head in row {row} of this file ({name}); a household has exactly one",
    ),
    "household.head_in_db": (
        "户号{number}已有户主{name}，一户只能有一名户主",
        "Household {number} already has a head ({name}); a household has exactly one",
    ),
    "household.no_head_number": (
        "户号{number}没有户主，请补充“与户主关系”为户主的成员",
        "Household {number} has no head; mark one member's relation as 户主 (head)",
    ),
    "care.unknown": (
        "“{raw}”不是已有的关爱类别，已忽略该项（可在关爱类别设置中添加后再补录）",
        "'{raw}' is not a known care category and was left out (add it to the list, then set it again)",
    ),
    "care.sensitive_refused": (
        "当前账户无权登记特殊关爱类别“{raw}”，已忽略该项（请由有权限的人员补录）",
        "Your account may not record the sensitive care category '{raw}'; it was left out "
        "(someone allowed to should set it)",
    ),
    "report.warning": ("提示：{reason}", "Warning: {reason}"),
    "auth.required": (
        "请先登录",
        "Please sign in first",
    ),
    "auth.denied": (
        "当前账户（{role}）没有“{permission}”权限",
        "Your account ({role}) does not have the permission '{permission}'",
    ),
}


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add a feature's messages (key -> (Chinese, English)); a key may be defined only once."""
    clash = set(entries) & set(_CATALOGUE)
    if clash:
        raise ValueError(f"message keys defined twice: {sorted(clash)}")
    _CATALOGUE.update(entries)


_language = "zh_CN"


def set_language(lang: str) -> None:
    global _language
    _language = "en" if lang.lower().startswith("en") else "zh_CN"


def language() -> str:
    return _language


def text(key: str, **params: object) -> str:
    zh, en = _CATALOGUE[key]
    return (en if _language == "en" else zh).format(**params)


@dataclass(frozen=True)
class Issue:
    """One problem with one field; `warning` issues never block a save."""

    field: str
    key: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)
    warning: bool = False

    @property
    def message(self) -> str:
        return text(self.key, **self.params)


class DomainError(Exception):
    """A refusal with issues a clerk can read; nothing was stored."""

    def __init__(self, issues: list[Issue] | Issue):
        self.issues = issues if isinstance(issues, list) else [issues]
        super().__init__("; ".join(i.message for i in self.issues))
