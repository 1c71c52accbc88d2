"""scripts/plot: PNG files from synthetic reports and NoC curves, and from real program output
when the programs are given (SCENARIO_ESTIMATE, TESSERA_NOC)."""
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

import matplotlib.image

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("TESSERA_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))
PLOT = os.path.join(SOURCE, "scripts", "plot")
ESTIMATE = os.environ.get("SCENARIO_ESTIMATE")
NOC = os.environ.get("TESSERA_NOC")


def plot(*args):
    return subprocess.run([sys.executable, PLOT, *args], capture_output=True, text=True)


def synthetic_report(layers=20, stalls=True):
    """A report as report.json has it: conv and gemm layers on the default chip, some of them
    under the DRAM roof and some at the compute roof."""
    peak, dram = 1024.0, 32.0
    rows = []
    for i in range(layers):
        macs = 2_000_000 * (i + 1)
        intensity = 2.0 ** (i % 10)  # 1 .. 512 MACs per byte
        dram_bytes = int(macs / intensity)
        cycles = int(max(macs / peak, dram_bytes / dram) * 1.25)
        rows.append({
            "name": f"layer{i}", "kind": "conv" if i % 3 else "gemm", "shape": "m=1 n=1 k=1",
            "cycles": cycles, "macs": macs, "utilization": macs / (cycles * peak),
            "dram_bytes": dram_bytes, "noc_bytes": 2 * dram_bytes,
            "stall_cycles": {"dma": 10 * i * stalls, "noc": 5 * i * stalls,
                             "dram": 20 * i * stalls, "sram_banks": i * stalls},
            "model_cycles": int(cycles * 0.9), "model_bound": "dram" if intensity < 32 else
            "compute"})
    total_macs = sum(r["macs"] for r in rows)
    total_cycles = sum(r["cycles"] for r in rows)
    return {
        "format": "tessera-report", "version": 1, "scenario": "synthetic", "mode": "timing-only",
        "machine": {"tiles": 4, "mxu_rows": 16, "mxu_cols": 16, "clock_hz": 1e9,
                    "peak_macs_per_cycle": peak, "dram_channels": 2,
                    "dram_bytes_per_cycle": dram, "noc_link_bytes": 32,
                    "noc_dram_bytes_per_cycle": 62.06},
        "layers": rows,
        "totals": {"name": "total", "cycles": total_cycles, "macs": total_macs,
                   "utilization": total_macs / (total_cycles * peak)},
        "config": {},
    }


class PlotTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write_json(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f)
        return path

    def assert_png(self, path, min_width=800):
        self.assertTrue(os.path.isfile(path), path)
        image = matplotlib.image.imread(path)
        self.assertGreaterEqual(image.shape[1], min_width, path)
        self.assertGreater(image.std(), 0.05, f"{path} is blank")

    def test_report_plots_utilization_roofline_and_stalls(self):
        self.write_json("report.json", synthetic_report())
        result = plot("report", self.dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        names = ["utilization.png", "roofline.png", "stalls.png"]
        self.assertEqual(result.stdout.split(), [os.path.join(self.dir, n) for n in names])
        for name in names:
            self.assert_png(os.path.join(self.dir, name))

    def test_no_stall_plot_without_stalls_and_output_where_asked(self):
        report = self.write_json("r.json", synthetic_report(layers=60, stalls=False))
        out = os.path.join(self.dir, "plots")
        result = plot("report", report, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["roofline.png", "utilization.png"])
        # Sixty layer names need a tall figure to stay readable.
        self.assertGreater(matplotlib.image.imread(os.path.join(out, "utilization.png")).shape[0],
                           1500)

    def test_noc_latency_against_load(self):
        paths = []
        for name, zero_load, saturation in [("4x4", 7.3, 0.45), ("8x8", 12.7, 0.24)]:
            path = os.path.join(self.dir, f"{name}.csv")
            with open(path, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow(["rate", "avg_latency_cycles", "p99_latency_cycles", "throughput"])
                for i in range(1, 11):
                    rate = saturation * i / 9
                    latency = zero_load / max(0.02, 1 - rate / saturation)
                    writer.writerow([rate, latency, 2 * latency, min(rate, saturation)])
            paths.append(f"{path}={name} mesh")
        result = plot("noc", *paths)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(self.dir, "noc_latency.png"), min_width=1200)

    def test_sweep_of_two_axes(self):
        path = os.path.join(self.dir, "results.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["run", "mxu.rows", "mxu.cols", "mesh.x", "mesh.y", "layer", "cycles",
                             "utilization", "model_cycles"])
            run = 0
            for array in (8, 16, 32):
                for mesh in (1, 2, 4):
                    cycles = 64_000_000 // (array * mesh) ** 2 * 4
                    writer.writerow([run, array, array, mesh, mesh, "conv1", cycles, 0.5, 1])
                    writer.writerow([run, array, array, mesh, mesh, "total", cycles, 0.5,
                                     cycles // 2])
                    run += 1
        result = plot("sweep", self.dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(self.dir, "sweep.png"), min_width=1200)

    def test_bad_input_is_named(self):
        not_report = self.write_json("other.json", {"traceEvents": []})
        result = plot("report", not_report)
        self.assertEqual(result.returncode, 2)
        self.assertIn("other.json: not a tessera report", result.stderr)
        self.assertIn("cannot read", plot("report", os.path.join(self.dir, "none.json")).stderr)
        for what, text, error in [("noc", "a,b\n1,2\n", "bad.csv: expected the columns"),
                                  ("sweep", "layer,cycles\ntotal,1\n",
                                   "bad.csv: not a sweep's results.csv")]:
            bad_csv = os.path.join(self.dir, "bad.csv")
            with open(bad_csv, "w", encoding="utf-8") as f:
                f.write(text)
            result = plot(what, bad_csv)
            self.assertEqual(result.returncode, 2)
            self.assertIn(error, result.stderr)

    @unittest.skipUnless(ESTIMATE, "SCENARIO_ESTIMATE (the analytic model's program) not set")
    def test_a_report_written_by_the_platform_code(self):
        run_dir = os.path.join(self.dir, "resnet")
        subprocess.run([ESTIMATE, "--scenario",
                        os.path.join(SOURCE, "scenarios", "resnet50-32x32.yaml"),
                        "--report-dir", run_dir], check=True, capture_output=True)
        result = plot("report", run_dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(run_dir, "roofline.png"))
        self.assert_png(os.path.join(run_dir, "utilization.png"))

    @unittest.skipUnless(NOC, "TESSERA_NOC (tessera-noc) not set")
    def test_a_csv_written_by_tessera_noc(self):
        path = os.path.join(self.dir, "noc.csv")
        subprocess.run([NOC, "--mesh", "4x4", "--rates", "0.05,0.2,0.35,0.45", "--cycles", "2000",
                        "--warmup", "200", "--csv", path], check=True, capture_output=True)
        result = plot("noc", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_png(os.path.join(self.dir, "noc_latency.png"))


if __name__ == "__main__":
    unittest.main()
