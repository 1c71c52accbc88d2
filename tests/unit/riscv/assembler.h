// A tiny assembler for tests: one constexpr function per row of isa/instructions.def, built
// from the row's match value and the encoders of isa/encoding.h. Operand order follows the
// assembler syntax except where noted:
//   R      add(rd, rs1, rs2)            (AMOs too: amoadd_w(rd, rs1_addr, rs2); lr_w(rd, rs1, 0))
//   I      addi(rd, rs1, imm)           (loads: lw(rd, rs1_base, offset); jalr(rd, rs1, imm))
//   S      sw(rs2_value, rs1_base, offset)
//   B      beq(rs1, rs2, offset)
//   U      lui(rd, imm20)               (the 20-bit upper immediate, as the assembler writes it)
//   J      jal(rd, offset)
//   SHIFT  slli(rd, rs1, shamt)
//   CSR    csrrw(rd, csr, rs1)          (the immediate forms take the 5-bit uimm for rs1)
//   NONE   ecall()
#pragma once

#include <cstdint>

#include "riscv/isa.h"
#include "riscv/isa/encoding.h"

namespace tessera::riscv::testing::rv {

#define TESSERA_ASM_R(name)                                          \
  constexpr uint32_t name(unsigned rd, unsigned rs1, unsigned rs2) { \
    return enc::r_type(match::name, rd, rs1, rs2);                   \
  }
#define TESSERA_ASM_I(name)                                         \
  constexpr uint32_t name(unsigned rd, unsigned rs1, int32_t imm) { \
    return enc::i_type(match::name, rd, rs1, imm);                  \
  }
#define TESSERA_ASM_SHIFT(name)                                            \
  constexpr uint32_t name(unsigned rd, unsigned rs1, unsigned shamt) {     \
    return enc::i_type(match::name, rd, rs1, static_cast<int32_t>(shamt)); \
  }
#define TESSERA_ASM_S(name)                                             \
  constexpr uint32_t name(unsigned rs2, unsigned rs1, int32_t offset) { \
    return enc::s_type(match::name, rs1, rs2, offset);                  \
  }
#define TESSERA_ASM_B(name)                                             \
  constexpr uint32_t name(unsigned rs1, unsigned rs2, int32_t offset) { \
    return enc::b_type(match::name, rs1, rs2, offset);                  \
  }
#define TESSERA_ASM_U(name)                                                 \
  constexpr uint32_t name(unsigned rd, uint32_t imm20) {                    \
    return enc::u_type(match::name, rd, static_cast<int32_t>(imm20 << 12)); \
  }
#define TESSERA_ASM_J(name)                              \
  constexpr uint32_t name(unsigned rd, int32_t offset) { \
    return enc::j_type(match::name, rd, offset);         \
  }
#define TESSERA_ASM_CSR(name)                                            \
  constexpr uint32_t name(unsigned rd, uint32_t csr, unsigned rs1) {     \
    return enc::i_type(match::name, rd, rs1, static_cast<int32_t>(csr)); \
  }
#define TESSERA_ASM_NONE(name) \
  constexpr uint32_t name() {  \
    return match::name;        \
  }

#define INSN(name, match, mask, fmt) TESSERA_ASM_##fmt(name)
#include "riscv/isa/instructions.def"
#undef INSN

#undef TESSERA_ASM_R
#undef TESSERA_ASM_I
#undef TESSERA_ASM_SHIFT
#undef TESSERA_ASM_S
#undef TESSERA_ASM_B
#undef TESSERA_ASM_U
#undef TESSERA_ASM_J
#undef TESSERA_ASM_CSR
#undef TESSERA_ASM_NONE

constexpr uint32_t nop() {
  return addi(0, 0, 0);
}

}  // namespace tessera::riscv::testing::rv
