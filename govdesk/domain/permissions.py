"""Roles, permissions and the one table that joins them; every check in govdesk reads it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from govdesk.domain.messages import DomainError, Issue, language


class Permission(StrEnum):
    """One thing a user may do or see. Code asks for these, never for a role."""

    RESIDENT_VIEW = "resident.view"  # the register, with ID numbers and phones masked
    RESIDENT_EDIT = "resident.edit"  # register, change, move, status changes, households
    RESIDENT_IMPORT = "resident.import"
    RESIDENT_EXPORT = "resident.export"  # exports carry masked values without IDENTITY_REVEAL
    IDENTITY_REVEAL = "identity.reveal"  # show one full ID number or phone; audited each time
    CARE_SENSITIVE = "care.sensitive"  # 社区矫正, 刑满释放, 吸毒, 严重精神障碍 … (PIPL art. 28)
    PRINT_FULL = "print.full"  # forms printed with full ID numbers and phones
    GRID_VIEW = "grid.view"
    GRID_EDIT = "grid.edit"
    MEDIATION_VIEW = "mediation.view"
    MEDIATION_EDIT = "mediation.edit"
    # The parties' ID numbers, phones, addresses and what they said: a viewer sees names only.
    MEDIATION_PARTIES = "mediation.parties"
    VOLUNTEER_VIEW = "volunteer.view"
    VOLUNTEER_EDIT = "volunteer.edit"
    AUDIT_VIEW = "audit.view"
    ACCOUNTS_MANAGE = "accounts.manage"  # users, roles, unlocking, idle time
    SETTINGS_MANAGE = "settings.manage"  # office details, backup passphrase
    BACKUP_MAKE = "backup.make"
    BACKUP_RESTORE = "backup.restore"
    EXCHANGE = "exchange"  # packages to and from the township


class Role(StrEnum):
    ADMIN = "admin"  # 管理员
    CLERK = "clerk"  # 登记员
    GRID = "grid"  # 网格员
    MEDIATOR = "mediator"  # 调解员
    VOLUNTEERS = "volunteers"  # 志愿服务管理员
    VIEWER = "viewer"  # 只读/乡镇查看


P = Permission

# The one table. Minimum necessary (PIPL art. 6): each role gets what its work needs.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CLERK: frozenset(
        {
            P.RESIDENT_VIEW,
            P.RESIDENT_EDIT,
            P.RESIDENT_IMPORT,
            P.RESIDENT_EXPORT,
            P.IDENTITY_REVEAL,
            P.PRINT_FULL,
            P.GRID_VIEW,
            P.MEDIATION_VIEW,
            P.VOLUNTEER_VIEW,
            P.BACKUP_MAKE,
        }
    ),
    # Grid workers visit the people under special care, so they see those categories.
    Role.GRID: frozenset(
        {P.RESIDENT_VIEW, P.IDENTITY_REVEAL, P.CARE_SENSITIVE, P.GRID_VIEW, P.GRID_EDIT}
    ),
    # Mediation documents carry the parties' full ID numbers, signed by hand.
    Role.MEDIATOR: frozenset(
        {
            P.RESIDENT_VIEW,
            P.IDENTITY_REVEAL,
            P.PRINT_FULL,
            P.MEDIATION_VIEW,
            P.MEDIATION_EDIT,
            P.MEDIATION_PARTIES,
        }
    ),
    Role.VOLUNTEERS: frozenset({P.RESIDENT_VIEW, P.VOLUNTEER_VIEW, P.VOLUNTEER_EDIT}),
    Role.VIEWER: frozenset({P.RESIDENT_VIEW, P.GRID_VIEW, P.MEDIATION_VIEW, P.VOLUNTEER_VIEW}),
}

ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.ADMIN: ("管理员", "Administrator"),
    Role.CLERK: ("登记员", "Registry clerk"),
    Role.GRID: ("网格员", "Grid worker"),
    Role.MEDIATOR: ("调解员", "Mediator"),
    Role.VOLUNTEERS: ("志愿服务管理员", "Volunteer coordinator"),
    Role.VIEWER: ("只读/乡镇查看", "Read-only / township viewer"),
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: a signed-in user, or govdesk itself (migrations, demo data, tests' setup)."""

    username: str
    role: Role
    user_id: str | None = None

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role]

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions


class PermissionDenied(DomainError):
    """The signed-in user's role does not allow this; nothing was read or changed.

    `permission` is None when nobody had signed in at all.
    """

    def __init__(self, issue: Issue, *, permission: Permission | None = None):
        super().__init__(issue)
        self.permission = permission


# govdesk's own work that no clerk started (creating the file, building a demo office).
SYSTEM = Actor(username="govdesk", role=Role.ADMIN)


def role_label(role: Role | str, lang: str | None = None) -> str:
    """The role's name in `lang`, or in the interface language (domain.messages) when None."""
    if lang is None:
        lang = language()
    zh, en = ROLE_LABELS[Role(role)]
    return en if lang == "en" else zh
