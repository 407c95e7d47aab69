"""Install govdesk into a local virtual environment (first time only) and start it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def ensure_venv(extras: str = "") -> Path:
    """Create .venv and install the project into it; cheap when it is already there."""
    python = BIN / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed{extras}"
    pyproject = ROOT / "pyproject.toml"
    if not stamp.exists() or stamp.stat().st_mtime < pyproject.stat().st_mtime:
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", target], check=True)
        stamp.touch()
    return python


def main() -> int:
    python = ensure_venv()
    return subprocess.call([str(python), "-m", "govdesk", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
