"""The 矛盾调解 tab: filters, deadline colours, the case panel, roles, and the window's tab."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QTableView

from govdesk.domain.permissions import Actor, Role
from govdesk.services import mediation
from govdesk.services.mediation import PartyInput
from govdesk.ui.main_window import MainWindow
from govdesk.ui.mediation import printing
from govdesk.ui.mediation.case_model import COLOURS, DUE_SOON, OVERDUE
from govdesk.ui.mediation.view import MediationTab
from govdesk.ui.ops import Operation
from govdesk.ui.print_preview import PdfPreview

D = dt.date
TODAY = D(2026, 11, 20)
PHONE = "13812345678"


def _case(db, names, registered_on, *, summary="邻里噪音", dispute_type="邻里"):
    with db.session() as s:
        return mediation.register_case(
            s,
            dispute_type=dispute_type,
            source="当事人申请",
            summary=summary,
            parties=[
                PartyInput(role="申请人" if i == 0 else "被申请人", name=n, phone=PHONE)
                for i, n in enumerate(names)
            ],
            registered_on=registered_on,
        ).id


def _accept(db, case_id, on):
    with db.session() as s:
        mediation.accept_case(s, case_id, accepted_on=on, mediators="李调解")


@pytest.fixture
def cases(db):
    """Four cases on TODAY: registered, overdue (18 days), due in 2 days, due in 20 days."""
    ids = {
        "new": _case(db, ["王芳", "赵强"], D(2026, 11, 18), summary="楼上漏水"),
        "overdue": _case(db, ["李四"], D(2026, 10, 1)),
        "soon": _case(db, ["张三", "欧阳秀英"], D(2026, 10, 20), dispute_type="合同"),
        "later": _case(db, ["陈静"], D(2026, 11, 9)),
    }
    _accept(db, ids["overdue"], D(2026, 10, 2))
    _accept(db, ids["soon"], D(2026, 10, 22))
    _accept(db, ids["later"], D(2026, 11, 10))
    return ids


def _tab(qtbot, db, role: Role | None = None) -> MediationTab:
    if role is not None:
        db.actor = Actor(role.value, role)
    tab = MediationTab(db)
    tab.today_override = TODAY
    tab.apply_filter()
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _ids(tab: MediationTab) -> list[str]:
    return tab.model.case_ids()


def _cell(tab: MediationTab, row: int, column: str) -> str:
    return tab.model.data(tab.model.index(row, tab.model.columns.index(column)))


def test_the_list_shows_every_case_newest_first(qtbot, db, cases):
    tab = _tab(qtbot, db)
    table = tab.findChild(QTableView, "mediationTable")
    assert table is tab.table
    assert _ids(tab) == [cases["new"], cases["later"], cases["soon"], cases["overdue"]]
    headings = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(8)]
    assert headings == [
        "案号",
        "状态",
        "纠纷类型",
        "当事人",
        "登记日期",
        "受理日期",
        "期限",
        "风险等级",
    ]
    assert [_cell(tab, 0, c) for c in ("number", "state", "party_names", "deadline")] == [
        "（未受理）",
        "已登记",
        "王芳、赵强",
        "",
    ]
    assert _cell(tab, 2, "number") == "（2026）人调字第2号"
    assert _cell(tab, 2, "dispute_type") == "合同"
    assert _cell(tab, 2, "deadline") == "2026-11-22 剩2天"
    assert _cell(tab, 3, "deadline") == "2026-11-02 逾期18天"
    assert tab.findChild(type(tab.filters.count_label), "mediationCount").text() == "共 4 件"


def test_typing_choosing_a_state_and_due_soon_filter_the_rows(qtbot, db, cases):
    tab = _tab(qtbot, db)
    search = tab.findChild(QLineEdit, "mediationSearch")
    combo = tab.findChild(QComboBox, "mediationStateFilter")
    due = tab.findChild(QCheckBox, "mediationDueSoon")

    search.setText("欧阳")
    # Typing waits for a pause before filtering.
    assert len(_ids(tab)) == 4
    qtbot.waitUntil(lambda: _ids(tab) == [cases["soon"]])
    assert tab.filters.count_label.text() == "共 1 件"

    search.clear()
    qtbot.waitUntil(lambda: len(_ids(tab)) == 4)
    combo.setCurrentIndex(combo.findData("registered"))
    assert _ids(tab) == [cases["new"]]  # a choice filters at once
    combo.setCurrentIndex(combo.findData("accepted"))
    assert _ids(tab) == [cases["later"], cases["soon"], cases["overdue"]]

    due.setChecked(True)
    assert _ids(tab) == [cases["soon"], cases["overdue"]]
    combo.setCurrentIndex(combo.findData(None))
    assert _ids(tab) == [cases["soon"], cases["overdue"]]
    search.setText("李四")
    qtbot.waitUntil(lambda: _ids(tab) == [cases["overdue"]])
    due.setChecked(False)
    search.setText("第3号")
    qtbot.waitUntil(lambda: _ids(tab) == [cases["later"]])


def test_overdue_rows_are_red_and_rows_due_within_three_days_amber(qtbot, db, cases):
    tab = _tab(qtbot, db)

    def brush(case_id: str, role: Qt.ItemDataRole):
        row = tab.model.row_of_case(case_id)
        return tab.model.data(tab.model.index(row, 3), role)

    background = Qt.ItemDataRole.BackgroundRole
    assert brush(cases["overdue"], background).color() == COLOURS[OVERDUE][0]
    assert brush(cases["overdue"], Qt.ItemDataRole.ForegroundRole).color() == COLOURS[OVERDUE][1]
    assert brush(cases["soon"], background).color() == COLOURS[DUE_SOON][0]
    assert brush(cases["later"], background) is None
    assert brush(cases["new"], background) is None
    assert COLOURS[OVERDUE][0].red() > COLOURS[OVERDUE][0].green()  # a red
    assert COLOURS[DUE_SOON][0].red() > COLOURS[DUE_SOON][0].blue()  # an amber
    # The legend explains both colours.
    assert tab.filters.legend_overdue.text() == "已逾期"
    assert tab.filters.legend_due_soon.text() == "3天内到期"
    # On the due day itself the amber case says so; two days after, it is red.
    tab.today_override = D(2026, 11, 22)
    tab.apply_filter()
    assert brush(cases["soon"], background).color() == COLOURS[DUE_SOON][0]
    assert _cell(tab, tab.model.row_of_case(cases["soon"]), "deadline") == "2026-11-22 今天到期"
    tab.today_override = D(2026, 11, 24)
    tab.apply_filter()
    assert brush(cases["soon"], background).color() == COLOURS[OVERDUE][0]


def test_the_panel_shows_the_selected_case_and_its_buttons_follow_the_state(qtbot, db, cases):
    tab = _tab(qtbot, db)
    assert tab.panel.objectName() == "mediationCasePanel"
    tab.select_case(cases["overdue"])
    assert tab.current_case_id() == cases["overdue"]
    assert tab.panel.title.text() == "（2026）人调字第1号　已受理"
    html = tab.panel.browser.toPlainText()
    assert "李四" in html and PHONE in html  # an administrator sees the phone
    assert "调解期限：2026-11-02 逾期18天" in html
    accept = tab.findChild(QPushButton, "mediation_accept_button")
    session = tab.findChild(QPushButton, "mediation_session_button")
    settle = tab.findChild(QPushButton, "mediation_settle_button")
    assert not accept.isEnabled() and session.isEnabled() and not settle.isEnabled()
    # The 卷宗 checklist: the required documents, what is missing.
    checklist = tab.panel.checklist
    titles = [checklist.item(r, 1).text() for r in range(checklist.rowCount())]
    assert len(titles) == 13 and "当事人权利义务告知书" in titles
    statuses = {checklist.item(r, 1).text(): checklist.item(r, 2).text() for r in range(13)}
    assert statuses["当事人身份证明"] == "缺"

    tab.table.selectRow(tab.model.row_of_case(cases["new"]))
    assert tab.panel.title.text() == "（未受理，尚无案号）　已登记"
    assert accept.isEnabled() and not session.isEnabled()


def test_filtering_keeps_the_selection_when_the_case_stays_listed(qtbot, db, cases):
    tab = _tab(qtbot, db)
    tab.select_case(cases["soon"])
    tab.due_soon.setChecked(True)
    assert tab.current_case_id() == cases["soon"]
    assert tab.panel.detail.id == cases["soon"]
    tab.state_combo.setCurrentIndex(tab.state_combo.findData("registered"))
    assert tab.current_case_id() is None and tab.panel.detail is None
    assert tab.panel.title.text() == "请在左侧列表中选择一件案件"
    assert not any(b.isEnabled() for b in tab.panel.buttons.values())


def test_sorting_by_a_heading_reorders_the_loaded_rows(qtbot, db, cases):
    tab = _tab(qtbot, db)
    tab.select_case(cases["later"])
    deadline = tab.model.columns.index("deadline")
    tab.table.horizontalHeader().sectionClicked.emit(deadline)
    assert _ids(tab) == [cases["overdue"], cases["soon"], cases["later"], cases["new"]]
    assert tab.current_case_id() == cases["later"]
    tab.table.horizontalHeader().sectionClicked.emit(deadline)
    assert _ids(tab)[0] == cases["new"]


def test_a_viewer_sees_the_list_names_only_and_no_edit_buttons(qtbot, db, cases):
    tab = _tab(qtbot, db, Role.VIEWER)
    assert len(_ids(tab)) == 4
    assert tab.panel.buttons == {}
    assert tab.findChildren(QPushButton, "mediation_accept_button") == []
    assert "register" not in tab.tool_actions and "settings" not in tab.tool_actions
    assert "stats" in tab.tool_actions  # statistics are for every role that sees cases
    assert tab.menu_actions()["edit"] == []
    tab.select_case(cases["overdue"])
    text = tab.panel.browser.toPlainText()
    assert "李四" in text and PHONE not in text and "138****5678" in text
    assert not tab.panel.file_buttons["remove"].isVisible()


def test_a_mediator_gets_the_case_buttons_but_not_the_settings(qtbot, db, cases):
    tab = _tab(qtbot, db, Role.MEDIATOR)
    assert "register" in tab.tool_actions and "settings" not in tab.tool_actions
    assert {"accept", "settle", "archive", "add_attachment"} <= set(tab.panel.buttons)


def test_the_window_shows_the_mediation_tab_to_roles_that_may_see_it(shell, qtbot, db, cases):
    window = MainWindow(db, remember=False)
    qtbot.addWidget(window)
    assert window.tab_keys() == ["residents", "grids", "mediation", "volunteers"]
    assert window.show_tab("mediation")
    tab = window.findChild(MediationTab, "mediationTab")
    assert tab is not None and window.tabs.currentWidget() is tab
    assert window.tabs.tabText(window.tabs.currentIndex()) == "矛盾调解"
    window.close()
    db.actor = Actor("grid", Role.GRID)
    other = MainWindow(db, remember=False)
    qtbot.addWidget(other)
    assert other.tab_keys() == ["residents", "grids"]
    other.close()


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _printed(db) -> list[tuple[str, str]]:
    with db.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT record_id, detail FROM audit_log WHERE action = 'print' ORDER BY seq"
        ).all()
    return [(r[0], json.loads(r[1])["form"]) for r in rows]


def test_print_menu_offers_the_forms_the_case_has(qtbot, db, cases):
    tab = _tab(qtbot, db)
    tab.select_case(cases["new"])
    enabled = {a.data(): a.isEnabled() for a in tab.print_menu.actions() if a.data()}
    assert enabled["registration"] and enabled["casefile"] and enabled["notice"]
    assert not enabled["agreement"] and not enabled["session"] and not enabled["follow-up"]
    assert tab.findChild(QAction, "mediationPrint_registration") is not None


def test_printing_a_form_opens_its_preview_and_is_audited(qtbot, db, cases):
    tab = _tab(qtbot, db)
    tab.select_case(cases["soon"])
    preview = tab.print_selected("registration")
    assert isinstance(preview, PdfPreview)
    assert preview.dialog.isVisible()
    text = _pdf_text(preview.pdf)
    assert "人民调解受理登记表" in text and "欧阳秀英" in text
    assert _printed(db) == [(cases["soon"], "registration")]
    folder = preview.pdf.parent
    preview.dialog.reject()
    qtbot.waitUntil(lambda: not folder.exists())


def test_the_whole_case_file_is_made_in_the_background_then_previewed(qtbot, db, cases):
    tab = _tab(qtbot, db)
    tab.select_case(cases["overdue"])
    op = tab.print_selected("casefile")
    assert isinstance(op, Operation)
    qtbot.waitUntil(lambda: op.finished, timeout=60_000)
    assert op.error is None
    pdf = op.result
    text = _pdf_text(pdf)
    assert "卷内目录" in text and "李四" in text
    assert _printed(db) == [(cases["overdue"], "casefile")]
    previews = [p for p in printing._open_previews if p.pdf == pdf]
    assert len(previews) == 1
    previews[0].dialog.reject()


def test_batch_printing_selected_cases_writes_one_pdf(qtbot, db, cases, tmp_path):
    from pypdf import PdfReader

    tab = _tab(qtbot, db)
    for key in ("soon", "later"):
        tab.table.selectionModel().select(
            tab.model.index(tab.model.row_of_case(cases[key]), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    tab.table.selectionModel().select(
        tab.model.index(tab.model.row_of_case(cases["new"]), 0),
        QItemSelectionModel.SelectionFlag.Deselect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert set(tab.selected_case_ids()) == {cases["soon"], cases["later"]}
    assert tab.batch_action.isEnabled()
    out = tmp_path / "卷宗.pdf"
    op = tab.print_batch(out)
    qtbot.waitUntil(lambda: op.finished, timeout=60_000)
    assert op.error is None and out.is_file()
    text = _pdf_text(out)
    assert "张三" in text and "陈静" in text
    assert len(PdfReader(str(out)).pages) >= 6  # two files, each with cover, contents, back
    assert sorted(_printed(db)) == sorted(
        [(cases["soon"], "casefile"), (cases["later"], "casefile")]
    )


def test_screenshot_of_the_mediation_tab_shows_the_deadline_colours(qapp, tmp_path, monkeypatch):
    from PySide6.QtGui import QImage

    from govdesk.cli import main
    from govdesk.services import accounts, demo
    from govdesk.ui import settings

    settings.use_settings_folder(tmp_path / "settings")
    path = tmp_path / "demo.db"
    demo.create_demo(path, residents=60, seed=3)
    monkeypatch.setenv("GOVDESK_PASSWORD", accounts.DEMO_PASSWORD)
    out = tmp_path / "mediation.png"
    code = main(
        ["screenshot", "--db", str(path), "--user", "mediator", "--tab", "mediation"]
        + ["--out", str(out)]
    )
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    colours = {image.pixelColor(x, y).name() for y in range(0, 768, 2) for x in range(0, 900, 4)}
    # The demo has overdue cases and cases due within three days of today.
    assert COLOURS[OVERDUE][0].name() in colours
    assert COLOURS[DUE_SOON][0].name() in colours


def test_a_read_only_database_shows_cases_without_actions_or_printing(qtbot, db, cases):
    from govdesk.store.database import Database

    path = db.path
    db.close()
    reader = Database.open(path, read_only=True)
    reader.actor = Actor("admin", Role.ADMIN)
    try:
        tab = _tab(qtbot, reader)
        assert len(_ids(tab)) == 4
        assert tab.panel.buttons == {} and set(tab.tool_actions) <= {"stats"}  # writes nothing
        assert tab.print_button is None and tab.batch_action is None
        assert tab.menu_actions() == {"file": [], "edit": []}
        tab.select_case(cases["soon"])
        assert "欧阳秀英" in tab.panel.browser.toPlainText()
    finally:
        reader.close()


def test_a_new_case_is_selected_even_when_the_filters_hid_it(qtbot, db, cases):
    from PySide6.QtWidgets import QDialog, QWidget

    from govdesk.ui.mediation import actions

    tab = _tab(qtbot, db)
    tab.state_combo.setCurrentIndex(tab.state_combo.findData("accepted"))
    tab.due_soon.setChecked(True)
    assert len(_ids(tab)) == 2

    def register(dlg: QDialog) -> None:
        dlg.findChild(QComboBox, "registerDisputeType").setCurrentIndex(1)
        dlg.findChild(QWidget, "registerSummary").setPlainText("占道堆放杂物")
        dlg.picker.pages.setCurrentIndex(1)
        dlg.findChild(QLineEdit, "outsiderName").setText("钱多多")
        dlg.findChild(QWidget, "partyAddOutsider").click()
        dlg.findChild(QPushButton, "registerOk").click()

    with actions.driven(register):
        tab.tool_actions["register"].trigger()
    assert tab.filters.current().state is None and not tab.due_soon.isChecked()
    assert len(_ids(tab)) == 5
    assert tab.model.cell_text(tab.model.row_of_case(tab.current_case_id()), "party_names") == (
        "钱多多"
    )
    assert tab.panel.title.text() == "（未受理，尚无案号）　已登记"


def test_one_session_of_several_is_printed_on_its_own(qtbot, db, cases):
    from govdesk.ui.mediation.printing import PrintMenu

    with db.session() as s:
        for day, words in ((23, "第一次调解"), (25, "第二次调解")):
            mediation.record_session(
                s,
                cases["soon"],
                held_at=dt.datetime(2026, 10, day, 2, 0, tzinfo=dt.UTC),
                place="调解室",
                result=words,
            )
    tab = _tab(qtbot, db)
    tab.select_case(cases["soon"])
    menu = tab.findChild(PrintMenu, "mediationPrintMenu")
    items = menu.findChild(type(menu.items), "mediationPrintItems")
    texts = [a.text() for a in items.actions()]
    assert len(texts) == 2 and all(t.startswith("人民调解记录 2026-10-2") for t in texts)
    assert items.menuAction().isEnabled()
    items.actions()[1].trigger()
    with db.connect() as conn:
        detail = json.loads(
            conn.exec_driver_sql(
                "SELECT detail FROM audit_log WHERE action = 'print' ORDER BY seq DESC"
            ).scalar()
        )
    with db.session() as s:
        second = mediation.sessions(s, cases["soon"])[1].id
    assert detail["form"] == "session" and detail["item_id"] == second
    for preview in list(printing._open_previews):
        assert "第二次调解" in _pdf_text(preview.pdf) and "第一次调解" not in _pdf_text(preview.pdf)
        preview.dialog.reject()
    tab.select_case(cases["new"])
    assert items.actions() == [] and not items.menuAction().isEnabled()


def test_an_archived_case_still_says_how_it_ended(qtbot, db, cases):
    case_id = cases["overdue"]
    with db.session() as s:
        mediation.record_session(s, case_id, held_at=dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC))
        mediation.fail_case(s, case_id, reason="被申请人拒绝赔偿", closed_on=D(2026, 10, 6))
        mediation.archive_case(s, case_id, archived_on=D(2026, 10, 8), archived_by="李调解")
    tab = _tab(qtbot, db)
    tab.select_case(case_id)
    text = tab.panel.browser.toPlainText()
    assert "已归档" in tab.panel.title.text()
    assert "结案方式调解不成" in text.replace("\t", "").replace(" ", "").replace("\n", "")


def test_case_buttons_reflow_so_a_narrow_panel_cuts_none_off(qtbot, db, cases):
    from PySide6.QtWidgets import QScrollArea

    tab = _tab(qtbot, db)
    tab.select_case(cases["overdue"])
    wide = tab.panel._columns
    tab.splitter.setSizes([1366 - 300, 300])
    qtbot.waitUntil(lambda: tab.panel._columns < wide)
    scroll = tab.panel.findChild(QScrollArea, "mediationCaseScroll")
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    # Every button lies inside the panel's width.
    for button in tab.panel.buttons.values():
        right = button.mapTo(tab.panel, button.rect().topRight()).x()
        assert right <= tab.panel.width()
