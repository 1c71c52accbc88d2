#!/usr/bin/env bash
# Runs a GDB script against tessera-vp --gdb: the VP picks a free loopback port and says which,
# gdb-multiarch connects and runs SCRIPT in batch mode. Passes if GDB ran the script to its
# end (it prints PASS last; a wrong value quits it with status 1) and the VP exited with
# VP_EXIT.
# Usage: run_gdb.sh VP ELF SCRIPT VP_EXIT
set -u
vp=$1 elf=$2 script=$3 expected_exit=$4
work=$(mktemp -d)
trap 'kill "$vp_pid" 2>/dev/null; rm -rf "$work"' EXIT

"$vp" --elf "$elf" --gdb 0 --timeout 60 >"$work/vp.out" 2>"$work/vp.err" &
vp_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*waiting for gdb on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/vp.err")
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "tessera-vp did not say which port it listens on:"; cat "$work/vp.err"; exit 1
fi

timeout 60 gdb-multiarch -nx -batch -ex "set pagination off" -ex "file $elf" \
  -ex "target remote 127.0.0.1:$port" -x "$script" >"$work/gdb.out" 2>&1
gdb_exit=$?
wait "$vp_pid"
vp_exit=$?

echo "--- gdb (exit $gdb_exit)"; cat "$work/gdb.out"
echo "--- tessera-vp (exit $vp_exit)"; cat "$work/vp.err" "$work/vp.out"
[ "$gdb_exit" -eq 0 ] && [ "$(tail -n 1 "$work/gdb.out")" = PASS ] || { echo FAIL: gdb; exit 1; }
[ "$vp_exit" -eq "$expected_exit" ] || { echo "FAIL: tessera-vp exited $vp_exit, not $expected_exit"; exit 1; }
