// The instruction trace: Spike's commit-log format, register and CSR writes, loads, stores
// and AMOs, traps and interrupts, the window options and the disassembly column.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "assembler.h"
#include "riscv/commit_log.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;

// Built with binutils (riscv64-unknown-elf-as -march=rv32imac_zicsr), at TestMachine::kRamBase:
// a0 = 5, a1 = kData (0x80040000), then memory traffic, a CSR write, a write to x0, a failing
// sc.w and an ecall into the test machine's trap handler (a wfi).
const std::vector<uint16_t> kProgram = {
    0x0297, 0x0000,  // auipc t0, 0x0
    0x0513, 0x0050,  // addi a0, zero, 5
    0x05b7, 0x8004,  // lui a1, 0x80040
    0xa423, 0x00a5,  // sw a0, 8(a1)
    0x4590,          // c.lw a2, 8(a1)
    0x80a3, 0x00a5,  // sb a0, 1(a1)
    0xa6af, 0x00a5,  // amoadd.w a3, a0, (a1)
    0x1073, 0x3405,  // csrrw zero, mscratch, a0
    0x0013, 0x0015,  // addi zero, a0, 1
    0xa72f, 0x18a5,  // sc.w a4, a0, (a1)
    0x0073, 0x0000,  // ecall
};

const std::vector<std::string> kTrace = {
    "core   0: 3 0x80000000 (0x00000297) x5  0x80000000",
    "core   0: 3 0x80000004 (0x00500513) x10 0x00000005",
    "core   0: 3 0x80000008 (0x800405b7) x11 0x80040000",
    "core   0: 3 0x8000000c (0x00a5a423) mem 0x80040008 0x00000005",
    "core   0: 3 0x80000010 (0x4590) x12 0x00000005 mem 0x80040008",
    "core   0: 3 0x80000012 (0x00a580a3) mem 0x80040001 0x05",
    "core   0: 3 0x80000016 (0x00a5a6af) x13 0x00000500 mem 0x80040000 mem 0x80040000 0x00000505",
    "core   0: 3 0x8000001a (0x34051073) c832_mscratch 0x00000005",
    "core   0: 3 0x8000001e (0x00150013)",
    "core   0: 3 0x80000022 (0x18a5a72f) x14 0x00000001",
    "core   0: exception trap_machine_ecall, epc 0x80000026",
    "core   0: 3 0x80080000 (0x10500073)",
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Runs kProgram to the trap handler's wfi with a CommitLog attached; returns its lines.
std::vector<std::string> Trace(const TraceWindow& window, bool disassembly = false) {
  TestMachine t;
  t.program16(kProgram);
  std::ostringstream out;
  CommitLog log(out, window, disassembly);
  t.core->add_observer(&log);
  EXPECT_TRUE(t.run_to_wfi());
  return Lines(out.str());
}

TEST(CommitLog, PrintsWhatEachInstructionDidAsSpikeDoes) {
  EXPECT_EQ(Trace({}), kTrace);
}

TEST(CommitLog, WindowByInstructionCount) {
  TraceWindow window;
  window.from = 2;
  window.to = 4;
  EXPECT_EQ(Trace(window), std::vector<std::string>(kTrace.begin() + 2, kTrace.begin() + 4));
}

TEST(CommitLog, WindowByPcRange) {
  TraceWindow window;
  window.pc_start = 0x80000010;
  window.pc_end = 0x80000016;
  EXPECT_EQ(Trace(window), std::vector<std::string>(kTrace.begin() + 4, kTrace.begin() + 6));
}

TEST(CommitLog, DisassemblyColumnFollowsTheSpikeFields) {
  const std::vector<std::string> lines = Trace({}, true);
  ASSERT_EQ(lines.size(), kTrace.size());
  EXPECT_EQ(lines[0], kTrace[0] + std::string(64 - kTrace[0].size(), ' ') + "# auipc t0, 0x0");
  EXPECT_EQ(lines[4].substr(64), "# c.lw a2, 8(a1)");
  EXPECT_EQ(lines[10], kTrace[10]) << "trap lines have no disassembly";
  // Spike's format back as docs/debugging.md says: sed 's/ *#.*//'.
  for (size_t i = 0; i < lines.size(); ++i)
    EXPECT_EQ(std::regex_replace(lines[i], std::regex(" *#.*"), ""), kTrace[i]);
}

TEST(CommitLog, ExceptionsWithMtvalPrintIt) {
  TestMachine t;
  t.program({0xffffffff});
  std::ostringstream out;
  CommitLog log(out, {}, false);
  t.core->add_observer(&log);
  t.step();
  EXPECT_EQ(Lines(out.str()), (std::vector<std::string>{
                                  "core   0: exception trap_illegal_instruction, epc 0x80000000",
                                  "core   0:           tval 0xffffffff"}));
}

TEST(CommitLog, InterruptsAndOtherHarts) {
  CoreConfig config;
  config.hart_id = 12;
  TestMachine t(config);
  t.core->csr_write(csr::mie, irq_mask(kMachineTimer));
  t.core->csr_write(csr::mstatus, 1u << 3);
  t.core->set_interrupt(kMachineTimer, true);
  std::ostringstream out;
  CommitLog log(out, {}, false);
  t.core->add_observer(&log);
  t.step();
  EXPECT_EQ(out.str(), "core  12: exception interrupt #7, epc 0x80000000\n");
}

TEST(CommitLog, HartsInterleavingMidInstructionKeepTheirOwnRecords) {
  // A hart syncing with SystemC before an MMIO store lets another retire in between.
  TestMachine t;
  CoreConfig config;
  config.hart_id = 1;
  std::unique_ptr<Core> other = t.make_hart(config, TestMachine::kRamBase);
  t.set_x(10, 0x11);
  t.set_x(11, TestMachine::kMmioBase);
  other->set_reg(10, 0x22);
  other->set_reg(11, TestMachine::kData);
  DecodedInsn store;
  decode(testing::rv::sw(10, 11, 4), store);
  store.pc = TestMachine::kRamBase;
  std::ostringstream out;
  CommitLog log(out, {}, false);
  log.executing(*t.core, store);
  log.executing(*other, store);
  log.retired(*other, store);
  log.retired(*t.core, store);
  EXPECT_EQ(
      Lines(out.str()),
      (std::vector<std::string>{"core   1: 3 0x80000000 (0x00a5a223) mem 0x80040004 0x00000022",
                                "core   0: 3 0x80000000 (0x00a5a223) mem 0x10000004 0x00000011"}));
}

}  // namespace
}  // namespace tessera::riscv
