"""The mediation forms by key and title; light to import (the command line lists them)."""

from __future__ import annotations

# Form key → the title printed on it (the 司法部 2010 formats), in filing order.
TITLES = {
    "application": "人民调解申请书",
    "registration": "人民调解受理登记表",
    "notice": "人民调解当事人权利义务告知书",
    "investigation": "人民调解调查记录",
    "session": "人民调解记录",
    "agreement": "人民调解协议书",
    "oral-agreement": "人民调解口头协议登记表",
    "follow-up": "人民调解回访记录",
    "cover": "人民调解卷宗",
    "contents": "卷内目录",
    "back-cover": "卷内备考表",
}
FORMS = tuple(TITLES)
# Forms printed once per record of the case (investigation, session, visit).
ITEM_FORMS = frozenset({"investigation", "session", "follow-up"})
# The whole bound file, for the command line and the audit trail.
CASE_FILE = "casefile"
CASE_FILE_TITLE = "人民调解卷宗（整卷）"
