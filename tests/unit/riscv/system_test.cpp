// Zicsr and the machine-mode privileged architecture: CSRs, counters, traps, mret,
// interrupts and wfi.
#include <gtest/gtest.h>

#include "assembler.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;
constexpr uint32_t kBase = TestMachine::kRamBase;
constexpr uint32_t kHandler = TestMachine::kTrapHandler;
constexpr uint32_t kMie = 1u << 3, kMpie = 1u << 7, kMpp = 3u << 11;
constexpr uint32_t kMsip = 1u << 3, kMtip = 1u << 7, kMeip = 1u << 11;

// x1 = csr, by an instruction (csrrs x1, csr, x0).
uint32_t ReadCsr(TestMachine& t, uint32_t csr) {
  t.exec(rv::csrrs(1, csr, 0));
  EXPECT_EQ(t.core->pc(), kBase + 4) << "reading CSR 0x" << std::hex << csr << " trapped";
  return t.x(1);
}

// ---- individual CSRs ----

TEST(Csr, MisaIsRv32Imac) {
  TestMachine t;
  const uint32_t misa = ReadCsr(t, csr::misa);
  EXPECT_EQ(misa >> 30, 1u) << "MXL = 1: 32-bit";
  EXPECT_EQ(misa & 0x03ffffff, (1u << 0) | (1u << 2) | (1u << 8) | (1u << 12)) << "A C I M";
  EXPECT_EQ(misa, 0x40001105u);
  // WARL and fixed: a write is ignored, not an error.
  t.set_x(2, 0);
  t.exec(rv::csrrw(0, csr::misa, 2));
  EXPECT_EQ(t.core->pc(), kBase + 4);
  EXPECT_EQ(ReadCsr(t, csr::misa), 0x40001105u);
}

TEST(Csr, MhartidComesFromCoreConfig) {
  CoreConfig config;
  config.hart_id = 3;
  TestMachine t(config);
  EXPECT_EQ(ReadCsr(t, csr::mhartid), 3u);
  TestMachine u;
  EXPECT_EQ(ReadCsr(u, csr::mhartid), 0u);
}

TEST(Csr, IdentificationRegistersReadZero) {
  TestMachine t;
  for (uint32_t c : {csr::mvendorid, csr::marchid, csr::mimpid}) {
    t.set_x(1, 0xdead);
    EXPECT_EQ(ReadCsr(t, c), 0u) << std::hex << c;
  }
}

TEST(Csr, StatusHighHalfAndCounterInhibitReadZero) {
  TestMachine t;
  for (uint32_t c : {csr::mstatush, csr::mcountinhibit, csr::mconfigptr}) {
    t.set_x(1, 0xdead);
    EXPECT_EQ(ReadCsr(t, c), 0u) << std::hex << c;
  }
}

TEST(Csr, PerformanceMonitorCountersReadZeroAndTheMachineOnesIgnoreWrites) {
  TestMachine t;
  t.set_x(2, 1234);
  for (uint32_t c : {csr::mhpmcounter3, csr::mhpmcounter31, csr::mhpmcounter3h, csr::mhpmevent3,
                     csr::mhpmevent31}) {
    SCOPED_TRACE(::testing::Message() << std::hex << c);
    t.exec(rv::csrrw(0, c, 2));
    EXPECT_EQ(t.core->pc(), kBase + 4);
    EXPECT_EQ(ReadCsr(t, c), 0u);
  }
  for (uint32_t c : {csr::hpmcounter3, csr::hpmcounter31, csr::hpmcounter3h}) {
    SCOPED_TRACE(::testing::Message() << std::hex << c);
    EXPECT_EQ(ReadCsr(t, c), 0u);
    const uint32_t write = rv::csrrw(1, c, 2);  // user-level counters are read-only
    t.exec(write);
    EXPECT_TRUE(Trapped(t, kIllegalInsn, write, kBase));
  }
}

TEST(Csr, MscratchReadsBackWhatWasWritten) {
  TestMachine t;
  t.set_x(1, 0xdeadbeef);
  t.program({rv::csrrw(2, csr::mscratch, 1), rv::csrrw(3, csr::mscratch, 0),
             rv::csrrs(4, csr::mscratch, 0)});
  t.step(3);
  EXPECT_EQ(t.x(2), 0u);
  EXPECT_EQ(t.x(3), 0xdeadbeefu);
  EXPECT_EQ(t.x(4), 0u);
}

TEST(Csr, CsrrwWithRdEqualToRs1SwapsThroughOneRegister) {
  TestMachine t;
  t.core->csr_write(csr::mscratch, 111);
  t.set_x(5, 222);
  t.exec(rv::csrrw(5, csr::mscratch, 5));
  EXPECT_EQ(t.x(5), 111u);
  EXPECT_EQ(t.core->csr_read(csr::mscratch), 222u);
}

TEST(Csr, CsrrsSetsAndCsrrcClearsBits) {
  TestMachine t;
  t.core->csr_write(csr::mscratch, 0xf0f0);
  t.set_x(1, 0x0f00);
  t.set_x(2, 0x00f0);
  t.program({rv::csrrs(3, csr::mscratch, 1), rv::csrrc(4, csr::mscratch, 2),
             rv::csrrs(5, csr::mscratch, 0)});
  t.step(3);
  EXPECT_EQ(t.x(3), 0xf0f0u);
  EXPECT_EQ(t.x(4), 0xfff0u);
  EXPECT_EQ(t.x(5), 0xff00u);
}

TEST(Csr, ImmediateFormsUseTheFiveBitZeroExtendedUimm) {
  TestMachine t;
  t.core->csr_write(csr::mscratch, 0xffff0000);
  t.program({rv::csrrwi(3, csr::mscratch, 0x15), rv::csrrsi(4, csr::mscratch, 0x0a),
             rv::csrrci(5, csr::mscratch, 0x11), rv::csrrsi(6, csr::mscratch, 0x1f),
             rv::csrrs(7, csr::mscratch, 0)});
  t.step(5);
  EXPECT_EQ(t.x(3), 0xffff0000u);
  EXPECT_EQ(t.x(4), 0x15u);
  EXPECT_EQ(t.x(5), 0x1fu);
  EXPECT_EQ(t.x(6), 0x0eu);
  EXPECT_EQ(t.x(7), 0x1fu) << "uimm 0x1f must not sign-extend";
}

TEST(Csr, ReadingReadOnlyCsrsWithoutWritingDoesNotTrap) {
  TestMachine t;
  t.program({rv::csrrs(1, csr::cycle, 0), rv::csrrc(2, csr::instret, 0),
             rv::csrrsi(3, csr::mhartid, 0), rv::csrrci(4, csr::cycle, 0),
             rv::csrrs(5, csr::mvendorid, 0)});
  t.step(5);
  EXPECT_EQ(t.core->pc(), kBase + 20);
  EXPECT_EQ(t.core->mcause(), 0u);
  EXPECT_EQ(t.x(1), 0u);
  EXPECT_EQ(t.x(2), 1u);
  EXPECT_EQ(t.x(4), 3u);
}

TEST(Csr, WritingAReadOnlyCsrTrapsIllegalWithTheInstructionBits) {
  const uint32_t cases[] = {
      rv::csrrw(1, csr::cycle, 2),
      rv::csrrw(0, csr::cycle, 2),    // rd = x0: no read, still a write
      rv::csrrs(1, csr::mhartid, 2),  // rs1 != x0 writes even when x2 == 0
      rv::csrrc(1, csr::instret, 2),
      rv::csrrwi(1, csr::time, 0),  // csrrwi always writes
      rv::csrrsi(1, csr::mvendorid, 1),
      rv::csrrci(1, csr::cycleh, 4),
  };
  for (uint32_t insn : cases) {
    SCOPED_TRACE(::testing::Message() << std::hex << insn);
    TestMachine t;
    t.set_x(1, 0x11111111);
    t.set_x(2, 0);
    t.exec(insn);
    EXPECT_TRUE(Trapped(t, kIllegalInsn, insn, kBase));
    EXPECT_EQ(t.x(1), 0x11111111u) << "rd written by a trapping CSR instruction";
  }
}

TEST(Csr, UnknownCsrsTrapIllegalWithTheInstructionBits) {
  const uint32_t cases[] = {
      rv::csrrs(1, 0x123, 0),  rv::csrrw(0, 0x7c0, 2),
      rv::csrrw(1, 0x180, 2),                            // satp: no supervisor mode
      rv::csrrs(1, 0x100, 0),                            // sstatus
      rv::csrrsi(1, 0xfc0, 0), rv::csrrci(1, 0x7b0, 0),  // dcsr: no debug mode
  };
  for (uint32_t insn : cases) {
    SCOPED_TRACE(::testing::Message() << std::hex << insn);
    TestMachine t;
    t.set_x(1, 0x11111111);
    t.exec(insn);
    EXPECT_TRUE(Trapped(t, kIllegalInsn, insn, kBase));
    EXPECT_EQ(t.x(1), 0x11111111u);
  }
}

TEST(Csr, MstatusKeepsMppAtMachineAndOnlyMieAndMpieWritable) {
  TestMachine t;
  EXPECT_EQ(ReadCsr(t, csr::mstatus), kMpp);
  t.set_x(2, 0xffffffff);
  t.exec(rv::csrrw(0, csr::mstatus, 2));
  EXPECT_EQ(ReadCsr(t, csr::mstatus), kMpp | kMie | kMpie);
  t.set_x(2, 0);
  t.exec(rv::csrrw(0, csr::mstatus, 2));
  EXPECT_EQ(ReadCsr(t, csr::mstatus), kMpp);
}

TEST(Csr, MieHoldsOnlyTheMachineInterruptEnables) {
  TestMachine t;
  t.set_x(2, 0xffffffff);
  t.exec(rv::csrrw(0, csr::mie, 2));
  EXPECT_EQ(ReadCsr(t, csr::mie), kMsip | kMtip | kMeip);
}

TEST(Csr, MipShowsTheInterruptLinesAndIgnoresWrites) {
  TestMachine t;
  EXPECT_EQ(ReadCsr(t, csr::mip), 0u);
  t.core->set_interrupt(kMachineTimer, true);
  t.core->set_interrupt(kMachineExternal, true);
  EXPECT_EQ(ReadCsr(t, csr::mip), kMtip | kMeip);
  t.core->set_interrupt(kMachineTimer, false);
  EXPECT_EQ(ReadCsr(t, csr::mip), kMeip);
  t.set_x(2, 0xffffffff);
  t.exec(rv::csrrw(0, csr::mip, 2));
  EXPECT_EQ(t.core->pc(), kBase + 4);
  EXPECT_EQ(ReadCsr(t, csr::mip), kMeip);
}

TEST(Csr, MepcClearsBitZero) {
  TestMachine t;
  t.set_x(2, kBase + 0x101);
  t.exec(rv::csrrw(0, csr::mepc, 2));
  EXPECT_EQ(ReadCsr(t, csr::mepc), kBase + 0x100);
}

TEST(Csr, MtvecKeepsDirectAndVectoredModes) {
  TestMachine t;
  t.set_x(2, kBase + 0x1001);
  t.exec(rv::csrrw(0, csr::mtvec, 2));
  EXPECT_EQ(ReadCsr(t, csr::mtvec), kBase + 0x1001);
  t.set_x(2, kBase + 0x2000);
  t.exec(rv::csrrw(0, csr::mtvec, 2));
  EXPECT_EQ(ReadCsr(t, csr::mtvec), kBase + 0x2000);
}

TEST(Csr, McauseAndMtvalAreWritable) {
  TestMachine t;
  t.set_x(2, 0x8000000b);
  t.set_x(3, 0x1234);
  t.program({rv::csrrw(0, csr::mcause, 2), rv::csrrw(0, csr::mtval, 3)});
  t.step(2);
  EXPECT_EQ(t.core->mcause(), 0x8000000bu);
  EXPECT_EQ(t.core->mtval(), 0x1234u);
}

TEST(Csr, TimeComesFromTheBus) {
  TestMachine t;
  t.time_base = 5000;
  t.program({rv::nop(), rv::nop(), rv::csrrs(5, csr::time, 0), rv::csrrs(6, csr::timeh, 0)});
  t.step(4);
  EXPECT_EQ(t.x(5), 5002u) << "the bus time plus the cycles run ahead in this batch";
  EXPECT_EQ(t.x(6), 0u);
}

// ---- counters ----

TEST(Counters, MinstretAndMcycleCountRetiredInstructions) {
  TestMachine t;
  t.program({rv::csrrs(1, csr::minstret, 0), rv::nop(), rv::nop(), rv::nop(),
             rv::csrrs(2, csr::minstret, 0), rv::csrrs(3, csr::instret, 0),
             rv::csrrs(4, csr::mcycle, 0), rv::csrrs(5, csr::cycle, 0),
             rv::csrrs(6, csr::minstreth, 0), rv::csrrs(7, csr::mcycleh, 0)});
  t.step(10);
  EXPECT_EQ(t.x(1), 0u);
  EXPECT_EQ(t.x(2), 4u);
  EXPECT_EQ(t.x(3), 5u);
  EXPECT_EQ(t.x(4), 6u);
  EXPECT_EQ(t.x(5), 7u);
  EXPECT_EQ(t.x(6), 0u);
  EXPECT_EQ(t.x(7), 0u);
}

TEST(Counters, MinstretWriteIsSeenPlusTheInstructionsInBetween) {
  TestMachine t;
  t.set_x(10, 1000);
  t.program({rv::nop(), rv::csrrw(0, csr::minstret, 10), rv::csrrs(1, csr::minstret, 0), rv::nop(),
             rv::nop(), rv::nop(), rv::csrrs(2, csr::minstret, 0), rv::csrrs(3, csr::instret, 0)});
  t.step(8);
  EXPECT_EQ(t.x(1), 1000u);
  EXPECT_EQ(t.x(2), 1004u);
  EXPECT_EQ(t.x(3), 1005u);
  EXPECT_EQ(t.core->instret(), 8u) << "the core's own count is not the CSR";
}

TEST(Counters, McycleWriteIsSeenPlusTheCyclesInBetween) {
  TestMachine t;
  t.set_x(10, 0xfffffffe);
  t.program({rv::csrrw(0, csr::mcycle, 10), rv::csrrs(1, csr::mcycle, 0), rv::nop(),
             rv::csrrs(2, csr::mcycle, 0), rv::csrrs(3, csr::mcycleh, 0),
             rv::csrrs(4, csr::cycle, 0)});
  t.step(6);
  EXPECT_EQ(t.x(1), 0xfffffffeu);
  EXPECT_EQ(t.x(2), 0u) << "0xfffffffe + 2 wraps into mcycleh";
  EXPECT_EQ(t.x(3), 1u);
  EXPECT_EQ(t.x(4), 2u);
}

TEST(Counters, HighHalvesAreWritable) {
  TestMachine t;
  t.set_x(10, 7);
  t.program({rv::csrrw(0, csr::minstreth, 10), rv::csrrs(1, csr::minstreth, 0),
             rv::csrrs(2, csr::minstret, 0), rv::csrrw(0, csr::mcycleh, 10),
             rv::csrrs(3, csr::mcycleh, 0), rv::csrrs(4, csr::instreth, 0)});
  t.step(6);
  EXPECT_EQ(t.x(1), 7u);
  EXPECT_EQ(t.x(2), 2u) << "the low half kept counting";
  EXPECT_EQ(t.x(3), 7u);
  EXPECT_EQ(t.x(4), 7u);
}

TEST(Counters, McycleIncludesBusLatencyAndIdleTime) {
  TestMachine t;
  t.set_x(1, TestMachine::kMmioBase);
  t.program({rv::lw(2, 1, 0), rv::csrrs(3, csr::mcycle, 0)});
  t.step(1 + TestMachine::kMmioLatency + 1);
  EXPECT_EQ(t.x(3), 1u + TestMachine::kMmioLatency);
  t.core->add_idle_cycles(100);
  t.program({rv::csrrs(4, csr::mcycle, 0), rv::csrrs(5, csr::minstret, 0)}, kBase + 8);
  t.step(2);
  EXPECT_EQ(t.x(4), 2u + TestMachine::kMmioLatency + 100);
  EXPECT_EQ(t.x(5), 3u);
}

// ---- synchronous traps ----

TEST(Trap, EcallTrapsWithCause11AndMtvalZero) {
  TestMachine t;
  t.core->csr_write(csr::mtval, 0x5555);
  t.program({rv::nop(), rv::ecall()});
  t.step(2);
  EXPECT_TRUE(Trapped(t, kEcallFromM, 0, kBase + 4));
  EXPECT_EQ(t.core->instret(), 1u) << "ecall does not retire";
}

TEST(Trap, EbreakTrapsWithCause3AndMtvalPc) {
  TestMachine t;
  t.program({rv::nop(), rv::ebreak()});
  t.step(2);
  EXPECT_TRUE(Trapped(t, kBreakpoint, kBase + 4, kBase + 4));
}

TEST(Trap, TrapEntrySavesMieInMpieAndClearsMie) {
  TestMachine t;
  t.core->csr_write(csr::mstatus, kMie);
  t.exec(rv::ecall());
  EXPECT_EQ(t.core->csr_read(csr::mstatus), kMpp | kMpie);
  TestMachine u;
  u.core->csr_write(csr::mstatus, kMpie);
  u.exec(rv::ecall());
  EXPECT_EQ(u.core->csr_read(csr::mstatus), kMpp) << "MPIE takes the old MIE, 0";
}

TEST(Trap, ATrapCostsOneCycleAndRetiresNothing) {
  TestMachine t;
  t.program({rv::ecall()});
  EXPECT_EQ(t.core->run(1), 1u);
  EXPECT_EQ(t.core->cycles(), 1u);
  EXPECT_EQ(t.core->instret(), 0u);
  EXPECT_EQ(t.core->pc(), kHandler);
}

TEST(Trap, HandlerReturnsPastTheEcallWithMret) {
  TestMachine t;
  t.program({rv::addi(10, 0, 1), rv::ecall(), rv::addi(10, 10, 2), rv::wfi()});
  // handler: mepc += 4; x11 = mcause; mret
  t.program({rv::csrrs(5, csr::mepc, 0), rv::addi(5, 5, 4), rv::csrrw(0, csr::mepc, 5),
             rv::csrrs(11, csr::mcause, 0), rv::mret()},
            kHandler);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(10), 3u);
  EXPECT_EQ(t.x(11), uint32_t{kEcallFromM});
  EXPECT_EQ(t.core->pc(), kBase + 16);
}

TEST(Trap, MretRestoresMieFromMpieAndJumpsToMepc) {
  TestMachine t;
  t.core->csr_write(csr::mstatus, kMpie);
  t.core->csr_write(csr::mepc, kBase + 0x200);
  t.exec(rv::mret());
  EXPECT_EQ(t.core->pc(), kBase + 0x200);
  EXPECT_EQ(t.core->csr_read(csr::mstatus), kMpp | kMie | kMpie);

  TestMachine u;
  u.core->csr_write(csr::mstatus, kMie);  // MPIE = 0
  u.core->csr_write(csr::mepc, kBase + 0x300);
  u.exec(rv::mret());
  EXPECT_EQ(u.core->pc(), kBase + 0x300);
  EXPECT_EQ(u.core->csr_read(csr::mstatus), kMpp | kMpie) << "MIE takes MPIE (0); MPIE set";
}

TEST(Trap, VectoredMtvecSendsExceptionsToTheBase) {
  TestMachine t;
  const uint32_t base = kBase + 0x1000;
  t.core->csr_write(csr::mtvec, base | 1);
  t.exec(rv::ecall());
  EXPECT_TRUE(Trapped(t, kEcallFromM, 0, kBase, base));
}

// ---- interrupts ----

// An interrupt handler at kTrapHandler: mie = 0 (the lines stay high), then wfi.
void InstallInterruptHandler(TestMachine& t, uint32_t at = kHandler) {
  t.program({rv::csrrw(0, csr::mie, 0), rv::wfi()}, at);
}
// Enables interrupts the way firmware does: mie = mask, then mstatus.MIE.
std::vector<uint32_t> EnableInterrupts() {
  return {rv::csrrs(0, csr::mie, 20), rv::csrrsi(0, csr::mstatus, kMie)};
}

TEST(Interrupt, TimerInterruptTrapsBeforeTheNextInstruction) {
  TestMachine t;
  InstallInterruptHandler(t);
  t.core->set_interrupt(kMachineTimer, true);
  t.set_x(20, kMtip);
  std::vector<uint32_t> code = EnableInterrupts();
  code.push_back(rv::addi(6, 0, 1));  // must not run before the interrupt
  t.program(code);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.core->mcause(), 0x80000007u);
  EXPECT_EQ(t.core->mepc(), kBase + 8) << "the instruction after the csrsi that enabled it";
  EXPECT_EQ(t.core->mtval(), 0u);
  EXPECT_EQ(t.core->pc(), kHandler + 8);
  EXPECT_EQ(t.x(6), 0u);
  EXPECT_EQ(t.core->csr_read(csr::mstatus), kMpp | kMpie);
}

TEST(Interrupt, RaisedBetweenRunsIsTakenAtTheCurrentPc) {
  TestMachine t;
  InstallInterruptHandler(t);
  t.core->csr_write(csr::mie, kMeip);
  t.core->csr_write(csr::mstatus, kMie);
  t.program({rv::nop(), rv::nop(), rv::nop()});
  t.step(2);
  t.core->set_interrupt(kMachineExternal, true);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.core->mcause(), 0x8000000bu);
  EXPECT_EQ(t.core->mepc(), kBase + 8);
  EXPECT_EQ(t.core->instret(), 2u + 2);
}

TEST(Interrupt, RaisedByADeviceDuringAStoreIsTakenAfterTheStore) {
  TestMachine t;
  InstallInterruptHandler(t);
  Core* core = t.core.get();
  t.core->add_store_watch(TestMachine::kData, 4, [core](uint32_t, uint32_t) {
    core->set_interrupt(kMachineSoftware, true);
  });
  t.core->csr_write(csr::mie, kMsip);
  t.core->csr_write(csr::mstatus, kMie);
  t.set_x(1, TestMachine::kData);
  t.program({rv::sw(0, 1, 0), rv::addi(6, 0, 1), rv::addi(7, 0, 1)});
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.core->mcause(), 0x80000003u);
  EXPECT_EQ(t.core->mepc(), kBase + 4);
  EXPECT_EQ(t.x(6), 0u);
}

TEST(Interrupt, NotTakenWhileMstatusMieIsClear) {
  TestMachine t;
  t.core->set_interrupt(kMachineTimer, true);
  t.set_x(20, kMtip);
  t.program({rv::csrrs(0, csr::mie, 20), rv::addi(6, 0, 1), rv::addi(7, 0, 1)});
  t.step(3);
  EXPECT_EQ(t.core->pc(), kBase + 12);
  EXPECT_EQ(t.x(7), 1u);
  EXPECT_EQ(t.core->mcause(), 0u);
}

TEST(Interrupt, NotTakenWhileItsMieBitIsClear) {
  TestMachine t;
  t.core->set_interrupt(kMachineTimer, true);
  t.set_x(20, kMsip | kMeip);
  t.program({rv::csrrs(0, csr::mie, 20), rv::csrrsi(0, csr::mstatus, kMie), rv::addi(7, 0, 1)});
  t.step(3);
  EXPECT_EQ(t.core->pc(), kBase + 12);
  EXPECT_EQ(t.x(7), 1u);
  EXPECT_EQ(t.core->mcause(), 0u);
}

TEST(Interrupt, LoweredBeforeTheNextRunIsNotTaken) {
  TestMachine t;
  t.core->csr_write(csr::mie, kMtip);
  t.core->csr_write(csr::mstatus, kMie);
  t.program({rv::nop(), rv::nop()});
  t.core->set_interrupt(kMachineTimer, true);
  t.core->set_interrupt(kMachineTimer, false);
  t.step(2);
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.core->mcause(), 0u);
}

// The mcause of the interrupt taken with `pending` lines high and `enabled` in mie.
uint32_t TakenInterrupt(std::initializer_list<Interrupt> pending, uint32_t enabled) {
  TestMachine t;
  InstallInterruptHandler(t);
  for (Interrupt i : pending) t.core->set_interrupt(i, true);
  t.core->csr_write(csr::mie, enabled);
  t.core->csr_write(csr::mstatus, kMie);
  t.program({rv::nop()});
  t.run_to_wfi();
  EXPECT_EQ(t.core->mepc(), kBase);
  return t.core->mcause();
}

TEST(Interrupt, PriorityIsExternalThenSoftwareThenTimer) {
  const uint32_t all = kMsip | kMtip | kMeip;
  EXPECT_EQ(TakenInterrupt({kMachineTimer, kMachineSoftware, kMachineExternal}, all), 0x8000000bu);
  EXPECT_EQ(TakenInterrupt({kMachineTimer, kMachineSoftware}, all), 0x80000003u);
  EXPECT_EQ(TakenInterrupt({kMachineTimer, kMachineExternal}, all), 0x8000000bu);
  EXPECT_EQ(TakenInterrupt({kMachineTimer}, all), 0x80000007u);
  EXPECT_EQ(TakenInterrupt({kMachineSoftware}, all), 0x80000003u);
  // Only enabled interrupts compete.
  EXPECT_EQ(TakenInterrupt({kMachineTimer, kMachineExternal}, kMtip), 0x80000007u);
  EXPECT_EQ(TakenInterrupt({kMachineTimer, kMachineSoftware}, kMtip | kMeip), 0x80000007u);
}

TEST(Interrupt, VectoredMtvecSendsInterruptsToBasePlusFourTimesCause) {
  const uint32_t base = kBase + 0x1000;
  struct Case {
    Interrupt irq;
    uint32_t mask;
  };
  for (const Case c :
       {Case{kMachineSoftware, kMsip}, Case{kMachineTimer, kMtip}, Case{kMachineExternal, kMeip}}) {
    TestMachine t;
    t.core->csr_write(csr::mtvec, base | 1);
    InstallInterruptHandler(t, base + 4 * c.irq);
    t.core->set_interrupt(c.irq, true);
    t.core->csr_write(csr::mie, c.mask);
    t.core->csr_write(csr::mstatus, kMie);
    t.program({rv::nop()});
    ASSERT_TRUE(t.run_to_wfi()) << c.irq;
    EXPECT_EQ(t.core->mcause(), kInterruptBit | c.irq);
    EXPECT_EQ(t.core->pc(), base + 4 * c.irq + 8);
  }
}

TEST(Interrupt, MretIntoPendingInterruptTakesItAtMepc) {
  TestMachine t;
  InstallInterruptHandler(t);
  t.core->set_interrupt(kMachineTimer, true);
  t.core->csr_write(csr::mie, kMtip);
  t.core->csr_write(csr::mstatus, kMpie);  // interrupts come back on at mret
  t.core->csr_write(csr::mepc, kBase + 0x40);
  t.program({rv::mret()});
  t.program({rv::addi(6, 0, 1)}, kBase + 0x40);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.core->mcause(), 0x80000007u);
  EXPECT_EQ(t.core->mepc(), kBase + 0x40);
  EXPECT_EQ(t.x(6), 0u);
}

// ---- wfi ----

TEST(Wfi, WithNothingPendingTheHartWaitsAndRunReturns) {
  TestMachine t;
  t.program({rv::nop(), rv::wfi(), rv::addi(6, 0, 1)});
  t.core->run(100);
  EXPECT_TRUE(t.core->waiting_for_interrupt());
  EXPECT_EQ(t.core->instret(), 2u);
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.core->run(100), 0u) << "a waiting hart does not run";
  EXPECT_EQ(t.x(6), 0u);
}

TEST(Wfi, AnEnabledInterruptWakesTheHartIntoTheHandler) {
  TestMachine t;
  InstallInterruptHandler(t);
  t.core->csr_write(csr::mie, kMtip);
  t.core->csr_write(csr::mstatus, kMie);
  t.program({rv::wfi(), rv::addi(6, 0, 1)});
  t.core->run(100);
  ASSERT_TRUE(t.core->waiting_for_interrupt());
  t.core->set_interrupt(kMachineTimer, true);
  EXPECT_FALSE(t.core->waiting_for_interrupt());
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.core->mcause(), 0x80000007u);
  EXPECT_EQ(t.core->mepc(), kBase + 4);
  EXPECT_EQ(t.x(6), 0u);
}

TEST(Wfi, WakesWithoutTrappingWhenInterruptsAreGloballyDisabled) {
  TestMachine t;
  t.core->csr_write(csr::mie, kMtip);  // mstatus.MIE stays 0
  t.program({rv::wfi(), rv::addi(6, 0, 1)});
  t.core->run(100);
  ASSERT_TRUE(t.core->waiting_for_interrupt());
  t.core->set_interrupt(kMachineTimer, true);
  EXPECT_FALSE(t.core->waiting_for_interrupt());
  t.step();
  EXPECT_EQ(t.x(6), 1u);
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.core->mcause(), 0u);
}

TEST(Wfi, WithAnInterruptPendingButGloballyDisabledContinues) {
  TestMachine t;
  t.core->set_interrupt(kMachineTimer, true);
  t.core->csr_write(csr::mie, kMtip);
  t.program({rv::wfi(), rv::addi(6, 0, 1)});
  t.step(2);
  EXPECT_FALSE(t.core->waiting_for_interrupt());
  EXPECT_EQ(t.x(6), 1u);
  EXPECT_EQ(t.core->mcause(), 0u);
}

TEST(Wfi, APendingInterruptDisabledInMieDoesNotWake) {
  TestMachine t;
  t.core->set_interrupt(kMachineTimer, true);
  t.core->csr_write(csr::mie, kMeip);
  t.program({rv::wfi(), rv::addi(6, 0, 1)});
  t.core->run(100);
  EXPECT_TRUE(t.core->waiting_for_interrupt());
  EXPECT_EQ(t.x(6), 0u);
}

TEST(TraceMarker, PassesItsNameAddressAndCycleToThePlatform) {
  TestMachine t;
  t.program({rv::lui(10, 0x80001), rv::trace_begin(0, 10, 0), rv::addi(11, 0, 1), rv::trace_end(),
             rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  using Marker = TestMachine::Marker;
  // One cycle each, like any other instruction; the registers are untouched.
  EXPECT_EQ(t.markers, (std::vector<Marker>{{true, 0x80001000, 1}, {false, 0, 3}}));
  EXPECT_EQ(t.x(0), 0u);
  EXPECT_EQ(t.core->pc(), kBase + 20);
}

}  // namespace
}  // namespace tessera::riscv
