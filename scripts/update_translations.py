"""Refresh resources/i18n/govdesk_en.ts from the interface code and build govdesk_en.qm.

    python scripts/update_translations.py            # update the .ts, build the .qm
    python scripts/update_translations.py --check    # also fail if any string is untranslated

Existing translations are kept; new strings arrive unfinished for a translator to fill in
(Qt Linguist, or by editing the XML). Source strings are Chinese, so only English needs a file.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "govdesk" / "ui"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """The PySide6 tool beside this Python (a venv's bin/ or Scripts/), else on PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: install PySide6 into this Python")
    return found


def untranslated(ts_file: Path) -> list[str]:
    """Source strings whose translation is missing or not marked finished."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None:
            continue
        kind = translation.get("type")
        if kind in ("obsolete", "vanished"):
            continue
        if kind == "unfinished" or not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a string is untranslated")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    status = 0
    for lang in LANGUAGES:
        ts_file = I18N / f"govdesk_{lang}.ts"
        qm_file = ts_file.with_suffix(".qm")
        I18N.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *sources,
                "-no-obsolete",
                "-locations",
                "none",
                "-source-language",
                "zh_CN",
                "-target-language",
                lang,
                "-ts",
                str(ts_file.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)], cwd=ROOT, check=True
        )
        missing = untranslated(ts_file)
        if missing:
            print(f"{ts_file.name}: {len(missing)} untranslated:", *missing, sep="\n  ")
            if args.check:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
