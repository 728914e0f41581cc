#!/usr/bin/env bash
# Stops exactly the processes up.sh and deploy.sh started (the PIDs in STATE_DIR/pids), nothing else.
#
#   network/fabric/down.sh [STATE_DIR] [--clean]     --clean also removes STATE_DIR (ledgers, crypto, wallet)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
clean=false
dir_arg=
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    -*) die "unknown option $arg (usage: down.sh [STATE_DIR] [--clean])" 2 ;;
    *) dir_arg=$arg ;;
  esac
done
STATE=$(state_dir "$dir_arg")
[ -f "$STATE/$STATE_MARKER" ] || die "$STATE was not made by up.sh (no $STATE_MARKER); nothing done"

stopped=()
for pidfile in "$STATE"/pids/*.pid; do
  [ -f "$pidfile" ] || continue
  name=$(basename "$pidfile" .pid)
  pid=$(cat "$pidfile")
  case "$name" in
    orderer) expected=orderer ;;
    peer-*) expected=peer ;;
    contract) expected=java ;;
    *) expected= ;;
  esac
  if kill -0 "$pid" 2>/dev/null; then
    actual=$(cat "/proc/$pid/comm" 2>/dev/null || ps -o comm= -p "$pid" 2>/dev/null || true)
    if [ -n "$expected" ] && [ -n "$actual" ] && [ "$actual" != "$expected" ]; then
      log "$name: pid $pid is now '$actual', not $expected: left alone"
      continue
    fi
    kill -TERM "$pid" 2>/dev/null || true
    stopped+=("$name:$pid")
  fi
done
for entry in "${stopped[@]+"${stopped[@]}"}"; do
  pid=${entry##*:}
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "${entry%%:*} (pid $pid) did not stop in 10 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  log "stopped ${entry%%:*} (pid $pid)"
done
rm -f "$STATE"/pids/*.pid

if $clean; then
  rm -rf "$STATE"
  log "removed $STATE"
fi
