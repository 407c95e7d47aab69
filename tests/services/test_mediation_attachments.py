"""Mediation attachments: content checks, one copy per digest, damage detected, the 卷宗 checklist."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen import canvas
from sqlalchemy import text

from govdesk.domain import mediation as rules
from govdesk.domain.messages import DomainError
from govdesk.domain.permissions import Actor, Role
from govdesk.services import mediation
from govdesk.services import mediation_attachments as files
from govdesk.services.authz import PermissionDenied
from govdesk.services.mediation import PartyInput
from govdesk.store.errors import StorageError

D = dt.date
TODAY = D(2026, 3, 20)


def _pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "signed")
    page.save()
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 0, 0)).save(out, "PNG")
    return out.getvalue()


def _case(db) -> str:
    with db.session() as s:
        return mediation.register_case(
            s,
            dispute_type="邻里",
            source="公安移交",
            summary="噪音",
            parties=[PartyInput(name="王芳"), PartyInput(role="被申请人", name="赵强")],
            registered_on=D(2026, 3, 2),
        ).id


def _add(db, case_id, **kw):
    with db.session() as s:
        return files.add_attachment(s, case_id, added_on=TODAY, **kw).id


def test_pdf_and_image_are_stored_with_their_digest(db, tmp_path: Path):
    case_id = _case(db)
    pdf = _pdf()
    scan = tmp_path / "申请书扫描.pdf"
    scan.write_bytes(pdf)
    first = _add(db, case_id, path=scan, kind="申请书")
    photo = _add(db, case_id, data=_png(), file_name="C:\\扫描\\现场.png", kind="photo")
    with db.session() as s:
        rows = files.attachments(s, case_id)
        assert [(a.kind, a.media_type, a.file_name, a.title) for a in rows] == [
            ("application", "application/pdf", "申请书扫描.pdf", "申请书/受理登记表"),
            ("photo", "image/png", "现场.png", "照片"),
        ]
        assert rows[0].sha256 == hashlib.sha256(pdf).hexdigest() and rows[0].size == len(pdf)
        assert files.read_attachment(s, first) == pdf
        assert files.read_attachment(s, photo)[:8] == b"\x89PNG\r\n\x1a\n"
    out = tmp_path / "out.pdf"
    with db.session() as s:
        files.save_attachment(s, first, out)
    assert out.read_bytes() == pdf


def test_same_bytes_are_kept_once_and_removed_with_the_last_user(db):
    case_id = _case(db)
    pdf = _pdf()
    a = _add(db, case_id, data=pdf, file_name="a.pdf", kind="evidence")
    b = _add(db, case_id, data=pdf, file_name="b.pdf", kind="session")
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM attachment_content")).scalar_one() == 1
    with db.session() as s:
        files.remove_attachment(s, a)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM attachment_content")).scalar_one() == 1
    with db.session() as s:
        assert [x.id for x in files.attachments(s, case_id)] == [b]
        files.remove_attachment(s, b)
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM attachment_content")).scalar_one() == 0
        removed = conn.execute(
            text(
                "SELECT count(*) FROM audit_log WHERE record_id IN (:a, :b) AND detail LIKE '%removed%'"
            ),
            {"a": a, "b": b},
        ).scalar_one()
    assert removed == 2


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"PK\x03\x04 a docx renamed to pdf", "attachment.type"),
        (b"", "attachment.empty"),
    ],
)
def test_refused_content_stores_nothing(db, data, key):
    case_id = _case(db)
    with pytest.raises(DomainError) as err, db.session() as s:
        files.add_attachment(
            s, case_id, data=data, file_name="x.pdf", kind="evidence", added_on=TODAY
        )
    assert [i.key for i in err.value.issues] == [key]
    with db.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM mediation_attachment")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM attachment_content")).scalar_one() == 0


def test_size_cap_and_bad_kind(db, tmp_path: Path):
    case_id = _case(db)
    big = tmp_path / "big.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(files.MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(DomainError) as err, db.session() as s:
        files.add_attachment(s, case_id, path=big, kind="evidence", added_on=TODAY)
    assert err.value.issues[0].key == "attachment.too_big"
    assert "50 MB" in str(err.value) and "big.pdf" in str(err.value)
    with pytest.raises(DomainError) as err, db.session() as s:
        files.add_attachment(
            s, case_id, data=_pdf(), file_name="a.pdf", kind="录音", added_on=TODAY
        )
    assert err.value.issues[0].key == "mediation.unknown_code"
    with pytest.raises(DomainError) as err, db.session() as s:
        files.add_attachment(s, case_id, kind="evidence", added_on=TODAY)
    assert err.value.issues[0].key == "attachment.source"


def test_damaged_content_is_reported(db):
    case_id = _case(db)
    att = _add(db, case_id, data=_pdf(), file_name="协议.pdf", kind="agreement")
    with db.begin() as conn:
        conn.execute(text("UPDATE attachment_content SET data = :d"), {"d": b"%PDF-1.4 changed"})
    with pytest.raises(StorageError) as err, db.session() as s:
        files.read_attachment(s, att)
    assert err.value.kind == "corrupt" and "协议.pdf" in str(err.value) and "损坏" in str(err.value)


def test_roles(db):
    case_id = _case(db)
    att = _add(db, case_id, data=_png(), file_name="p.png", kind="photo")
    db.actor = Actor("v", Role.VIEWER)
    with db.session() as s:
        assert [a.id for a in files.attachments(s, case_id)] == [att]
        assert len(files.case_file_checklist(s, case_id)) == 13
    with pytest.raises(PermissionDenied), db.session() as s:
        files.read_attachment(s, att)
    with pytest.raises(PermissionDenied), db.session() as s:
        files.remove_attachment(s, att)
    db.actor = Actor("m", Role.MEDIATOR)
    with db.session() as s:
        assert files.read_attachment(s, att)[:4] == b"\x89PNG"


def _statuses(db, case_id):
    with db.session() as s:
        return {r.number: (r.status, r.form) for r in files.case_file_checklist(s, case_id)}


def test_checklist_follows_the_case(db):
    case_id = _case(db)
    rows = _statuses(db, case_id)
    assert [d.number for d in rules.CASE_FILE_DOCUMENTS] == list(range(1, 14))
    # A police referral: the 受理登记表 is the first document.
    assert rows == {
        1: ("printable", "registration"),
        2: ("printable", "notice"),
        3: ("missing", None),
        4: ("not_needed", None),
        5: ("not_needed", None),
        6: ("not_needed", None),
        7: ("missing", None),
        8: ("not_needed", None),
        9: ("not_needed", None),
        10: ("not_needed", None),
        11: ("not_needed", None),
        12: ("not_needed", None),
        13: ("printable", "back-cover"),
    }
    with db.session() as s:
        mediation.accept_case(s, case_id, accepted_on=D(2026, 3, 3))
        for kind in ("investigation", "mediation"):
            mediation.record_session(
                s, case_id, kind=kind, held_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
            )
        mediation.settle_case(
            s, case_id, agreement_on=D(2026, 3, 6), agreement_kind="oral", agreement_terms="道歉"
        )
        mediation.add_follow_up(s, case_id, visited_on=D(2026, 3, 15))
    ids = _add(db, case_id, data=_pdf(), file_name="id.pdf", kind="id_proof")
    proxy = _add(db, case_id, data=_png(), file_name="proxy.png", kind="proxy")
    signed = _add(db, case_id, data=_pdf() + b"%signed", file_name="s.pdf", kind="session")
    with db.session() as s:
        rows = {r.number: r for r in files.case_file_checklist(s, case_id)}
    assert {n: (r.status, r.form, r.needed) for n, r in rows.items()} == {
        1: ("printable", "registration", True),
        2: ("printable", "notice", True),
        3: ("scanned", None, True),
        4: ("scanned", None, True),
        5: ("printable", "investigation", True),
        6: ("not_needed", None, False),
        7: ("scanned", "session", True),
        8: ("printable", "oral-agreement", True),
        9: ("not_needed", None, False),
        10: ("printable", "follow-up", True),
        11: ("not_needed", None, False),
        12: ("not_needed", None, False),
        13: ("printable", "back-cover", True),
    }
    assert rows[3].attachment_ids == [ids] and rows[4].attachment_ids == [proxy]
    assert rows[7].attachment_ids == [signed]
    assert rows[1].requirement_label == "必备" and rows[4].requirement_label == "有代理人时"


def test_checklist_of_a_declined_application(db):
    with db.session() as s:
        case_id = mediation.register_case(
            s,
            dispute_type="合同",
            source="当事人申请",
            summary="借款",
            parties=[PartyInput(name="王芳")],
            registered_on=D(2026, 3, 2),
        ).id
        mediation.decline_case(s, case_id, reason="已起诉", declined_on=D(2026, 3, 3))
    rows = _statuses(db, case_id)
    assert rows[1] == ("printable", "application")
    assert rows[2] == ("not_needed", "notice") and rows[7] == ("not_needed", None)
    assert rows[3] == ("missing", None)


def test_media_types_come_from_the_content():
    assert files.media_type_of(b"%PDF-1.7\n...") == "application/pdf"
    assert files.media_type_of(b"\xef\xbb\xbf  %PDF-1.4") == "application/pdf"
    assert files.media_type_of(b"\xff\xd8\xff\xe0JFIF") == "image/jpeg"
    assert files.media_type_of(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert files.media_type_of(b"II*\x00....") == "image/tiff"
    assert files.media_type_of(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert files.media_type_of(b"GIF89a") == "image/gif"
    assert files.media_type_of(b"PK\x03\x04word/document.xml") is None
    assert files.media_type_of(b"MZ\x90\x00") is None
