"""Folders a package can go to: removable drives first (as far as the system shows them), then the last folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo

# Where desktop Linux mounts USB sticks, and macOS its volumes.
_REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")
_WINDOWS_DRIVE = re.compile(r"^([A-Za-z]):[\\/]?$")


@dataclass(frozen=True)
class Destination:
    folder: Path
    label: str  # the volume's name, or "" for a plain folder
    removable: bool


def looks_removable(root: str, system_root: str) -> bool:
    """A mount point that is likely a USB stick: not the system's own drive, and where
    sticks are mounted (a Windows drive letter other than C:, or a media folder)."""
    if not root or root == system_root:
        return False
    drive = _WINDOWS_DRIVE.match(root)
    if drive is not None:
        return drive.group(1).upper() != "C" and root[:2].upper() != system_root[:2].upper()
    return any(root.startswith(prefix) for prefix in _REMOVABLE_PREFIXES)


def removable_drives() -> list[Destination]:
    """Mounted, ready, writable volumes that look removable, by name."""
    system_root = QStorageInfo.root().rootPath()
    found: list[Destination] = []
    for volume in QStorageInfo.mountedVolumes():
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if looks_removable(root, system_root):
            found.append(Destination(Path(root), volume.displayName(), True))
    found.sort(key=lambda d: str(d.folder))
    return found


def destinations(last: Path | None) -> list[Destination]:
    """Removable drives first, then the last folder used when it still exists."""
    found = removable_drives()
    if last is not None and last.is_dir() and all(d.folder != last for d in found):
        found.append(Destination(last, "", False))
    return found
