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

namespace {
sc_core::sc_time register_latency(const PlatformConfig& config) {
  return clock_period(config) * static_cast<double>(config.core.mmio_latency_cycles);
}
}  // namespace

MxuConfig mxu_config(const PlatformConfig& config, ScratchpadEngine::Window scratchpad) {
  MxuConfig mxu;
  mxu.rows = config.mxu.rows;
  mxu.cols = config.mxu.cols;
  mxu.accumulator_rows = config.mxu.accumulator_rows;
  mxu.dataflow = config.mxu.dataflow;
  mxu.double_buffer_weights = config.mxu.double_buffer_weights;
  mxu.timing_only = config.mxu.timing_only;
  mxu.scratchpad = scratchpad;
  // A read of one row per bank: the scratchpad's zero-load time, rows + latency (docs/noc.md).
  mxu.sram_access_cycles = 1 + config.tile.sram_latency_cycles;
  mxu.sram_row_bytes = config.tile.sram_bank_width_bytes;
  mxu.clock_period = clock_period(config);
  mxu.register_latency = register_latency(config);
  return mxu;
}

VpuConfig vpu_config(const PlatformConfig& config, ScratchpadEngine::Window scratchpad) {
  VpuConfig vpu;
  vpu.lanes = config.vpu.lanes;
  vpu.scratchpad = scratchpad;
  vpu.clock_period = clock_period(config);
  vpu.register_latency = register_latency(config);
  return vpu;
}

DmaConfig dma_config(const PlatformConfig& config) {
  DmaConfig dma;
  dma.burst_bytes = config.dma.burst_bytes;
  dma.max_outstanding = config.dma.max_outstanding;
  dma.clock_period = clock_period(config);
  dma.register_latency = register_latency(config);
  return dma;
}

}  // namespace tessera
