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


def _laptop(folder: Path, pair: Pair, monkeypatch) -> Database:
    """A copy of the office database opened on a laptop (a new instance); the office is
    reopened as the PC."""
    from tests.exchange.conftest import laptop_copy

    pair.office, laptop = laptop_copy(pair.office, folder, monkeypatch)
    return laptop


def _send_up(folder: Path, pair: Pair, dbs: tuple[Database, ...]) -> None:
    from govdesk.exchange.apply import import_package
    from govdesk.exchange.export import export_package

    for db in dbs:
        out = folder / "stick" / db.instance_id[:8]
        out.mkdir(parents=True)
        import_package(pair.township, export_package(db, out).path)


def laptop_conflict(folder: Path, monkeypatch) -> tuple[Pair, str]:
    """The office PC and a laptop copy of its database change one person's phone and name
    differently; the township imports both packages: one open conflict. Returns the pair
    (its office is the PC) and the person's id."""
    pair = make_pair(folder)
    person = register(pair.office, ["欧阳秀英", "司马建国"])["欧阳秀英"]
    laptop = _laptop(folder, pair, monkeypatch)
    try:
        for db, changes in (
            (pair.office, {"phone": "13911110000"}),
            (laptop, {"phone": "13922220000", "name": "欧阳秀瑛"}),
        ):
            with db.session() as s:
                registry.update_person(s, person_id=person, changes=changes)
        _send_up(folder, pair, (pair.office, laptop))
    finally:
        laptop.close()
    return pair, person


def deletion_conflict(folder: Path, monkeypatch) -> tuple[Pair, str]:
    """The PC deletes a care category the laptop renames: a conflict with a deleted version.
    Returns the pair and the category's id."""
    from sqlmodel import select

    from govdesk.domain.models import CareCategory

    pair = make_pair(folder)
    with pair.office.session() as s:
        category = s.exec(select(CareCategory).order_by(CareCategory.code)).first()
        category_id = category.id
    laptop = _laptop(folder, pair, monkeypatch)
    try:
        with pair.office.session() as s:
            s.delete(s.get(CareCategory, category_id))
        with laptop.session() as s:
            s.get(CareCategory, category_id).name_zh = "改过的类别"
        _send_up(folder, pair, (pair.office, laptop))
    finally:
        laptop.close()
    return pair, category_id
