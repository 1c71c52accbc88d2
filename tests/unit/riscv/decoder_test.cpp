// The 32-bit decoder: the instruction table, operand extraction per format, illegal and
// reserved encodings, and the x0 sink.
#include <gtest/gtest.h>

#include <cstdio>
#include <iterator>
#include <string>

#include "assembler.h"
#include "riscv/decoded_insn.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;

constexpr size_t kOpCount = static_cast<size_t>(Op::illegal);

DecodedInsn Decode(uint32_t bits) {
  DecodedInsn d;
  decode(bits, d);
  return d;
}

std::string Hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

TEST(DecoderTable, EveryRowIsWellFormed) {
  for (size_t i = 0; i < kOpCount; ++i) {
    const InsnInfo& row = info(static_cast<Op>(i));
    SCOPED_TRACE(row.name);
    EXPECT_EQ(row.match & row.mask, row.match) << "match has bits outside its mask";
    EXPECT_EQ(row.match & 3, 3u) << "not a 32-bit encoding";
    EXPECT_EQ(row.mask & 0x7f, 0x7fu) << "the major opcode must be fully decoded";
  }
  EXPECT_STREQ(info(Op::fence_i).name, "fence.i");
  EXPECT_STREQ(info(Op::and_).name, "and");
  EXPECT_STREQ(info(Op::amomaxu_w).name, "amomaxu.w");
}

TEST(DecoderTable, EveryRowDecodesToItsOwnOpFromItsMatchValue) {
  for (size_t i = 0; i < kOpCount; ++i) {
    const Op op = static_cast<Op>(i);
    const InsnInfo& row = info(op);
    SCOPED_TRACE(row.name);
    const DecodedInsn d = Decode(row.match);
    EXPECT_EQ(d.op, op) << "decoded as " << info(d.op).name;
    EXPECT_EQ(d.length, 4);
    EXPECT_EQ(d.compressed, CompressedOp::none);
    EXPECT_EQ(d.raw, row.match);
    EXPECT_NE(d.exec, nullptr);
  }
}

TEST(DecoderTable, OperandBitsDoNotChangeTheOp) {
  // Every bit outside a row's mask is an operand: setting it keeps the op.
  for (size_t i = 0; i < kOpCount; ++i) {
    const Op op = static_cast<Op>(i);
    const InsnInfo& row = info(op);
    for (unsigned bit = 0; bit < 32; ++bit) {
      if (row.mask & (1u << bit)) continue;
      const uint32_t bits = row.match | (1u << bit);
      EXPECT_EQ(Decode(bits).op, op) << row.name << " with bit " << bit << " set: " << Hex(bits);
    }
  }
}

// The opcode, funct3 and funct7 (funct5 for the A extension) of every instruction, typed
// from the RISC-V unprivileged and privileged specifications independently of the table.
struct SpecEncoding {
  Op op;
  uint32_t match, mask;
};
constexpr uint32_t kOpcode = 0x7f, kF3 = 0x707f, kF7 = 0xfe00707f, kAll = 0xffffffffu;
constexpr uint32_t F3(uint32_t opcode, uint32_t f3) {
  return opcode | (f3 << 12);
}
constexpr uint32_t F7(uint32_t opcode, uint32_t f3, uint32_t f7) {
  return F3(opcode, f3) | (f7 << 25);
}
constexpr uint32_t Amo(uint32_t funct5) {
  return F3(0x2f, 2) | (funct5 << 27);
}
constexpr uint32_t kAmoMask = 0xf800707f;

const SpecEncoding kSpec[] = {
    {Op::lui, 0x37, kOpcode},
    {Op::auipc, 0x17, kOpcode},
    {Op::jal, 0x6f, kOpcode},
    {Op::jalr, F3(0x67, 0), kF3},
    {Op::beq, F3(0x63, 0), kF3},
    {Op::bne, F3(0x63, 1), kF3},
    {Op::blt, F3(0x63, 4), kF3},
    {Op::bge, F3(0x63, 5), kF3},
    {Op::bltu, F3(0x63, 6), kF3},
    {Op::bgeu, F3(0x63, 7), kF3},
    {Op::lb, F3(0x03, 0), kF3},
    {Op::lh, F3(0x03, 1), kF3},
    {Op::lw, F3(0x03, 2), kF3},
    {Op::lbu, F3(0x03, 4), kF3},
    {Op::lhu, F3(0x03, 5), kF3},
    {Op::sb, F3(0x23, 0), kF3},
    {Op::sh, F3(0x23, 1), kF3},
    {Op::sw, F3(0x23, 2), kF3},
    {Op::addi, F3(0x13, 0), kF3},
    {Op::slti, F3(0x13, 2), kF3},
    {Op::sltiu, F3(0x13, 3), kF3},
    {Op::xori, F3(0x13, 4), kF3},
    {Op::ori, F3(0x13, 6), kF3},
    {Op::andi, F3(0x13, 7), kF3},
    {Op::slli, F7(0x13, 1, 0x00), kF7},
    {Op::srli, F7(0x13, 5, 0x00), kF7},
    {Op::srai, F7(0x13, 5, 0x20), kF7},
    {Op::add, F7(0x33, 0, 0x00), kF7},
    {Op::sub, F7(0x33, 0, 0x20), kF7},
    {Op::sll, F7(0x33, 1, 0x00), kF7},
    {Op::slt, F7(0x33, 2, 0x00), kF7},
    {Op::sltu, F7(0x33, 3, 0x00), kF7},
    {Op::xor_, F7(0x33, 4, 0x00), kF7},
    {Op::srl, F7(0x33, 5, 0x00), kF7},
    {Op::sra, F7(0x33, 5, 0x20), kF7},
    {Op::or_, F7(0x33, 6, 0x00), kF7},
    {Op::and_, F7(0x33, 7, 0x00), kF7},
    {Op::fence, F3(0x0f, 0), kF3},
    {Op::ecall, 0x00000073, kAll},
    {Op::ebreak, 0x00100073, kAll},
    {Op::fence_i, F3(0x0f, 1), kF3},
    {Op::mret, 0x30200073, kAll},
    {Op::wfi, 0x10500073, kAll},
    {Op::trace_begin, F3(0x0b, 0), kF3},
    {Op::trace_end, F3(0x0b, 1), kF3},
    {Op::csrrw, F3(0x73, 1), kF3},
    {Op::csrrs, F3(0x73, 2), kF3},
    {Op::csrrc, F3(0x73, 3), kF3},
    {Op::csrrwi, F3(0x73, 5), kF3},
    {Op::csrrsi, F3(0x73, 6), kF3},
    {Op::csrrci, F3(0x73, 7), kF3},
    {Op::mul, F7(0x33, 0, 1), kF7},
    {Op::mulh, F7(0x33, 1, 1), kF7},
    {Op::mulhsu, F7(0x33, 2, 1), kF7},
    {Op::mulhu, F7(0x33, 3, 1), kF7},
    {Op::div, F7(0x33, 4, 1), kF7},
    {Op::divu, F7(0x33, 5, 1), kF7},
    {Op::rem, F7(0x33, 6, 1), kF7},
    {Op::remu, F7(0x33, 7, 1), kF7},
    {Op::lr_w, Amo(0x02), kAmoMask | (0x1fu << 20)},  // rs2 must be x0
    {Op::sc_w, Amo(0x03), kAmoMask},
    {Op::amoswap_w, Amo(0x01), kAmoMask},
    {Op::amoadd_w, Amo(0x00), kAmoMask},
    {Op::amoxor_w, Amo(0x04), kAmoMask},
    {Op::amoand_w, Amo(0x0c), kAmoMask},
    {Op::amoor_w, Amo(0x08), kAmoMask},
    {Op::amomin_w, Amo(0x10), kAmoMask},
    {Op::amomax_w, Amo(0x14), kAmoMask},
    {Op::amominu_w, Amo(0x18), kAmoMask},
    {Op::amomaxu_w, Amo(0x1c), kAmoMask},
};

TEST(DecoderTable, EveryRowMatchesTheSpecEncoding) {
  static_assert(std::size(kSpec) == kOpCount, "one spec entry per table row");
  bool seen[kOpCount] = {};
  for (const SpecEncoding& s : kSpec) {
    const InsnInfo& row = info(s.op);
    SCOPED_TRACE(row.name);
    seen[static_cast<size_t>(s.op)] = true;
    EXPECT_EQ(Hex(row.match), Hex(s.match));
    EXPECT_EQ(Hex(row.mask), Hex(s.mask));
  }
  for (size_t i = 0; i < kOpCount; ++i) EXPECT_TRUE(seen[i]) << info(static_cast<Op>(i)).name;
}

TEST(DecoderTable, FormatsOfTheRows) {
  EXPECT_EQ(info(Op::add).format, Format::R);
  EXPECT_EQ(info(Op::lr_w).format, Format::R);
  EXPECT_EQ(info(Op::addi).format, Format::I);
  EXPECT_EQ(info(Op::lw).format, Format::I);
  EXPECT_EQ(info(Op::jalr).format, Format::I);
  EXPECT_EQ(info(Op::sw).format, Format::S);
  EXPECT_EQ(info(Op::bgeu).format, Format::B);
  EXPECT_EQ(info(Op::auipc).format, Format::U);
  EXPECT_EQ(info(Op::jal).format, Format::J);
  EXPECT_EQ(info(Op::srai).format, Format::SHIFT);
  EXPECT_EQ(info(Op::csrrci).format, Format::CSR);
  EXPECT_EQ(info(Op::fence).format, Format::NONE);
  EXPECT_EQ(info(Op::illegal).format, Format::NONE);
  EXPECT_STREQ(info(Op::illegal).name, "illegal");
}

// ---- operand extraction, from instruction words computed by hand from the spec (and
// checked against riscv64-unknown-elf-as) ----

struct Operands {
  Op op;
  unsigned rd, rs1, rs2;
  int32_t imm;
};

void ExpectDecodes(uint32_t bits, const Operands& want) {
  SCOPED_TRACE(Hex(bits));
  const DecodedInsn d = Decode(bits);
  EXPECT_EQ(d.op, want.op) << info(d.op).name;
  EXPECT_EQ(d.rd, want.rd);
  EXPECT_EQ(d.rs1, want.rs1);
  EXPECT_EQ(d.rs2, want.rs2);
  EXPECT_EQ(d.imm, want.imm);
  EXPECT_EQ(d.length, 4);
  EXPECT_EQ(d.raw, bits);
}

TEST(DecoderOperands, RFormat) {
  ExpectDecodes(0x007302b3, {Op::add, 5, 6, 7, 0});     // add t0, t1, t2
  ExpectDecodes(0x40208fb3, {Op::sub, 31, 1, 2, 0});    // sub x31, x1, x2
  ExpectDecodes(0x03ff8fb3, {Op::mul, 31, 31, 31, 0});  // mul x31, x31, x31
  ExpectDecodes(rv::amoadd_w(4, 10, 11), {Op::amoadd_w, 4, 10, 11, 0});
}

TEST(DecoderOperands, IFormatNegativeAndPositiveImmediates) {
  ExpectDecodes(0xfff10093, {Op::addi, 1, 2, 0, -1});              // addi x1, x2, -1
  ExpectDecodes(0x7fff0f93, {Op::addi, 31, 30, 0, 2047});          // addi x31, x30, 2047
  ExpectDecodes(0x80002503, {Op::lw, 10, 0, 0, -2048});            // lw a0, -2048(x0)
  ExpectDecodes(0x00008067, {Op::jalr, Core::kSinkReg, 1, 0, 0});  // ret
  ExpectDecodes(rv::lbu(7, 8, -5), {Op::lbu, 7, 8, 0, -5});
}

TEST(DecoderOperands, SFormatNegativeAndPositiveImmediates) {
  ExpectDecodes(0xfe952e23, {Op::sw, 0, 10, 9, -4});    // sw s1, -4(a0)
  ExpectDecodes(0x7ff08fa3, {Op::sb, 0, 1, 31, 2047});  // sb x31, 2047(x1)
  ExpectDecodes(rv::sh(3, 4, -2048), {Op::sh, 0, 4, 3, -2048});
}

TEST(DecoderOperands, BFormatNegativeAndPositiveOffsets) {
  ExpectDecodes(0x80208063, {Op::beq, 0, 1, 2, -4096});  // beq x1, x2, .-4096 (minimum)
  ExpectDecodes(0xfe209fe3, {Op::bne, 0, 1, 2, -2});     // bne x1, x2, .-2
  ExpectDecodes(0x7e208fe3, {Op::beq, 0, 1, 2, 4094});   // beq x1, x2, .+4094 (maximum)
  ExpectDecodes(rv::bgeu(31, 30, 16), {Op::bgeu, 0, 31, 30, 16});
}

TEST(DecoderOperands, UFormatUpperImmediates) {
  ExpectDecodes(0xfffff537, {Op::lui, 10, 0, 0, static_cast<int32_t>(0xfffff000u)});
  ExpectDecodes(0x7ffff537, {Op::lui, 10, 0, 0, 0x7ffff000});
  ExpectDecodes(0x80000097, {Op::auipc, 1, 0, 0, static_cast<int32_t>(0x80000000u)});
}

TEST(DecoderOperands, JFormatNegativeAndPositiveOffsets) {
  ExpectDecodes(0xffdff06f, {Op::jal, Core::kSinkReg, 0, 0, -4});  // j .-4
  ExpectDecodes(0x800000ef, {Op::jal, 1, 0, 0, -(1 << 20)});       // jal ra, minimum
  ExpectDecodes(0x7ffff0ef, {Op::jal, 1, 0, 0, (1 << 20) - 2});    // jal ra, maximum
  ExpectDecodes(rv::jal(5, 2048), {Op::jal, 5, 0, 0, 2048});
}

TEST(DecoderOperands, ShiftFormatTakesTheShiftAmount) {
  ExpectDecodes(0x41f35293, {Op::srai, 5, 6, 0, 31});  // srai t0, t1, 31
  ExpectDecodes(rv::srli(1, 2, 0), {Op::srli, 1, 2, 0, 0});
  ExpectDecodes(rv::slli(3, 4, 17), {Op::slli, 3, 4, 0, 17});
}

TEST(DecoderOperands, CsrFormatTakesTheUnsignedCsrNumber) {
  ExpectDecodes(0x340110f3, {Op::csrrw, 1, 2, 0, 0x340});                 // csrrw ra, mscratch, sp
  ExpectDecodes(0xc00022f3, {Op::csrrs, 5, 0, 0, 0xc00});                 // rdcycle t0
  ExpectDecodes(0xffffd073, {Op::csrrwi, Core::kSinkReg, 31, 0, 0xfff});  // csrwi 0xfff, 31
  ExpectDecodes(rv::csrrci(7, 0x800, 1), {Op::csrrci, 7, 1, 0, 0x800});
}

TEST(DecoderOperands, NoneFormatHasNoOperands) {
  ExpectDecodes(0x0ff0000f, {Op::fence, 0, 0, 0, 0});  // fence iorw, iorw
  ExpectDecodes(0x00100073, {Op::ebreak, 0, 0, 0, 0});
  ExpectDecodes(0x10500073, {Op::wfi, 0, 0, 0, 0});
}

TEST(DecoderOperands, WritesToX0SteerToTheSinkRegister) {
  EXPECT_EQ(Decode(rv::add(0, 1, 2)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::addi(0, 1, 5)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::slli(0, 1, 5)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::lui(0, 5)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::jal(0, 8)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::csrrs(0, 0x340, 1)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::amoswap_w(0, 1, 2)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::lw(0, 1, 0)).rd, Core::kSinkReg);
  EXPECT_EQ(Decode(rv::add(1, 0, 0)).rd, 1);
  // x0 as a source stays x0, which reads zero.
  EXPECT_EQ(Decode(rv::add(1, 0, 0)).rs1, 0);
  EXPECT_EQ(Decode(rv::add(1, 0, 0)).rs2, 0);
}

TEST(DecoderOperands, ExecutingAWriteToX0LeavesX0Zero) {
  TestMachine t;
  t.set_x(1, 41);
  t.program({rv::addi(0, 1, 1), rv::lui(0, 0x12345), rv::jal(0, 4), rv::add(2, 0, 0)});
  t.step(4);
  EXPECT_EQ(t.x(0), 0u);
  EXPECT_EQ(t.core->x_[0], 0u) << "the register file's x0 slot must never be written";
  EXPECT_EQ(t.x(2), 0u);
  EXPECT_EQ(t.core->pc(), TestMachine::kRamBase + 16);
}

// ---- illegal and reserved encodings ----

TEST(DecoderIllegal, UnknownAndReservedEncodingsDecodeToIllegal) {
  const uint32_t cases[] = {
      0xffffffff,  // all ones
      0x00000000,  // 16-bit all zeros (c.addi4spn with imm 0)
      0x0000001c,  // c.addi4spn x15, sp, 0: reserved
      0x00006081,  // c.lui x1, 0: reserved
      0x00006101,  // c.addi16sp sp, 0: reserved
      0x00008002,  // c.jr x0: reserved
      0x00004002,  // c.lwsp x0: reserved
      0x00001082,  // c.slli x1, 32: shamt[5] = 1 is reserved on RV32
      0x00009001,  // c.srli x8, 32
      0x00009401,  // c.srai x8, 32
      0x00009c01,  // c.subw (RV64 only)
      0x00009c21,  // c.addw (RV64 only)
      0x00002000,  // c.fld
      0x00006000,  // c.flw
      0x0000a000,  // c.fsd
      0x0000e000,  // c.fsw
      0x00002002,  // c.fldsp
      0x00006082,  // c.flwsp f1
      0x0000a002,  // c.fsdsp
      0x0000e002,  // c.fswsp
      0x00008000,  // quadrant 0, funct3 100: reserved
      0x10200073,  // sret: no supervisor mode
      0x00004073,  // SYSTEM funct3 100
      0x000000f3,  // ecall with rd != 0
      0x00200073,  // uret: no user-mode traps
      0x02001013,  // slli with shamt[5] = 1
      0x02005013,  // srli with shamt[5] = 1
      0x42005013,  // srai with shamt[5] = 1
      0x80000033,  // OP with funct7 0x40
      0x06000033,  // funct7 0x03
      0x0000700b,  // custom-0 beyond the trace markers
      0x0000007f,  // a >32-bit instruction prefix
      0x00003003,  // ld (RV64)
      0x00006003,  // lwu (RV64)
      0x00003023,  // sd (RV64)
      0x0000001b,  // addiw (RV64)
      0x0000003b,  // addw (RV64)
      0x00002063,  // branch funct3 010
      0x00001067,  // jalr funct3 001
      0x0000200f,  // MISC-MEM funct3 010
      0x0000302f,  // amoadd.d (RV64)
      0x1010202f,  // lr.w with rs2 != 0
      0x2800202f,  // AMO funct5 00101
      0x00002007,  // flw (no F)
      0x00002027,  // fsw
  };
  for (uint32_t bits : cases) {
    const DecodedInsn d = Decode(bits);
    EXPECT_EQ(d.op, Op::illegal) << Hex(bits) << " decoded as " << info(d.op).name;
    EXPECT_EQ(d.length, (bits & 3) == 3 ? 4 : 2) << Hex(bits);
  }
}

TEST(DecoderIllegal, IllegalInstructionTrapsWithItsBitsInMtval) {
  TestMachine t;
  t.exec(0xffffffffu);
  EXPECT_TRUE(Trapped(t, kIllegalInsn, 0xffffffffu, TestMachine::kRamBase));
  EXPECT_EQ(t.core->instret(), 0u) << "a trapping instruction does not retire";
}

TEST(DecoderIllegal, IllegalCompressedInstructionTrapsWithItsSixteenBits) {
  // Bits above a 16-bit instruction belong to the next one: they stay out of raw and mtval.
  const DecodedInsn d = Decode(0xdead8002u);  // c.jr x0, then garbage
  EXPECT_EQ(d.op, Op::illegal);
  EXPECT_EQ(d.raw, 0x8002u);
  EXPECT_EQ(d.length, 2);

  TestMachine t;
  t.program16({0x4505, 0x8002, 0xdead});  // c.li a0, 1; c.jr x0
  t.step(2);
  EXPECT_EQ(t.x(10), 1u);
  EXPECT_TRUE(Trapped(t, kIllegalInsn, 0x8002, TestMachine::kRamBase + 2));
}

}  // namespace
}  // namespace tessera::riscv
