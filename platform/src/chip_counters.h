// ChipCounters: the chip's cumulative activity counters read at one moment, so that a run can
// say what happened between two moments (a layer of a scenario: docs/scenarios.md, "Reports").
// Every counter only grows; the difference of two snapshots is the activity in between.
#pragma once

#include <cstdint>
#include <vector>

#include "report.h"

namespace tessera {

class Soc;

struct ChipCounters {
  uint64_t cycle = 0;  // simulated time in clock cycles

  struct Tile {
    uint64_t mxu_busy_cycles = 0, macs = 0, mxu_descriptors = 0;
    uint64_t mxu_sram_stall_cycles = 0;  // the array waited on scratchpad banks
    uint64_t dma_busy_cycles = 0, dma_bytes = 0;
    uint64_t vpu_busy_cycles = 0;
  };
  std::vector<Tile> tiles;

  uint64_t dram_bytes = 0;
  uint64_t dram_wait_cycles = 0;  // accesses queued behind others on their channel, summed
  uint64_t noc_bytes = 0;         // injected into the mesh: packets with their headers
  uint64_t noc_wait_cycles = 0;   // packets queued behind others on a link, summed over links
};

// Reads every counter; call inside the simulation (Device::inspect) or while it is stopped.
ChipCounters read_counters(const Soc& soc);

// What happened between `before` and `after` over a span of `cycles`, in a report's terms:
// DRAM and NoC bytes and the stall cycles by cause (docs/scenarios.md defines each).
struct CounterDelta {
  uint64_t macs = 0;
  uint64_t compute_cycles = 0;  // the busiest tile's array: busy less scratchpad stalls
  uint64_t mxu_descriptors = 0;
  uint64_t dram_bytes = 0, noc_bytes = 0;
  StallCycles stalls;
  uint32_t tiles_used = 0;  // tiles whose matrix engine did work
};
CounterDelta counter_delta(const ChipCounters& before, const ChipCounters& after, uint64_t cycles);

}  // namespace tessera
