#include "block_configs.h"

namespace tessera {

sc_core::sc_time clock_period(const PlatformConfig& config) {
  return sc_core::sc_time(1.0 / config.clock_hz, sc_core::SC_SEC);
}

NocConfig noc_config(const PlatformConfig& config) {
  NocConfig noc;
  noc.mesh_x = config.mesh.x;
  noc.mesh_y = config.mesh.y;
  noc.link_bytes = config.noc.link_bytes;
  noc.router_latency_cycles = config.noc.router_latency_cycles;
  noc.header_bytes = config.noc.header_bytes;
  noc.clock_period = clock_period(config);
  return noc;
}

DramConfig dram_config(const PlatformConfig& config) {
  DramConfig dram;
  dram.size_bytes = config.dram.size_bytes;
  dram.channels = config.dram.channels;
  dram.interleave_bytes = config.dram.interleave_bytes;
  dram.bytes_per_cycle = config.dram.bytes_per_cycle;
  dram.latency_cycles = config.dram.latency_cycles;
  dram.clock_period = clock_period(config);
  return dram;
}

ScratchpadConfig scratchpad_config(const PlatformConfig& config) {
  ScratchpadConfig sram;
  sram.size_bytes = config.tile.sram_bytes;
  sram.banks = config.tile.sram_banks;
  sram.bank_width_bytes = config.tile.sram_bank_width_bytes;
  sram.latency_cycles = config.tile.sram_latency_cycles;
  sram.clock_period = clock_period(config);
  return sram;
}

}  // namespace tessera
