"""scripts/sweep: expansion, parallel runs with a stub command, merging, Slurm, bad input."""
import csv
import os
import shlex
import subprocess
import sys
import tempfile
import unittest

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("TESSERA_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))
SWEEP = os.path.join(SOURCE, "scripts", "sweep")
STUB = os.path.join(HERE, "stub_run")
ESTIMATE = os.environ.get("SCENARIO_ESTIMATE")  # the analytic model as a run command


def run(*args, **kwargs):
    return subprocess.run([sys.executable, SWEEP, *args], capture_output=True, text=True,
                          **kwargs)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class SweepTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.scenario = self.write("base.yaml", "name: base\n"
                                   "layers: [{name: fc, gemm: {m: 8, n: 8, k: 8}}]\n")
        self.out = os.path.join(self.dir, "out")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def sweep_file(self, parameters, extra=""):
        return self.write("sweep.yaml", "scenario: base.yaml\n" + extra +
                          yaml.safe_dump({"parameters": parameters}, sort_keys=False))

    def grid(self):
        """3 array sizes x 2 meshes x 2 link widths: 12 runs."""
        return self.sweep_file({"array": {"mxu.rows": [8, 16, 32], "mxu.cols": [8, 16, 32]},
                                "mesh": {"mesh.x": [1, 2], "mesh.y": [1, 2]},
                                "noc.link_bytes": [16, 32]},
                               extra="set: {sim.timeout_s: 60}\n")

    def stub(self, *extra):
        return " ".join([shlex.quote(sys.executable), shlex.quote(STUB), "--scenario {scenario}",
                         "--report-dir {dir}", *extra])

    def test_every_combination_is_one_run_directory(self):
        result = run(self.grid(), "--out", self.out, "--dry-run", "--command", self.stub())
        self.assertEqual(result.returncode, 0, result.stderr)
        commands = result.stdout.splitlines()
        self.assertEqual(len(commands), 12)
        runs = read_csv(os.path.join(self.out, "runs.csv"))
        self.assertEqual([r["run"] for r in runs], [f"{i:02d}" for i in range(12)])
        self.assertEqual(list(runs[0]), ["run", "dir", "mxu.rows", "mxu.cols", "mesh.x", "mesh.y",
                                         "noc.link_bytes"])
        combos = {(r["mxu.rows"], r["mxu.cols"], r["mesh.x"], r["mesh.y"], r["noc.link_bytes"])
                  for r in runs}
        self.assertEqual(len(combos), 12)
        self.assertTrue(all(r["mxu.rows"] == r["mxu.cols"] for r in runs))  # zipped axis

        last = runs[-1]
        with open(os.path.join(last["dir"], "scenario.yaml"), encoding="utf-8") as f:
            scenario = yaml.safe_load(f)
        self.assertEqual(scenario["extends"], self.scenario)
        self.assertEqual(scenario["set"], {"sim.timeout_s": 60, "mxu.rows": 32, "mxu.cols": 32,
                                           "mesh.x": 2, "mesh.y": 2, "noc.link_bytes": 32})
        self.assertEqual(scenario["name"], "base mxu.rows=32 mxu.cols=32 mesh.x=2 mesh.y=2 "
                                           "noc.link_bytes=32")
        self.assertIn(shlex.quote(os.path.join(last["dir"], "scenario.yaml")), commands[-1])
        self.assertIn("run.log", commands[-1])

    def test_runs_in_parallel_and_merges_the_reports(self):
        result = run(self.grid(), "--out", self.out, "--jobs", "2", "--command", self.stub())
        self.assertEqual(result.returncode, 0, result.stderr)
        results = os.path.join(self.out, "results.csv")
        self.assertEqual(result.stdout.strip(), results)
        rows = read_csv(results)
        self.assertEqual(list(rows[0]), ["run", "mxu.rows", "mxu.cols", "mesh.x", "mesh.y",
                                         "noc.link_bytes", "layer", "kind", "cycles"])
        self.assertEqual(len(rows), 12 * 2)  # a layer and the total per run
        for row in rows:
            expected = 1_000_000 // (int(row["mxu.rows"]) * int(row["mesh.x"]) * int(row["mesh.y"]))
            self.assertEqual(int(row["cycles"]), expected, row)
        self.assertTrue(os.path.isfile(os.path.join(self.out, "joblog.tsv")))

    def test_a_failed_run_is_named_and_the_others_merged(self):
        result = run(self.grid(), "--out", self.out, "--command",
                     self.stub("--fail-if", "mxu.rows=16"))
        self.assertEqual(result.returncode, 1)
        failed = [line for line in result.stderr.splitlines() if "wrote no report" in line]
        self.assertEqual(len(failed), 4)  # 16x16 with 2 meshes x 2 links
        self.assertIn("run.log", failed[0])
        rows = read_csv(os.path.join(self.out, "results.csv"))
        self.assertEqual(len(rows), 8 * 2)
        self.assertNotIn("16", {row["mxu.rows"] for row in rows})

    def test_slurm_job_array_runs_one_line_per_task(self):
        result = run(self.grid(), "--out", self.out, "--slurm", "--slurm-option=--time=0:10:00",
                     "--command", self.stub())
        self.assertEqual(result.returncode, 0, result.stderr)
        script = os.path.join(self.out, "sweep.slurm")
        with open(script, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("#SBATCH --array=1-12\n", text)
        self.assertIn("#SBATCH --time=0:10:00\n", text)
        self.assertFalse(os.path.exists(os.path.join(self.out, "results.csv")))
        for task in range(1, 13):  # as Slurm would, one task at a time
            subprocess.run(["bash", script], check=True,
                           env={**os.environ, "SLURM_ARRAY_TASK_ID": str(task)})
        merged = run("--merge", self.out)
        self.assertEqual(merged.returncode, 0, merged.stderr)
        self.assertEqual(len(read_csv(os.path.join(self.out, "results.csv"))), 24)

    def test_an_earlier_sweep_is_replaced_only_when_asked(self):
        args = [self.grid(), "--out", self.out, "--dry-run", "--command", self.stub()]
        self.assertEqual(run(*args).returncode, 0)
        again = run(*args)
        self.assertEqual(again.returncode, 2)
        self.assertIn("--force", again.stderr)
        self.assertEqual(run(*args, "--force").returncode, 0)
        os.makedirs(os.path.join(self.dir, "precious"))
        other = run(self.grid(), "--out", os.path.join(self.dir, "precious"), "--dry-run")
        self.assertEqual(other.returncode, 2)
        self.assertIn("not a sweep's directory", other.stderr)

    def test_bad_sweep_files_name_the_file_and_field(self):
        cases = [
            ({"array": {"mxu.rows": [8, 16], "mxu.cols": [8]}}, "parameters.array", "one length"),
            ({"noc.link_bytes": []}, "parameters.noc.link_bytes", "non-empty list"),
            ({"noc.link_bytes": 16}, "parameters.noc.link_bytes", "non-empty list"),
            ({"a": {"mesh.x": [1]}, "b": {"mesh.x": [2]}}, "parameters.b", "set twice"),
        ]
        for parameters, *parts in cases:
            result = run(self.sweep_file(parameters), "--out", self.out, "--dry-run")
            self.assertEqual(result.returncode, 2, parameters)
            for part in ["sweep.yaml", *parts]:
                self.assertIn(part, result.stderr, parameters)
        missing = self.write("missing.yaml", "scenario: nowhere.yaml\nparameters: {a: [1]}\n")
        result = run(missing, "--dry-run")
        self.assertEqual(result.returncode, 2)
        self.assertIn("missing.yaml: scenario: nowhere.yaml: no such file", result.stderr)
        unknown = self.write("unknown.yaml", "scenario: base.yaml\nparams: {a: [1]}\n")
        self.assertIn("params: unknown key", run(unknown, "--dry-run").stderr)
        self.assertEqual(run("--merge", self.dir).returncode, 2)

    @unittest.skipUnless(ESTIMATE, "SCENARIO_ESTIMATE (the analytic model's program) not set")
    def test_the_analytic_model_as_the_run_command(self):
        base = os.path.join(SOURCE, "scenarios", "noc-bound.yaml")
        sweep = self.write("links.yaml", f"scenario: {base}\n"
                           "parameters: {noc.link_bytes: [8, 16, 32, 64]}\n")
        command = f"{shlex.quote(ESTIMATE)} --scenario {{scenario}} --report-dir {{dir}}"
        result = run(sweep, "--out", self.out, "--command", command)
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = read_csv(os.path.join(self.out, "results.csv"))
        cycles = {int(row["noc.link_bytes"]): int(row["cycles"]) for row in rows
                  if row["layer"] == "total"}
        bounds = {int(row["noc.link_bytes"]): row["model_bound"] for row in rows
                  if row["layer"] != "total"}
        # Wider links help until the DRAM (128 B/cycle) or the compute bounds the layers.
        self.assertGreater(cycles[8], cycles[16])
        self.assertGreater(cycles[16], cycles[32])
        self.assertEqual(bounds[8], "noc")
        self.assertNotEqual(bounds[64], "noc")


if __name__ == "__main__":
    unittest.main()
