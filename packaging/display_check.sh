#!/usr/bin/env bash
# The frozen program on a real X display (Xvfb here): it opens its sign-in window, takes a
# typed user name and password, shows the main window, and quits cleanly on Ctrl+Q. This is
# what the offscreen runs cannot show: the xcb platform plugin and its libraries, keyboard
# input, and window titles as a desktop shows them.
#
#   xvfb-run -a -s "-screen 0 1366x768x24" packaging/display_check.sh EXE DB USER PASSWORD OUT_PNG
#
# Needs xdotool and xwininfo (x11-utils); xwd with netpbm, when present, keeps a picture.
set -euo pipefail

EXE=$1 DB=$2 USER_NAME=$3 PASSWORD=$4 OUT=$5
fail() { printf 'display check FAILED: %s\n' "$*" >&2; exit 1; }
[[ -n ${DISPLAY:-} ]] || fail "no DISPLAY (run it under xvfb-run)"

LOG=$(mktemp)
QT_QPA_PLATFORM=xcb "$EXE" --db "$DB" >"$LOG" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$LOG"' EXIT

wait_window() {  # a bash pattern for the whole title; prints the window id
    # (xdotool's --name regex misses titles with Chinese in them: it reads the old WM_NAME)
    local id
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || { cat "$LOG" >&2; fail "the program ended while waiting for '$1'"; }
        for id in $(xdotool search --onlyvisible --class '^govdesk$' 2>/dev/null || true); do
            # shellcheck disable=SC2053 (a pattern on purpose)
            [[ $(xdotool getwindowname "$id") == $1 ]] && { echo "$id"; return; }
        done
        sleep 0.5
    done
    cat "$LOG" >&2
    fail "no window '$1' after 60 s"
}

login=$(wait_window '登录 — govdesk')
echo "sign-in window: $(xdotool getwindowname "$login")"
xdotool windowfocus --sync "$login"
xdotool type --delay 30 "$USER_NAME"
xdotool key Tab
xdotool type --delay 30 "$PASSWORD"
xdotool key Return

# the main window, titled after the office once signed in ("govdesk" alone before)
main=$(wait_window '[!登]*? — govdesk')
title=$(xdotool getwindowname "$main")
echo "main window: $title"
[[ $title != govdesk\ —* ]] || fail "the title repeats the program's name: $title"
sleep 3  # the tabs attach after the first paint
xwininfo -id "$main" | grep -E 'Width|Height|Map State'
if command -v xwd >/dev/null && command -v xwdtopnm >/dev/null && command -v pnmtopng >/dev/null; then
    xwd -id "$main" -silent | xwdtopnm 2>/dev/null | pnmtopng >"$OUT"
    echo "picture: $OUT"
fi

xdotool windowfocus --sync "$main"
xdotool key ctrl+q
for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
    cat "$LOG" >&2
    fail "still running 20 s after Ctrl+Q"
fi
status=0
wait "$pid" || status=$?
[[ $status -eq 0 ]] || { cat "$LOG" >&2; fail "exit status $status after Ctrl+Q"; }
if grep -Eiq 'traceback|error|could not' "$LOG"; then
    cat "$LOG" >&2
    fail "the program wrote errors"
fi
echo "quit with Ctrl+Q, exit status 0"
