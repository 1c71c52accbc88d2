#include "compressed.h"

#include "isa/encoding.h"

namespace tessera::riscv {
namespace {

using enc::bits;
using enc::sext;

constexpr unsigned kRa = 1, kSp = 2;

// The 3-bit register fields of the CIW/CL/CS/CB forms name x8..x15.
unsigned creg(uint16_t c, unsigned lo) {
  return 8 + bits(c, lo + 2, lo);
}
unsigned rd_full(uint16_t c) {
  return bits(c, 11, 7);
}
unsigned rs2_full(uint16_t c) {
  return bits(c, 6, 2);
}
// The 6-bit signed immediate of CI forms: imm[5] at bit 12, imm[4:0] at bits 6:2.
int32_t ci_imm(uint16_t c) {
  return sext((bits(c, 12, 12) << 5) | bits(c, 6, 2), 6);
}
uint32_t ci_shamt(uint16_t c) {
  return (bits(c, 12, 12) << 5) | bits(c, 6, 2);
}
uint32_t cl_word_offset(uint16_t c) {
  return (bits(c, 5, 5) << 6) | (bits(c, 12, 10) << 3) | (bits(c, 6, 6) << 2);
}
int32_t cj_offset(uint16_t c) {
  return sext((bits(c, 12, 12) << 11) | (bits(c, 8, 8) << 10) | (bits(c, 10, 9) << 8) |
                  (bits(c, 6, 6) << 7) | (bits(c, 7, 7) << 6) | (bits(c, 2, 2) << 5) |
                  (bits(c, 11, 11) << 4) | (bits(c, 5, 3) << 1),
              12);
}
int32_t cb_offset(uint16_t c) {
  return sext((bits(c, 12, 12) << 8) | (bits(c, 6, 5) << 6) | (bits(c, 2, 2) << 5) |
                  (bits(c, 11, 10) << 3) | (bits(c, 4, 3) << 1),
              9);
}
// A shift amount with bit 5 set is reserved on RV32.
uint32_t shift_or_reserved(uint16_t c, uint32_t encoded) {
  return bits(c, 12, 12) ? 0 : encoded;
}

uint32_t expand_c_addi4spn(uint16_t c) {
  const uint32_t imm =
      (bits(c, 10, 7) << 6) | (bits(c, 12, 11) << 4) | (bits(c, 5, 5) << 3) | (bits(c, 6, 6) << 2);
  return imm == 0 ? 0 : enc::i_type(match::addi, creg(c, 2), kSp, static_cast<int32_t>(imm));
}
uint32_t expand_c_lw(uint16_t c) {
  return enc::i_type(match::lw, creg(c, 2), creg(c, 7), static_cast<int32_t>(cl_word_offset(c)));
}
uint32_t expand_c_sw(uint16_t c) {
  return enc::s_type(match::sw, creg(c, 7), creg(c, 2), static_cast<int32_t>(cl_word_offset(c)));
}
uint32_t expand_c_addi(uint16_t c) {
  return enc::i_type(match::addi, rd_full(c), rd_full(c), ci_imm(c));
}
uint32_t expand_c_jal(uint16_t c) {
  return enc::j_type(match::jal, kRa, cj_offset(c));
}
uint32_t expand_c_li(uint16_t c) {
  return enc::i_type(match::addi, rd_full(c), 0, ci_imm(c));
}
uint32_t expand_c_addi16sp(uint16_t c) {
  const int32_t imm = sext((bits(c, 12, 12) << 9) | (bits(c, 4, 3) << 7) | (bits(c, 5, 5) << 6) |
                               (bits(c, 2, 2) << 5) | (bits(c, 6, 6) << 4),
                           10);
  return imm == 0 ? 0 : enc::i_type(match::addi, kSp, kSp, imm);
}
uint32_t expand_c_lui(uint16_t c) {
  const int32_t imm = ci_imm(c);
  return imm == 0 ? 0 : enc::u_type(match::lui, rd_full(c), imm * 4096);
}
uint32_t expand_c_srli(uint16_t c) {
  return shift_or_reserved(c, enc::i_type(match::srli, creg(c, 7), creg(c, 7), ci_shamt(c)));
}
uint32_t expand_c_srai(uint16_t c) {
  return shift_or_reserved(c, enc::i_type(match::srai, creg(c, 7), creg(c, 7), ci_shamt(c)));
}
uint32_t expand_c_andi(uint16_t c) {
  return enc::i_type(match::andi, creg(c, 7), creg(c, 7), ci_imm(c));
}
uint32_t expand_c_sub(uint16_t c) {
  return enc::r_type(match::sub, creg(c, 7), creg(c, 7), creg(c, 2));
}
uint32_t expand_c_xor(uint16_t c) {
  return enc::r_type(match::xor_, creg(c, 7), creg(c, 7), creg(c, 2));
}
uint32_t expand_c_or(uint16_t c) {
  return enc::r_type(match::or_, creg(c, 7), creg(c, 7), creg(c, 2));
}
uint32_t expand_c_and(uint16_t c) {
  return enc::r_type(match::and_, creg(c, 7), creg(c, 7), creg(c, 2));
}
uint32_t expand_c_j(uint16_t c) {
  return enc::j_type(match::jal, 0, cj_offset(c));
}
uint32_t expand_c_beqz(uint16_t c) {
  return enc::b_type(match::beq, creg(c, 7), 0, cb_offset(c));
}
uint32_t expand_c_bnez(uint16_t c) {
  return enc::b_type(match::bne, creg(c, 7), 0, cb_offset(c));
}
uint32_t expand_c_slli(uint16_t c) {
  return shift_or_reserved(c, enc::i_type(match::slli, rd_full(c), rd_full(c), ci_shamt(c)));
}
uint32_t expand_c_lwsp(uint16_t c) {
  const uint32_t imm = (bits(c, 3, 2) << 6) | (bits(c, 12, 12) << 5) | (bits(c, 6, 4) << 2);
  return rd_full(c) == 0 ? 0 : enc::i_type(match::lw, rd_full(c), kSp, static_cast<int32_t>(imm));
}
uint32_t expand_c_jr(uint16_t c) {
  return rd_full(c) == 0 ? 0 : enc::i_type(match::jalr, 0, rd_full(c), 0);
}
uint32_t expand_c_mv(uint16_t c) {
  return enc::r_type(match::add, rd_full(c), 0, rs2_full(c));
}
uint32_t expand_c_ebreak(uint16_t) {
  return match::ebreak;
}
uint32_t expand_c_jalr(uint16_t c) {
  return enc::i_type(match::jalr, kRa, rd_full(c), 0);
}
uint32_t expand_c_add(uint16_t c) {
  return enc::r_type(match::add, rd_full(c), rd_full(c), rs2_full(c));
}
uint32_t expand_c_swsp(uint16_t c) {
  const uint32_t imm = (bits(c, 8, 7) << 6) | (bits(c, 12, 9) << 2);
  return enc::s_type(match::sw, kSp, rs2_full(c), static_cast<int32_t>(imm));
}

struct Row {
  uint16_t match, mask;
  CompressedOp op;
  uint32_t (*expand)(uint16_t);
};

constexpr Row kRows[] = {
#define CINSN(name, m, mask, base) {m, mask, CompressedOp::name, expand_##name},
#include "isa/compressed.def"
#undef CINSN
};

}  // namespace

Expansion expand_compressed(uint16_t c) {
  for (const Row& row : kRows)
    if ((c & row.mask) == row.match) return {row.op, row.expand(c)};
  return {};
}

}  // namespace tessera::riscv
