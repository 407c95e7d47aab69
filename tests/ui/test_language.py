"""Languages: Chinese by default, English by --lang or the stored preference, every string translated."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QTabWidget

from govdesk.domain import messages
from govdesk.resources import resource_path
from govdesk.store.database import Database
from govdesk.ui import app as app_module
from govdesk.ui import settings
from govdesk.ui.main_window import MainWindow
from govdesk.ui.preferences import PreferencesDialog


@pytest.fixture
def shell(qapp, tmp_path: Path):
    settings.use_settings_folder(tmp_path / "settings")
    yield qapp
    app_module.install_translators(qapp, "zh_CN")


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_lang_en_shows_english_menus(shell, qtbot, db: Database):
    app_module.create_app(lang="en")
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert menu_titles(window) == ["&File", "&Edit", "&View", "E&xchange", "&Tools", "&Help"]
    assert window.findChild(QTabWidget, "mainTabs").tabText(0) == "Residents"
    qtbot.waitUntil(lambda: window.counts_label.text() != "")
    assert window.counts_label.text() == "On the register: 0 residents, 0 households"
    assert messages.language() == "en"  # domain messages follow the window


def test_chinese_is_the_default(shell, qtbot, db: Database):
    app_module.create_app()
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert menu_titles(window) == [
        "文件(&F)",
        "编辑(&E)",
        "视图(&V)",
        "数据交换(&X)",
        "工具(&T)",
        "帮助(&H)",
    ]
    assert messages.language() == "zh_CN"


def test_stored_preference_is_used_and_lang_beats_it(shell):
    settings.set_stored_language("en")
    assert app_module.choose_language(None) == "en"
    assert app_module.choose_language("zh_CN") == "zh_CN"
    app_module.create_app()
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "&File"
    app_module.create_app(lang="zh_CN")
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"


def test_preferences_store_the_language_for_the_next_start(shell, qtbot):
    app_module.create_app(lang="zh_CN")
    dialog = PreferencesDialog("zh_CN")
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert dialog.needs_restart()
    dialog.accept()
    assert settings.stored_language() == "en"
    # Applied after a restart: the running window keeps its language.
    assert QCoreApplication.translate("MainWindow", "文件(&F)") == "文件(&F)"


def test_preferences_change_the_font_size(shell, qtbot):
    app = app_module.create_app(lang="zh_CN")
    dialog = PreferencesDialog("zh_CN")
    qtbot.addWidget(dialog)
    dialog.size_spin.setValue(15)
    dialog.accept()
    assert app.font().pointSize() == 15
    assert settings.stored_font_size() == 15
    app_module.fonts.set_point_size(app, app_module.fonts.DEFAULT_POINT_SIZE, remember=False)


def test_every_string_in_the_english_catalogue_is_translated():
    root = ET.parse(resource_path("i18n", "govdesk_en.ts")).getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation").get("type") == "unfinished"
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []
    assert len(list(root.iter("message"))) > 50


def test_built_catalogue_loads():
    t = QTranslator()
    assert t.load(str(resource_path("i18n", "govdesk_en.qm")))
    assert t.translate("MainWindow", "居民登记") == "Residents"
    assert t.translate("FirstRunDialog", "统计用区划代码(&C)：") == "Division &code:"
