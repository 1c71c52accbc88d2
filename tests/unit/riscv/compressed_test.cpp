// RV32C: every row of isa/compressed.def expands to its base instruction with the right
// operands, boundary immediates included, and compressed programs run with 2-byte steps.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "assembler.h"
#include "riscv/decoded_insn.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;
constexpr uint32_t kBase = TestMachine::kRamBase;

// ---- 16-bit encoders, written from the instruction formats of the RVC chapter of the
// unprivileged spec (independently of compressed.cpp). rd'/rs1'/rs2' take x8..x15. ----

constexpr uint16_t F(uint32_t v, unsigned hi, unsigned lo, unsigned at) {
  return static_cast<uint16_t>(((v >> lo) & ((1u << (hi - lo + 1)) - 1)) << at);
}
constexpr uint16_t P(unsigned reg) {
  return static_cast<uint16_t>(reg - 8);
}  // 3-bit field
constexpr uint32_t U(int32_t v) {
  return static_cast<uint32_t>(v);
}

// CIW: nzuimm[5:4|9:6|2|3] in bits 12:5.
constexpr uint16_t CAddi4spn(unsigned rdp, uint32_t imm) {
  return F(imm, 5, 4, 11) | F(imm, 9, 6, 7) | F(imm, 2, 2, 6) | F(imm, 3, 3, 5) | P(rdp) << 2;
}
// CL/CS: uimm[5:3] in 12:10, uimm[2] in 6, uimm[6] in 5.
constexpr uint16_t ClsOffset(uint32_t imm) {
  return F(imm, 5, 3, 10) | F(imm, 2, 2, 6) | F(imm, 6, 6, 5);
}
constexpr uint16_t CLw(unsigned rdp, unsigned rs1p, uint32_t imm) {
  return 2u << 13 | ClsOffset(imm) | P(rs1p) << 7 | P(rdp) << 2;
}
constexpr uint16_t CSw(unsigned rs2p, unsigned rs1p, uint32_t imm) {
  return 6u << 13 | ClsOffset(imm) | P(rs1p) << 7 | P(rs2p) << 2;
}
// CI: imm[5] in 12, rd in 11:7, imm[4:0] in 6:2.
constexpr uint16_t CI(unsigned funct3, unsigned rd, int32_t imm, unsigned quadrant) {
  return static_cast<uint16_t>(funct3 << 13 | F(U(imm), 5, 5, 12) | rd << 7 | F(U(imm), 4, 0, 2) |
                               quadrant);
}
constexpr uint16_t CAddi(unsigned rd, int32_t imm) {
  return CI(0, rd, imm, 1);
}
constexpr uint16_t CLi(unsigned rd, int32_t imm) {
  return CI(2, rd, imm, 1);
}
constexpr uint16_t CLui(unsigned rd, int32_t imm17_12) {
  return CI(3, rd, imm17_12, 1);
}
constexpr uint16_t CSlli(unsigned rd, unsigned shamt) {
  return CI(0, rd, int32_t(shamt), 2);
}
// c.addi16sp: nzimm[9] in 12, nzimm[4|6|8:7|5] in 6:2.
constexpr uint16_t CAddi16sp(int32_t imm) {
  const uint32_t u = U(imm);
  return 3u << 13 | F(u, 9, 9, 12) | 2u << 7 | F(u, 4, 4, 6) | F(u, 6, 6, 5) | F(u, 8, 7, 3) |
         F(u, 5, 5, 2) | 1;
}
// c.lwsp: uimm[5] in 12, uimm[4:2|7:6] in 6:2.
constexpr uint16_t CLwsp(unsigned rd, uint32_t imm) {
  return 2u << 13 | F(imm, 5, 5, 12) | rd << 7 | F(imm, 4, 2, 4) | F(imm, 7, 6, 2) | 2;
}
// CSS: uimm[5:2|7:6] in 12:7.
constexpr uint16_t CSwsp(unsigned rs2, uint32_t imm) {
  return 6u << 13 | F(imm, 5, 2, 9) | F(imm, 7, 6, 7) | rs2 << 2 | 2;
}
// CB with funct2 (c.srli 00, c.srai 01, c.andi 10): imm[5] in 12, imm[4:0] in 6:2.
constexpr uint16_t CBAlu(unsigned funct2, unsigned rdp, int32_t imm) {
  return 4u << 13 | F(U(imm), 5, 5, 12) | funct2 << 10 | P(rdp) << 7 | F(U(imm), 4, 0, 2) | 1;
}
constexpr uint16_t CSrli(unsigned rdp, unsigned shamt) {
  return CBAlu(0, rdp, int32_t(shamt));
}
constexpr uint16_t CSrai(unsigned rdp, unsigned shamt) {
  return CBAlu(1, rdp, int32_t(shamt));
}
constexpr uint16_t CAndi(unsigned rdp, int32_t imm) {
  return CBAlu(2, rdp, imm);
}
// CA: 100011 in 15:10, funct2 (sub 00, xor 01, or 10, and 11) in 6:5.
constexpr uint16_t CA(unsigned funct2, unsigned rdp, unsigned rs2p) {
  return 0x23u << 10 | P(rdp) << 7 | funct2 << 5 | P(rs2p) << 2 | 1;
}
// CB branch: offset[8|4:3] in 12:10, offset[7:6|2:1|5] in 6:2.
constexpr uint16_t CBranch(unsigned funct3, unsigned rs1p, int32_t off) {
  const uint32_t u = U(off);
  return static_cast<uint16_t>(funct3 << 13 | F(u, 8, 8, 12) | F(u, 4, 3, 10) | P(rs1p) << 7 |
                               F(u, 7, 6, 5) | F(u, 2, 1, 3) | F(u, 5, 5, 2) | 1);
}
constexpr uint16_t CBeqz(unsigned rs1p, int32_t off) {
  return CBranch(6, rs1p, off);
}
constexpr uint16_t CBnez(unsigned rs1p, int32_t off) {
  return CBranch(7, rs1p, off);
}
// CJ: offset[11|4|9:8|10|6|7|3:1|5] in 12:2.
constexpr uint16_t CJ(unsigned funct3, int32_t off) {
  const uint32_t u = U(off);
  return static_cast<uint16_t>(funct3 << 13 | F(u, 11, 11, 12) | F(u, 4, 4, 11) | F(u, 9, 8, 9) |
                               F(u, 10, 10, 8) | F(u, 6, 6, 7) | F(u, 7, 7, 6) | F(u, 3, 1, 3) |
                               F(u, 5, 5, 2) | 1);
}
constexpr uint16_t CJal(int32_t off) {
  return CJ(1, off);
}
constexpr uint16_t CJmp(int32_t off) {
  return CJ(5, off);
}
// CR: funct4 in 15:12, rd/rs1 in 11:7, rs2 in 6:2.
constexpr uint16_t CR(unsigned funct4, unsigned rs1, unsigned rs2) {
  return static_cast<uint16_t>(funct4 << 12 | rs1 << 7 | rs2 << 2 | 2);
}
constexpr uint16_t CJr(unsigned rs1) {
  return CR(8, rs1, 0);
}
constexpr uint16_t CMv(unsigned rd, unsigned rs2) {
  return CR(8, rd, rs2);
}
constexpr uint16_t CEbreak() {
  return CR(9, 0, 0);
}
constexpr uint16_t CJalr(unsigned rs1) {
  return CR(9, rs1, 0);
}
constexpr uint16_t CAdd(unsigned rd, unsigned rs2) {
  return CR(9, rd, rs2);
}

std::string Hex16(uint32_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", v);
  return buf;
}

// The encoders reproduce the instruction words riscv64-unknown-elf-as (binutils) emits.
TEST(CompressedEncoders, MatchKnownToolchainEncodings) {
  EXPECT_EQ(Hex16(CAddi(0, 0)), "0x0001");       // c.nop
  EXPECT_EQ(Hex16(CAddi(2, -16)), "0x1141");     // addi sp, sp, -16
  EXPECT_EQ(Hex16(CAddi16sp(-48)), "0x7179");    // addi sp, sp, -48
  EXPECT_EQ(Hex16(CAddi16sp(48)), "0x6145");     // addi sp, sp, 48
  EXPECT_EQ(Hex16(CAddi4spn(8, 16)), "0x0800");  // addi s0, sp, 16
  EXPECT_EQ(Hex16(CSwsp(1, 12)), "0xc606");      // sw ra, 12(sp)
  EXPECT_EQ(Hex16(CLwsp(1, 12)), "0x40b2");      // lw ra, 12(sp)
  EXPECT_EQ(Hex16(CLw(15, 10, 0)), "0x411c");    // lw a5, 0(a0)
  EXPECT_EQ(Hex16(CSw(15, 10, 0)), "0xc11c");    // sw a5, 0(a0)
  EXPECT_EQ(Hex16(CLi(10, 1)), "0x4505");        // li a0, 1
  EXPECT_EQ(Hex16(CLui(15, 1)), "0x6785");       // lui a5, 1
  EXPECT_EQ(Hex16(CMv(10, 11)), "0x852e");       // mv a0, a1
  EXPECT_EQ(Hex16(CAdd(10, 11)), "0x952e");      // add a0, a0, a1
  EXPECT_EQ(Hex16(CJr(1)), "0x8082");            // ret
  EXPECT_EQ(Hex16(CJalr(15)), "0x9782");         // jalr a5
  EXPECT_EQ(Hex16(CEbreak()), "0x9002");         // c.ebreak
  EXPECT_EQ(Hex16(CSlli(10, 2)), "0x050a");      // slli a0, a0, 2
  EXPECT_EQ(Hex16(CSrli(15, 1)), "0x8385");      // srli a5, a5, 1
  EXPECT_EQ(Hex16(CSrai(15, 1)), "0x8785");      // srai a5, a5, 1
  EXPECT_EQ(Hex16(CAndi(15, 1)), "0x8b85");      // andi a5, a5, 1
  EXPECT_EQ(Hex16(CA(0, 10, 11)), "0x8d0d");     // sub a0, a0, a1
  EXPECT_EQ(Hex16(CBeqz(10, 8)), "0xc501");      // beqz a0, .+8
  EXPECT_EQ(Hex16(CJmp(0)), "0xa001");           // j .
  // Boundary immediates, also as binutils encodes them.
  EXPECT_EQ(Hex16(CJal(-2048)), "0x3001");
  EXPECT_EQ(Hex16(CJal(2046)), "0x2ffd");
  EXPECT_EQ(Hex16(CJmp(-2048)), "0xb001");
  EXPECT_EQ(Hex16(CBeqz(8, -256)), "0xd001");
  EXPECT_EQ(Hex16(CBnez(15, 254)), "0xeffd");
  EXPECT_EQ(Hex16(CAddi16sp(-512)), "0x7101");
  EXPECT_EQ(Hex16(CAddi16sp(496)), "0x617d");
  EXPECT_EQ(Hex16(CAddi4spn(15, 1020)), "0x1ffc");
  EXPECT_EQ(Hex16(CLw(15, 8, 124)), "0x5c7c");
  EXPECT_EQ(Hex16(CSw(9, 14, 124)), "0xdf64");
  EXPECT_EQ(Hex16(CLwsp(1, 252)), "0x50fe");
  EXPECT_EQ(Hex16(CSwsp(31, 252)), "0xdffe");
  EXPECT_EQ(Hex16(CLui(31, -32)), "0x7f81");  // lui t6, 0xfffe0
  EXPECT_EQ(Hex16(CAndi(9, -32)), "0x9881");
  EXPECT_EQ(Hex16(CSrai(9, 31)), "0x84fd");
  EXPECT_EQ(Hex16(CAddi(1, -32)), "0x1081");
  EXPECT_EQ(Hex16(CLi(31, 31)), "0x4ffd");
  EXPECT_EQ(Hex16(CSlli(31, 31)), "0x0ffe");
  EXPECT_EQ(Hex16(CMv(1, 31)), "0x80fe");
  EXPECT_EQ(Hex16(CJr(31)), "0x8f82");
  EXPECT_EQ(Hex16(CJalr(31)), "0x9f82");
  EXPECT_EQ(Hex16(CAdd(31, 1)), "0x9f86");
}

// ---- the table ----

constexpr size_t kCompressedCount = static_cast<size_t>(CompressedOp::none);

TEST(CompressedTable, EveryRowIsA16BitFormWithABaseOp) {
  for (size_t i = 0; i < kCompressedCount; ++i) {
    const CompressedInfo& row = info(static_cast<CompressedOp>(i));
    SCOPED_TRACE(row.name);
    EXPECT_EQ(row.match & row.mask, row.match);
    EXPECT_NE(row.match & 3, 3u);
    EXPECT_EQ(row.mask & 3, 3u) << "the quadrant must be decoded";
    EXPECT_NE(row.base, Op::illegal);
  }
  EXPECT_STREQ(info(CompressedOp::c_addi4spn).name, "c.addi4spn");
  EXPECT_EQ(info(CompressedOp::c_jal).base, Op::jal);
  EXPECT_EQ(info(CompressedOp::c_ebreak).base, Op::ebreak);
}

struct Expansion16 {
  uint16_t bits;
  CompressedOp cop;
  Op op;  // the base op named in the compressed.def row
  unsigned rd, rs1, rs2;
  int32_t imm;
};

constexpr unsigned kSink = Core::kSinkReg, kRa = 1, kSp = 2;

const Expansion16 kExpansions[] = {
    // Quadrant 0
    {CAddi4spn(8, 4), CompressedOp::c_addi4spn, Op::addi, 8, kSp, 0, 4},
    {CAddi4spn(15, 1020), CompressedOp::c_addi4spn, Op::addi, 15, kSp, 0, 1020},
    {0x0800, CompressedOp::c_addi4spn, Op::addi, 8, kSp, 0, 16},
    {CLw(8, 15, 0), CompressedOp::c_lw, Op::lw, 8, 15, 0, 0},
    {CLw(15, 8, 124), CompressedOp::c_lw, Op::lw, 15, 8, 0, 124},
    {CLw(9, 10, 64), CompressedOp::c_lw, Op::lw, 9, 10, 0, 64},
    {CLw(11, 12, 4), CompressedOp::c_lw, Op::lw, 11, 12, 0, 4},
    {CSw(9, 14, 124), CompressedOp::c_sw, Op::sw, 0, 14, 9, 124},
    {CSw(15, 8, 4), CompressedOp::c_sw, Op::sw, 0, 8, 15, 4},
    {CSw(13, 11, 64), CompressedOp::c_sw, Op::sw, 0, 11, 13, 64},
    // Quadrant 1
    {CAddi(0, 0), CompressedOp::c_addi, Op::addi, kSink, 0, 0, 0},  // c.nop
    {CAddi(1, -32), CompressedOp::c_addi, Op::addi, 1, 1, 0, -32},
    {CAddi(31, 31), CompressedOp::c_addi, Op::addi, 31, 31, 0, 31},
    {CAddi(2, -16), CompressedOp::c_addi, Op::addi, kSp, kSp, 0, -16},
    {CJal(-2048), CompressedOp::c_jal, Op::jal, kRa, 0, 0, -2048},
    {CJal(2046), CompressedOp::c_jal, Op::jal, kRa, 0, 0, 2046},
    {CJal(-2), CompressedOp::c_jal, Op::jal, kRa, 0, 0, -2},
    {CJal(0x2aa), CompressedOp::c_jal, Op::jal, kRa, 0, 0, 0x2aa},
    {CJal(0x554), CompressedOp::c_jal, Op::jal, kRa, 0, 0, 0x554},
    {CLi(10, -32), CompressedOp::c_li, Op::addi, 10, 0, 0, -32},
    {CLi(31, 31), CompressedOp::c_li, Op::addi, 31, 0, 0, 31},
    {CAddi16sp(-512), CompressedOp::c_addi16sp, Op::addi, kSp, kSp, 0, -512},
    {CAddi16sp(496), CompressedOp::c_addi16sp, Op::addi, kSp, kSp, 0, 496},
    {CAddi16sp(16), CompressedOp::c_addi16sp, Op::addi, kSp, kSp, 0, 16},
    {CAddi16sp(-16), CompressedOp::c_addi16sp, Op::addi, kSp, kSp, 0, -16},
    {CAddi16sp(0x150), CompressedOp::c_addi16sp, Op::addi, kSp, kSp, 0, 0x150},
    {CAddi16sp(0xa0), CompressedOp::c_addi16sp, Op::addi, kSp, kSp, 0, 0xa0},
    {CLui(1, 1), CompressedOp::c_lui, Op::lui, 1, 0, 0, 0x1000},
    {CLui(31, -32), CompressedOp::c_lui, Op::lui, 31, 0, 0, int32_t(0xfffe0000u)},
    {CLui(3, 31), CompressedOp::c_lui, Op::lui, 3, 0, 0, 0x1f000},
    {CLui(5, -1), CompressedOp::c_lui, Op::lui, 5, 0, 0, int32_t(0xfffff000u)},
    {CSrli(8, 31), CompressedOp::c_srli, Op::srli, 8, 8, 0, 31},
    {CSrli(15, 1), CompressedOp::c_srli, Op::srli, 15, 15, 0, 1},
    {CSrai(15, 1), CompressedOp::c_srai, Op::srai, 15, 15, 0, 1},
    {CSrai(9, 31), CompressedOp::c_srai, Op::srai, 9, 9, 0, 31},
    {CAndi(9, -32), CompressedOp::c_andi, Op::andi, 9, 9, 0, -32},
    {CAndi(12, 31), CompressedOp::c_andi, Op::andi, 12, 12, 0, 31},
    {CAndi(8, -1), CompressedOp::c_andi, Op::andi, 8, 8, 0, -1},
    {CA(0, 8, 15), CompressedOp::c_sub, Op::sub, 8, 8, 15, 0},
    {CA(1, 9, 14), CompressedOp::c_xor, Op::xor_, 9, 9, 14, 0},
    {CA(2, 10, 13), CompressedOp::c_or, Op::or_, 10, 10, 13, 0},
    {CA(3, 11, 12), CompressedOp::c_and, Op::and_, 11, 11, 12, 0},
    {CA(3, 15, 8), CompressedOp::c_and, Op::and_, 15, 15, 8, 0},
    {CJmp(-2048), CompressedOp::c_j, Op::jal, kSink, 0, 0, -2048},
    {CJmp(2046), CompressedOp::c_j, Op::jal, kSink, 0, 0, 2046},
    {CJmp(0), CompressedOp::c_j, Op::jal, kSink, 0, 0, 0},
    {CBeqz(8, -256), CompressedOp::c_beqz, Op::beq, 0, 8, 0, -256},
    {CBeqz(8, 254), CompressedOp::c_beqz, Op::beq, 0, 8, 0, 254},
    {CBeqz(13, 0xaa), CompressedOp::c_beqz, Op::beq, 0, 13, 0, 0xaa},
    {CBnez(15, -2), CompressedOp::c_bnez, Op::bne, 0, 15, 0, -2},
    {CBnez(15, 254), CompressedOp::c_bnez, Op::bne, 0, 15, 0, 254},
    {CBnez(10, 0x54), CompressedOp::c_bnez, Op::bne, 0, 10, 0, 0x54},
    // Quadrant 2
    {CSlli(1, 1), CompressedOp::c_slli, Op::slli, 1, 1, 0, 1},
    {CSlli(31, 31), CompressedOp::c_slli, Op::slli, 31, 31, 0, 31},
    {CLwsp(1, 252), CompressedOp::c_lwsp, Op::lw, 1, kSp, 0, 252},
    {CLwsp(31, 0), CompressedOp::c_lwsp, Op::lw, 31, kSp, 0, 0},
    {CLwsp(5, 4), CompressedOp::c_lwsp, Op::lw, 5, kSp, 0, 4},
    {CLwsp(6, 0xa8), CompressedOp::c_lwsp, Op::lw, 6, kSp, 0, 0xa8},
    {CJr(31), CompressedOp::c_jr, Op::jalr, kSink, 31, 0, 0},
    {CJr(1), CompressedOp::c_jr, Op::jalr, kSink, 1, 0, 0},
    {CMv(1, 31), CompressedOp::c_mv, Op::add, 1, 0, 31, 0},
    {CMv(31, 1), CompressedOp::c_mv, Op::add, 31, 0, 1, 0},
    {CEbreak(), CompressedOp::c_ebreak, Op::ebreak, 0, 0, 0, 0},
    {CJalr(31), CompressedOp::c_jalr, Op::jalr, kRa, 31, 0, 0},
    {CJalr(1), CompressedOp::c_jalr, Op::jalr, kRa, 1, 0, 0},
    {CAdd(31, 1), CompressedOp::c_add, Op::add, 31, 31, 1, 0},
    {CAdd(1, 31), CompressedOp::c_add, Op::add, 1, 1, 31, 0},
    {CSwsp(31, 252), CompressedOp::c_swsp, Op::sw, 0, kSp, 31, 252},
    {CSwsp(1, 0), CompressedOp::c_swsp, Op::sw, 0, kSp, 1, 0},
    {CSwsp(7, 0x54), CompressedOp::c_swsp, Op::sw, 0, kSp, 7, 0x54},
};

TEST(CompressedExpansion, EveryRowExpandsToItsBaseOpWithItsOperands) {
  bool covered[kCompressedCount] = {};
  for (const Expansion16& e : kExpansions) {
    SCOPED_TRACE(std::string(info(e.cop).name) + " " + Hex16(e.bits));
    covered[static_cast<size_t>(e.cop)] = true;
    DecodedInsn d;
    decode(e.bits, d);
    EXPECT_EQ(d.compressed, e.cop) << info(d.compressed).name;
    EXPECT_EQ(d.op, info(e.cop).base) << info(d.op).name;
    EXPECT_EQ(d.op, e.op) << info(d.op).name;
    EXPECT_EQ(d.rd, e.rd);
    EXPECT_EQ(d.rs1, e.rs1);
    EXPECT_EQ(d.rs2, e.rs2);
    EXPECT_EQ(d.imm, e.imm);
    EXPECT_EQ(d.length, 2);
    EXPECT_EQ(d.raw, e.bits);
  }
  for (size_t i = 0; i < kCompressedCount; ++i)
    EXPECT_TRUE(covered[i]) << "no case for " << info(static_cast<CompressedOp>(i)).name;
}

// Sweeps: every offset the CJ and CB forms can hold, and every c.addi16sp / c.lwsp / c.swsp
// / c.addi4spn / c.lw immediate, expands to exactly that offset.
TEST(CompressedExpansion, EveryJumpAndBranchOffsetRoundTrips) {
  for (int32_t off = -2048; off <= 2046; off += 2) {
    DecodedInsn j, jal;
    decode(CJmp(off), j);
    decode(CJal(off), jal);
    ASSERT_EQ(j.imm, off) << "c.j " << Hex16(CJmp(off));
    ASSERT_EQ(jal.imm, off) << "c.jal " << Hex16(CJal(off));
  }
  for (int32_t off = -256; off <= 254; off += 2) {
    DecodedInsn b;
    decode(CBnez(12, off), b);
    ASSERT_EQ(b.op, Op::bne);
    ASSERT_EQ(b.imm, off) << "c.bnez " << Hex16(CBnez(12, off));
  }
}

TEST(CompressedExpansion, EveryScaledImmediateRoundTrips) {
  for (int32_t imm = -512; imm <= 496; imm += 16) {
    if (imm == 0) continue;
    DecodedInsn d;
    decode(CAddi16sp(imm), d);
    ASSERT_EQ(d.imm, imm) << "c.addi16sp " << Hex16(CAddi16sp(imm));
  }
  for (uint32_t imm = 4; imm <= 1020; imm += 4) {
    DecodedInsn d;
    decode(CAddi4spn(10, imm), d);
    ASSERT_EQ(d.imm, int32_t(imm)) << "c.addi4spn " << Hex16(CAddi4spn(10, imm));
  }
  for (uint32_t imm = 0; imm <= 252; imm += 4) {
    DecodedInsn lwsp, swsp;
    decode(CLwsp(3, imm), lwsp);
    decode(CSwsp(3, imm), swsp);
    ASSERT_EQ(lwsp.imm, int32_t(imm)) << "c.lwsp " << Hex16(CLwsp(3, imm));
    ASSERT_EQ(swsp.imm, int32_t(imm)) << "c.swsp " << Hex16(CSwsp(3, imm));
  }
  for (uint32_t imm = 0; imm <= 124; imm += 4) {
    DecodedInsn lw, sw;
    decode(CLw(8, 9, imm), lw);
    decode(CSw(8, 9, imm), sw);
    ASSERT_EQ(lw.imm, int32_t(imm)) << "c.lw " << Hex16(CLw(8, 9, imm));
    ASSERT_EQ(sw.imm, int32_t(imm)) << "c.sw " << Hex16(CSw(8, 9, imm));
  }
}

TEST(CompressedExpansion, MvVersusJrAndAddVersusJalrVersusEbreakAreToldApartByRdAndRs2) {
  DecodedInsn d;
  decode(CR(8, 5, 0), d);  // rs2 = 0: c.jr x5
  EXPECT_EQ(d.compressed, CompressedOp::c_jr);
  decode(CR(8, 5, 6), d);  // rs2 != 0: c.mv x5, x6
  EXPECT_EQ(d.compressed, CompressedOp::c_mv);
  decode(CR(9, 0, 0), d);  // rd = rs2 = 0: c.ebreak
  EXPECT_EQ(d.compressed, CompressedOp::c_ebreak);
  decode(CR(9, 5, 0), d);  // rs2 = 0: c.jalr x5
  EXPECT_EQ(d.compressed, CompressedOp::c_jalr);
  decode(CR(9, 5, 6), d);  // c.add x5, x6
  EXPECT_EQ(d.compressed, CompressedOp::c_add);
  decode(CR(8, 0, 0), d);  // c.jr x0: reserved
  EXPECT_EQ(d.op, Op::illegal);
}

TEST(CompressedExpansion, HintsWritingX0SteerToTheSink) {
  DecodedInsn d;
  decode(CLi(0, 5), d);
  EXPECT_EQ(d.op, Op::addi);
  EXPECT_EQ(d.rd, Core::kSinkReg);
  decode(CMv(0, 5), d);
  EXPECT_EQ(d.op, Op::add);
  EXPECT_EQ(d.rd, Core::kSinkReg);
}

// ---- execution ----

TEST(CompressedExecution, PcAdvancesByTwoAndMixesWith32BitInstructions) {
  TestMachine t;
  t.program16({CLi(10, 5)}, kBase);
  t.program({rv::addi(11, 0, 7)}, kBase + 2);  // a 32-bit instruction at a 2 mod 4 address
  t.program16({CAdd(10, 11), CMv(12, 10), CSlli(12, 3)}, kBase + 6);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 2);
  EXPECT_EQ(t.x(10), 5u);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 6);
  EXPECT_EQ(t.x(11), 7u);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.x(10), 12u);
  t.step(2);
  EXPECT_EQ(t.core->pc(), kBase + 12);
  EXPECT_EQ(t.x(12), 96u);
  EXPECT_EQ(t.core->instret(), 5u);
}

TEST(CompressedExecution, CJalLinksPcPlusTwoAndCJrReturns) {
  TestMachine t;
  t.program16({CJal(8), CLi(11, 1)}, kBase);  // kBase+2 is the return point
  t.program({rv::wfi()}, kBase + 4);
  t.program16({CLi(10, 7), CJr(kRa)}, kBase + 8);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 8);
  EXPECT_EQ(t.x(kRa), kBase + 2);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(10), 7u);
  EXPECT_EQ(t.x(11), 1u);
  EXPECT_EQ(t.core->pc(), kBase + 8);  // past the wfi
}

TEST(CompressedExecution, CJalrLinksPcPlusTwoAndReadsItsTargetBeforeLinking) {
  TestMachine t;
  t.set_x(5, kBase + 0x40);
  t.program16({CJalr(5)}, kBase);
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 0x40);
  EXPECT_EQ(t.x(kRa), kBase + 2);
  // c.jalr ra: the target is the old ra.
  t.program16({CJalr(kRa)}, kBase + 0x40);
  t.set_x(kRa, kBase + 0x81);  // bit 0 is cleared
  t.step();
  EXPECT_EQ(t.core->pc(), kBase + 0x80);
  EXPECT_EQ(t.x(kRa), kBase + 0x42);
}

TEST(CompressedExecution, CJAndCBranchesTakeBackwardOffsets) {
  TestMachine t;
  // x8 = 5; do { x9 += 3; x8 -= 1; } while (x8 != 0); then c.beqz skips the c.li.
  t.program16({CLi(8, 5), CAddi(9, 3), CAddi(8, -1), CBnez(8, -4), CBeqz(8, 4), CLi(10, 1), CJmp(4),
               CLi(10, 2)},
              kBase);
  t.program({rv::wfi()}, kBase + 16);
  ASSERT_TRUE(t.run_to_wfi());
  EXPECT_EQ(t.x(8), 0u);
  EXPECT_EQ(t.x(9), 15u);
  EXPECT_EQ(t.x(10), 0u) << "c.beqz and c.j must skip both c.li";
  EXPECT_EQ(t.core->pc(), kBase + 20);
}

TEST(CompressedExecution, CJJumpsBackward) {
  TestMachine t;
  // c.j +6 over a c.li and a c.j ., c.li x11, then c.j -6 back onto the c.li at kBase + 2.
  t.program16({CJmp(6), CLi(10, 1)}, kBase);
  t.program16({CLi(11, 9), CJmp(-6)}, kBase + 6);
  t.program16({CJmp(0)}, kBase + 4);
  t.step(3);
  EXPECT_EQ(t.core->pc(), kBase + 2);
  EXPECT_EQ(t.x(11), 9u);
  EXPECT_EQ(t.x(10), 0u);
}

TEST(CompressedExecution, StackPointerFormsLoadAndStoreAtScaledOffsets) {
  TestMachine t;
  t.set_x(kSp, TestMachine::kData);
  t.set_x(10, 0xcafef00d);
  t.poke32(TestMachine::kData - 16 + 0xa8, 0x12345678);
  t.program16(
      {CSwsp(10, 252), CLwsp(11, 252), CAddi16sp(-16), CLwsp(12, 0xa8), CAddi4spn(8, 1020)});
  t.step(5);
  EXPECT_EQ(t.peek32(TestMachine::kData + 252), 0xcafef00du);
  EXPECT_EQ(t.x(11), 0xcafef00du);
  EXPECT_EQ(t.x(kSp), TestMachine::kData - 16);
  EXPECT_EQ(t.x(12), 0x12345678u);
  EXPECT_EQ(t.x(8), TestMachine::kData - 16 + 1020);
}

TEST(CompressedExecution, RegisterFormsOnX8ToX15) {
  TestMachine t;
  t.set_x(8, TestMachine::kData);
  t.set_x(15, 0x80000010);
  t.set_x(14, 0x0ff0);
  t.set_x(9, 0xf0f0);
  t.program16({CSw(15, 8, 124), CLw(13, 8, 124), CSrai(13, 4), CSrli(15, 4), CAndi(9, -16),
               CA(1, 9, 14), CA(0, 14, 8), CLui(12, -1)});
  t.step(8);
  EXPECT_EQ(t.peek32(TestMachine::kData + 124), 0x80000010u);
  EXPECT_EQ(t.x(13), 0xf8000001u);  // arithmetic shift
  EXPECT_EQ(t.x(15), 0x08000001u);  // logical shift
  EXPECT_EQ(t.x(9), 0xf0f0u ^ 0x0ff0u);
  EXPECT_EQ(t.x(14), 0x0ff0u - TestMachine::kData);
  EXPECT_EQ(t.x(12), 0xfffff000u);
}

TEST(CompressedExecution, CEbreakTrapsWithItsPc) {
  TestMachine t;
  t.program16({CLi(10, 1), CEbreak()});
  t.step(2);
  EXPECT_TRUE(Trapped(t, kBreakpoint, kBase + 2, kBase + 2));
}

}  // namespace
}  // namespace tessera::riscv
