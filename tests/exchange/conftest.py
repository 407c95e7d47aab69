"""An office and a township database, each with its exchange keys, for the package tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.keys import KeyCard, OwnKeys
from govdesk.services import office, registry
from govdesk.store import file_identity
from govdesk.store.database import Database

ADMIN = Actor(username="admin", role=Role.ADMIN)
OFFICE_CODE = "110105001001"
TOWNSHIP_CODE = "110105001000"


@dataclass
class Side:
    db: Database
    own: OwnKeys
    card: KeyCard


def make_side(path: Path, name: str, code: str, kind: str = "community") -> Side:
    db = office.init_database(path, name=name, division_code=code, kind=kind)
    db.actor = Actor(username="admin", role=Role.ADMIN)
    card = keys.read_key_file(keys.public_key_file(db), name="key.json")
    return Side(db, keys.own_keys(db), card)


@pytest.fixture
def office_side(tmp_path: Path) -> Side:
    side = make_side(tmp_path / "office.db", "幸福社区居民委员会", OFFICE_CODE)
    yield side
    side.db.close()


@pytest.fixture
def township(tmp_path: Path) -> Side:
    side = make_side(tmp_path / "township.db", "和平街道办事处", TOWNSHIP_CODE, "township")
    yield side
    side.db.close()


def base_manifest(side: Side, sequence: int = 1) -> dict:
    return {
        "source_office": OFFICE_CODE,
        "source_instance": side.db.instance_id,
        "sequence": sequence,
        "full": True,
        "marks": {side.db.instance_id: 42},
        "counts": {"resident": 3},
    }


def trust(office_side: Side, township: Side) -> None:
    """The office trusts the township's key and the township the office's."""
    with office_side.db.session() as s:
        keys.trust(s, township.card)
    with township.db.session() as s:
        keys.trust(s, office_side.card)


def register(db: Database) -> dict[str, str]:
    """A household of two: their ids by name, and the household's as "household"."""
    with db.session() as s:
        hh = registry.create_household(s, household_number="H0001", address="幸福里3号楼")
        return {
            name: registry.create_person(
                s,
                data={"name": name, "sex": sex, "relation_to_head": rel},
                household_id=hh.id,
            ).person.id
            for name, sex, rel in (("欧阳秀英", "female", "head"), ("司马建国", "male", "spouse"))
        } | {"household": hh.id}


def laptop_copy(
    office_db: Database, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Database, Database]:
    """The office file copied onto a laptop and opened there (a new instance), and the
    office file reopened on the office PC: (pc, laptop), both signed in as admin."""
    office_path = Path(office_db.path)
    office_db.close()
    laptop_path = folder / "laptop" / "office.db"
    laptop_path.parent.mkdir(parents=True)
    shutil.copy2(office_path, laptop_path)
    opened = []
    for machine, path in (("laptop", laptop_path), ("office-pc", office_path)):
        monkeypatch.setenv(file_identity.MACHINE_ENV, machine)
        db = Database.open(path)
        db.actor = ADMIN
        opened.append(db)
    laptop, pc = opened
    return pc, laptop
