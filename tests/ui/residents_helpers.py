"""Test data for the resident tab: valid ID numbers and quick bulk inserts."""

from __future__ import annotations

import datetime as dt
import uuid

from govdesk.domain.models import Resident, utcnow
from govdesk.services import registry
from govdesk.store.database import Database
from govdesk.store.versioning import reserve_versions

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_id(birth: str, seq: int, area: str = "110105") -> str:
    """A valid 18-character ID number; odd `seq` is male, even is female."""
    body = f"{area}{birth}{seq:03d}"
    s = sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True))
    return body + "10X98765432"[s % 11]


def add_person(db: Database, name: str, **data) -> str:
    with db.session() as s:
        return registry.create_person(s, data={"name": name, **data}).person.id


def bulk_residents(db: Database, n: int) -> None:
    """n residents through Core in one transaction (the registry loop would take minutes)."""
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚"
    with db.connect() as conn:
        office_id = conn.exec_driver_sql("SELECT id FROM office").scalar_one()
    rows = []
    now = utcnow()
    for i in range(n):
        name = surnames[i % len(surnames)] + given[(i // len(surnames)) % len(given)] + given[i % 7]
        birth = dt.date(1940, 1, 1) + dt.timedelta(days=(i * 37) % 25000)
        number = make_id(birth.strftime("%Y%m%d"), i % 1000)
        values = {"name": name, "id_number": number, "phone": f"138{i:08d}"}
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "office_id": office_id,
                "created_at": now,
                "updated_at": now,
                "version_instance": db.instance_id,
                "sex": "male" if (i % 1000) % 2 else "female",
                "birth_date": birth,
                "person_type": "registered",
                "status": "on_register",
                "current_address": f"幸福路{i % 300}号",
                "id_converted": False,
                **values,
                **registry.search_keys(values),
            }
        )
    with db.begin() as conn:
        first = reserve_versions(conn, n)
        for offset, row in enumerate(rows):
            row["version"] = first + offset
        conn.execute(Resident.__table__.insert(), rows)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk does: ASCII key by key, Chinese committed by the input method."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)
