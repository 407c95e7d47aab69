"""A case from 登记 to 归档 through the tab's own buttons: the table and panel show every step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from govdesk.services import mediation
from govdesk.ui.mediation import actions
from govdesk.ui.mediation.view import MediationTab
from tests.ui.residents_helpers import add_person, make_id


def fill(dlg: QDialog, values: dict[str, object]) -> None:
    """Types into the dialog's fields found by objectName, as a clerk would."""
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


def press_ok(dlg: QDialog) -> None:
    dlg.findChild(QPushButton, f"{dlg.objectName().removesuffix('Dialog')}Ok").click()


class Clerk:
    """Clicks the tab's buttons; each dialog that opens is filled and confirmed."""

    def __init__(self, tab: MediationTab):
        self.tab = tab
        self.dialogs: list[str] = []

    def do(self, button: QWidget | QAction, values: dict[str, object], extra=None) -> None:
        def driver(dlg: QDialog) -> None:
            self.dialogs.append(dlg.objectName())
            fill(dlg, values)
            if extra is not None:
                extra(dlg)
            press_ok(dlg)
            assert not dlg.isVisible(), dlg.findChild(QWidget, dlg.objectName()[:-6] + "Error")

        with actions.driven(driver):
            if isinstance(button, QAction):
                button.trigger()
            else:
                assert button.isEnabled(), button.objectName()
                button.click()

    def button(self, key: str) -> QPushButton:
        found = self.tab.findChild(QPushButton, f"mediation_{key}_button")
        assert found is not None, key
        return found

    def state_cell(self) -> str:
        row = self.tab.model.row_of_case(self.tab.current_case_id())
        return self.tab.model.cell_text(row, "state")

    def detail(self) -> str:
        return self.tab.panel.browser.toPlainText()


def _tab(qtbot, db) -> MediationTab:
    tab = MediationTab(db)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_register_to_archive_through_the_tab(qtbot, db, tmp_path: Path):
    add_person(db, "孙立新", id_number=make_id("19720606", 31), phone="13900001111")
    tab = _tab(qtbot, db)
    assert tab.model.rowCount() == 0
    clerk = Clerk(tab)

    def parties(dlg) -> None:
        dlg.findChild(QLineEdit, "partySearch").setText("孙立新")
        dlg.picker.run_search()
        dlg.findChild(QWidget, "partyAddResident").click()
        dlg.picker.pages.setCurrentIndex(1)
        dlg.findChild(QComboBox, "partyRole").setCurrentIndex(1)  # 被申请人
        dlg.findChild(QLineEdit, "outsiderName").setText("周外来")
        dlg.findChild(QWidget, "partyAddOutsider").click()

    # 登记: the new case is listed and selected, without a number yet.
    clerk.do(
        tab.tool_actions["register"],
        {"registerDisputeType": "neighbour", "registerSummary": "楼上装修噪音扰民"},
        parties,
    )
    assert tab.model.rowCount() == 1
    case_id = tab.current_case_id()
    assert case_id is not None
    assert clerk.state_cell() == "已登记"
    assert tab.model.cell_text(0, "party_names") == "孙立新、周外来"
    assert tab.model.cell_text(0, "number") == "（未受理）"
    assert tab.panel.title.text() == "（未受理，尚无案号）　已登记"
    assert "楼上装修噪音扰民" in clerk.detail() and "13900001111" in clerk.detail()
    assert not clerk.button("settle").isEnabled()

    # 受理: a number, and the one-month deadline runs.
    clerk.do(clerk.button("accept"), {"acceptMediators": "张调解"})
    assert clerk.state_cell() == "已受理"
    with db.session() as s:
        number = mediation.get_case(s, case_id).number
    assert number and tab.model.cell_text(0, "number") == number
    assert tab.panel.title.text() == f"{number}　已受理"
    assert tab.model.cell_text(0, "deadline").endswith("天")
    assert "调解期限" in clerk.detail() and "张调解" in clerk.detail()
    assert not clerk.button("accept").isEnabled()

    clerk.do(clerk.button("investigate"), {"investigateStatementOther": "走访邻居，确有噪音"})
    assert clerk.state_cell() == "调查中"
    assert "走访邻居，确有噪音" in clerk.detail()

    clerk.do(
        clerk.button("session"),
        {"sessionStatement0": "每晚装修到十一点", "sessionStatement1": "工期赶，会注意"},
    )
    assert clerk.state_cell() == "调解中"
    assert "每晚装修到十一点" in clerk.detail() and "工期赶，会注意" in clerk.detail()

    clerk.do(clerk.button("settle"), {"settleTerms": "晚十点后不再施工"})
    assert clerk.state_cell() == "调解成功"
    assert "晚十点后不再施工" in clerk.detail()
    assert "司法确认申请期限" in clerk.detail()  # a written agreement starts the 30 days
    assert tab.model.cell_text(0, "deadline").startswith("确认 ")

    clerk.do(clerk.button("perform"), {"performNote": "已按约定停工"})
    assert clerk.state_cell() == "履行中"
    assert "已按约定停工" in clerk.detail()

    clerk.do(
        clerk.button("follow_up"),
        {"followUpPerformance": "未再扰民", "followUpSatisfaction": "satisfied"},
    )
    assert clerk.state_cell() == "履行中"
    assert "未再扰民" in clerk.detail() and "满意" in clerk.detail()

    # A signed scan of the parties' ID cards fills 当事人身份证明 in the 卷宗 checklist.
    scan = tmp_path / "身份证.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(scan))
    clerk.do(clerk.button("add_attachment"), {"attachmentFile": scan, "attachmentKind": "id_proof"})
    checklist = tab.panel.checklist
    status = {checklist.item(r, 1).text(): checklist.item(r, 2).text() for r in range(13)}
    assert status["当事人身份证明"] == "已扫描"
    assert tab.panel.attachments.rowCount() == 1
    assert tab.panel.attachments.item(0, 2).text() == "身份证.png"

    clerk.do(clerk.button("archive"), {"archiveCheckedBy": "周主任"})
    assert clerk.state_cell() == "已归档"
    assert tab.panel.title.text() == f"{number}　已归档"
    assert "周主任" in clerk.detail() and number in clerk.detail()
    assert tab.model.cell_text(0, "deadline") == ""
    assert not any(
        b.isEnabled() for k, b in tab.panel.buttons.items() if k not in ("add_attachment", "edit")
    )
    assert clerk.dialogs == [
        "registerDialog",
        "acceptDialog",
        "investigateDialog",
        "sessionDialog",
        "settleDialog",
        "performDialog",
        "followUpDialog",
        "attachmentDialog",
        "archiveDialog",
    ]
    # The list filters find it by its final state.
    tab.state_combo.setCurrentIndex(tab.state_combo.findData("archived"))
    assert tab.model.case_ids() == [case_id]
