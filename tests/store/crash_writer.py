"""Child process of test_crash_safety: writes through the services until it is killed.

Usage: python crash_writer.py DB ROUND. Prints `c <id> <name>` after each committed
create and `u <id> <counter>` after each committed phone change, flushed per line, so the
parent knows exactly which writes were committed when it sends SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govdesk.domain.permissions import SYSTEM
from govdesk.services import registry
from govdesk.store.database import Database


def main(path: str, round_no: int) -> None:
    db = Database.open(Path(path))
    db.actor = SYSTEM
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    created: list[str] = []
    n = 0
    while True:
        n += 1
        if created and n % 3 == 0:
            person_id = created[(n * 7) % len(created)]
            # Counters only grow, so a later committed change always carries a larger one.
            counter = round_no * 1_000_000 + n
            with db.session() as s:
                registry.update_person(
                    s, person_id=person_id, changes={"phone": f"139{counter:08d}"}
                )
            out.write(f"u {person_id} {counter}\n")
        else:
            name = f"测试{round_no}号{n}"
            with db.session() as s:
                person = registry.create_person(s, data={"name": name}).person
                person_id = person.id
            created.append(person_id)
            out.write(f"c {person_id} {name}\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
