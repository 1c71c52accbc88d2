// Mxu: a tile's matrix engine, an R x C systolic array of int8 x int8 MACs with int32
// accumulators, weight-stationary or output-stationary (docs/mxu.md).
//
// Sockets: `socket`, the registers and descriptor queue of tessera/hw/mxu_regs.h; `memory`, an
// initiator bound to the tile's scratchpad, where the descriptors and every operand are.
// Interrupt: the IrqLine (PLIC_SOURCE_MXU(t)), as engine_regs.h describes.
// Function: a GEMM is computed when its descriptor starts, by a host kernel (gemm_kernel.h)
// over the scratchpad's DMI pointer; each result row is written through `memory` at the cycle
// it leaves the array. With timing_only nothing is computed and C is left as it was (the
// writes' bank time is booked with reads of the same bytes).
// Timing: systolic_timing.h, every operand row a timed access of the scratchpad's banks, so
// bank conflicts and bandwidth, and other initiators' traffic, stall the array.
// GEMM cores (impl, gemm_core.h): with mxu::Impl::kRtl a GemmCore (the Verilated array)
// computes the raw product A x B and its cycles time the descriptor; with kLockstep the core
// (TLM and RTL compared) computes it and the TLM timing above stands. Either way the MXU reads
// the operands, removes the zero points, accumulates into C and writes C back.
// Statistics: statistics(), report(), and the MXU_STAT_* registers.
// Trace: a "gemm" slice per descriptor (command_engine.h) with m, n, k, macs and the
// descriptor's stall_cycles (weights, operands and output together).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "common/command_engine.h"
#include "gemm_core.h"
#include "impl.h"
#include "systolic_timing.h"
#include "tessera/hw/mxu_regs.h"

namespace tessera {

struct MxuConfig {
  unsigned rows = 0, cols = 0;    // 1..1024 each
  unsigned accumulator_rows = 0;  // rows of C the accumulators hold (weight-stationary)
  mxu::Dataflow dataflow = mxu::Dataflow::kWeightStationary;
  bool double_buffer_weights = false;
  bool timing_only = false;
  mxu::Impl impl = mxu::Impl::kTlm;
  ScratchpadEngine::Window scratchpad{};  // the tile's scratchpad, in global addresses
  unsigned sram_access_cycles = 0;        // zero-load scratchpad read of a row per bank (>= 1)
  unsigned sram_row_bytes = 0;            // a bank's row: what the A feeders fetch at once (OS)
  sc_core::sc_time clock_period, register_latency;
};

// The array's timing parameters (systolic_timing.h) of an MXU so configured.
mxu::ArrayTiming array_timing(const MxuConfig& config);

struct MxuStatistics {
  uint64_t macs = 0;
  uint64_t compute_cycles = 0, load_cycles = 0, fill_drain_cycles = 0;
  uint64_t stall_weights_cycles = 0, stall_operands_cycles = 0, stall_output_cycles = 0;
};

class Mxu : public ScratchpadEngine {
 public:
  // What the MXU does when a core fails (a lockstep mismatch): stop the run with the message.
  using CoreFailure = std::function<void(const std::string& message)>;

  // Throws std::invalid_argument naming the first impossible setting. `core` (not owned) and
  // `on_failure` are needed exactly when config.impl is not kTlm.
  Mxu(sc_core::sc_module_name name, const MxuConfig& config, IrqLine irq, GemmCore* core = nullptr,
      CoreFailure on_failure = {});

  const MxuStatistics& statistics() const { return stats_; }
  // MACs done over the MACs the array could have done in its busy cycles.
  double utilization() const;
  // `key: value` lines, keys prefixed with the module name.
  void report(std::ostream& out) const;

 private:
  class Port;

  // Where a GEMM's operands are in the scratchpad (A's rows in a_rows_), and its dataflow.
  struct Operands {
    uint64_t b = 0, c = 0, zero_points = 0;
    mxu::Dataflow dataflow = mxu::Dataflow::kWeightStationary;
  };

  Outcome execute(const uint8_t* bytes, const Slot& slot) override;
  std::string_view describe(const uint8_t* bytes, const Outcome& outcome,
                            TraceArgs& args) const override;
  // Checks the descriptor and finds its operands; returns ENGINE_ERR_NONE or the error, with
  // `fault` the address at fault for ENGINE_ERR_ADDRESS.
  uint32_t locate(const mxu_gemm_desc_t& d, Operands& at, uint32_t& fault);
  // The GEMM's C into results_, by the host kernel (kTlm) or the core; false when the core
  // failed (on_failure_ has been told).
  // `core_cycles` gets the core's cycles.
  bool compute(const mxu_gemm_desc_t& d, const Operands& at, const Slot& slot,
               uint64_t& core_cycles);
  // The raw product A x B on the core, then the zero points taken off it, into results_.
  GemmOutcome run_core(const mxu_gemm_desc_t& d, const Operands& at, const Slot& slot);
  std::vector<int32_t> b_zero_points(const mxu_gemm_desc_t& d, const Operands& at);
  // kRtl: the descriptor's end from the core's cycles, C written through DMI.
  CommandEngine::Outcome finish_on_core(const mxu_gemm_desc_t& d, const Operands& at,
                                        const Slot& slot, uint64_t core_cycles);
  bool read_unit(uint64_t offset, unsigned length, uint64_t& value) override;
  void clear_unit_statistics() override { stats_ = MxuStatistics{}; }
  std::array<uint64_t, 7> counter_registers() const;  // in MXU_STAT_* order

  MxuConfig config_;
  GemmCore* core_;
  CoreFailure on_failure_;
  mxu::ArrayTiming array_;
  MxuStatistics stats_;
  uint64_t last_stall_cycles_ = 0;  // of the latest descriptor that ran, for its trace slice
  std::vector<uint64_t> a_rows_;    // scratchpad offsets of the current GEMM's A rows
  std::vector<int32_t> results_;    // its C, row-major, written out as rows leave the array
  uint32_t result_cols_ = 0;
  std::vector<uint8_t> scratch_;  // where timing-only reads land
};

}  // namespace tessera
