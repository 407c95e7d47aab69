#!/usr/bin/env bash
# Builds the Linux one-folder bundle and the .deb, runs the frozen program offscreen
# (--version, demo, screenshot, two printed forms), installs the .deb where the machine
# allows, and reports the bundle size and start-up times beside the source run.
# Exits non-zero when anything fails.
#
#   packaging/check.sh            build into build/packaging/ (kept for a look afterwards)
#   GOVDESK_PACKAGING_OUT=DIR packaging/check.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${GOVDESK_PACKAGING_OUT:-$ROOT/build/packaging}
export QT_QPA_PLATFORM=offscreen

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'packaging check FAILED: %s\n' "$*" >&2; exit 1; }

step "the project's .venv with the packaging extra (scripts/run.py installs it)"
PY=$(cd "$ROOT" && python3 -c 'import sys; sys.path.insert(0, "scripts"); from run import ensure_venv; print(ensure_venv("packaging"))')
VERSION=$("$PY" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")
echo "python: $PY; govdesk $VERSION"

step "PyInstaller one-folder build"
rm -rf "$OUT"
mkdir -p "$OUT"
build_start=$(date +%s)
(cd "$ROOT" && "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" packaging/govdesk.spec)
echo "built in $(( $(date +%s) - build_start )) s"
BUNDLE=$OUT/dist/govdesk
[[ -x $BUNDLE/govdesk && -x $BUNDLE/govdesk-cli ]] || fail "no govdesk executables in $BUNDLE"

step "every bundled library finds what it links to"
# A plugin with a missing library is skipped by Qt without a word: a library of the bundle
# itself (Qt, PySide6, Python, ICU) that is not found means the trimming went too far.
# Others are the system's to provide (the .deb depends on them): listed, not fatal.
missing=$(find "$BUNDLE" -name '*.so*' -type f -print0 |
    LD_LIBRARY_PATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" xargs -0 -n 50 ldd 2>/dev/null |
    awk '/not found/ {print $1}' | sort -u || true)
ours=$(grep -E '^lib(Qt6|pyside6|shiboken6|python3|icu)' <<<"$missing" || true)
[[ -z $ours ]] || fail "bundled libraries missing from the bundle: $ours"
[[ -z $missing ]] && echo "ok" || echo "ok; system libraries not on this machine: $(echo $missing)"

step "no path of this machine in the bundle's text files"
if grep -rIl --exclude='*.so*' -e "$ROOT" "$BUNDLE" >/dev/null 2>&1; then
    grep -rIl --exclude='*.so*' -e "$ROOT" "$BUNDLE" | head >&2
    fail "the bundle names $ROOT"
fi
echo "ok"

# Run the frozen program away from the checkout, with a home of its own, so that it can
# use nothing but what is in the bundle.
RUN=$(mktemp -d)
trap 'rm -rf "$RUN"' EXIT
export HOME=$RUN/home XDG_DATA_HOME=$RUN/home/.local/share XDG_CONFIG_HOME=$RUN/home/.config
mkdir -p "$HOME"
cd "$RUN"
CLI=$BUNDLE/govdesk-cli

step "frozen: --version"
for exe in "$BUNDLE/govdesk" "$CLI"; do
    got=$(env -u PYTHONPATH "$exe" --version)
    [[ $got == "govdesk $VERSION" ]] || fail "$exe --version printed '$got', expected 'govdesk $VERSION'"
    echo "$(basename "$exe") --version: $got"
done

step "frozen: demo"
"$CLI" demo --db "$RUN/demo.db" --residents 200 || fail "demo"
[[ -s $RUN/demo.db ]] || fail "demo wrote no database"

export GOVDESK_PASSWORD=govdesk-demo

step "frozen: screenshot"
"$CLI" screenshot --db "$RUN/demo.db" --user admin --tab residents --out "$RUN/residents.png" ||
    fail "screenshot"
[[ -s $RUN/residents.png && $(head -c 8 "$RUN/residents.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] ||
    fail "screenshot is not a PNG"
ls -l "$RUN/residents.png"
# in English too: the bundled govdesk_en.qm must be found and loaded
"$CLI" screenshot --db "$RUN/demo.db" --user admin --tab mediation --lang en --out "$RUN/mediation-en.png" ||
    fail "screenshot --lang en"
[[ -s $RUN/mediation-en.png ]] || fail "no English screenshot"

check_pdf() {  # file, a Chinese word it must contain
    [[ -s $1 && $(head -c 5 "$1") == "%PDF-" ]] || fail "$1 is not a PDF"
    local fonts
    fonts=$(pdffonts "$1" | tail -n +3)
    [[ -n $fonts ]] || fail "$1 has no fonts"
    # columns: name type encoding emb sub uni object-number generation; "emb" is $(NF-4)
    if awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }' <<<"$fonts"; then
        pdffonts "$1" >&2
        fail "$1 has a font that is not embedded"
    fi
    pdftotext "$1" - | grep -q "$2" || fail "$1 does not contain '$2'"
    echo "$(basename "$1"): $(pdfinfo "$1" | awk '/^Pages:/ {print $2}') page(s), fonts embedded, contains $2"
}

step "frozen: print resident (居民信息登记表)"
"$CLI" residents export --db "$RUN/demo.db" --user admin --out "$RUN/residents.csv" || fail "export"
ID=$("$PY" -c 'import csv, sys; print(next(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))["公民身份号码"])' "$RUN/residents.csv")
"$CLI" print resident --db "$RUN/demo.db" --user admin --id-number "$ID" --out "$RUN/resident.pdf" ||
    fail "print resident"
check_pdf "$RUN/resident.pdf" 居民信息登记表

step "frozen: print a mediation case cover (with its QR code)"
CASE=$("$CLI" mediation list --db "$RUN/demo.db" --user admin |
    "$PY" -c 'import csv, sys; print(next(r["案号"] for r in csv.DictReader(sys.stdin) if r["案号"]))')
"$CLI" print cover --db "$RUN/demo.db" --user admin --case "$CASE" --out "$RUN/cover.pdf" ||
    fail "print cover"
check_pdf "$RUN/cover.pdf" 卷

mkdir -p "$OUT/rendered"
cp "$RUN/residents.png" "$RUN/mediation-en.png" "$RUN/resident.pdf" "$RUN/cover.pdf" "$OUT/rendered/"
echo "kept for a look: $OUT/rendered/"

step "frozen: on an X display (Xvfb): sign in by typing, the main window, Ctrl+Q"
if command -v xvfb-run >/dev/null && command -v xdotool >/dev/null && command -v xwininfo >/dev/null; then
    env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1366x768x24" \
        "$ROOT/packaging/display_check.sh" "$BUNDLE/govdesk" "$RUN/demo.db" admin "$GOVDESK_PASSWORD" \
        "$OUT/rendered/on-x11.png" || fail "the program on an X display"
else
    echo "skipped: needs xvfb-run (xvfb, xauth), xdotool and xwininfo (x11-utils)"
fi

step "frozen: init, a new office database through every bundled migration"
GOVDESK_PASSWORD=packaging-check-1 "$CLI" init --db "$RUN/new.db" --office-name 测试社区 \
    --division 110105001001 --admin boss || fail "init"

step "the frozen runs wrote nothing into the program folder"
# (Program Files and /opt are read-only to the clerk: the program must not need to write there)
written=$(find "$BUNDLE" -newer "$BUNDLE/_internal/base_library.zip" -type f \
    \( -name '*.pyc' -o -name '*.db*' -o -name '*.log' -o -name '*.ini' \) | head -n 5)
[[ -z $written ]] || fail "the program wrote into its own folder: $written"
echo "ok"

# The user's database (in their data folder) must come through an upgrade untouched and
# open in the new version. The newer package is this one with a higher version number.
OFFICE_DB=$XDG_DATA_HOME/govdesk/govdesk.db
upgrade_keeps_data() {
    /usr/bin/govdesk demo --db "$OFFICE_DB" --residents 50 >/dev/null || return 1
    local before next=$VERSION+check1
    before=$(sha256sum "$OFFICE_DB" | cut -d' ' -f1)
    rm -rf "$RUN/next"
    dpkg-deb -R "$DEB" "$RUN/next"
    sed -i "s/^Version: .*/Version: $next/" "$RUN/next/DEBIAN/control"
    dpkg-deb --root-owner-group -Zgzip -z1 --build "$RUN/next" "$RUN/next.deb" >/dev/null
    rm -rf "$RUN/next"
    dpkg -i "$RUN/next.deb" >/dev/null || return 1
    [[ $(dpkg-query -W -f='${Version}' govdesk) == "$next" ]] || { echo "not upgraded" >&2; return 1; }
    [[ $(sha256sum "$OFFICE_DB" | cut -d' ' -f1) == "$before" ]] || { echo "database changed" >&2; return 1; }
    /usr/bin/govdesk residents export --db "$OFFICE_DB" --user admin --out "$RUN/after-upgrade.csv" >/dev/null ||
        return 1
    echo "upgraded to $next: the database is unchanged and opens ($(($(wc -l <"$RUN/after-upgrade.csv") - 1)) residents)"
}

step "the .deb"
DEB=$("$ROOT/packaging/build_deb.sh" "$BUNDLE" "$OUT") || fail "build_deb.sh"
dpkg-deb --info "$DEB" | sed -n '/Package:/,$p'
dpkg-deb --contents "$DEB" | awk '{print $6}' | grep -Ev '^\./opt/govdesk/_internal/.' || true
if [[ $(id -u) -eq 0 ]] && command -v dpkg >/dev/null && [[ ! -e /opt/govdesk ]]; then
    if dpkg -i "$DEB"; then
        got=$(/usr/bin/govdesk --version) || { dpkg -r govdesk; fail "/usr/bin/govdesk --version"; }
        [[ -f /usr/share/applications/govdesk.desktop ]] || { dpkg -r govdesk; fail "no desktop entry"; }
        [[ $got == "govdesk $VERSION" ]] || { dpkg -r govdesk; fail "installed --version printed '$got'"; }
        echo "installed, /usr/bin/govdesk --version: $got"
        upgrade_keeps_data || { dpkg -r govdesk; fail "an upgrade or removal touched the user's data"; }
        dpkg -r govdesk
        [[ ! -e /opt/govdesk ]] || fail "dpkg -r left /opt/govdesk"
        [[ -s $OFFICE_DB ]] || fail "dpkg -r took the user's database with it"
        echo "removed; the user's database is still there"
    else
        # dependencies this machine lacks leave it half-installed: take it out again
        dpkg -r govdesk >/dev/null 2>&1 || true
        fail "dpkg -i $DEB (missing dependencies? see above)"
    fi
else
    echo "not installed (needs root, dpkg, and no /opt/govdesk already there)"
fi

step "size"
du -sh "$BUNDLE" | awk '{print "bundle: " $1}'
echo "bundle files: $(find "$BUNDLE" -type f | wc -l)"
du -h "$DEB" | awk '{print ".deb: " $1}'

step "start-up, frozen beside source (same machine, same run; median)"
SRC=(env -C "$ROOT" "$PY" -m govdesk)
SHOT=(screenshot --db "$RUN/demo.db" --user admin --tab residents --out "$RUN/timed.png")
"$PY" "$ROOT/packaging/startup.py" --runs 7 --label "frozen --version" -- "$CLI" --version
"$PY" "$ROOT/packaging/startup.py" --runs 7 --label "source --version" -- "${SRC[@]}" --version
"$PY" "$ROOT/packaging/startup.py" --runs 5 --label "frozen screenshot" -- "$CLI" "${SHOT[@]}"
"$PY" "$ROOT/packaging/startup.py" --runs 5 --label "source screenshot" -- "${SRC[@]}" "${SHOT[@]}"

printf '\npackaging check passed: %s, %s\n' "$BUNDLE" "$DEB"
