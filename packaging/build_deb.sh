#!/usr/bin/env bash
# Makes govdesk_VERSION_ARCH.deb from a Linux one-folder bundle with dpkg-deb; prints its path.
#
#   packaging/build_deb.sh BUNDLE_DIR [OUT_DIR]
#
# BUNDLE_DIR is PyInstaller's dist/govdesk (packaging/govdesk.spec). The package puts the
# program in /opt/govdesk, a `govdesk` command in /usr/bin, a menu entry (Office) with the
# icon, and nothing else: the data stays in each user's ~/.local/share/govdesk, which
# removing or upgrading the package never touches.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUNDLE=${1:?usage: build_deb.sh BUNDLE_DIR [OUT_DIR]}
OUT=${2:-$ROOT/build/packaging}
[[ -x $BUNDLE/govdesk && -d $BUNDLE/_internal ]] || { echo "not a govdesk bundle: $BUNDLE" >&2; exit 1; }

VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -n 1)
ARCH=$(dpkg --print-architecture)
[[ -n $VERSION ]] || { echo "no version in pyproject.toml" >&2; exit 1; }

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
PKG=$STAGE/govdesk

install -d "$PKG/DEBIAN" "$PKG/opt/govdesk" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/scalable/apps" \
    "$PKG/usr/share/doc/govdesk"
# On Linux govdesk-cli is the same program as govdesk (no console flag here): leave it out.
cp -a "$BUNDLE/govdesk" "$BUNDLE/_internal" "$PKG/opt/govdesk/"

# A wrapper rather than a symlink: the program finds _internal/ beside the real executable.
cat >"$PKG/usr/bin/govdesk" <<'EOF'
#!/bin/sh
exec /opt/govdesk/govdesk "$@"
EOF
chmod 0755 "$PKG/usr/bin/govdesk"

install -m 0644 "$ROOT/resources/icons/govdesk.png" "$PKG/usr/share/icons/hicolor/256x256/apps/govdesk.png"
install -m 0644 "$ROOT/resources/icons/govdesk.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/govdesk.svg"

cat >"$PKG/usr/share/applications/govdesk.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.0
Name=govdesk
Name[zh_CN]=社区村务办公（govdesk）
GenericName=Community office desk
GenericName[zh_CN]=居民登记与社区事务
Comment=Resident register, grids, mediation and volunteers for community and village offices
Comment[zh_CN]=居民登记、网格管理、矛盾调解和志愿服务，离线使用
Exec=/opt/govdesk/govdesk
Icon=govdesk
Terminal=false
Categories=Office;
Keywords=resident;register;mediation;volunteer;居民;登记;网格;调解;志愿;
StartupWMClass=govdesk
EOF

cat >"$PKG/usr/share/doc/govdesk/copyright" <<'EOF'
govdesk: Apache-2.0 (see /opt/govdesk/_internal/govdesk-*.dist-info/METADATA).
Bundled font WenQuanYi Micro Hei: Apache-2.0 (/opt/govdesk/_internal/resources/fonts/).
Qt and PySide6: LGPL-3.0; the Python runtime and the libraries bundled in /opt/govdesk/_internal
keep their own licences.
EOF

# The system libraries the bundle links to but does not carry: PyInstaller leaves out the
# C library and the graphics stack (EGL/GL, DRM, xcb, Wayland), which must match the
# machine's drivers and display server (found with ldd over the bundle in check.sh).
# fontconfig brings /etc/fonts, which the bundled libfontconfig reads; xkbcommon brings
# the keyboard layouts. Names valid from Debian 10 (UOS and Kylin follow Debian 10/11) on.
DEPENDS="libc6, libegl1, libgl1, libdrm2, libfontconfig1, libxkbcommon0, libxcb1, \
libxcb-icccm4, libxcb-keysyms1, libwayland-client0, libwayland-cursor0, \
libwayland-egl1 | libwayland-egl1-mesa"

# Whoever hands the package to offices answers for it: set GOVDESK_DEB_MAINTAINER to them.
MAINTAINER=${GOVDESK_DEB_MAINTAINER:-govdesk maintainers <govdesk@localhost>}
[[ $MAINTAINER =~ ^[^\<]+\ \<[^\>@]+@[^\>]+\>$ ]] ||
    { echo "GOVDESK_DEB_MAINTAINER must read 'Name <address>', not '$MAINTAINER'" >&2; exit 1; }

SIZE_KB=$(du -sk "$PKG" | cut -f1)
cat >"$PKG/DEBIAN/control" <<EOF
Package: govdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: $MAINTAINER
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Section: misc
Priority: optional
Description: offline desk software for community and village offices
 govdesk keeps the resident register (居民登记), the grid roster (网格管理),
 people's mediation (矛盾调解) and volunteer service (志愿服务) of one office in a
 local SQLite file, and prints the standard forms to PDF. It needs no network.
EOF

mkdir -p "$OUT"
DEB=$OUT/govdesk_${VERSION}_${ARCH}.deb
# root:root owners without needing root to build
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
