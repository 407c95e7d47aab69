"""Mediation domain tables: the 卷宗 documents, attachment kinds, deadlines with a stopped clock."""

from __future__ import annotations

import datetime as dt

from govdesk.domain import mediation as rules
from govdesk.domain.mediation import DeadlineKind, Requirement

D = dt.date


def test_case_file_documents_follow_the_domain_table():
    docs = rules.CASE_FILE_DOCUMENTS
    assert [d.number for d in docs] == list(range(1, 14))
    assert [d.requirement for d in docs] == [
        Requirement.REQUIRED,
        Requirement.REQUIRED,
        Requirement.REQUIRED,
        Requirement.WHEN_PROXY,
        Requirement.WHEN_INVESTIGATED,
        Requirement.WHEN_ANY,
        Requirement.REQUIRED,
        Requirement.WHEN_SETTLED,
        Requirement.WHEN_ANY,
        Requirement.WHEN_VISITED,
        Requirement.WHEN_ANY,
        Requirement.WHEN_NEEDED,
        Requirement.REQUIRED,
    ]
    assert docs[0].title == "人民调解申请书/人民调解受理登记表" and docs[-1].title == "封底"
    # Every attachment kind but 其他 files one document, and no kind files two.
    kinds = [k for d in docs for k in d.kinds]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == {c.code for c in rules.ATTACHMENT_KINDS} - {"other"}
    assert {d.form for d in docs if d.form} == {
        "application",
        "notice",
        "investigation",
        "session",
        "agreement",
        "follow-up",
        "back-cover",
    }
    assert rules.ATTACHMENT_KINDS.parse("协议书") == "agreement"
    assert rules.REQUIREMENTS.label("when_proxy") == "有代理人时"


def test_confirmation_clock_stops_once_applied():
    running = rules.case_deadlines(
        "performing", D(2026, 3, 1), D(2026, 3, 10), "written", D(2026, 4, 8)
    )
    assert [(d.kind, d.days_left, d.warn) for d in running] == [
        (DeadlineKind.CONFIRMATION, 1, True)
    ]
    stopped = rules.case_deadlines(
        "performing",
        D(2026, 3, 1),
        D(2026, 3, 10),
        "written",
        D(2026, 4, 8),
        confirmation_applied_on=D(2026, 3, 20),
    )
    assert stopped == []
    assert rules.nearest_deadline([]) is None
    assert rules.nearest_deadline(running) == running[0]
