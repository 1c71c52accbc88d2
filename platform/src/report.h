// Report: what a scenario run measured, per layer and in total, with the machine and the
// configuration it ran on; printed as a text table and written as report.json and report.csv
// (docs/scenarios.md describes both files; scripts/plot and scripts/sweep read them).
//
// A run fills one LayerResult per layer it executed: the simulator's cycles, bytes and stall
// cycles, next to the analytic model's estimate (model_cycles) for comparison.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "config_entries.h"
#include "layer_model.h"

namespace tessera {

enum class RunMode {
  kFunctional,  // real data through the model: outputs can be checked
  kTimingOnly,  // only the timing is modelled: no data are computed
  kAnalytic,    // nothing simulated: every number is the analytic model's
};
const char* run_mode_name(RunMode mode);  // "functional", "timing-only", "analytic"
std::optional<RunMode> parse_run_mode(std::string_view name);

// Cycles the layer's engines waited, summed over the tiles that ran it, by what they waited
// for (docs/scenarios.md).
struct StallCycles {
  uint64_t dma = 0;         // a DMA transfer the engine needs has not completed
  uint64_t noc = 0;         // NoC link contention beyond the zero-load latency
  uint64_t dram = 0;        // DRAM channel queueing and latency
  uint64_t sram_banks = 0;  // scratchpad bank conflicts
  uint64_t total() const { return dma + noc + dram + sram_banks; }
  StallCycles& operator+=(const StallCycles& other);
};

struct LayerResult {
  std::string name, kind, shape;
  uint64_t cycles = 0;  // from the layer's start to its end
  // The busiest tile's matrix engine computing: its busy cycles less its scratchpad stalls,
  // what the systolic-array formula of docs/mxu.md gives for the descriptors it ran.
  uint64_t compute_cycles = 0;
  uint64_t mxu_descriptors = 0;  // GEMM descriptors the matrix engines ran, over all tiles
  uint64_t macs = 0;
  uint64_t dram_bytes = 0;  // read and written by the layer
  uint64_t noc_bytes = 0;   // on the wire, headers included
  StallCycles stalls;
  uint64_t model_cycles = 0;  // the analytic estimate (0: none, e.g. an op the model lacks)
  std::string model_bound;    // what bounds the estimate: "compute", "dram", "noc" (or "")
};

struct Report {
  std::string scenario;  // the scenario's name
  RunMode mode = RunMode::kTimingOnly;
  Machine machine;
  ConfigEntries config;
  std::vector<LayerResult> layers;

  LayerResult totals() const;  // sums; the layers run one after another
  // MACs per cycle over the chip's peak, in [0, 1]; 0 for a layer of no cycles.
  double utilization(const LayerResult& layer) const;
};

// A layer's static facts (name, kind, shape, MACs) and the model's estimate; the run adds the
// measured numbers.
LayerResult layer_result(const Layer& layer, const Machine& machine);
// Every number from the model: the report of a run that simulates nothing.
Report analytic_report(const std::string& scenario, const std::vector<Layer>& layers,
                       const Machine& machine, ConfigEntries config);

void write_text(const Report& report, std::ostream& out);
void write_json(const Report& report, std::ostream& out);
void write_csv(const Report& report, std::ostream& out);
// Writes dir/report.json and dir/report.csv, creating dir; throws std::runtime_error naming
// the file that cannot be written.
void write_report_files(const Report& report, const std::string& dir);

}  // namespace tessera
