// RV32I base integer instructions.
#include "handlers.h"

namespace tessera::riscv::exec {
namespace {

inline uint32_t rs1(const Core& c, const DecodedInsn& d) {
  return c.x_[d.rs1];
}
inline uint32_t rs2(const Core& c, const DecodedInsn& d) {
  return c.x_[d.rs2];
}
inline int32_t srs1(const Core& c, const DecodedInsn& d) {
  return static_cast<int32_t>(c.x_[d.rs1]);
}
inline int32_t srs2(const Core& c, const DecodedInsn& d) {
  return static_cast<int32_t>(c.x_[d.rs2]);
}
inline uint32_t imm(const DecodedInsn& d) {
  return static_cast<uint32_t>(d.imm);
}
inline uint32_t branch(const DecodedInsn& d, bool taken) {
  return taken ? d.pc + imm(d) : next_pc(d);
}
inline uint32_t write(Core& c, const DecodedInsn& d, uint32_t value) {
  c.x_[d.rd] = value;
  return next_pc(d);
}

}  // namespace

uint32_t exec_lui(Core& c, const DecodedInsn& d) {
  return write(c, d, imm(d));
}
uint32_t exec_auipc(Core& c, const DecodedInsn& d) {
  return write(c, d, d.pc + imm(d));
}
uint32_t exec_jal(Core& c, const DecodedInsn& d) {
  c.x_[d.rd] = next_pc(d);
  return d.pc + imm(d);
}
uint32_t exec_jalr(Core& c, const DecodedInsn& d) {
  const uint32_t target = (rs1(c, d) + imm(d)) & ~1u;  // read before rd may overwrite rs1
  c.x_[d.rd] = next_pc(d);
  return target;
}

uint32_t exec_beq(Core& c, const DecodedInsn& d) {
  return branch(d, rs1(c, d) == rs2(c, d));
}
uint32_t exec_bne(Core& c, const DecodedInsn& d) {
  return branch(d, rs1(c, d) != rs2(c, d));
}
uint32_t exec_blt(Core& c, const DecodedInsn& d) {
  return branch(d, srs1(c, d) < srs2(c, d));
}
uint32_t exec_bge(Core& c, const DecodedInsn& d) {
  return branch(d, srs1(c, d) >= srs2(c, d));
}
uint32_t exec_bltu(Core& c, const DecodedInsn& d) {
  return branch(d, rs1(c, d) < rs2(c, d));
}
uint32_t exec_bgeu(Core& c, const DecodedInsn& d) {
  return branch(d, rs1(c, d) >= rs2(c, d));
}

uint32_t exec_lb(Core& c, const DecodedInsn& d) {
  return write(c, d, static_cast<uint32_t>(c.load<int8_t>(rs1(c, d) + imm(d))));
}
uint32_t exec_lh(Core& c, const DecodedInsn& d) {
  return write(c, d, static_cast<uint32_t>(c.load<int16_t>(rs1(c, d) + imm(d))));
}
uint32_t exec_lw(Core& c, const DecodedInsn& d) {
  return write(c, d, c.load<uint32_t>(rs1(c, d) + imm(d)));
}
uint32_t exec_lbu(Core& c, const DecodedInsn& d) {
  return write(c, d, c.load<uint8_t>(rs1(c, d) + imm(d)));
}
uint32_t exec_lhu(Core& c, const DecodedInsn& d) {
  return write(c, d, c.load<uint16_t>(rs1(c, d) + imm(d)));
}
uint32_t exec_sb(Core& c, const DecodedInsn& d) {
  c.store<uint8_t>(rs1(c, d) + imm(d), static_cast<uint8_t>(rs2(c, d)));
  return next_pc(d);
}
uint32_t exec_sh(Core& c, const DecodedInsn& d) {
  c.store<uint16_t>(rs1(c, d) + imm(d), static_cast<uint16_t>(rs2(c, d)));
  return next_pc(d);
}
uint32_t exec_sw(Core& c, const DecodedInsn& d) {
  c.store<uint32_t>(rs1(c, d) + imm(d), rs2(c, d));
  return next_pc(d);
}

uint32_t exec_addi(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) + imm(d));
}
uint32_t exec_slti(Core& c, const DecodedInsn& d) {
  return write(c, d, srs1(c, d) < d.imm);
}
uint32_t exec_sltiu(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) < imm(d));
}
uint32_t exec_xori(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) ^ imm(d));
}
uint32_t exec_ori(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) | imm(d));
}
uint32_t exec_andi(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) & imm(d));
}
uint32_t exec_slli(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) << d.imm);
}
uint32_t exec_srli(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) >> d.imm);
}
uint32_t exec_srai(Core& c, const DecodedInsn& d) {
  return write(c, d, static_cast<uint32_t>(srs1(c, d) >> d.imm));
}

uint32_t exec_add(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) + rs2(c, d));
}
uint32_t exec_sub(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) - rs2(c, d));
}
uint32_t exec_sll(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) << (rs2(c, d) & 31));
}
uint32_t exec_slt(Core& c, const DecodedInsn& d) {
  return write(c, d, srs1(c, d) < srs2(c, d));
}
uint32_t exec_sltu(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) < rs2(c, d));
}
uint32_t exec_xor_(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) ^ rs2(c, d));
}
uint32_t exec_srl(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) >> (rs2(c, d) & 31));
}
uint32_t exec_sra(Core& c, const DecodedInsn& d) {
  return write(c, d, static_cast<uint32_t>(srs1(c, d) >> (rs2(c, d) & 31)));
}
uint32_t exec_or_(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) | rs2(c, d));
}
uint32_t exec_and_(Core& c, const DecodedInsn& d) {
  return write(c, d, rs1(c, d) & rs2(c, d));
}

// Memory is sequentially consistent in this model, so a fence orders nothing further.
uint32_t exec_fence(Core&, const DecodedInsn& d) {
  return next_pc(d);
}
uint32_t exec_ecall(Core&, const DecodedInsn&) {
  throw Trap{kEcallFromM, 0};
}
uint32_t exec_ebreak(Core&, const DecodedInsn& d) {
  throw Trap{kBreakpoint, d.pc};
}

uint32_t exec_illegal(Core&, const DecodedInsn& d) {
  throw Trap{kIllegalInsn, d.raw};
}

}  // namespace tessera::riscv::exec
