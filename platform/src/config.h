// PlatformConfig: every knob of the chip and the simulation, with its default. This is the one
// place defaults live; the command line and scenario files only override them.
#pragma once

#include <cstdint>

namespace tessera {

struct PlatformConfig {
  // Chip
  uint32_t num_harts = 1;
  double clock_hz = 1e9;
  double timebase_hz = 100e6;      // CLINT mtime rate
  uint64_t dram_size = 2ull << 30;  // backed lazily: costs only what firmware touches
  uint32_t dram_latency_cycles = 60;
  uint32_t mmio_latency_cycles = 2;
  uint32_t bus_latency_cycles = 1;
  uint32_t mul_extra_cycles = 0;
  uint32_t div_extra_cycles = 32;

  // Simulation
  double quantum_ns = 1000;  // temporal decoupling: how far a hart may run ahead
  uint32_t decode_cache_entries = 1u << 15;
  uint64_t max_instructions = 0;  // per hart; 0: unlimited
  double timeout_s = 0;           // wall clock; 0: unlimited
};

}  // namespace tessera
