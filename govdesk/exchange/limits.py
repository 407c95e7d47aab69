"""The caps a package read from a USB stick must stay within before anything in it is used."""

from __future__ import annotations

from dataclasses import dataclass

KiB = 1 << 10
MiB = 1 << 20
GiB = 1 << 30


@dataclass(frozen=True)
class Limits:
    """What read_package accepts; a file beyond any of these is refused, never truncated.

    The defaults fit a township of many communities with room to spare: 100,000 residents
    as JSON lines are about 60 MB plain and under 15 MB sealed.
    """

    # The whole file, checked with stat() before a byte is read. FAT32 stops at 4 GiB.
    max_file: int = 1 * GiB
    # The signed manifest: names, sizes, hashes and high-water marks, never records.
    max_manifest: int = 4 * MiB
    max_members: int = 256
    # One member once decompressed; the reader holds it in memory.
    max_member: int = 1 * GiB
    # All members together once decompressed.
    max_total: int = 2 * GiB
    # Declared plain size over sealed size. JSON lines of a register deflate about 5 to 10
    # times; only a crafted member (a "zip bomb") reaches hundreds.
    max_ratio: int = 100
    # Below this plain size a member's ratio is not checked: a few kilobytes of repeated
    # text may deflate far, and cost nothing to hold.
    ratio_floor: int = 1 * MiB


# A public key file is a few hundred bytes; anything much larger is not one.
MAX_KEY_FILE = 16 * KiB
