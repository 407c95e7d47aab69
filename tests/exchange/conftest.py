"""An office and a township database, each with its exchange keys, for the package tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.keys import KeyCard, OwnKeys
from govdesk.services import office
from govdesk.store.database import Database

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
