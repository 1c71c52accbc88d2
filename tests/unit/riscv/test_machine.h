// TestMachine: a Core on a flat memory, no SystemC, for instruction-level unit tests.
// Memory at kRamBase is DMI-backed (unless dmi_enabled is false); [kMmioBase, kMmioBase +
// kMmioSize) answers through transport() (a register file that records accesses) with
// kMmioLatency cycles of latency; everything else is a bus error.
// mtvec starts at kTrapHandler (direct mode), where a wfi waits: a trap ends run_to_wfi().
#pragma once

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <sstream>
#include <vector>

#include "riscv/core.h"
#include "riscv/csr.h"
#include "riscv/isa.h"
#include "riscv/isa/encoding.h"

namespace tessera::riscv::testing {

class TestMachine : public BusPort {
 public:
  static constexpr uint32_t kRamBase = 0x80000000u, kRamSize = 1u << 20;
  static constexpr uint32_t kMmioBase = 0x10000000u, kMmioSize = 0x1000;
  static constexpr uint32_t kMmioLatency = 5;
  // Where tests put data, and where traps go: both well clear of the programs at kRamBase.
  static constexpr uint32_t kData = kRamBase + 0x40000;
  static constexpr uint32_t kTrapHandler = kRamBase + 0x80000;
  // Neither RAM nor MMIO: accesses here are bus errors.
  static constexpr uint32_t kUnmapped = 0x20000000u;

  explicit TestMachine(CoreConfig config = {}) : ram(kRamSize), mmio(kMmioSize) {
    config.reset_pc = kRamBase;
    config.decode_cache_entries = 1024;
    core = std::make_unique<Core>(config, *this);
    core->csr_write(csr::mtvec, kTrapHandler);
    poke32(kTrapHandler, match::wfi);
  }

  // Places 32-bit instructions at `at` (default: the reset pc). Writes memory behind the
  // core's back: code the core already decoded there needs core->flush_decode_cache().
  void program(const std::vector<uint32_t>& words, uint32_t at = kRamBase) {
    for (uint32_t w : words) {
      poke32(at, w);
      at += 4;
    }
  }
  // Places 16-bit (compressed) instructions.
  void program16(const std::vector<uint16_t>& halves, uint32_t at = kRamBase) {
    for (uint16_t h : halves) {
      poke16(at, h);
      at += 2;
    }
  }

  void poke8(uint32_t addr, uint8_t v) { ram.at(addr - kRamBase) = v; }
  void poke16(uint32_t addr, uint16_t v) { std::memcpy(&ram.at(addr - kRamBase), &v, 2); }
  void poke32(uint32_t addr, uint32_t v) { std::memcpy(&ram.at(addr - kRamBase), &v, 4); }
  uint8_t peek8(uint32_t addr) const { return ram.at(addr - kRamBase); }
  uint16_t peek16(uint32_t addr) const {
    uint16_t v;
    std::memcpy(&v, &ram.at(addr - kRamBase), 2);
    return v;
  }
  uint32_t peek32(uint32_t addr) const {
    uint32_t v;
    std::memcpy(&v, &ram.at(addr - kRamBase), 4);
    return v;
  }
  void mmio_poke32(uint32_t offset, uint32_t v) { std::memcpy(&mmio.at(offset), &v, 4); }
  uint32_t mmio_peek32(uint32_t offset) const {
    uint32_t v;
    std::memcpy(&v, &mmio.at(offset), 4);
    return v;
  }

  uint32_t x(unsigned i) const { return core->reg(i); }
  void set_x(unsigned i, uint32_t v) { core->set_reg(i, v); }

  // Runs exactly n instructions' worth of cycles (one per instruction, no stalls assumed).
  void step(uint64_t n = 1) { core->run(n); }
  // Places `insn` at the reset pc and executes it alone (again and again if called again).
  void exec(uint32_t insn) {
    program({insn});
    core->flush_decode_cache();
    core->set_pc(kRamBase);
    step();
  }
  // Runs until the hart waits in wfi (the tests' halt) or `max_cycles` pass; returns whether
  // it reached the wfi.
  bool run_to_wfi(uint64_t max_cycles = 100000) {
    const uint64_t start = core->cycles();
    while (!core->waiting_for_interrupt() && core->cycles() - start < max_cycles)
      core->run(max_cycles - (core->cycles() - start));
    return core->waiting_for_interrupt();
  }

  // Another hart on the same memory and bus (TestMachine serves any number of cores).
  std::unique_ptr<Core> make_hart(CoreConfig config, uint32_t reset_pc) {
    config.reset_pc = reset_pc;
    config.decode_cache_entries = 1024;
    auto hart = std::make_unique<Core>(config, *this);
    hart->csr_write(csr::mtvec, kTrapHandler);
    return hart;
  }

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
  struct Marker {
    bool begin;
    uint32_t name_address;
    uint64_t offset_cycles;
    bool operator==(const Marker& o) const {
      return begin == o.begin && name_address == o.name_address && offset_cycles == o.offset_cycles;
    }
  };
  void trace_marker(bool begin, uint32_t name_address, uint64_t offset_cycles) override {
    markers.push_back({begin, name_address, offset_cycles});
  }

  std::vector<uint8_t> ram, mmio;
  std::unique_ptr<Core> core;
  bool dmi_enabled = true;  // set before the first access: the core caches DMI grants
  uint64_t time_base = 1000;
  unsigned transports = 0;
  std::vector<Marker> markers;
};

// Whether the core trapped into `handler` with these mcause, mtval and mepc: its pc is the
// handler, or just past the handler's wfi if it ran on. Use as
// EXPECT_TRUE(Trapped(t, kIllegalInsn, bits, pc)).
inline ::testing::AssertionResult Trapped(const TestMachine& t, uint32_t cause, uint32_t tval,
                                          uint32_t epc,
                                          uint32_t handler = TestMachine::kTrapHandler) {
  const Core& c = *t.core;
  const bool at_handler = c.pc() == handler || (c.pc() == handler + 4 && c.waiting_for_interrupt());
  if (c.mcause() == cause && c.mtval() == tval && c.mepc() == epc && at_handler)
    return ::testing::AssertionSuccess();
  std::ostringstream why;
  why << std::hex << std::showbase << "expected mcause " << cause << " mtval " << tval << " mepc "
      << epc << " pc " << handler << "; got mcause " << c.mcause() << " mtval " << c.mtval()
      << " mepc " << c.mepc() << " pc " << c.pc();
  return ::testing::AssertionFailure() << why.str();
}

}  // namespace tessera::riscv::testing
