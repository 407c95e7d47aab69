"""Role labels per office: renamed and switched-off roles, validation, permission, audit."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from govdesk.domain import grids as rules
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.services import grid_staff, grids
from tests.services.test_grid_staff import _workload_world

D1 = dt.date(2026, 1, 1)


def _stored(db) -> str | None:
    return db.meta(rules.ROLE_LABELS_KEY)


def test_built_in_labels_until_the_office_renames_one(db):
    labels = grid_staff.role_labels(db)
    assert list(labels) == [c.code for c in rules.STAFF_ROLES]
    assert labels["full_time"] == "专职网格员"
    assert labels["police_assistant"] == "警务助理"
    with db.session() as s:
        settings = grid_staff.set_role_labels(
            s, {"full_time": "  专职社工网格员 "}, {"police_assistant"}
        )
    assert settings.labels == {"full_time": "专职社工网格员"}
    stored = json.loads(_stored(db))
    assert stored == {"labels": {"full_time": "专职社工网格员"}, "disabled": ["police_assistant"]}
    # Read through the database and through a session alike.
    assert grid_staff.role_labels(db)["full_time"] == "专职社工网格员"
    with db.session() as s:
        assert grid_staff.role_labels(s)["full_time"] == "专职社工网格员"
        choices = grid_staff.role_choices(s)
        assert ("full_time", "专职社工网格员") in choices
        assert "police_assistant" not in [c for c, _ in choices]
        assert "police_assistant" in [
            c for c, _ in grid_staff.role_choices(s, keep="police_assistant")
        ]
    # The built-in name resets a role; other roles keep their names.
    with db.session() as s:
        grid_staff.set_role_labels(s, {"full_time": "专职网格员", "mediator": "调解委员"}, set())
    assert json.loads(_stored(db)) == {"labels": {"mediator": "调解委员"}, "disabled": []}
    assert grid_staff.role_labels(db)["full_time"] == "专职网格员"


def test_posts_lists_and_workload_show_the_office_label(db):
    a, _b, _c = _workload_world(db)
    with db.session() as s:
        grid_staff.set_role_labels(s, {"full_time": "专职社工网格员"}, set())
    with db.session() as s:
        views = grid_staff.post_views(s, a.id, D1)
        assert {v.role_label for v in views} == {"专职社工网格员", "兼职网格员"}
        rows = {r.name: r.roles for r in grid_staff.workload(s, D1)}
        assert rows["李二"] == ("专职社工网格员", "兼职网格员")
        assert rows["张一"] == ("专职社工网格员",)
        # The new label (and the code, and the old built-in name) name the role.
        staff = grid_staff.add_staff(s, name="钱五")
        post = grid_staff.add_post(
            s, staff_id=staff.id, grid_id=a.id, role="专职社工网格员", start_on=D1
        )
        assert post.role == "full_time"


def test_a_switched_off_role_keeps_its_posts_but_takes_no_new_one(db):
    with db.session() as s:
        g = grids.create_grid(s, name="第一网格")
        staff = grid_staff.add_staff(s, name="王芳")
        grid_staff.add_post(s, staff_id=staff.id, grid_id=g.id, role="mediator", start_on=D1)
        grid_staff.set_role_labels(s, {}, {"mediator"})
    with db.session() as s:
        assert [v.role_label for v in grid_staff.post_views(s, g.id, D1)] == ["调解员"]
    with pytest.raises(DomainError) as err, db.session() as s:
        grid_staff.add_post(s, staff_id=staff.id, grid_id=g.id, role="mediator", start_on=D1)
    assert err.value.issues[0].key == "grids.role_disabled"
    assert "调解员" in err.value.issues[0].message


@pytest.mark.parametrize(
    ("labels", "disabled", "field", "key"),
    [
        ({"full_time": "   "}, set(), "full_time", "grids.role_label_blank"),
        ({"full_time": "长" * 21}, set(), "full_time", "grids.role_label_long"),
        ({"mediator": "网格长"}, set(), "mediator", "grids.role_label_taken"),
        ({"mediator": "网格长 "}, set(), "mediator", "grids.role_label_taken"),
        ({"captain": "队长"}, set(), "captain", "grids.unknown_role"),
        ({}, {"captain"}, "captain", "grids.unknown_role"),
    ],
)
def test_bad_labels_store_nothing(db, labels, disabled, field, key):
    with db.session() as s:
        grid_staff.set_role_labels(s, {"part_time": "兼职社工"}, set())
    before = _stored(db)
    with pytest.raises(DomainError) as err, db.session() as s:
        # A good change beside the bad one is not stored either.
        grid_staff.set_role_labels(s, {"building_leader": "楼长", **labels}, disabled)
    assert [(i.field, i.key) for i in err.value.issues] == [(field, key)]
    assert _stored(db) == before


def test_twenty_characters_are_allowed(db):
    with db.session() as s:
        grid_staff.set_role_labels(s, {"safety_steward": "安" * 20}, set())
    assert grid_staff.role_labels(db)["safety_steward"] == "安" * 20


def test_only_the_administrator_changes_labels_and_the_change_is_audited(db):
    with db.session() as s:
        grid_staff.set_role_labels(s, {"full_time": "专职社工网格员"}, {"police_assistant"})
    with db.connect() as conn:
        row = conn.execute(
            text(
                "SELECT username, action, record_type, record_id, detail FROM audit_log "
                "WHERE record_id = :k ORDER BY seq DESC"
            ),
            {"k": rules.ROLE_LABELS_KEY},
        ).first()
    assert row is not None
    assert row[:4] == ("admin", "update", "settings", "grid.role_labels")
    detail = json.loads(row[4])
    assert detail["full_time"] == ["专职网格员", "专职社工网格员"]
    assert detail["disabled"] == ["", "police_assistant"]
    db.actor = Actor(username="worker", role=Role.GRID)
    with pytest.raises(PermissionDenied), db.session() as s:
        grid_staff.set_role_labels(s, {"full_time": "网格员"}, set())
    assert grid_staff.role_labels(db)["full_time"] == "专职社工网格员"


def test_english_shows_built_in_names_in_english_and_the_office_names_as_set(db):
    from govdesk.domain import messages

    with db.session() as s:
        grid_staff.set_role_labels(s, {"full_time": "专职社工网格员"}, set())
    messages.set_language("en")
    labels = grid_staff.role_labels(db)
    assert labels["grid_leader"] == "Grid leader"
    assert labels["full_time"] == "专职社工网格员"


def test_an_unreadable_stored_value_means_the_built_in_names():
    assert rules.role_settings_from_json("{not json") == rules.DEFAULT_ROLE_SETTINGS
    settings = rules.role_settings_from_json(
        '{"labels": {"full_time": "专职", "nope": "x", "mediator": 3}, "disabled": ["nope"]}'
    )
    assert settings.labels == {"full_time": "专职"}
    assert settings.disabled == frozenset()
