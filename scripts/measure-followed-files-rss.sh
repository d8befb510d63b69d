#!/bin/sh
# Resident memory of sitmon following many small files (issue 12: buffers sized by need).
# usage: scripts/measure-followed-files-rss.sh [BINARY] [FILES]   (default .build/debug/sitmon, 1500)
# Needs tmux. Writes FILES one-line JSON Lines files into a scratch folder, starts sitmon on all of
# them in a detached tmux pane, waits until every incident is counted and 3 s more, then prints
# VmRSS and VmHWM from /proc.
set -eu
BIN=$(readlink -f "${1:-.build/debug/sitmon}")
N=${2:-1500}
DIR=$(mktemp -d /tmp/sitmon-rss-XXXXXX)
SOCKET=sitmon-rss-$$
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null || true; rm -rf "$DIR"' EXIT
i=1
while [ "$i" -le "$N" ]; do
    printf '{"id":"f%d","time":"2023-08-13T08:30:00Z","place":"Gao","actors":["FAMA"],"summary":"file %d"}\n' "$i" "$i" > "$DIR/f$i.jsonl"
    i=$((i + 1))
done
cd "$DIR"
tmux -L "$SOCKET" -f /dev/null new-session -d -x 160 -y 40 -s main "env LANG=C.UTF-8 '$BIN' f*.jsonl; sleep 60"
sleep 1
PID=$(pgrep -P "$(tmux -L "$SOCKET" display -p -t main '#{pane_pid}')" | head -1)
for _ in $(seq 1 60); do
    tmux -L "$SOCKET" capture-pane -p -t main | grep -q "$N incidents" && break
    sleep 0.5
done
sleep 3
echo "$N files: $(grep -E 'VmRSS|VmHWM' "/proc/$PID/status" | tr -s ' \t' ' ' | tr '\n' ' ')"
