"""Works out the pinyin search keys of a large import's names in a second process.

Pinyin is the costliest part of storing a resident (and pypinyin's dictionaries take
a while to load), yet it depends on the name alone: a helper process works the names
out while the importing process checks rows, and sends the keys back in blocks, in the
order asked. The helper is a fresh interpreter running `serve()` of this module (no
fork, nothing of Qt, and unlike multiprocessing's spawn it never re-runs the caller's
main script), so it may be started from any thread, the window's worker thread too. It
is stopped when the import ends, is cancelled or fails.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

BLOCK = 2000  # names per message back
# Fewer names than this: the importer does them itself. Starting the helper (an
# interpreter, pypinyin's dictionaries) takes about half a second, in which the
# importer checks some 20,000 rows; the chunks it checks meanwhile wait for their keys.
MIN_NAMES = 20_000
_SIZE = struct.Struct("<Q")  # each message: its length, then a marshalled list


def _send(out: IO[bytes], value: Any) -> None:
    data = marshal.dumps(value)
    out.write(_SIZE.pack(len(data)) + data)
    out.flush()


def _receive(source: IO[bytes]) -> Any:
    """The next message, or None at the end of the stream."""
    head = source.read(_SIZE.size)
    if len(head) < _SIZE.size:
        return None
    (size,) = _SIZE.unpack(head)
    data = source.read(size)
    if len(data) < size:
        return None
    return marshal.loads(data)


def serve() -> None:
    """The helper process: read the names, send back their keys a block at a time."""
    from govdesk.domain.names import pinyin_keys

    names = _receive(sys.stdin.buffer) or []
    out = sys.stdout.buffer
    try:
        for start in range(0, len(names), BLOCK):
            _send(out, [pinyin_keys(name) for name in names[start : start + BLOCK]])
    except (BrokenPipeError, OSError):
        pass  # the importer has gone (cancelled, failed): nothing left to do


class PinyinAhead:
    """The helper process for one import, and the keys it has sent back so far.

    `names` are asked in the order the importer will need them; `known` maps a name
    to (full pinyin, initials), exactly what `names.pinyin_keys` gives for it.
    """

    def __init__(self, names: list[str]):
        self.names = names
        self.known: dict[str, tuple[str, str]] = {}
        self.answered = 0  # names[:answered] are in `known`
        self.failed = False
        self._blocks: queue.Queue[list[tuple[str, str]] | None] = queue.Queue()
        root = str(Path(__file__).resolve().parents[2])  # where the govdesk package lives
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._process = subprocess.Popen(
            [sys.executable, "-c", "from govdesk.services.pinyin_ahead import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        # The names go over on a thread and the keys come back on another, so that a full
        # pipe never holds up the import; both end with the helper.
        self._threads = [
            threading.Thread(target=self._write, name="govdesk-pinyin-out", daemon=True),
            threading.Thread(target=self._read, name="govdesk-pinyin-in", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @classmethod
    def start(cls, names: list[str]) -> PinyinAhead | None:
        """A helper for these names, or None when doing them here is as quick (or must be)."""
        if len(names) < MIN_NAMES or (os.cpu_count() or 1) < 2:
            return None  # one core: a second process would only take turns with this one
        if getattr(sys, "frozen", False) or not sys.executable:
            return None  # a frozen build's executable is the program itself, not a Python
        try:
            return cls(names)
        except OSError:
            return None  # no process to be had: the importer works the names out itself

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            _send(stdin, self.names)
            stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass  # stopped early; the reader sees the end

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        try:
            while (block := _receive(stdout)) is not None:
                self._blocks.put(block)
        except (OSError, ValueError, EOFError, TypeError):
            pass
        finally:
            self._blocks.put(None)  # the end, complete or not

    def ready(
        self, upto: int, *, wait: bool = False, checkpoint: Callable[[], None] | None = None
    ) -> bool:
        """Whether names[:upto] are answered (or never will be: the helper stopped short).

        With `wait`, blocks until then, calling `checkpoint` (which may raise to cancel)
        about ten times a second.
        """
        while self.answered < upto and not self.failed:
            try:
                block = self._blocks.get(timeout=0.1) if wait else self._blocks.get_nowait()
            except queue.Empty:
                if not wait:
                    return False
                if checkpoint is not None:
                    checkpoint()
                continue
            if block is None:
                self.failed = self.answered < len(self.names)
                break
            start = self.answered
            self.known.update(zip(self.names[start : start + len(block)], block, strict=False))
            self.answered += len(block)
        return True

    def started(self) -> bool:
        """Whether the helper has sent any keys back yet."""
        self.ready(1)
        return self.answered > 0

    def give_up(self) -> None:
        """Stop the helper; the names it has not answered are worked out by the importer."""
        self.close()
        self.failed = True

    def close(self) -> None:
        """Stop the helper (at once if it is still working) and wait for it and its pipes."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for thread in self._threads:
            thread.join()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                # Names the helper never read may still sit in the write buffer: closing
                # tries to send them to a process that is gone. They are not needed.
                with contextlib.suppress(OSError):
                    stream.close()
