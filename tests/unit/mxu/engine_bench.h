// A tile's scratchpad with one engine on it (an MXU or a VPU), its registers driven by a test
// initiator: the bench of the MXU and VPU tests. Addresses are global: the scratchpad sits at
// kBase, as tile 0's does in the chip. The engine's configuration comes from PlatformConfig, so
// the tests run with the chip's defaults unless they change a key.
#pragma once

#include <cstdint>
#include <cstring>
#include <systemc>
#include <tlm>
#include <utility>
#include <vector>

#include "../tlm/tlm_test_util.h"
#include "block_configs.h"
#include "tessera/hw/engine_regs.h"
#include "tessera/hw/memory_map.h"

namespace tessera::testing {

template <typename Engine>
class EngineBench {
 public:
  static constexpr uint32_t kBase = TESSERA_TILE_ADDR(0);

  // `make_config(platform, window)` is mxu_config or vpu_config; `engine_args` follow the
  // interrupt line in the engine's constructor (an MXU's GEMM core).
  template <typename MakeConfig, typename... EngineArgs>
  EngineBench(const PlatformConfig& platform, MakeConfig make_config, EngineArgs&&... engine_args)
      : sram("sram", scratchpad_config(platform)),
        engine(
            "engine", make_config(platform, {kBase, platform.tile.sram_bytes}),
            [this](bool level) {
              irq_level = level;
              ++irq_edges;
            },
            std::forward<EngineArgs>(engine_args)...),
        regs("regs"),
        loader("loader") {
    tlm::tlm_global_quantum::instance().set(
        sc_core::sc_time(platform.sim.quantum_ns, sc_core::SC_NS));
    engine.memory.bind(sram.socket);
    regs.socket.bind(engine.socket);
    loader.socket.bind(sram.socket);
    elaborate();
  }

  void put(uint32_t address, const void* data, std::size_t bytes) {
    loader.debug(true, address - kBase, const_cast<void*>(data), static_cast<unsigned>(bytes));
  }
  void get(uint32_t address, void* data, std::size_t bytes) {
    loader.debug(false, address - kBase, data, static_cast<unsigned>(bytes));
  }
  template <typename T>
  void put_vector(uint32_t address, const std::vector<T>& v) {
    put(address, v.data(), v.size() * sizeof(T));
  }

  uint32_t reg(uint32_t offset) { return static_cast<uint32_t>(regs.read(offset, 4)); }
  uint64_t counter(uint32_t offset) { return regs.read(offset, 8); }
  tlm::tlm_response_status set_reg(uint32_t offset, uint32_t value) {
    return regs.write(offset, value, 4);
  }

  // A ring of `entries` descriptors of `descriptor_bytes` at `ring`.
  void setup_queue(uint32_t ring, uint32_t entries, uint32_t descriptor_bytes) {
    ring_ = ring;
    entries_ = entries;
    descriptor_bytes_ = descriptor_bytes;
    tail_ = 0;
    set_reg(ENGINE_QUEUE_BASE, ring);
    set_reg(ENGINE_QUEUE_ENTRIES, entries);
  }
  // Writes a descriptor into the next slot and rings the doorbell.
  template <typename Descriptor>
  void submit(const Descriptor& d) {
    put(ring_ + tail_ * descriptor_bytes_, &d, sizeof d);
    tail_ = (tail_ + 1) % entries_;
    set_reg(ENGINE_QUEUE_TAIL, tail_);
  }
  // Runs until the engine has nothing left to do.
  void run() { sc_core::sc_start(); }

  Scratchpad sram;
  Engine engine;
  TestInitiator regs, loader;
  bool irq_level = false;
  unsigned irq_edges = 0;

 private:
  uint32_t ring_ = 0, entries_ = 1, descriptor_bytes_ = 0, tail_ = 0;
};

}  // namespace tessera::testing
