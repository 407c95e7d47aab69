"""An office and a township database that trust each other's keys, for the exchange window tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction

from govdesk.domain.permissions import Actor, Role
from govdesk.exchange import keys
from govdesk.exchange.keys import KeyCard
from govdesk.services import office, registry
from govdesk.store.database import Database
from govdesk.ui.main_window import MainWindow

OFFICE_CODE = "110105001001"
TOWNSHIP_CODE = "110105001000"
ADMIN = Actor(username="admin", role=Role.ADMIN)


@dataclass
class Pair:
    office: Database
    township: Database
    office_card: KeyCard
    township_card: KeyCard

    def close(self) -> None:
        self.office.close()
        self.township.close()


def card_of(db: Database) -> KeyCard:
    return keys.read_key_file(keys.public_key_file(db), name="key.gdkey")


def make_office(path: Path, code: str = OFFICE_CODE, name: str = "幸福社区居民委员会") -> Database:
    db = office.init_database(path, name=name, division_code=code)
    db.actor = ADMIN
    return db


def make_township(path: Path) -> Database:
    db = office.init_database(
        path, name="和平街道办事处", division_code=TOWNSHIP_CODE, kind="township"
    )
    db.actor = ADMIN
    return db


def make_pair(folder: Path, *, trusted: bool = True) -> Pair:
    pair = Pair(
        make_office(folder / "office.db"),
        make_township(folder / "township.db"),
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
    )
    pair.office_card, pair.township_card = card_of(pair.office), card_of(pair.township)
    if trusted:
        with pair.office.session() as s:
            keys.trust(s, pair.township_card)
        with pair.township.session() as s:
            keys.trust(s, pair.office_card)
    return pair


def register(db: Database, names: list[str]) -> dict[str, str]:
    """Residents of one new household, by name -> id."""
    with db.session() as s:
        hh = registry.create_household(s, household_number="H0001", address="幸福里小区3号楼")
        return {
            name: registry.create_person(
                s, data={"name": name, "sex": "female"}, household_id=hh.id
            ).person.id
            for name in names
        }


def window_for(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    return window


def action(window: MainWindow, name: str) -> QAction | None:
    return window.findChild(QAction, name)
