// RV32I semantics on TestMachine: arithmetic, logic, compares, shifts, upper immediates,
// jumps and branches. Loads and stores are in memory_test.cpp.
#include <gtest/gtest.h>

#include <cstdio>

#include "assembler.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;
constexpr uint32_t kBase = TestMachine::kRamBase;
constexpr uint32_t kIntMin = 0x80000000u, kIntMax = 0x7fffffffu;

// Executes one register-register instruction x3 = op(x1 = a, x2 = b) and returns x3.
uint32_t EvalR(uint32_t (*insn)(unsigned, unsigned, unsigned), uint32_t a, uint32_t b) {
  TestMachine t;
  t.set_x(1, a);
  t.set_x(2, b);
  t.exec(insn(3, 1, 2));
  EXPECT_EQ(t.core->pc(), kBase + 4);
  EXPECT_EQ(t.x(1), a) << "source clobbered";
  return t.x(3);
}
// Executes one register-immediate instruction x3 = op(x1 = a, imm) and returns x3.
uint32_t EvalI(uint32_t (*insn)(unsigned, unsigned, int32_t), uint32_t a, int32_t imm) {
  TestMachine t;
  t.set_x(1, a);
  t.exec(insn(3, 1, imm));
  EXPECT_EQ(t.core->pc(), kBase + 4);
  return t.x(3);
}
uint32_t EvalShiftImm(uint32_t (*insn)(unsigned, unsigned, unsigned), uint32_t a, unsigned shamt) {
  TestMachine t;
  t.set_x(1, a);
  t.exec(insn(3, 1, shamt));
  return t.x(3);
}

struct RCase {
  const char* name;
  uint32_t (*insn)(unsigned, unsigned, unsigned);
  uint32_t a, b, want;
};
struct ICase {
  const char* name;
  uint32_t (*insn)(unsigned, unsigned, int32_t);
  uint32_t a;
  int32_t imm;
  uint32_t want;
};

void RunCases(std::initializer_list<RCase> cases) {
  for (const RCase& c : cases)
    EXPECT_EQ(EvalR(c.insn, c.a, c.b), c.want)
        << c.name << "(0x" << std::hex << c.a << ", 0x" << c.b << ")";
}
void RunCases(std::initializer_list<ICase> cases) {
  for (const ICase& c : cases)
    EXPECT_EQ(EvalI(c.insn, c.a, c.imm), c.want)
        << c.name << "(0x" << std::hex << c.a << ", " << std::dec << c.imm << ")";
}

TEST(Rv32iArithmetic, AddAndSubWrapOnOverflow) {
  RunCases({
      {"add", rv::add, 2, 3, 5},
      {"add", rv::add, kIntMax, 1, kIntMin},
      {"add", rv::add, 0xffffffff, 1, 0},
      {"add", rv::add, kIntMin, kIntMin, 0},
      {"sub", rv::sub, 5, 3, 2},
      {"sub", rv::sub, 3, 5, 0xfffffffe},
      {"sub", rv::sub, kIntMin, 1, kIntMax},
      {"sub", rv::sub, 0, kIntMin, kIntMin},
  });
}

TEST(Rv32iArithmetic, AddiSignExtendsItsImmediate) {
  RunCases({
      {"addi", rv::addi, 10, -1, 9},
      {"addi", rv::addi, 0, -2048, 0xfffff800},
      {"addi", rv::addi, 0, 2047, 2047},
      {"addi", rv::addi, kIntMax, 1, kIntMin},
      {"addi", rv::addi, 0xffffffff, 1, 0},
  });
}

TEST(Rv32iCompare, SltIsSignedAndSltuIsUnsigned) {
  RunCases({
      {"slt", rv::slt, 0xffffffff, 1, 1},  // -1 < 1
      {"sltu", rv::sltu, 0xffffffff, 1, 0},
      {"slt", rv::slt, 1, 0xffffffff, 0},
      {"sltu", rv::sltu, 1, 0xffffffff, 1},
      {"slt", rv::slt, kIntMin, kIntMax, 1},
      {"sltu", rv::sltu, kIntMin, kIntMax, 0},
      {"slt", rv::slt, 7, 7, 0},
      {"sltu", rv::sltu, 7, 7, 0},
      {"sltu", rv::sltu, 0, 1, 1},
  });
}

TEST(Rv32iCompare, SltiAndSltiuCompareWithTheSignExtendedImmediate) {
  RunCases({
      {"slti", rv::slti, 0xfffffffb, -4, 1},  // -5 < -4
      {"slti", rv::slti, 0xfffffffc, -4, 0},
      {"slti", rv::slti, 0, 1, 1},
      {"slti", rv::slti, 0, -1, 0},
      {"slti", rv::slti, kIntMin, -2048, 1},
      {"sltiu", rv::sltiu, 5, -1, 1},  // 5 < 0xffffffff
      {"sltiu", rv::sltiu, 0xffffffff, -1, 0},
      {"sltiu", rv::sltiu, 0, 1, 1},  // seqz
      {"sltiu", rv::sltiu, 3, 1, 0},
      {"sltiu", rv::sltiu, 0xfffff7ff, -2048, 1},  // against 0xfffff800
  });
}

TEST(Rv32iLogic, RegisterForms) {
  RunCases({
      {"xor", rv::xor_, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0},
      {"or", rv::or_, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0},
      {"and", rv::and_, 0xff00ff00, 0x0ff00ff0, 0x0f000f00},
  });
}

TEST(Rv32iLogic, ImmediateFormsSignExtend) {
  RunCases({
      {"andi", rv::andi, 0x12345678, -16, 0x12345670},
      {"andi", rv::andi, 0x12345678, 0x7ff, 0x678},
      {"xori", rv::xori, 0x12345678, -1, 0xedcba987},  // not
      {"xori", rv::xori, 0x0000ffff, 0x0f0, 0x0000ff0f},
      {"ori", rv::ori, 0, -2048, 0xfffff800},
      {"ori", rv::ori, 0x10000000, 0x123, 0x10000123},
  });
}

TEST(Rv32iShift, RegisterShiftsTakeTheAmountModulo32) {
  RunCases({
      {"sll", rv::sll, 0x80000001, 0, 0x80000001},
      {"sll", rv::sll, 1, 31, 0x80000000},
      {"sll", rv::sll, 1, 32, 1},
      {"sll", rv::sll, 1, 33, 2},
      {"sll", rv::sll, 3, 0xffffffe1, 6},  // low five bits: 1
      {"srl", rv::srl, 0x80000000, 0, 0x80000000},
      {"srl", rv::srl, 0x80000000, 31, 1},
      {"srl", rv::srl, 0x80000000, 32, 0x80000000},
      {"srl", rv::srl, 0x80000000, 0xffffffff, 1},  // by 31
      {"sra", rv::sra, 0x80000000, 0, 0x80000000},
      {"sra", rv::sra, 0x80000000, 31, 0xffffffff},
      {"sra", rv::sra, 0x80000000, 4, 0xf8000000},
      {"sra", rv::sra, 0x40000000, 30, 1},
      {"sra", rv::sra, 0x80000000, 36, 0xf8000000},  // by 4
      {"sra", rv::sra, 0x7fffffff, 31, 0},
  });
}

TEST(Rv32iShift, ImmediateShiftsByZeroAnd31) {
  EXPECT_EQ(EvalShiftImm(rv::slli, 0x80000001, 0), 0x80000001u);
  EXPECT_EQ(EvalShiftImm(rv::slli, 0x80000001, 31), 0x80000000u);
  EXPECT_EQ(EvalShiftImm(rv::slli, 0x00000003, 4), 0x30u);
  EXPECT_EQ(EvalShiftImm(rv::srli, 0x80000000, 0), 0x80000000u);
  EXPECT_EQ(EvalShiftImm(rv::srli, 0x80000000, 31), 1u);
  EXPECT_EQ(EvalShiftImm(rv::srli, 0xf0000000, 4), 0x0f000000u);
  EXPECT_EQ(EvalShiftImm(rv::srai, 0x80000000, 0), 0x80000000u);
  EXPECT_EQ(EvalShiftImm(rv::srai, 0x80000000, 31), 0xffffffffu);
  EXPECT_EQ(EvalShiftImm(rv::srai, 0xf0000000, 4), 0xff000000u);
  EXPECT_EQ(EvalShiftImm(rv::srai, 0x70000000, 4), 0x07000000u);
}

TEST(Rv32iUpper, LuiLoadsTheUpperImmediate) {
  TestMachine t;
  t.program({rv::lui(1, 0x12345), rv::lui(2, 0xfffff), rv::lui(3, 0x80000), rv::lui(4, 0)});
  t.set_x(4, 99);
  t.step(4);
  EXPECT_EQ(t.x(1), 0x12345000u);
  EXPECT_EQ(t.x(2), 0xfffff000u);
  EXPECT_EQ(t.x(3), 0x80000000u);
  EXPECT_EQ(t.x(4), 0u);
}

TEST(Rv32iUpper, AuipcAddsTheUpperImmediateToItsOwnPc) {
  TestMachine t;
  t.program({rv::auipc(1, 0), rv::auipc(2, 1), rv::auipc(3, 0xfffff), rv::auipc(4, 0x80000)});
  t.step(4);
  EXPECT_EQ(t.x(1), kBase);
  EXPECT_EQ(t.x(2), kBase + 4 + 0x1000);
  EXPECT_EQ(t.x(3), kBase + 8 - 0x1000);
  EXPECT_EQ(t.x(4), kBase + 12 + 0x80000000u);  // wraps to 0x0000000c
}

// ---- jumps ----

TEST(Rv32iJump, JalLinksPcPlusFourForwardAndBackward) {
  TestMachine t;
  t.program({rv::jal(1, 0x100)});
  t.program({rv::jal(5, -0xf8)}, kBase + 0x100);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 0x100);
  EXPECT_EQ(t.x(1), kBase + 4);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.x(5), kBase + 0x104);
}

TEST(Rv32iJump, JalToX0DoesNotLink) {
  TestMachine t;
  t.program({rv::jal(0, 12)});
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 12);
  EXPECT_EQ(t.x(0), 0u);
}

TEST(Rv32iJump, JalrAddsTheImmediateAndClearsBitZero) {
  TestMachine t;
  t.set_x(6, kBase + 0x201);
  t.program({rv::jalr(1, 6, 0x10)});
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 0x210);  // 0x211 with bit 0 cleared
  EXPECT_EQ(t.x(1), kBase + 4);
  EXPECT_EQ(t.x(6), kBase + 0x201);

  t.set_x(7, kBase + 0x20);
  t.program({rv::jalr(0, 7, -0x1f)}, kBase + 0x210);  // 0x80000001 -> 0x80000000
  t.step();
  EXPECT_EQ(t.core->pc(), kBase);
}

TEST(Rv32iJump, JalrWithRdEqualToRs1UsesTheOldValue) {
  TestMachine t;
  t.set_x(1, kBase + 0x100);
  t.program({rv::jalr(1, 1, 8)});
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 0x108);
  EXPECT_EQ(t.x(1), kBase + 4);
}

// ---- branches ----

// The pc after one branch at kBase + 0x100 with x1 = a, x2 = b.
uint32_t BranchTarget(uint32_t (*insn)(unsigned, unsigned, int32_t), uint32_t a, uint32_t b,
                      int32_t offset) {
  TestMachine t;
  const uint32_t pc = kBase + 0x100;
  t.core->set_pc(pc);
  t.set_x(1, a);
  t.set_x(2, b);
  t.program({insn(1, 2, offset)}, pc);
  t.step();
  EXPECT_EQ(t.core->instret(), 1u);
  return t.core->pc();
}

struct BranchCase {
  const char* name;
  uint32_t (*insn)(unsigned, unsigned, int32_t);
  uint32_t a, b;
  bool taken;
};

TEST(Rv32iBranch, EveryBranchTakenAndNotTakenBothDirections) {
  const BranchCase cases[] = {
      {"beq", rv::beq, 5, 5, true},
      {"beq", rv::beq, 5, 6, false},
      {"bne", rv::bne, 5, 6, true},
      {"bne", rv::bne, 5, 5, false},
      {"blt", rv::blt, 0xffffffff, 1, true},  // -1 < 1
      {"blt", rv::blt, 1, 0xffffffff, false},
      {"blt", rv::blt, 3, 3, false},
      {"blt", rv::blt, kIntMin, kIntMax, true},
      {"bge", rv::bge, 1, 0xffffffff, true},
      {"bge", rv::bge, 3, 3, true},
      {"bge", rv::bge, 0xffffffff, 1, false},
      {"bltu", rv::bltu, 1, 0xffffffff, true},
      {"bltu", rv::bltu, 0xffffffff, 1, false},
      {"bltu", rv::bltu, 3, 3, false},
      {"bgeu", rv::bgeu, 0xffffffff, 1, true},
      {"bgeu", rv::bgeu, 3, 3, true},
      {"bgeu", rv::bgeu, 1, 0xffffffff, false},
      {"bgeu", rv::bgeu, kIntMax, kIntMin, false},
  };
  const uint32_t pc = kBase + 0x100;
  for (const BranchCase& c : cases) {
    for (int32_t offset : {8, -0x100, -4, 0x7fe, -2}) {
      SCOPED_TRACE(::testing::Message() << c.name << "(0x" << std::hex << c.a << ", 0x" << c.b
                                        << ") offset " << std::dec << offset);
      const uint32_t want = c.taken ? pc + static_cast<uint32_t>(offset) : pc + 4;
      EXPECT_EQ(BranchTarget(c.insn, c.a, c.b, offset), want);
    }
  }
}

TEST(Rv32iBranch, BackwardLoopRunsTheRightNumberOfTimes) {
  TestMachine t;
  // x1 = 10; do { x2 += 3; x1 -= 1; } while (x1 != 0); wfi
  t.program(
      {rv::addi(1, 0, 10), rv::addi(2, 2, 3), rv::addi(1, 1, -1), rv::bne(1, 0, -8), rv::wfi()});
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(2), 30u);
  EXPECT_EQ(t.core->instret(), 1u + 3 * 10 + 1);
}

// ---- misc ----

TEST(Rv32iMisc, FenceIsANop) {
  TestMachine t;
  t.set_x(1, 7);
  t.program({0x0ff0000fu, rv::fence(), rv::addi(1, 1, 1)});
  t.step(3);
  EXPECT_EQ(t.core->pc(), kBase + 12);
  EXPECT_EQ(t.x(1), 8u);
}

TEST(Rv32iMisc, RunRetiresExactlyTheBudgetOfStraightLineCode) {
  TestMachine t;
  std::vector<uint32_t> code;
  for (int i = 0; i < 100; ++i) code.push_back(rv::addi(5, 5, 1));
  t.program(code);
  EXPECT_EQ(t.core->run(7), 7u);
  EXPECT_EQ(t.core->instret(), 7u);
  EXPECT_EQ(t.x(5), 7u);
  EXPECT_EQ(t.core->pc(), kBase + 28);
  EXPECT_EQ(t.core->run(0), 0u);
  EXPECT_EQ(t.core->instret(), 7u);
  EXPECT_EQ(t.core->run(50), 50u);
  EXPECT_EQ(t.core->instret(), 57u);
  EXPECT_EQ(t.x(5), 57u);
  EXPECT_EQ(t.core->cycles(), 57u);
  EXPECT_EQ(t.core->pc(), kBase + 57 * 4);
}

TEST(Rv32iMisc, RunBudgetAlsoHoldsForCompressedCode) {
  TestMachine t;
  std::vector<uint16_t> code(40, 0x0485);  // c.addi x9, 1
  t.program16(code);
  EXPECT_EQ(t.core->run(13), 13u);
  EXPECT_EQ(t.x(9), 13u);
  EXPECT_EQ(t.core->pc(), kBase + 26);
}

TEST(Rv32iMisc, DecodeCacheAliasesStillExecuteTheirOwnInstructions) {
  // TestMachine's decode cache has 1024 entries, indexed by pc / 2: code 2 KiB apart shares
  // entries, and each pc must still execute its own instruction.
  TestMachine t;
  const uint32_t alias = kBase + 1024 * 2;
  t.program({rv::addi(5, 5, 1), rv::jal(0, 1024 * 2 - 4)});                // kBase
  t.program({rv::addi(6, 6, 10), rv::bne(5, 7, -(1024 * 2 + 4))}, alias);  // back to kBase
  t.program({rv::wfi()}, alias + 8);
  t.set_x(7, 3);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(5), 3u);
  EXPECT_EQ(t.x(6), 30u);
}

}  // namespace
}  // namespace tessera::riscv
