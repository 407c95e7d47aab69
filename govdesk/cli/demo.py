"""`govdesk demo`: not yet written (being built for issue 2)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Registers nothing yet."""
