"""Writing a finished PDF: whole or not at all, with a message a clerk can act on."""

from __future__ import annotations

from pathlib import Path

from govdesk.domain import messages
from govdesk.domain.messages import DomainError, Issue

messages.register(
    {
        "print.write_failed": (
            "无法写入文件“{file}”：{reason}（若该文件正在PDF阅读器中打开，请先关闭）",
            "Cannot write the file '{file}': {reason} (close it first if a PDF viewer has it open)",
        ),
    }
)


def write_pdf(out: Path, pdf: bytes) -> None:
    """Write under a temporary name, then move into place: a reader never sees half a file."""
    part = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(pdf)
        part.replace(out)
    except OSError as exc:
        # Typically the old copy is open in a PDF viewer (Windows locks it), or the folder
        # is read-only or full.
        part.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise DomainError(
            Issue("file", "print.write_failed", {"file": str(out), "reason": reason})
        ) from exc
