#include "chip_counters.h"

#include <algorithm>

#include "block_configs.h"
#include "soc.h"

namespace tessera {

ChipCounters read_counters(const Soc& soc) {
  const PlatformConfig& config = soc.config();
  const uint64_t ticks_per_cycle = clock_period(config).value();
  ChipCounters c;
  c.cycle = sc_core::sc_time_stamp().value() / ticks_per_cycle;
  for (uint32_t t = 0; t < config.num_tiles(); ++t) {
    const MxuStatistics& mxu = soc.mxu(t).statistics();
    c.tiles.push_back(
        {soc.mxu(t).busy_cycles(), mxu.macs, soc.mxu(t).completed(),
         mxu.stall_weights_cycles + mxu.stall_operands_cycles + mxu.stall_output_cycles,
         soc.dma(t).busy_cycles(), soc.dma(t).statistics().bytes, soc.vpu(t).busy_cycles()});
  }
  const Dram& dram = soc.dram();
  for (unsigned ch = 0; ch < dram.config().channels; ++ch) {
    c.dram_bytes += dram.channel(ch).bytes;
    c.dram_wait_cycles += dram.channel(ch).timeline.waited_ticks() / ticks_per_cycle;
  }
  const MeshNetwork& network = soc.mesh().network();
  for (unsigned n = 0; n < network.nodes(); ++n) {
    c.noc_bytes += network.link(network.node(n), MeshNetwork::kInject).bytes;
    for (unsigned port = 0; port < MeshNetwork::kPorts; ++port)
      c.noc_wait_cycles +=
          network.link(network.node(n), MeshNetwork::Port(port)).timeline.waited_ticks() /
          ticks_per_cycle;
  }
  return c;
}

CounterDelta counter_delta(const ChipCounters& before, const ChipCounters& after, uint64_t cycles) {
  CounterDelta d;
  for (size_t t = 0; t < after.tiles.size(); ++t) {
    const ChipCounters::Tile &a = after.tiles[t], &b = before.tiles[t];
    const uint64_t busy = a.mxu_busy_cycles - b.mxu_busy_cycles;
    if (busy == 0) continue;
    ++d.tiles_used;
    d.macs += a.macs - b.macs;
    const uint64_t sram_stalls = a.mxu_sram_stall_cycles - b.mxu_sram_stall_cycles;
    d.stalls.sram_banks += sram_stalls;
    d.compute_cycles = std::max(d.compute_cycles, busy - sram_stalls);
    // The engine's COMPLETED register: 32 bits that wrap.
    d.mxu_descriptors += static_cast<uint32_t>(a.mxu_descriptors - b.mxu_descriptors);
    // The rest of the layer the array sat idle: its tile was moving data (or deciding what to
    // move next) rather than computing.
    if (cycles > busy) d.stalls.dma += cycles - busy;
  }
  d.dram_bytes = after.dram_bytes - before.dram_bytes;
  d.noc_bytes = after.noc_bytes - before.noc_bytes;
  d.stalls.dram = after.dram_wait_cycles - before.dram_wait_cycles;
  d.stalls.noc = after.noc_wait_cycles - before.noc_wait_cycles;
  return d;
}

}  // namespace tessera
