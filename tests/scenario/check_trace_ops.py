#!/usr/bin/env python3
"""Checks the firmware's trace markers in a scenario's trace: every tile core has op slices
(the runtime marks each kernel it runs with the opcode's name, SYSCTRL_TRACE_BEGIN/END), and
each lies inside a row's slice on the scenario's `layers` track, on a tile that ran that row.

usage: check_trace_ops.py TRACE.json OPCODE...   (the opcodes that must appear, e.g. CONV_I8)
"""
import json
import sys


def main():
    path, wanted = sys.argv[1], set(sys.argv[2:])
    events = json.load(open(path, encoding="utf-8"))["traceEvents"]
    processes = {e["pid"]: e["args"]["name"] for e in events
                 if e["ph"] == "M" and e["name"] == "process_name"}
    threads = {e["tid"]: e["args"]["name"] for e in events
               if e["ph"] == "M" and e["name"] == "thread_name"}
    slices = [e for e in events if e["ph"] == "X"]
    rows = [e for e in slices if threads[e["tid"]] == "layers"]
    ops = [e for e in slices if processes[e["pid"]].startswith("tile ")
           and threads[e["tid"]] == "core" and e["name"] != "wfi"]
    problems = []
    missing = wanted - {e["name"] for e in ops}
    if missing:
        problems.append(f"no op slices named {sorted(missing)} on the tile cores")
    tiles = {processes[e["pid"]] for e in ops}
    if len(tiles) != sum(1 for name in processes.values() if name.startswith("tile ")):
        problems.append(f"only {sorted(tiles)} have op slices")
    for op in ops:
        if not any(r["ts"] <= op["ts"] and op["ts"] + op["dur"] <= r["ts"] + r["dur"]
                   for r in rows):
            problems.append(f"{op['name']} at {op['ts']} us on {processes[op['pid']]} is in no row")
            break
    for problem in problems:
        print(f"check_trace_ops: {path}: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{path}: {len(ops)} op slices on {len(tiles)} tile cores, each inside its row")


if __name__ == "__main__":
    main()
