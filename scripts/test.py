"""Install the test dependencies (first time only), run the code checks, then the whole test suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, ROOT, ensure_venv  # noqa: E402

CHECKS = [
    ["ruff", "check", "."],
    ["ruff", "format", "--check", "."],
    ["mypy"],
    ["lint-imports"],
]


def main() -> int:
    python = ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for check in CHECKS:
        print("==>", " ".join(check), flush=True)
        if subprocess.call([str(BIN / check[0]), *check[1:]], cwd=ROOT, env=env) != 0:
            print(f"check failed: {' '.join(check)}", file=sys.stderr)
            return 1
    print("==> pytest", flush=True)
    return subprocess.call([str(python), "-m", "pytest", *sys.argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
