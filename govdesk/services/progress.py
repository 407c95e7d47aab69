"""How long work reports progress and hears a cancel, without knowing about Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable

# progress(done, total): called from the worker thread; the UI marshals it to the GUI thread.
ProgressFn = Callable[[int, int], None]


class Cancelled(Exception):
    """The user cancelled; the work's transaction was rolled back and nothing changed."""


def checkpoint(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()
