#!/usr/bin/env python3
"""Checks what `tessera-vp --scenario` wrote into a report directory (docs/scenarios.md):
report.json and report.csv agree, every layer ran (cycles, and MACs where the layer computes),
totals are the sums, the mode is the expected one; optionally the layer count, and for
single-descriptor GEMM layers that the measured compute cycles are the systolic-array formula
of docs/mxu.md, computed here on its own from the machine in report.json.

usage: check_report.py DIR [--layers N] [--mode MODE] [--gemm-formula]
"""
import argparse
import csv
import json
import math
import pathlib
import re
import sys


def fail(message):
    print(f"check_report: {message}", file=sys.stderr)
    sys.exit(1)


def gemm_formula(m, n, k, rows, cols, latency):
    """Weight-stationary, double-buffered weights, one descriptor whose M rows fit the
    accumulators (docs/mxu.md, "Timing formula"): D + lambda + R + sum over the first F-1 folds
    of max(M, R) + M + R + C - 2 + lambda, with F = ceil(K/R) ceil(N/C) folds of M rows and the
    descriptor read D = lambda."""
    folds = math.ceil(k / rows) * math.ceil(n / cols)
    d = latency
    return d + latency + rows + (folds - 1) * max(m, rows) + m + rows + cols - 2 + latency


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--layers", type=int)
    parser.add_argument("--mode", default=None)
    parser.add_argument("--gemm-formula", action="store_true")
    args = parser.parse_args()

    report = json.loads((args.dir / "report.json").read_text())
    with open(args.dir / "report.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    layers = report["layers"]
    if args.layers is not None and len(layers) != args.layers:
        fail(f"{len(layers)} layers, expected {args.layers}")
    if args.mode and report["mode"] != args.mode:
        fail(f"mode {report['mode']}, expected {args.mode}")
    if len(rows) != len(layers) + 1 or rows[-1]["layer"] != "total":
        fail("report.csv does not have one row per layer and a total")

    for layer, row in zip(layers, rows):
        name = layer["name"]
        if row["layer"] != name or int(row["cycles"]) != layer["cycles"]:
            fail(f"{name}: report.csv and report.json differ")
        if layer["cycles"] <= 0:
            fail(f"{name}: no cycles")
        if layer["kind"] in ("gemm", "conv") and layer["macs"] <= 0:
            fail(f"{name}: no MACs")
        if layer["compute_cycles"] > layer["cycles"]:
            fail(f"{name}: computes {layer['compute_cycles']} cycles of {layer['cycles']}")
    for key in ("cycles", "compute_cycles", "macs", "dram_bytes", "noc_bytes"):
        if report["totals"][key] != sum(l[key] for l in layers):
            fail(f"totals.{key} is not the sum of the layers")

    if args.gemm_formula:
        machine = report["machine"]
        latency = 1 + int(report["config"]["tile.sram_latency_cycles"])
        for layer in layers:
            m, n, k = (int(v) for v in re.fullmatch(r"m=(\d+) n=(\d+) k=(\d+)",
                                                    layer["shape"]).groups())
            if layer["mxu_descriptors"] != 1:
                fail(f"{layer['name']}: ran as {layer['mxu_descriptors']} descriptors, not one: "
                     "the formula does not apply; choose another shape")
            expected = gemm_formula(m, n, k, machine["mxu_rows"], machine["mxu_cols"], latency)
            if layer["compute_cycles"] != expected:
                fail(f"{layer['name']} ({layer['shape']}): {layer['compute_cycles']} compute "
                     f"cycles, the formula gives {expected}")
            print(f"{layer['name']}: {layer['shape']}: {expected} cycles, as the formula")
    print(f"{report['scenario']}: {len(layers)} layers, {report['totals']['cycles']} cycles, "
          f"mode {report['mode']}")


if __name__ == "__main__":
    main()
