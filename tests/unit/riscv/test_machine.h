// TestMachine: a Core on a flat memory, no SystemC, for instruction-level unit tests.
// Memory at kRamBase is DMI-backed; [kMmioBase, kMmioBase + 0x1000) answers through
// transport() (a register file that records accesses); everything else is a bus error.
#pragma once

#include <cstring>
#include <initializer_list>
#include <vector>

#include "riscv/core.h"
#include "riscv/isa.h"
#include "riscv/isa/encoding.h"

namespace tessera::riscv::testing {

class TestMachine : public BusPort {
 public:
  static constexpr uint32_t kRamBase = 0x80000000u, kRamSize = 1u << 20;
  static constexpr uint32_t kMmioBase = 0x10000000u, kMmioSize = 0x1000;
  static constexpr uint32_t kMmioLatency = 5;

  explicit TestMachine(CoreConfig config = {}) : ram(kRamSize), mmio(kMmioSize) {
    config.reset_pc = kRamBase;
    config.decode_cache_entries = 1024;
    core = std::make_unique<Core>(config, *this);
  }

  // Places 32-bit instructions at `at` (default: the reset pc).
  void program(std::initializer_list<uint32_t> words, uint32_t at = kRamBase) {
    for (uint32_t w : words) {
      poke32(at, w);
      at += 4;
    }
  }
  // Places 16-bit (compressed) instructions.
  void program16(std::initializer_list<uint16_t> halves, uint32_t at = kRamBase) {
    for (uint16_t h : halves) {
      std::memcpy(&ram[at - kRamBase], &h, 2);
      at += 2;
    }
  }
  void poke32(uint32_t addr, uint32_t v) { std::memcpy(&ram[addr - kRamBase], &v, 4); }
  uint32_t peek32(uint32_t addr) const {
    uint32_t v;
    std::memcpy(&v, &ram[addr - kRamBase], 4);
    return v;
  }
  // Runs exactly n instructions' worth of cycles (one per instruction, no stalls assumed).
  void step(uint64_t n = 1) { core->run(n); }

  bool transport(bool write, uint32_t addr, void* data, unsigned len, uint64_t,
                 uint64_t& latency) override {
    ++transports;
    if (addr - kMmioBase < kMmioSize && addr - kMmioBase + len <= kMmioSize) {
      uint8_t* reg = &mmio[addr - kMmioBase];
      write ? std::memcpy(reg, data, len) : std::memcpy(data, reg, len);
      latency += kMmioLatency;
      return true;
    }
    return false;
  }
  DmiGrant request_dmi(uint32_t addr, bool) override {
    if (!dmi_enabled || addr - kRamBase >= kRamSize) return {};
    return {kRamBase, kRamSize, ram.data(), true};
  }
  uint64_t read_time(uint64_t offset_cycles) override { return time_base + offset_cycles; }

  std::vector<uint8_t> ram, mmio;
  std::unique_ptr<Core> core;
  bool dmi_enabled = true;
  uint64_t time_base = 1000;
  unsigned transports = 0;
};

}  // namespace tessera::riscv::testing
