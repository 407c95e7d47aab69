"""A database on a network share is recognised from the mount table, and WAL is left off there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from govdesk.store.engine import (
    _set_pragmas,
    is_network_path,
    journal_mode_for,
    mount_of,
    network_fs_type,
    parse_mount_output,
    parse_mountinfo,
)

# /proc/self/mountinfo of an office PC running Linux, with a Samba share of the township,
# an NFS export, an sshfs folder and a USB stick (vfat) mounted.
MOUNTINFO = r"""
22 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
23 28 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
28 1 259:2 / / rw,relatime shared:1 - ext4 /dev/nvme0n1p2 rw,errors=remount-ro
30 28 0:25 / /run rw,nosuid,nodev,noexec,relatime shared:5 - tmpfs tmpfs rw,size=1628972k,mode=755,inode64
45 28 259:3 / /home rw,relatime shared:30 - ext4 /dev/nvme0n1p3 rw
301 28 0:58 / /mnt/township rw,relatime shared:160 - cifs //192.168.1.20/社区共享 rw,vers=3.1.1,cache=strict,username=clerk,uid=1000,noforceuid,gid=1000,addr=192.168.1.20,file_mode=0755,dir_mode=0755,soft,nounix,serverino,mapposix,rsize=4194304,wsize=4194304,bsize=1048576,echo_interval=60,actimeo=1,closetimeo=1
305 28 0:61 / /srv/office\040data rw,relatime shared:170 - nfs4 fileserver:/export/office rw,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys,clientaddr=192.168.1.31,local_lock=none,addr=192.168.1.20
310 45 0:63 / /home/clerk/remote rw,nosuid,nodev,relatime shared:175 - fuse.sshfs clerk@fileserver:/data rw,user_id=1000,group_id=1000
312 28 8:17 / /media/clerk/U盘 rw,nosuid,nodev,relatime shared:180 - vfat /dev/sdb1 rw,fmask=0022,dmask=0022,codepage=437,iocharset=utf8,shortname=mixed,errors=remount-ro
315 301 259:3 /cache /mnt/township/local rw,relatime shared:30 - ext4 /dev/nvme0n1p3 rw
"""

# `mount` on a Mac with an SMB share and an NFS export mounted.
MAC_MOUNT = """
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
devfs on /dev (devfs, local, nobrowse)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse, protect)
//clerk@FILESERVER._smb._tcp.local/office on /Volumes/office (smbfs, nodev, nosuid, mounted by clerk)
fileserver:/export/office on /Volumes/nfs office (nfs, nodev, nosuid, mounted by clerk)
/dev/disk4s1 on /Volumes/USB (msdos, local, nodev, nosuid, noowners)
"""


def test_mountinfo_lines_are_read_with_escaped_spaces():
    mounts = parse_mountinfo(MOUNTINFO)
    assert len(mounts) == 10
    points = {m.mount_point: m.fs_type for m in mounts}
    assert points["/srv/office data"] == "nfs4"
    assert points["/mnt/township"] == "cifs"
    assert points["/home/clerk/remote"] == "fuse.sshfs"
    assert points["/media/clerk/U盘"] == "vfat"
    assert next(m for m in mounts if m.fs_type == "cifs").source == "//192.168.1.20/社区共享"


def test_network_file_systems_are_found_and_local_disks_are_not():
    mounts = parse_mountinfo(MOUNTINFO)
    assert network_fs_type("/mnt/township/2026/office.db", mounts) == "cifs"
    assert network_fs_type("/srv/office data/office.db", mounts) == "nfs4"
    assert network_fs_type("/home/clerk/remote/office.db", mounts) == "fuse.sshfs"
    assert network_fs_type("/home/clerk/govdesk/office.db", mounts) is None
    assert network_fs_type("/media/clerk/U盘/office.db", mounts) is None
    # A local disk mounted inside the share is local: the deepest mount decides.
    assert network_fs_type("/mnt/township/local/office.db", mounts) is None
    # A folder merely named like a mount point is not inside it.
    assert network_fs_type("/mnt/townships/office.db", mounts) is None
    assert mount_of("/mnt/townships/office.db", mounts).mount_point == "/"


def test_mac_mount_output_is_read():
    mounts = parse_mount_output(MAC_MOUNT)
    assert network_fs_type("/Volumes/office/govdesk.db", mounts) == "smbfs"
    assert network_fs_type("/Volumes/nfs office/govdesk.db", mounts) == "nfs"
    assert network_fs_type("/Volumes/USB/govdesk.db", mounts) is None
    assert network_fs_type("/Users/clerk/govdesk.db", mounts) is None


def test_unc_paths_are_network_paths_and_this_test_folder_is_not(tmp_path):
    assert is_network_path(Path(r"\\fileserver\office\govdesk.db"))
    assert is_network_path(Path("//fileserver/office/govdesk.db"))
    # The real mount table of this machine: the temporary folder is on a local disk.
    assert not is_network_path(tmp_path / "office.db")


def test_wal_is_used_on_local_disks_and_not_on_shares(tmp_path, db):
    assert journal_mode_for(False) == "WAL"
    assert journal_mode_for(True) == "DELETE"
    con = sqlite3.connect(tmp_path / "share.db", isolation_level=None)
    try:
        _set_pragmas(con, journal_mode_for(True))
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        con.close()
    assert not db.on_network_share
    with db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
