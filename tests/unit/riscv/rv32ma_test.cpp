// RV32M (multiply, divide, their timing) and RV32A (LR/SC, AMOs) on TestMachine.
#include <gtest/gtest.h>

#include "assembler.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;
constexpr uint32_t kBase = TestMachine::kRamBase;
constexpr uint32_t kData = TestMachine::kData;
constexpr uint32_t kIntMin = 0x80000000u, kIntMax = 0x7fffffffu;
constexpr uint32_t Neg(uint32_t v) {
  return 0u - v;
}

struct MCase {
  const char* name;
  uint32_t (*insn)(unsigned, unsigned, unsigned);
  uint32_t a, b, want;
};

// x3 = op(x1 = a, x2 = b), one instruction per case on a fresh machine.
void RunCases(std::initializer_list<MCase> cases) {
  for (const MCase& c : cases) {
    TestMachine t;
    t.set_x(1, c.a);
    t.set_x(2, c.b);
    t.exec(c.insn(3, 1, 2));
    EXPECT_EQ(t.x(3), c.want) << c.name << "(0x" << std::hex << c.a << ", 0x" << c.b << ")";
    EXPECT_EQ(t.core->pc(), kBase + 4);
  }
}

TEST(Rv32mMultiply, MulKeepsTheLow32Bits) {
  RunCases({
      {"mul", rv::mul, 6, 7, 42},
      {"mul", rv::mul, Neg(3), 7, Neg(21)},
      {"mul", rv::mul, Neg(3), Neg(7), 21},
      {"mul", rv::mul, kIntMin, Neg(1), kIntMin},
      {"mul", rv::mul, 0x10000, 0x10000, 0},
      {"mul", rv::mul, 0xffffffff, 0xffffffff, 1},
  });
}

TEST(Rv32mMultiply, MulhIsSignedTimesSigned) {
  RunCases({
      {"mulh", rv::mulh, Neg(1), Neg(1), 0},
      {"mulh", rv::mulh, Neg(2), 3, 0xffffffff},  // -6
      {"mulh", rv::mulh, kIntMin, kIntMin, 0x40000000},
      {"mulh", rv::mulh, kIntMin, 1, 0xffffffff},
      {"mulh", rv::mulh, kIntMin, Neg(1), 0},  // +2^31
      {"mulh", rv::mulh, kIntMax, kIntMax, 0x3fffffff},
      {"mulh", rv::mulh, 0x10000, 0x10000, 1},
  });
}

TEST(Rv32mMultiply, MulhsuIsSignedTimesUnsigned) {
  RunCases({
      {"mulhsu", rv::mulhsu, Neg(1), 0xffffffff, 0xffffffff},  // -(2^32 - 1)
      {"mulhsu", rv::mulhsu, kIntMin, 0xffffffff, 0x80000000},
      {"mulhsu", rv::mulhsu, 2, 0x80000000, 1},
      {"mulhsu", rv::mulhsu, Neg(2), 0x80000000, 0xffffffff},
      {"mulhsu", rv::mulhsu, 0xffffffff, 1, 0xffffffff},  // -1 * 1
      {"mulhsu", rv::mulhsu, 1, 0xffffffff, 0},
      {"mulhsu", rv::mulhsu, kIntMax, 0xffffffff, 0x7ffffffe},
  });
}

TEST(Rv32mMultiply, MulhuIsUnsignedTimesUnsigned) {
  RunCases({
      {"mulhu", rv::mulhu, 0xffffffff, 0xffffffff, 0xfffffffe},
      {"mulhu", rv::mulhu, 0x80000000, 2, 1},
      {"mulhu", rv::mulhu, Neg(1), 1, 0},
      {"mulhu", rv::mulhu, kIntMin, kIntMin, 0x40000000},
  });
}

TEST(Rv32mDivide, DivAndRemTruncateTowardZero) {
  RunCases({
      {"div", rv::div, 7, 2, 3},
      {"div", rv::div, Neg(7), 2, Neg(3)},
      {"div", rv::div, 7, Neg(2), Neg(3)},
      {"div", rv::div, Neg(7), Neg(2), 3},
      {"rem", rv::rem, 7, 2, 1},
      {"rem", rv::rem, Neg(7), 2, Neg(1)},
      {"rem", rv::rem, 7, Neg(2), 1},
      {"rem", rv::rem, Neg(7), Neg(2), Neg(1)},
      {"divu", rv::divu, 0xffffffff, 2, 0x7fffffff},
      {"divu", rv::divu, 7, 2, 3},
      {"remu", rv::remu, 0xffffffff, 0x10, 0xf},
      {"remu", rv::remu, 7, 0xffffffff, 7},
  });
}

TEST(Rv32mDivide, ByZeroGivesAllOnesAndTheDividend) {
  RunCases({
      {"div", rv::div, 7, 0, 0xffffffff},
      {"div", rv::div, Neg(7), 0, 0xffffffff},
      {"div", rv::div, kIntMin, 0, 0xffffffff},
      {"rem", rv::rem, 7, 0, 7},
      {"rem", rv::rem, Neg(7), 0, Neg(7)},
      {"divu", rv::divu, 7, 0, 0xffffffff},
      {"divu", rv::divu, 0xffffffff, 0, 0xffffffff},
      {"remu", rv::remu, 0xfffffff9, 0, 0xfffffff9},
  });
}

TEST(Rv32mDivide, IntMinByMinusOneOverflows) {
  RunCases({
      {"div", rv::div, kIntMin, Neg(1), kIntMin},
      {"rem", rv::rem, kIntMin, Neg(1), 0},
      {"divu", rv::divu, kIntMin, Neg(1), 0},
      {"remu", rv::remu, kIntMin, Neg(1), kIntMin},
  });
}

TEST(Rv32mTiming, DivideAndMultiplyExtraCyclesAreCharged) {
  CoreConfig config;
  config.timing.div_extra_cycles = 32;
  config.timing.mul_extra_cycles = 3;
  TestMachine t(config);
  t.set_x(1, 100);
  t.set_x(2, 7);
  t.program({rv::div(3, 1, 2), rv::rem(4, 1, 2), rv::mul(5, 1, 2), rv::add(6, 1, 2), rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(3), 14u);
  EXPECT_EQ(t.x(4), 2u);
  EXPECT_EQ(t.x(5), 700u);
  EXPECT_EQ(t.core->instret(), 5u);
  EXPECT_EQ(t.core->cycles(), 5u + 2 * 32 + 3);
}

TEST(Rv32mTiming, DivideCyclesComeOutOfTheRunBudget) {
  CoreConfig config;
  config.timing.div_extra_cycles = 32;
  TestMachine t(config);
  t.set_x(2, 1);
  t.program({rv::divu(3, 1, 2), rv::addi(4, 0, 1)});
  EXPECT_EQ(t.core->run(10), 33u);
  EXPECT_EQ(t.core->instret(), 1u);
  EXPECT_EQ(t.x(4), 0u);
}

TEST(Rv32mTiming, NoExtraCyclesByDefault) {
  TestMachine t;
  t.set_x(2, 3);
  t.program({rv::div(3, 1, 2), rv::mulh(4, 1, 2)});
  EXPECT_EQ(t.core->run(2), 2u);
  EXPECT_EQ(t.core->instret(), 2u);
}

// ---- RV32A ----

TEST(Rv32aLrSc, ScAfterLrSucceedsAndStores) {
  TestMachine t;
  t.poke32(kData, 5);
  t.set_x(1, kData);
  t.set_x(2, 99);
  t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 1, 2)});
  t.step(2);
  EXPECT_EQ(t.x(3), 5u);
  EXPECT_EQ(t.x(4), 0u) << "sc.w reports success with 0";
  EXPECT_EQ(t.peek32(kData), 99u);
}

TEST(Rv32aLrSc, ScWithoutAReservationFails) {
  TestMachine t;
  t.poke32(kData, 5);
  t.set_x(1, kData);
  t.set_x(2, 99);
  t.exec(rv::sc_w(4, 1, 2));
  EXPECT_EQ(t.x(4), 1u);
  EXPECT_EQ(t.peek32(kData), 5u);
}

TEST(Rv32aLrSc, ASecondScFailsBecauseTheFirstConsumedTheReservation) {
  TestMachine t;
  t.set_x(1, kData);
  t.set_x(2, 1);
  t.set_x(5, 2);
  t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 1, 2), rv::sc_w(6, 1, 5)});
  t.step(3);
  EXPECT_EQ(t.x(4), 0u);
  EXPECT_EQ(t.x(6), 1u);
  EXPECT_EQ(t.peek32(kData), 1u);
}

TEST(Rv32aLrSc, ScToADifferentAddressFails) {
  TestMachine t;
  t.poke32(kData, 5);
  t.poke32(kData + 4, 6);
  t.set_x(1, kData);
  t.set_x(7, kData + 4);
  t.set_x(2, 99);
  t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 7, 2)});
  t.step(2);
  EXPECT_EQ(t.x(4), 1u);
  EXPECT_EQ(t.peek32(kData), 5u);
  EXPECT_EQ(t.peek32(kData + 4), 6u);
}

TEST(Rv32aLrSc, LrScRetryLoopIncrements) {
  TestMachine t;
  t.poke32(kData, 41);
  t.set_x(1, kData);
  // retry: lr.w x3, (x1); addi x3, x3, 1; sc.w x4, x3, (x1); bnez x4, retry; wfi
  t.program(
      {rv::lr_w(3, 1, 0), rv::addi(3, 3, 1), rv::sc_w(4, 1, 3), rv::bne(4, 0, -12), rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.peek32(kData), 42u);
  EXPECT_EQ(t.core->instret(), 5u);
}

TEST(Rv32aTrap, MisalignedAtomicsTrap) {
  struct Case {
    const char* name;
    uint32_t insn;
    uint32_t cause;
  };
  const Case cases[] = {
      {"amoadd.w", rv::amoadd_w(3, 1, 2), kStoreMisaligned},
      {"amoswap.w", rv::amoswap_w(3, 1, 2), kStoreMisaligned},
      {"amomaxu.w", rv::amomaxu_w(3, 1, 2), kStoreMisaligned},
      {"sc.w", rv::sc_w(3, 1, 2), kStoreMisaligned},
      {"lr.w", rv::lr_w(3, 1, 0), kLoadMisaligned},
  };
  for (const Case& c : cases) {
    for (uint32_t misalign : {1u, 2u, 3u}) {
      SCOPED_TRACE(::testing::Message() << c.name << " at +" << misalign);
      TestMachine t;
      t.poke32(kData, 0x11111111);
      t.poke32(kData + 4, 0x22222222);
      t.set_x(1, kData + misalign);
      t.set_x(3, 0x33333333);
      t.exec(c.insn);
      EXPECT_TRUE(Trapped(t, c.cause, kData + misalign, kBase));
      EXPECT_EQ(t.x(3), 0x33333333u);
      EXPECT_EQ(t.peek32(kData), 0x11111111u);
      EXPECT_EQ(t.peek32(kData + 4), 0x22222222u);
    }
  }
}

TEST(Rv32aTrap, AmosOnUnmappedMemoryRaiseStoreAccessFaults) {
  for (uint32_t insn : {rv::amoadd_w(3, 1, 2), rv::amoor_w(3, 1, 2), rv::amoswap_w(3, 1, 2)}) {
    TestMachine t;
    t.set_x(1, TestMachine::kUnmapped);
    t.set_x(3, 0x33333333);
    t.exec(insn);
    EXPECT_TRUE(Trapped(t, kStoreAccessFault, TestMachine::kUnmapped, kBase));
    EXPECT_EQ(t.x(3), 0x33333333u);
  }
}

TEST(Rv32aTrap, LrOnUnmappedMemoryRaisesALoadAccessFault) {
  TestMachine t;
  t.set_x(1, TestMachine::kUnmapped);
  t.exec(rv::lr_w(3, 1, 0));
  EXPECT_TRUE(Trapped(t, kLoadAccessFault, TestMachine::kUnmapped, kBase));
}

struct AmoCase {
  const char* name;
  uint32_t (*insn)(unsigned, unsigned, unsigned);
  uint32_t old, operand, stored;
};

TEST(Rv32aAmo, EveryAmoReturnsTheOldValueAndStoresTheCombination) {
  const AmoCase cases[] = {
      {"amoswap.w", rv::amoswap_w, 0x12345678, 0x9abcdef0, 0x9abcdef0},
      {"amoadd.w", rv::amoadd_w, 5, 7, 12},
      {"amoadd.w", rv::amoadd_w, 0xffffffff, 2, 1},
      {"amoxor.w", rv::amoxor_w, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0},
      {"amoand.w", rv::amoand_w, 0xff00ff00, 0x0ff00ff0, 0x0f000f00},
      {"amoor.w", rv::amoor_w, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0},
      {"amomin.w", rv::amomin_w, 0xffffffff, 1, 0xffffffff},  // -1 < 1
      {"amomin.w", rv::amomin_w, 1, 0xffffffff, 0xffffffff},
      {"amomin.w", rv::amomin_w, kIntMin, kIntMax, kIntMin},
      {"amomax.w", rv::amomax_w, 0xffffffff, 1, 1},
      {"amomax.w", rv::amomax_w, 1, 0xffffffff, 1},
      {"amomax.w", rv::amomax_w, kIntMin, kIntMax, kIntMax},
      {"amominu.w", rv::amominu_w, 0xffffffff, 1, 1},
      {"amominu.w", rv::amominu_w, 1, 0xffffffff, 1},
      {"amominu.w", rv::amominu_w, kIntMin, kIntMax, kIntMax},
      {"amomaxu.w", rv::amomaxu_w, 0xffffffff, 1, 0xffffffff},
      {"amomaxu.w", rv::amomaxu_w, 1, 0xffffffff, 0xffffffff},
      {"amomaxu.w", rv::amomaxu_w, kIntMin, kIntMax, kIntMin},
  };
  for (const AmoCase& c : cases) {
    SCOPED_TRACE(::testing::Message()
                 << c.name << " old 0x" << std::hex << c.old << " operand 0x" << c.operand);
    TestMachine t;
    t.poke32(kData + 8, c.old);
    t.set_x(1, kData + 8);
    t.set_x(2, c.operand);
    t.exec(c.insn(3, 1, 2));
    EXPECT_EQ(t.x(3), c.old);
    EXPECT_EQ(t.peek32(kData + 8), c.stored);
    EXPECT_EQ(t.x(2), c.operand);
    EXPECT_EQ(t.core->pc(), kBase + 4);
  }
}

TEST(Rv32aAmo, DestinationEqualToTheSourceOperandOrTheAddress) {
  TestMachine t;
  t.poke32(kData, 10);
  t.set_x(2, 5);
  t.set_x(1, kData);
  t.exec(rv::amoadd_w(2, 1, 2));  // rd = rs2
  EXPECT_EQ(t.x(2), 10u);
  EXPECT_EQ(t.peek32(kData), 15u);
  t.exec(rv::amoadd_w(1, 1, 2));  // rd = rs1
  EXPECT_EQ(t.x(1), 15u);
  EXPECT_EQ(t.peek32(kData), 25u);
}

TEST(Rv32aAmo, AmoToX0StillStores) {
  TestMachine t;
  t.poke32(kData, 10);
  t.set_x(1, kData);
  t.set_x(2, 7);
  t.exec(rv::amoswap_w(0, 1, 2));
  EXPECT_EQ(t.peek32(kData), 7u);
  EXPECT_EQ(t.x(0), 0u);
}

TEST(Rv32aAmo, AmoOnMmioGoesThroughTransport) {
  TestMachine t;
  t.mmio_poke32(0x40, 100);
  t.set_x(1, TestMachine::kMmioBase + 0x40);
  t.set_x(2, 23);
  t.exec(rv::amoadd_w(3, 1, 2));
  EXPECT_EQ(t.x(3), 100u);
  EXPECT_EQ(t.mmio_peek32(0x40), 123u);
  EXPECT_EQ(t.transports, 2u);
  EXPECT_EQ(t.core->cycles(), 1u + 2 * TestMachine::kMmioLatency);
}

}  // namespace
}  // namespace tessera::riscv
