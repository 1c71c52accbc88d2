// Vpu: a tile's vector post-processing unit: bias add and per-channel requantization, quantized
// element-wise add, max and average pooling, with ReLU/clamp and int8/uint8 saturation
// (tessera/hw/vpu_regs.h has the operations; vpu_kernels.h their arithmetic).
//
// Sockets: `socket`, the registers and descriptor queue of tessera/hw/vpu_regs.h; `memory`, an
// initiator bound to the tile's scratchpad, where descriptors and tensors are.
// Interrupt: the IrqLine (PLIC_SOURCE_VPU(t)), as engine_regs.h describes.
// Function: an operation is computed when its descriptor starts, from the scratchpad's DMI
// pointer; each output row is written through `memory` when the lanes finish it.
// Timing: rows stream through read, compute and write with a row buffered between stages: a
// row's reads are issued when the previous row starts computing (the first row's with the
// descriptor, the requantization parameters with it), the lanes take
// ceil(elements / lanes) cycles per row (a pooling element costs its window's cells), and a
// row is written when computed. Reads and writes are timed scratchpad accesses (banks,
// contention); the descriptor completes when its last write is done. docs/mxu.md, "VPU".
// Statistics: statistics(), report(), and the VPU_STAT_* registers.
// Trace: a slice per descriptor (command_engine.h) named by its operation: "requantize" (rows,
// channels), "add" (rows, cols), "maxpool" or "avgpool" (in_height, in_width, channels,
// window and stride as "HxW").
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <vector>

#include "common/command_engine.h"

namespace tessera {

struct VpuConfig {
  unsigned lanes = 0;  // elements per cycle, 1..4096
  ScratchpadEngine::Window scratchpad{};
  sc_core::sc_time clock_period, register_latency;
};

struct VpuStatistics {
  uint64_t elements = 0;
  uint64_t compute_cycles = 0, stall_cycles = 0;
};

class Vpu : public ScratchpadEngine {
 public:
  // Throws std::invalid_argument naming the first impossible setting.
  Vpu(sc_core::sc_module_name name, const VpuConfig& config, IrqLine irq);

  const VpuStatistics& statistics() const { return stats_; }
  void report(std::ostream& out) const;

 private:
  // A run of bytes in the scratchpad (an offset).
  struct Span {
    uint64_t offset;
    uint32_t bytes;
  };
  // One output row's traffic and work.
  struct RowJob {
    uint32_t first_read, reads;  // in reads_
    uint64_t elements;
    Span out;
  };

  Outcome execute(const uint8_t* bytes, const Slot& slot) override;
  std::string_view describe(const uint8_t* bytes, const Outcome& outcome,
                            TraceArgs& args) const override;
  bool read_unit(uint64_t offset, unsigned length, uint64_t& value) override;
  void clear_unit_statistics() override { stats_ = VpuStatistics{}; }

  // Each builds the output in out_ (row r at r * out_row_bytes_) and the jobs, or fails.
  Outcome requantize(const uint8_t* bytes, Cycle start);
  Outcome add(const uint8_t* bytes, Cycle start);
  Outcome pool(const uint8_t* bytes, Cycle start);
  // Adds a row job whose reads are those appended to reads_ from `first_read` on.
  void add_job(std::size_t first_read, uint64_t elements, Span out);
  // Streams the jobs through the lanes from `start`; returns the cycle the last write is done.
  Cycle stream(Cycle start);

  VpuConfig config_;
  VpuStatistics stats_;
  std::vector<RowJob> jobs_;
  std::vector<Span> reads_;
  std::vector<uint8_t> out_;
  uint32_t out_row_bytes_ = 0;
  std::vector<uint8_t> scratch_;  // where reads land: the data itself comes through DMI
};

}  // namespace tessera
