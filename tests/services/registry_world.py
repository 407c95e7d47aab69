"""A small office shared by the permission and masking tests: households, people, care."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from govdesk.domain.permissions import ROLE_PERMISSIONS, Actor, Permission, Role
from govdesk.services import office, registry
from govdesk.store.database import Database
from tests.ui.residents_helpers import make_id

ADMIN = Actor("admin", Role.ADMIN)
ZHANG_ID = make_id("19800101", 11)
LI_ID = make_id("19820202", 22)
WANG_ID = make_id("19900303", 33)
ZHANG_PHONE = "13912345678"


@dataclass(frozen=True)
class World:
    path: Path
    zhang: str  # head of household 1001, 低保户 and 社区矫正对象
    li: str  # spouse in 1001
    wang: str  # no household
    h1: str
    h2: str  # empty household 1002


def build(path: Path) -> World:
    db = office.init_database(path, name="幸福社区居民委员会", division_code="110105001001")
    db.actor = ADMIN
    try:
        with db.session() as s:
            h1 = registry.create_household(s, household_number="1001", address="幸福路1号")
            h2 = registry.create_household(s, household_number="1002", address="幸福路2号")
            zhang = registry.create_person(
                s,
                data={
                    "name": "张伟",
                    "id_number": ZHANG_ID,
                    "phone": ZHANG_PHONE,
                    "relation_to_head": "head",
                    "current_address": "幸福路1号",
                },
                household_id=h1.id,
                care_codes=["subsistence", "community_correction"],
            ).person
            li = registry.create_person(
                s,
                data={
                    "name": "李娜",
                    "id_number": LI_ID,
                    "phone": "13800001111",
                    "relation_to_head": "spouse",
                },
                household_id=h1.id,
            ).person
            wang = registry.create_person(
                s, data={"name": "王强", "id_number": WANG_ID, "phone": "13700002222"}
            ).person
            return World(path, zhang.id, li.id, wang.id, h1.id, h2.id)
    finally:
        db.close()


def copy_of(world: World, target: Path, actor: Actor | None) -> Database:
    """A fresh copy of the world's file, signed in as `actor` (None: nobody)."""
    shutil.copyfile(world.path, target)
    db = Database.open(target)
    db.actor = actor
    return db


def actor_for(role: Role) -> Actor:
    return Actor(role.value, role)


def roles_with(*permissions: Permission) -> set[Role]:
    return {r for r, perms in ROLE_PERMISSIONS.items() if set(permissions) <= perms}


@dataclass(frozen=True)
class CustomActor(Actor):
    """An actor with a permission set no role has today (e.g. export without reveal)."""

    granted: frozenset[Permission] = frozenset()

    @property
    def permissions(self) -> frozenset[Permission]:
        return self.granted


def snapshot(db: Database) -> tuple:
    """Everything a refused call must leave as it was."""
    with db.connect() as conn:
        return tuple(
            conn.exec_driver_sql(sql).all()
            for sql in (
                "SELECT id, version, id_number, phone, household_id, relation_to_head, status "
                "FROM resident ORDER BY id",
                "SELECT id, version FROM household ORDER BY id",
                "SELECT id, active FROM resident_care ORDER BY id",
                "SELECT count(*) FROM resident_status_change",
                "SELECT count(*) FROM care_category",
                # A refusal is itself written down (see refusals below); nothing else is.
                "SELECT count(*) FROM audit_log WHERE action != 'refused'",
                "SELECT value FROM meta WHERE key = 'version_counter'",
            )
        )


def refusals(db: Database) -> list[tuple[str, str]]:
    """(user, detail) of the refusals on the audit trail, oldest first."""
    with db.connect() as conn:
        return [
            (str(u), str(d))
            for u, d in conn.exec_driver_sql(
                "SELECT username, detail FROM audit_log WHERE action = 'refused' ORDER BY seq"
            )
        ]


TODAY = dt.date.today()
