"""Exchange keys: made once, the public key file read as hostile input, trust and revoke."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, PermissionDenied, Role
from govdesk.exchange import keys
from govdesk.store.database import Database
from tests.exchange.conftest import OFFICE_CODE, TOWNSHIP_CODE, Side, make_side


def _audit(db: Database, action: str) -> list[tuple[str, str]]:
    with db.connect() as conn:
        rows = conn.execute(
            text("SELECT username, detail FROM audit_log WHERE action = :a ORDER BY seq"),
            {"a": action},
        ).all()
    return [(str(u), str(d)) for u, d in rows]


def test_own_keys_are_made_once_and_kept(office_side: Side) -> None:
    db = office_side.db
    first = keys.own_keys(db)
    again = keys.own_keys(db)
    assert first.fingerprint == again.fingerprint
    assert first.sign_public == again.sign_public and first.box_public == again.box_public
    assert db.meta(keys.SIGN_META) is not None and db.meta(keys.BOX_META) is not None
    # Six groups of four upper-case hex digits, over both public keys.
    groups = first.fingerprint.split("-")
    assert len(groups) == 6 and all(len(g) == 4 for g in groups)
    assert first.fingerprint == keys.fingerprint_of(first.sign_public, first.box_public)
    path = db.path
    db.close()
    reopened = Database.open(path)
    try:
        assert keys.own_keys(reopened).fingerprint == first.fingerprint
    finally:
        reopened.close()


def test_two_databases_have_different_keys(office_side: Side, township: Side) -> None:
    assert office_side.own.fingerprint != township.own.fingerprint
    assert office_side.own.box_public != township.own.box_public


def test_public_key_file_holds_no_secret(office_side: Side) -> None:
    data = keys.public_key_file(office_side.db)
    body = json.loads(data)
    assert body["office_code"] == OFFICE_CODE
    assert body["office_name"] == "幸福社区居民委员会"
    assert body["kind"] == "office"
    assert body["fingerprint"] == office_side.own.fingerprint
    for secret in (keys.SIGN_META, keys.BOX_META):
        assert office_side.db.meta(secret).encode() not in data
    card = keys.read_key_file(data)
    assert card == office_side.card


def test_township_key_file_says_township(township: Side) -> None:
    assert township.card.kind == "township"
    assert township.card.office_code == TOWNSHIP_CODE


def _edited(data: bytes, **changes: object) -> bytes:
    body = json.loads(data)
    for key, value in changes.items():
        if value is None:
            body.pop(key)
        else:
            body[key] = value
    return json.dumps(body, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format": "something-else"}, "不是 govdesk 公钥文件"),
        ({"version": 2}, "更新版本"),
        ({"version": "1"}, "“version”不正确"),
        ({"office_code": "11010500100"}, "“office_code”不正确"),
        ({"office_code": None}, "“office_code”不正确"),
        ({"office_name": ""}, "“office_name”不正确"),
        ({"office_name": "名\x00字"}, "“office_name”不正确"),
        ({"kind": "county"}, "“kind”不正确"),
        ({"sign_public": base64.b64encode(b"x" * 31).decode()}, "“sign_public”不正确"),
        ({"box_public": base64.b64encode(b"x" * 33).decode()}, "“box_public”不正确"),
        ({"box_public": "not base64!"}, "“box_public”不正确"),
        ({"box_public": 12}, "“box_public”不正确"),
        ({"fingerprint": "1234"}, "“fingerprint”不正确"),
        ({"fingerprint": "0000-0000-0000-0000-0000-0000"}, "指纹与密钥不符"),
    ],
)
def test_bad_key_files_are_refused_with_the_field(
    office_side: Side, changes: dict, expected: str
) -> None:
    data = _edited(keys.public_key_file(office_side.db), **changes)
    with pytest.raises(DomainError) as err:
        keys.read_key_file(data, name="k.json")
    assert expected in str(err.value)


def test_a_swapped_key_does_not_match_the_fingerprint(office_side: Side, township: Side) -> None:
    # Someone keeps the office's name and fingerprint but puts in their own box key.
    forged = _edited(
        keys.public_key_file(office_side.db),
        box_public=base64.b64encode(township.card.box_public).decode(),
    )
    with pytest.raises(DomainError, match="指纹与密钥不符"):
        keys.read_key_file(forged)


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfe\x00", b"[1, 2]", b"null", b"{", "公钥".encode(), b"x" * 20_000],
)
def test_not_a_key_file(data: bytes) -> None:
    with pytest.raises(DomainError) as err:
        keys.read_key_file(data, name="k.json")
    assert "“k.json”" in str(err.value)


def test_trust_is_audited_and_idempotent(office_side: Side, township: Side) -> None:
    db = township.db
    with db.session() as s:
        row = keys.trust(s, office_side.card)
        first_id = row.id
    with db.session() as s:
        assert keys.trust(s, office_side.card).id == first_id
    rows = keys.trusted(db)
    assert [(r.office_code, r.fingerprint, r.trusted_by) for r in rows] == [
        (OFFICE_CODE, office_side.own.fingerprint, "admin")
    ]
    assert keys.keyring(db) == [office_side.card]
    entries = _audit(db, keys.AUDIT_TRUST)
    assert len(entries) == 1
    assert entries[0][0] == "admin" and office_side.own.fingerprint in entries[0][1]


def test_own_key_is_not_trusted(office_side: Side) -> None:
    with pytest.raises(DomainError, match="本单位自己的公钥"), office_side.db.session() as s:
        keys.trust(s, office_side.card)
    assert keys.trusted(office_side.db) == []


def test_a_second_key_for_an_office_waits_for_the_first_to_be_revoked(
    tmp_path: Path, office_side: Side, township: Side
) -> None:
    # The same office code with other keys: a reinstalled PC, or an impostor.
    other = make_side(tmp_path / "other.db", "幸福社区居民委员会", OFFICE_CODE)
    try:
        with township.db.session() as s:
            keys.trust(s, office_side.card)
        with pytest.raises(DomainError) as err, township.db.session() as s:
            keys.trust(s, other.card)
        assert office_side.own.fingerprint in str(err.value)
        assert "撤销旧密钥" in str(err.value)
        assert keys.keyring(township.db) == [office_side.card]

        with township.db.session() as s:
            keys.revoke(s, office_side.own.fingerprint.lower().replace("-", " "))
        assert keys.keyring(township.db) == []
        with township.db.session() as s:
            keys.trust(s, other.card)
        assert keys.keyring(township.db) == [other.card]
        listed = keys.trusted(township.db, include_revoked=True)
        assert [r.revoked_at is not None for r in listed] == [True, False]
        assert len(_audit(township.db, keys.AUDIT_REVOKE)) == 1
        # A revoked key is never trusted again.
        with pytest.raises(DomainError, match="已被撤销"), township.db.session() as s:
            keys.trust(s, office_side.card)
    finally:
        other.db.close()


def test_revoke_unknown_fingerprint(township: Side) -> None:
    with pytest.raises(DomainError, match="没有指纹为"), township.db.session() as s:
        keys.revoke(s, "0000-0000-0000-0000-0000-0000")


def test_trust_needs_settings_or_exchange_permission(office_side: Side, township: Side) -> None:
    township.db.actor = Actor(username="clerk1", role=Role.CLERK)
    with pytest.raises(PermissionDenied), township.db.session() as s:
        keys.trust(s, office_side.card)
    assert keys.trusted(township.db, include_revoked=True) == []
    refusals = _audit(township.db, "refused")
    assert refusals and refusals[-1][0] == "clerk1"


def test_read_only_database_without_keys_says_so(tmp_path: Path) -> None:
    side = make_side(tmp_path / "x.db", "幸福社区居民委员会", OFFICE_CODE)
    with side.db.begin() as conn:
        conn.execute(
            text("DELETE FROM meta WHERE key IN (:a, :b)"),
            {"a": keys.SIGN_META, "b": keys.BOX_META},
        )
    side.db.close()
    ro = Database.open(tmp_path / "x.db", read_only=True)
    try:
        with pytest.raises(DomainError, match="只能读取"):
            keys.own_keys(ro)
    finally:
        ro.close()


def test_keys_are_made_on_first_need(tmp_path: Path) -> None:
    from govdesk.services import office

    db = office.init_database(
        tmp_path / "new.db", name="新村村民委员会", division_code="110105002003", kind="village"
    )
    try:
        assert db.meta(keys.SIGN_META) is None and db.meta(keys.BOX_META) is None
        data = json.loads(keys.public_key_file(db))
        sign, box = db.meta(keys.SIGN_META), db.meta(keys.BOX_META)
        assert sign is not None and box is not None
        assert data["fingerprint"] == keys._load(sign, box).fingerprint
        assert data["kind"] == "office"  # a village exchanges as an office
    finally:
        db.close()
