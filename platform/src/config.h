// PlatformConfig: every knob of the chip and the simulation with its default: the one place
// defaults live. YAML files (--config) and --set key=value override them through the schema
// in config.cpp, which also validates: an unknown key, a wrong type or an impossible value is
// a ConfigError naming the key and where it came from.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>

#include "mxu/dataflow.h"
#include "mxu/impl.h"

namespace tessera {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PlatformConfig {
  double clock_hz = 1e9;
  double timebase_hz = 100e6;  // CLINT mtime rate

  struct Mesh {
    uint32_t x = 2, y = 2;  // tiles; one RV32IMAC core each, plus the manager core (hart 0)
  } mesh;

  struct Tile {
    uint64_t sram_bytes = 512 * 1024;
    uint32_t sram_banks = 8;
    uint32_t sram_bank_width_bytes = 16;  // bytes one bank moves per cycle
    uint32_t sram_latency_cycles = 1;
  } tile;

  // Each tile's engines (docs/mxu.md).
  struct Mxu {
    uint32_t rows = 16, cols = 16;     // the systolic array: rows x cols int8 MACs
    uint32_t accumulator_rows = 1024;  // rows of int32 results the accumulators hold
    mxu::Dataflow dataflow = mxu::Dataflow::kWeightStationary;
    bool double_buffer_weights = true;  // the next fold loads while this one streams
    bool timing_only = false;           // skip the arithmetic (C is not written), keep the timing
    mxu::Impl impl = mxu::Impl::kTlm;   // every tile's GEMM core: tlm, rtl or lockstep
    std::string impl_tiles;             // per-tile overrides, "0:rtl,3:lockstep" (mxu_impl())
  } mxu;

  struct Vpu {
    uint32_t lanes = 16;  // elements per cycle
  } vpu;

  struct Dma {
    uint32_t burst_bytes = 256;     // the largest single read or write (the DRAM interleave)
    uint32_t max_outstanding = 16;  // bursts in flight at once
  } dma;

  struct Noc {
    uint32_t link_bytes = 32;  // bytes per cycle per link
    uint32_t router_latency_cycles = 2;
    uint32_t header_bytes = 8;  // a packet's header on the wire
  } noc;

  struct Dram {
    uint64_t size_bytes = 2ull << 30;  // backed lazily: costs only what is touched
    uint32_t channels = 2;
    uint64_t interleave_bytes = 256;
    double bytes_per_cycle = 16;  // per channel
    uint32_t latency_cycles = 100;
  } dram;

  struct Host {
    double dma_bytes_per_cycle = 16;    // the host link (PCIe-like)
    uint32_t dma_latency_cycles = 500;  // per device DMA transfer
  } host;

  struct Core {
    uint32_t mul_extra_cycles = 0;
    uint32_t div_extra_cycles = 32;
    uint32_t mmio_latency_cycles = 2;  // peripheral register access
    uint32_t bus_latency_cycles = 1;   // control-cluster bus decode
  } core;

  struct Sim {
    double quantum_ns = 1000;  // temporal decoupling: how far a hart may run ahead
    uint32_t decode_cache_entries = 1u << 15;
    bool dmi = true;                // false: every core access takes the timed path
    bool sync_on_mmio = true;       // a hart syncs with SystemC before each non-DMI access
    uint64_t max_instructions = 0;  // per hart; 0: unlimited
    double timeout_s = 0;           // wall clock; 0: unlimited
    double max_time_ns = 0;         // simulated time; 0: unlimited
  } sim;

  uint32_t num_tiles() const { return mesh.x * mesh.y; }
  uint32_t num_harts() const { return num_tiles() + 1; }
};

// Applies a YAML file's keys (nested maps, e.g. `noc: {link_bytes: 16}`). On an error the
// configuration is left unchanged.
void apply_config_file(PlatformConfig& config, const std::string& path);
// Applies one `key=value` (dotted key, YAML scalar value); `origin` names it in errors.
void apply_override(PlatformConfig& config, const std::string& assignment,
                    const std::string& origin = "--set");
// Tile `tile`'s mxu.impl: its entry in mxu.impl_tiles, else mxu.impl. Throws ConfigError
// when mxu.impl_tiles is not a list of `<tile>:<impl>`.
mxu::Impl mxu_impl(const PlatformConfig& config, uint32_t tile);
// Checks relations between keys (e.g. banks divide the SRAM); throws ConfigError.
void validate(const PlatformConfig& config, const std::string& origin);
// The effective configuration as YAML, every key with its value.
void print_config(const PlatformConfig& config, std::ostream& out);

}  // namespace tessera
