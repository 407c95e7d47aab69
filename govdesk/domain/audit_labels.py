"""Readable names for audit actions, record types and details, in Chinese and English."""

from __future__ import annotations

import json
from typing import Any

from govdesk.domain import codes, messages
from govdesk.domain.audit import AuditAction
from govdesk.domain.columns import BY_KEY
from govdesk.domain.permissions import ROLE_LABELS, role_label

ACTION_LABELS: dict[AuditAction, tuple[str, str]] = {
    AuditAction.LOGIN: ("登录", "Sign-in"),
    AuditAction.LOGIN_FAILED: ("登录失败", "Failed sign-in"),
    AuditAction.LOGOUT: ("退出登录", "Sign-out"),
    AuditAction.SESSION_LOCKED: ("会话锁定", "Session locked"),
    AuditAction.ACCOUNT_LOCKED: ("账户锁定", "Account locked"),
    AuditAction.ACCOUNT_UNLOCKED: ("账户解锁", "Account unlocked"),
    AuditAction.PASSWORD_CHANGED: ("修改密码", "Password changed"),
    AuditAction.CREATE: ("新建", "Created"),
    AuditAction.UPDATE: ("修改", "Changed"),
    AuditAction.REVEAL: ("查看完整信息", "Full value shown"),
    AuditAction.EXPORT: ("导出", "Export"),
    AuditAction.IMPORT: ("导入", "Import"),
    AuditAction.PRINT: ("打印", "Print"),
    AuditAction.BACKUP: ("备份", "Backup"),
    AuditAction.RESTORE: ("恢复", "Restore"),
    AuditAction.REFUSED: ("拒绝访问", "Refused"),
    AuditAction.KEY_TRUSTED: ("信任交换密钥", "Exchange key trusted"),
    AuditAction.KEY_REVOKED: ("撤销交换密钥", "Exchange key revoked"),
    AuditAction.PACKAGE_REFUSED: ("拒收数据包", "Package refused"),
    AuditAction.CONFLICT_MERGED: ("合并冲突版本", "Conflicting versions merged"),
}

# Record types are table names; these are the ones a clerk meets.
RECORD_LABELS: dict[str, tuple[str, str]] = {
    "resident": ("居民", "Resident"),
    "household": ("户", "Household"),
    "resident_care": ("关爱登记", "Care membership"),
    "care_category": ("关爱类别", "Care category"),
    "resident_status_change": ("状态变更", "Status change"),
    "office": ("单位信息", "Office"),
    "user_account": ("账户", "Account"),
    "audit_log": ("审计日志", "Audit trail"),
    "settings": ("设置", "Settings"),
    "database": ("数据库文件", "Database file"),
    "mediation_case": ("调解案件", "Mediation case"),
    "place": ("楼栋/房屋", "Place"),
    "grid": ("网格", "Grid"),
    "grid_assignment": ("网格划分", "Grid assignment"),
    "grid_staff": ("网格人员", "Grid staff"),
    "grid_post": ("网格岗位", "Grid post"),
    "visit": ("走访记录", "Visit"),
    "grid_event": ("网格事件", "Grid event"),
    "volunteer": ("志愿者", "Volunteer"),
    "volunteer_team": ("志愿服务队", "Volunteer team"),
    "volunteer_activity": ("志愿活动", "Volunteer activity"),
    "volunteer_signup": ("活动报名", "Sign-up"),
    "hour_entry": ("服务时长", "Service hours"),
    "duty_shift": ("排班", "Duty"),
    "service_order": ("点单", "Service order"),
    "exchange_key": ("交换密钥", "Exchange key"),
    "duty_assignment": ("值班安排", "Duty assignment"),
    "grid_event_photo": ("事件照片", "Event photo"),
    "mediation_attachment": ("调解附件", "Mediation attachment"),
    "mediation_follow_up": ("回访记录", "Follow-up"),
    "mediation_party": ("当事人", "Party"),
    "mediation_session": ("调解记录", "Mediation session"),
    "screening_report": ("矛盾排查报告", "Screening report"),
    "star_review": ("星级评定", "Star review"),
    "visit_rule": ("走访周期", "Visit rule"),
    "volunteer_team_member": ("服务队成员", "Team member"),
    "exchange_package": ("交换数据包", "Exchange package"),
}

# Fields outside the register's columns (which have their own headings in domain/columns).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "code": ("代码", "Code"),
    "name_zh": ("中文名称", "Chinese name"),
    "name_en": ("英文名称", "English name"),
    "status": ("状态", "Status"),
    "status_date": ("状态日期", "Status date"),
    "status_reason": ("状态原因", "Status reason"),
    "household_id": ("所在户", "Household"),
    "id_converted": ("由15位转换", "Converted from 15 digits"),
    "address": ("地址", "Address"),
    "resident_id": ("居民", "Resident"),
    "category_code": ("类别", "Category"),
    "grade": ("等级", "Grade"),
    "since": ("起始日期", "Since"),
    "until": ("结束日期", "Until"),
    "note": ("备注", "Note"),
    "active": ("有效", "Active"),
    "old_status": ("原状态", "Old status"),
    "new_status": ("新状态", "New status"),
    "date": ("日期", "Date"),
    "reason": ("原因", "Reason"),
    "division_code": ("区划代码", "Division code"),
    "kind": ("类型", "Kind"),
    "sensitive": ("敏感", "Sensitive"),
    "sort_order": ("排序", "Order"),
    "username": ("用户名", "User name"),
    "display_name": ("显示名", "Display name"),
    "role": ("角色", "Role"),
    "password_hash": ("密码", "Password"),
    "must_change_password": ("须修改密码", "Must change password"),
    "failed_attempts": ("失败次数", "Failed attempts"),
    "last_failed_at": ("上次失败", "Last failure"),
    "locked_until": ("锁定至", "Locked until"),
    "last_login_at": ("上次登录", "Last sign-in"),
    "password_changed_at": ("密码修改时间", "Password changed"),
    # details of exports, imports, prints and backups
    "file": ("文件", "File"),
    "rows": ("行数", "Rows"),
    "count": ("数量", "Count"),
    "what": ("内容", "What"),
    "field": ("字段", "Field"),
    "imported": ("导入", "Imported"),
    "rejected": ("拒绝", "Rejected"),
    "filters": ("筛选", "Filters"),
    "user": ("用户", "User"),
    "action": ("操作", "Action"),
    "record": ("记录", "Record"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "attempts": ("连续失败次数", "Failures in a row"),
    "account": ("账户", "Account"),
    "columns": ("列", "Columns"),
    "counts": ("数量", "Counts"),
    "encrypted": ("已加密", "Encrypted"),
    "first_admin": ("首个管理员", "First administrator"),
    "format": ("格式", "Format"),
    "form": ("表单", "Form"),
    "households_created": ("新建户", "Households created"),
    "instance": ("实例", "Instance"),
    "previous_instance": ("原实例", "Previous instance"),
    "key": ("键", "Key"),
    "locked": ("已锁定", "Locked"),
    "made_at": ("备份时间", "Made at"),
    "masked": ("已遮蔽", "Masked"),
    "minutes": ("分钟", "Minutes"),
    "must_change": ("须修改密码", "Must change password"),
    "rehashed": ("密码哈希已更新", "Password rehashed"),
    "sensitive_care": ("含特殊关爱类别", "Sensitive care included"),
    "versions": ("版本范围", "Versions"),
    "permission": ("所需权限", "Permission asked for"),
    "instance_id": ("实例编号", "Instance id"),
    "path": ("文件位置", "File location"),
    "width": ("编号位数", "Number width"),
    "disabled": ("停用的岗位", "Roles switched off"),
}

# Reasons written by sign-in refusals, in words.
_REASONS: dict[str, tuple[str, str]] = {
    "wrong_password": ("密码错误", "wrong password"),
    "unknown_user": ("无此用户", "unknown user"),
    "inactive": ("账户已停用", "account deactivated"),
    "locked": ("账户已锁定", "account locked"),
    "delayed": ("等待时间未到", "tried again too soon"),
    # why a backup was made, or the session locked
    "manual": ("手动", "by hand"),
    "daily": ("每日自动", "daily"),
    "idle": ("长时间未操作", "idle"),
}

_FIELD_ORDER = {key: n for n, key in enumerate([*BY_KEY, *FIELD_LABELS])}

# Fields whose stored value is a code with a label of its own.
_CODED: dict[str, codes.CodeList] = {
    "sex": codes.SEX,
    "ethnicity": codes.ETHNICITY,
    "political_status": codes.POLITICAL_STATUS,
    "education": codes.EDUCATION,
    "marital_status": codes.MARITAL_STATUS,
    "person_type": codes.PERSON_TYPE,
    "relation_to_head": codes.RELATION,
    "household_type": codes.HOUSEHOLD_TYPE,
    "status": codes.RESIDENT_STATUS,
    "old_status": codes.RESIDENT_STATUS,
    "new_status": codes.RESIDENT_STATUS,
    "kind": codes.OFFICE_KIND,
}

_HOUSEHOLD_STATUS = {"active": ("有效", "active"), "closed": ("已撤销", "closed")}
_EMPTY = ("（空）", "(empty)")
_YES = ("是", "yes")
_NO = ("否", "no")
_CHANGED = ("已修改", "changed")


def _en(lang: str | None) -> bool:
    return (lang or messages.language()) == "en"


def _pick(pair: tuple[str, str], lang: str | None = None) -> str:
    return pair[1] if _en(lang) else pair[0]


def action_label(action: str, lang: str | None = None) -> str:
    """The action's name in the interface language, or in `lang` ('zh_CN' or 'en')."""
    try:
        return _pick(ACTION_LABELS[AuditAction(action)], lang)
    except ValueError:
        return action


def record_label(record_type: str | None, lang: str | None = None) -> str:
    if not record_type:
        return ""
    pair = RECORD_LABELS.get(record_type)
    return _pick(pair, lang) if pair else record_type


def field_label(key: str, lang: str | None = None) -> str:
    if key in BY_KEY:
        column = BY_KEY[key]
        return column.en if _en(lang) else column.zh
    pair = FIELD_LABELS.get(key)
    return _pick(pair, lang) if pair else key


def value_text(key: str, value: Any, lang: str | None = None) -> str:
    """One stored value as a clerk would write it: 男 for 'male', 是 for true, （空） for nothing."""
    if value is None or value == "":
        return _pick(_EMPTY, lang)
    if isinstance(value, bool):
        return _pick(_YES if value else _NO, lang)
    if key == "password_hash":  # the trail says only that it changed
        return _pick(_CHANGED, lang)
    if key == "role" and value in {r.value for r in ROLE_LABELS}:
        return role_label(str(value), "en" if _en(lang) else "zh_CN")
    if key == "reason" and value in _REASONS:
        return _pick(_REASONS[value], lang)
    if key == "field" and isinstance(value, str):  # which field was revealed or refused
        return field_label(value, lang)
    if key == "what" and isinstance(value, str):
        return record_label(value, lang)
    if key == "status" and value in _HOUSEHOLD_STATUS:
        return _pick(_HOUSEHOLD_STATUS[value], lang)
    if key in _CODED and isinstance(value, str):
        code = next((c for c in _CODED[key] if c.code == value), None)
        return (code.en if _en(lang) else code.zh) if code else value
    if isinstance(value, dict):
        sep = ", " if _en(lang) else "，"
        return sep.join(
            f"{field_label(k, lang)}={value_text(k, v, lang)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return ("; " if _en(lang) else "、").join(value_text(key, v, lang) for v in value)
    return str(value)


def parse_detail(detail: str | dict[str, Any] | None) -> dict[str, Any]:
    """The stored JSON detail as a dict; a text that is not a JSON object is kept under 'text'."""
    if isinstance(detail, dict):
        return detail
    if not detail:
        return {}
    try:
        value = json.loads(detail)
    except ValueError:
        return {"text": detail}
    return value if isinstance(value, dict) else {"text": value}


def detail_lines(
    action: str, detail: str | dict[str, Any] | None, lang: str | None = None
) -> list[str]:
    """One line per field: '姓名：张三 → 张珊' for a change, '姓名：张三' otherwise."""
    values = parse_detail(detail)
    sep = ": " if _en(lang) else "："
    lines = []
    # Stored with sorted keys (for the hash); shown in the order of the register's columns.
    for key, value in sorted(values.items(), key=lambda item: _FIELD_ORDER.get(item[0], 999)):
        label = field_label(key, lang)
        if action == AuditAction.UPDATE and isinstance(value, list) and len(value) == 2:
            old, new = (value_text(key, v, lang) for v in value)
            lines.append(f"{label}{sep}{old} → {new}")
        else:
            lines.append(f"{label}{sep}{value_text(key, value, lang)}")
    return lines


def describe(action: str, detail: str | dict[str, Any] | None, lang: str | None = None) -> str:
    """The detail on one line, for a table cell or a spreadsheet."""
    return ("; " if _en(lang) else "；").join(detail_lines(action, detail, lang))
