// RISC-V instruction field extraction and encoding. The decoder uses the extractors; the
// compressed-instruction expander and the unit tests use the encoders, so both agree on
// one definition of every format.
#pragma once

#include <cstdint>

namespace tessera::riscv::enc {

constexpr uint32_t bits(uint32_t v, unsigned hi, unsigned lo) {
  return (v >> lo) & ((1u << (hi - lo + 1)) - 1u);
}
constexpr int32_t sext(uint32_t v, unsigned width) {
  return static_cast<int32_t>(v << (32 - width)) >> (32 - width);
}

constexpr unsigned rd(uint32_t i) {
  return bits(i, 11, 7);
}
constexpr unsigned rs1(uint32_t i) {
  return bits(i, 19, 15);
}
constexpr unsigned rs2(uint32_t i) {
  return bits(i, 24, 20);
}
constexpr int32_t imm_i(uint32_t i) {
  return static_cast<int32_t>(i) >> 20;
}
constexpr int32_t imm_s(uint32_t i) {
  return static_cast<int32_t>((i & 0xFE000000u) | (bits(i, 11, 7) << 20)) >> 20;
}
constexpr int32_t imm_b(uint32_t i) {
  return sext((bits(i, 31, 31) << 12) | (bits(i, 7, 7) << 11) | (bits(i, 30, 25) << 5) |
                  (bits(i, 11, 8) << 1),
              13);
}
constexpr int32_t imm_u(uint32_t i) {
  return static_cast<int32_t>(i & 0xFFFFF000u);
}
constexpr int32_t imm_j(uint32_t i) {
  return sext((bits(i, 31, 31) << 20) | (bits(i, 19, 12) << 12) | (bits(i, 20, 20) << 11) |
                  (bits(i, 30, 21) << 1),
              21);
}

// Encoders take the fixed bits of an instruction (opcode, funct3, funct7: its MATCH value in
// the table) and place the operands.
constexpr uint32_t r_type(uint32_t match, unsigned rd, unsigned rs1, unsigned rs2) {
  return match | (rd << 7) | (rs1 << 15) | (rs2 << 20);
}
constexpr uint32_t i_type(uint32_t match, unsigned rd, unsigned rs1, int32_t imm) {
  return match | (rd << 7) | (rs1 << 15) | ((static_cast<uint32_t>(imm) & 0xFFFu) << 20);
}
constexpr uint32_t s_type(uint32_t match, unsigned rs1, unsigned rs2, int32_t imm) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return match | (bits(u, 4, 0) << 7) | (rs1 << 15) | (rs2 << 20) | (bits(u, 11, 5) << 25);
}
constexpr uint32_t b_type(uint32_t match, unsigned rs1, unsigned rs2, int32_t imm) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return match | (bits(u, 11, 11) << 7) | (bits(u, 4, 1) << 8) | (rs1 << 15) | (rs2 << 20) |
         (bits(u, 10, 5) << 25) | (bits(u, 12, 12) << 31);
}
constexpr uint32_t u_type(uint32_t match, unsigned rd, int32_t imm) {
  return match | (rd << 7) | (static_cast<uint32_t>(imm) & 0xFFFFF000u);
}
constexpr uint32_t j_type(uint32_t match, unsigned rd, int32_t imm) {
  const uint32_t u = static_cast<uint32_t>(imm);
  return match | (rd << 7) | (bits(u, 19, 12) << 12) | (bits(u, 11, 11) << 20) |
         (bits(u, 10, 1) << 21) | (bits(u, 20, 20) << 31);
}

}  // namespace tessera::riscv::enc
