"""A case from 登记 to 归档 through the actions table, each dialog filled by its objectNames."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QWidget

from govdesk.services import mediation
from govdesk.ui.mediation import actions
from tests.ui.residents_helpers import add_person, make_id


def fill(dlg: QDialog, values: dict[str, object]) -> None:
    """Types into the named fields as a clerk would, then presses 确定."""
    for name, value in values.items():
        widget = dlg.findChild(QWidget, name)
        assert widget is not None, name
        if isinstance(widget, QLineEdit):
            widget.setText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
            assert widget.currentData() == value, name
        else:
            raise AssertionError(f"no way to fill {name}")


def state(db, case_id: str) -> str:
    with db.session() as s:
        return mediation.get_case(s, case_id).state


def test_register_to_archive_through_the_actions(qtbot, db):
    add_person(db, "孙立新", id_number=make_id("19720606", 31))
    host = QWidget()
    qtbot.addWidget(host)
    seen: list[str] = []

    def run(key: str, case_id: str | None, values: dict[str, object], extra=None) -> bool:
        def driver(dlg: QDialog) -> None:
            seen.append(dlg.objectName())
            fill(dlg, values)
            if extra is not None:
                extra(dlg)
            dlg.findChild(QWidget, f"{dlg.objectName().removesuffix('Dialog')}Ok").click()

        with actions.driven(driver):
            return actions.action(key).run(host, db, case_id)

    def parties(dlg) -> None:
        dlg.findChild(QLineEdit, "partySearch").setText("孙立新")
        dlg.picker.run_search()
        dlg.findChild(QWidget, "partyAddResident").click()
        dlg.picker.pages.setCurrentIndex(1)
        dlg.findChild(QComboBox, "partyRole").setCurrentIndex(1)  # 被申请人
        dlg.findChild(QLineEdit, "outsiderName").setText("周外来")
        dlg.findChild(QWidget, "partyAddOutsider").click()

    assert run(
        "register",
        None,
        {"registerDisputeType": "neighbour", "registerSummary": "噪音扰民"},
        parties,
    )
    (case,) = mediation.list_cases(db)
    case_id = case.id
    assert case.party_names == "孙立新、周外来" and case.state == "registered"

    steps = [
        ("accept", {"acceptMediators": "张调解"}, "accepted"),
        ("investigate", {"investigateStatementOther": "走访邻居"}, "investigating"),
        ("session", {"sessionStatement0": "晚上太吵", "sessionStatement1": "会注意"}, "mediating"),
        ("settle", {"settleTerms": "晚十点后不再装修"}, "settled"),
        ("perform", {"performNote": "已遵守"}, "performing"),
        (
            "follow_up",
            {"followUpPerformance": "未再扰民", "followUpSatisfaction": "satisfied"},
            None,
        ),
        ("archive", {"archiveCheckedBy": "周主任"}, "archived"),
    ]
    for key, values, expected in steps:
        assert actions.action(key).applies(state(db, case_id)), key
        assert run(key, case_id, values), key
        if expected:
            assert state(db, case_id) == expected, key
    assert seen == [
        "registerDialog",
        "acceptDialog",
        "investigateDialog",
        "sessionDialog",
        "settleDialog",
        "performDialog",
        "followUpDialog",
        "archiveDialog",
    ]
    with db.session() as s:
        c = mediation.get_case(s, case_id)
        assert c.archive_volume == c.number and c.checked_by == "周主任"
        assert [f.performance for f in mediation.follow_ups(s, case_id)] == ["未再扰民"]
        assert len(mediation.sessions(s, case_id)) == 2


def test_a_cancelled_dialog_changes_nothing(qtbot, db):
    host = QWidget()
    qtbot.addWidget(host)
    with actions.driven(lambda dlg: dlg.findChild(QWidget, "registerCancel").click()):
        assert not actions.action("register").run(host, db, None)
    with actions.driven(lambda dlg: None):  # left open: closed as cancelled
        assert not actions.action("settings").run(host, db, None)
    assert mediation.list_cases(db) == []
