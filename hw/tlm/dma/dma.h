// Dma: a tile's DMA engine: 2-D strided copies between any two global addresses (its own
// scratchpad, another tile's, device DRAM), descriptors chained in lists
// (tessera/hw/dma_regs.h).
//
// Sockets: `socket`, the registers and descriptor queue of tessera/hw/dma_regs.h; `memory`, an
// initiator bound to the tile's bus, so its own scratchpad is local and every other address
// crosses the mesh: NoC links, DRAM channels and remote scratchpad banks time it.
// Interrupt: the IrqLine (PLIC_SOURCE_DMA(t)), as engine_regs.h describes.
// Function and timing: each row is cut into bursts of at most burst_bytes; a burst is a timed
// read, then a timed write of the data read, issued when the read's data is back. Bursts are
// issued one per cycle while fewer than max_outstanding are in flight; a descriptor completes
// when its last write does, and the next descriptor of a chain is then fetched (a timed read).
// An error response stops the chain with ENGINE_ERR_ADDRESS once the bursts in flight are done.
// Statistics: statistics(), report(), and the DMA_STAT_* registers.
// Trace: descriptors run one after another, so one track holds them (command_engine.h): a
// "copy" slice per descriptor with bytes, shape ("WIDTHxHEIGHT"), src and dst; a chain is a
// "chain" slice holding a "copy" slice per descriptor, from its arrival to its last write.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "common/command_engine.h"
#include "tessera/hw/dma_regs.h"

namespace tessera {

struct DmaConfig {
  unsigned burst_bytes = 0;      // 1..65536
  unsigned max_outstanding = 0;  // 1..1024
  sc_core::sc_time clock_period, register_latency;
};

struct DmaStatistics {
  uint64_t bytes = 0, bursts = 0, descriptors = 0;
};

class Dma : public CommandEngine {
 public:
  // Throws std::invalid_argument naming the first impossible setting.
  Dma(sc_core::sc_module_name name, const DmaConfig& config, IrqLine irq);

  const DmaStatistics& statistics() const { return stats_; }
  void report(std::ostream& out) const;

 private:
  Outcome execute(const uint8_t* bytes, const Slot& slot) override;
  std::string_view describe(const uint8_t* bytes, const Outcome& outcome,
                            TraceArgs& args) const override;
  static TraceArgs copy_args(const dma_desc_t& d);
  bool read_unit(uint64_t offset, unsigned length, uint64_t& value) override;
  void clear_unit_statistics() override { stats_ = DmaStatistics{}; }
  // One descriptor's copy from `start`.
  Outcome copy(const dma_desc_t& d, Cycle start);

  DmaConfig config_;
  DmaStatistics stats_;
  std::vector<uint8_t> buffer_;  // a burst's data between its read and its write
};

}  // namespace tessera
