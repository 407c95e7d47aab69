"""Who fills a dialog: a person (exec) or, in GUI tests and scripted demos, a driver function."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QDialog

# Called with the dialog instead of exec(), so no nested event loop waits for a click.
_driver: Callable[[QDialog], None] | None = None


@contextmanager
def driven(driver: Callable[[QDialog], None]) -> Iterator[None]:
    """Within the block every dialog shown through `run_dialog` goes to `driver(dialog)`,
    which fills it and presses 确定 (`dialog.save()`) or 取消 (`dialog.reject()`)."""
    global _driver
    before, _driver = _driver, driver
    try:
        yield
    finally:
        _driver = before


def run_dialog(dlg: QDialog) -> bool:
    """Shows `dlg` modally (or hands it to the driver); True when it saved a change. A dialog
    still running background work (its `operation`) is left open for the test to finish."""
    try:
        if _driver is not None:
            dlg.show()
            _driver(dlg)
            busy = getattr(dlg, "operation", None) is not None and dlg.isVisible()
            if dlg.isVisible() and not busy:
                dlg.reject()
        else:
            dlg.exec()
        return dlg.result() == QDialog.DialogCode.Accepted and getattr(dlg, "changed", True)
    finally:
        dlg.deleteLater()
