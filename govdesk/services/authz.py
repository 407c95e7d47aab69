"""Permission checks for services: who is acting, and whether the role table allows it."""

from __future__ import annotations

from sqlmodel import Session

from govdesk.domain.messages import Issue, language
from govdesk.domain.permissions import Actor, Permission, PermissionDenied, role_label
from govdesk.store.database import Database

# The Chinese names of permissions, for refusals a clerk can read.
PERMISSION_LABELS: dict[Permission, tuple[str, str]] = {
    Permission.RESIDENT_VIEW: ("查看居民", "view residents"),
    Permission.RESIDENT_EDIT: ("登记和修改居民", "register and change residents"),
    Permission.RESIDENT_IMPORT: ("导入居民", "import residents"),
    Permission.RESIDENT_EXPORT: ("导出居民", "export residents"),
    Permission.IDENTITY_REVEAL: ("查看完整证件号和电话", "see full ID numbers and phones"),
    Permission.CARE_SENSITIVE: ("查看特殊关爱类别", "see sensitive care categories"),
    Permission.PRINT_FULL: ("打印完整信息", "print full details"),
    Permission.GRID_VIEW: ("查看网格", "view grids"),
    Permission.GRID_EDIT: ("管理网格", "manage grids"),
    Permission.MEDIATION_VIEW: ("查看调解案件", "view mediation cases"),
    Permission.MEDIATION_EDIT: ("办理调解案件", "handle mediation cases"),
    Permission.MEDIATION_PARTIES: ("查看调解当事人详情", "see mediation parties' details"),
    Permission.VOLUNTEER_VIEW: ("查看志愿服务", "view volunteer work"),
    Permission.VOLUNTEER_EDIT: ("管理志愿服务", "manage volunteer work"),
    Permission.AUDIT_VIEW: ("查看审计日志", "view the audit trail"),
    Permission.ACCOUNTS_MANAGE: ("管理账户", "manage accounts"),
    Permission.SETTINGS_MANAGE: ("修改设置", "change settings"),
    Permission.BACKUP_MAKE: ("备份", "make backups"),
    Permission.BACKUP_RESTORE: ("恢复备份", "restore backups"),
    Permission.EXCHANGE: ("与乡镇交换数据", "exchange data with the township"),
}


def permission_label(permission: Permission) -> str:
    zh, en = PERMISSION_LABELS[permission]
    return en if language() == "en" else zh


def actor_of(source: Session | Database) -> Actor:
    """The signed-in user of a session or database; refuses when nobody has signed in."""
    actor = source.actor if isinstance(source, Database) else source.info.get("actor")
    if not isinstance(actor, Actor):
        raise PermissionDenied(Issue("user", "auth.required"))
    return actor


def can(source: Session | Database | Actor, permission: Permission) -> bool:
    if isinstance(source, Actor):
        return source.can(permission)
    try:
        return actor_of(source).can(permission)
    except PermissionDenied:
        return False


def require(source: Session | Database | Actor, permission: Permission) -> Actor:
    """The acting user when their role has `permission`; PermissionDenied otherwise."""
    actor = source if isinstance(source, Actor) else actor_of(source)
    if not actor.can(permission):
        refusal = PermissionDenied(
            Issue(
                "user",
                "auth.denied",
                {
                    "role": role_label(actor.role, language()),
                    "permission": permission_label(permission),
                },
            ),
            permission=permission,
        )
        if isinstance(source, Database):
            source.note_refusal(actor, permission)
        elif isinstance(source, Session):
            # The session's transaction is rolled back with the refusal; Database.session
            # writes the entry afterwards, in a transaction of its own.
            source.info["refused"] = (actor, permission)
        raise refusal
    return actor
