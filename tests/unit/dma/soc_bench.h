// The assembled chip for the engine tests that need more than one block: harts stay in reset,
// the test writes memory and engine registers through the Soc's debug path (the control bus,
// then the mesh, as the manager core would) and runs simulated time.
#pragma once

#include <cstdint>
#include <sstream>
#include <systemc>
#include <vector>

#include "soc.h"
#include "tessera/hw/engine_regs.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/plic_regs.h"

namespace tessera::testing {

class SocBench {
 public:
  explicit SocBench(const PlatformConfig& config = PlatformConfig{}) : soc(config, uart) {}

  void put(uint32_t address, const void* data, std::size_t bytes) {
    soc.write_memory(address, data, static_cast<uint32_t>(bytes));
  }
  void get(uint32_t address, void* data, std::size_t bytes) {
    soc.read_memory(address, data, static_cast<uint32_t>(bytes));
  }
  template <typename T>
  void put_vector(uint32_t address, const std::vector<T>& v) {
    put(address, v.data(), v.size() * sizeof(T));
  }
  template <typename T>
  std::vector<T> get_vector(uint32_t address, std::size_t count) {
    std::vector<T> v(count);
    soc.read_memory(address, v.data(), static_cast<uint32_t>(count * sizeof(T)));
    return v;
  }
  uint32_t word(uint32_t address) {
    uint32_t v = 0;
    soc.read_memory(address, &v, 4);
    return v;
  }
  void set_word(uint32_t address, uint32_t value) { soc.write_memory(address, &value, 4); }

  // An engine's register: `engine` is TESSERA_TILE_MXU_OFFSET, _VPU_ or _DMA_.
  uint32_t reg(uint32_t tile, uint32_t engine, uint32_t offset) {
    return word(TESSERA_TILE_ADDR(tile) + engine + offset);
  }
  void set_reg(uint32_t tile, uint32_t engine, uint32_t offset, uint32_t value) {
    set_word(TESSERA_TILE_ADDR(tile) + engine + offset, value);
  }
  bool plic_pending(unsigned source) {
    return (word(TESSERA_PLIC_BASE + PLIC_PENDING(source / 32)) >> (source % 32)) & 1;
  }
  void run() { sc_core::sc_start(); }

  std::ostringstream uart;
  Soc soc;
};

}  // namespace tessera::testing
