"""The own office's care-category list (关爱类别) as the township edits it before sending it down."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue
from govdesk.domain.models import CareCategory
from govdesk.domain.permissions import Permission
from govdesk.services import authz
from govdesk.services.office import current_office
from govdesk.store.database import Database

CODE_RE = re.compile(r"[a-z0-9_]{2,40}")
# A downward package refuses longer names (exchange/downward.py), so none is stored here.
NAME_MAX = 60
# A downward package carries at most 500 categories.
MAX_CATEGORIES = 500

messages.register(
    {
        "care_category.name_required": ("类别名称不能为空", "The category name is required"),
        "care_category.name_long": (
            "{field}最多 {max} 个字",
            "{field} takes at most {max} characters",
        ),
        "care_category.name_bad": (
            "{field}不能包含换行或控制字符",
            "{field} may not contain line breaks or control characters",
        ),
        "care_category.field.name_zh": ("名称", "The name"),
        "care_category.field.name_en": ("英文名称", "The English name"),
        "care_category.bad_code": (
            "类别代码“{code}”不可用：应为 2–40 个小写英文字母、数字或下划线，如 flood_victim",
            "The category code '{code}' cannot be used: 2–40 lower-case letters, digits "
            "or underscores, e.g. flood_victim",
        ),
        "care_category.duplicate_code": (
            "已有代码为“{code}”的关爱类别（{name}）",
            "A care category with the code '{code}' exists already ({name})",
        ),
        "care_category.duplicate_name": (
            "已有名称为“{name}”的关爱类别（{code}）",
            "A care category named '{name}' exists already ({code})",
        ),
        "care_category.not_found": (
            "没有代码为“{code}”的关爱类别",
            "There is no care category with the code '{code}'",
        ),
        "care_category.bad_order": (
            "排序应为 0 到 9999 之间的整数",
            "The order is a whole number from 0 to 9999",
        ),
        "care_category.too_many": (
            "关爱类别最多 {max} 个",
            "There can be at most {max} care categories",
        ),
    }
)


@dataclass(frozen=True)
class Category:
    """One category as lists show it."""

    code: str
    name_zh: str
    name_en: str
    sensitive: bool
    active: bool
    sort_order: int


def _shown(c: CareCategory) -> Category:
    return Category(c.code, c.name_zh, c.name_en or "", c.sensitive, c.active, c.sort_order)


def _own(session: Session) -> list[CareCategory]:
    """The own office's rows only: a township database also holds every office's list."""
    own = current_office(session).id
    q = select(CareCategory).where(col(CareCategory.office_id) == own)
    return sorted(session.exec(q), key=lambda c: (c.sort_order, c.code))


def categories(db: Database) -> list[Category]:
    """This database's own categories in order, inactive ones too; sensitive ones only for
    a role with CARE_SENSITIVE (signed in)."""
    authz.actor_of(db)
    sees_sensitive = authz.can(db, Permission.CARE_SENSITIVE)
    with db.session() as s:
        return [_shown(c) for c in _own(s) if sees_sensitive or not c.sensitive]


def _name(value: str, field: str, *, required: bool) -> tuple[str, list[Issue]]:
    text = (value or "").strip()
    label = messages.text(f"care_category.field.{field}")
    if required and not text:
        return text, [Issue(field, "care_category.name_required")]
    if len(text) > NAME_MAX:
        return text, [Issue(field, "care_category.name_long", {"field": label, "max": NAME_MAX})]
    if text and not text.isprintable():
        return text, [Issue(field, "care_category.name_bad", {"field": label})]
    return text, []


def _order(value: int) -> list[Issue]:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9999:
        return [Issue("sort_order", "care_category.bad_order")]
    return []


def _name_clash(rows: list[CareCategory], name_zh: str, code: str) -> list[Issue]:
    for other in rows:
        if other.code != code and other.name_zh == name_zh:
            return [
                Issue(
                    "name_zh", "care_category.duplicate_name", {"name": name_zh, "code": other.code}
                )
            ]
    return []


def _find(rows: list[CareCategory], code: str) -> CareCategory:
    for c in rows:
        if c.code == code:
            return c
    raise DomainError(Issue("code", "care_category.not_found", {"code": code}))


def update_category(
    db: Database,
    code: str,
    *,
    name_zh: str | None = None,
    name_en: str | None = None,
    sensitive: bool | None = None,
    active: bool | None = None,
    sort_order: int | None = None,
) -> Category:
    """Change the fields given (None leaves one as it is). SETTINGS_MANAGE; a sensitive
    category, or making one sensitive, needs CARE_SENSITIVE too. The session stamps a new
    version and audits the change; on any problem nothing is stored."""
    authz.require(db, Permission.SETTINGS_MANAGE)
    issues: list[Issue] = []
    if name_zh is not None:
        name_zh, found = _name(name_zh, "name_zh", required=True)
        issues += found
    if name_en is not None:
        name_en, found = _name(name_en, "name_en", required=False)
        issues += found
    if sort_order is not None:
        issues += _order(sort_order)
    with db.session() as s:
        rows = _own(s)
        row = _find(rows, code.strip())
        if row.sensitive or sensitive:
            authz.require(s, Permission.CARE_SENSITIVE)
        if name_zh is not None and not issues:
            issues += _name_clash(rows, name_zh, row.code)
        if issues:
            raise DomainError(issues)
        wanted = {
            "name_zh": name_zh,
            "name_en": name_en,
            "sensitive": sensitive,
            "active": active,
            "sort_order": sort_order,
        }
        for field, value in wanted.items():
            if value is not None and getattr(row, field) != value:
                setattr(row, field, value)
        s.add(row)
        s.flush()
        return _shown(row)


def add_category(
    db: Database,
    code: str,
    name_zh: str,
    name_en: str = "",
    sensitive: bool = False,
    *,
    active: bool = True,
    sort_order: int | None = None,
) -> Category:
    """A new category at the end of the list, or at `sort_order` (in use unless `active`
    is False). The code is 2–40 of [a-z0-9_] and
    new in this office; SETTINGS_MANAGE (and CARE_SENSITIVE for a sensitive one)."""
    authz.require(db, Permission.SETTINGS_MANAGE)
    code = (code or "").strip()
    issues: list[Issue] = []
    if not CODE_RE.fullmatch(code):
        issues.append(Issue("code", "care_category.bad_code", {"code": code}))
    name_zh, found = _name(name_zh, "name_zh", required=True)
    issues += found
    name_en, found = _name(name_en, "name_en", required=False)
    issues += found
    if sort_order is not None:
        issues += _order(sort_order)
    with db.session() as s:
        if sensitive:
            authz.require(s, Permission.CARE_SENSITIVE)
        rows = _own(s)
        clash = next((c for c in rows if c.code == code), None)
        if clash is not None:
            issues.append(
                Issue("code", "care_category.duplicate_code", {"code": code, "name": clash.name_zh})
            )
        if name_zh:
            issues += _name_clash(rows, name_zh, code)
        if len(rows) >= MAX_CATEGORIES:
            issues.append(Issue("code", "care_category.too_many", {"max": MAX_CATEGORIES}))
        if issues:
            raise DomainError(issues)
        row = CareCategory(
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            sensitive=bool(sensitive),
            active=bool(active),
            sort_order=(
                max((c.sort_order for c in rows), default=-1) + 1
                if sort_order is None
                else sort_order
            ),
            office_id=current_office(s).id,
        )
        s.add(row)
        s.flush()
        return _shown(row)


def move_category(db: Database, code: str, step: int) -> list[Category]:
    """Move a category `step` places up (negative) or down the list; the list is numbered
    0, 1, 2 … afresh and only rows whose number changed get a new version. A row out of
    the caller's sight (sensitive, without CARE_SENSITIVE) is never passed over: the move
    is refused instead. Returns the list as the caller sees it."""
    actor = authz.require(db, Permission.SETTINGS_MANAGE)
    sees_sensitive = actor.can(Permission.CARE_SENSITIVE)
    with db.session() as s:
        rows = _own(s)
        row = _find(rows, code.strip())
        i = rows.index(row)
        j = max(0, min(len(rows) - 1, i + step))
        rows.insert(j, rows.pop(i))
        for order, c in enumerate(rows):
            if c.sort_order != order:
                if c.sensitive and not sees_sensitive:
                    authz.require(s, Permission.CARE_SENSITIVE)
                c.sort_order = order
                s.add(c)
        s.flush()
        return [_shown(c) for c in rows if sees_sensitive or not c.sensitive]
