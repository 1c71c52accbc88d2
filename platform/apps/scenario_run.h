// tessera-vp --scenario: runs a scenario's workload on the chip (docs/scenarios.md) and writes
// what it measured: the report (text on `out`, DIR/report.json, DIR/report.csv), the trace
// (DIR/trace.json), the configuration it ran (DIR/config.yaml) and the firmware's console
// (DIR/uart.log).
//
// Synthetic layers run as the runtime firmware's GEMM_I8 and CONV_I8 ops through the host
// driver, one command list per layer; an ONNX model runs through the driver's device backend,
// one row per node the device ran; a firmware workload is one row. Each row's cycles are what
// the device measured; its bytes and stalls are differences of the chip's counters
// (chip_counters.h) read before and after it.
#pragma once

#include <ostream>
#include <string>

#include "scenario.h"

namespace tessera {

struct ScenarioRunOptions {
  std::string report_dir;
  bool trace = true;  // write DIR/trace.json
};

// The process's exit code: 0, 1 when a functional run's outputs differ from the host
// reference, or the firmware's (firmware workloads). Throws ScenarioError for a workload the
// chip cannot run, std::runtime_error for a file that cannot be written.
int run_scenario(const Scenario& scenario, const ScenarioRunOptions& options, std::ostream& out);

}  // namespace tessera
