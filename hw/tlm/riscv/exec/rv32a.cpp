// RV32A: load-reserved/store-conditional and atomic memory operations. The simulator runs one
// hart at a time and an AMO never yields inside, so each AMO is atomic across harts.
#include "amo.h"
#include "handlers.h"

namespace tessera::riscv::exec {
namespace {

template <uint32_t (*Combine)(uint32_t, uint32_t)>
uint32_t amo_op(Core& c, const DecodedInsn& d) {
  const uint32_t addr = c.x_[d.rs1];
  const uint32_t old = c.amo_load(addr);
  c.amo_store(addr, Combine(old, c.x_[d.rs2]));
  c.x_[d.rd] = old;
  return next_pc(d);
}

}  // namespace

uint32_t exec_lr_w(Core& c, const DecodedInsn& d) {
  const uint32_t addr = c.x_[d.rs1];
  c.x_[d.rd] = c.load<uint32_t>(addr);
  c.reservations().reserve(c.hart_id(), addr);
  return next_pc(d);
}
uint32_t exec_sc_w(Core& c, const DecodedInsn& d) {
  const uint32_t addr = c.x_[d.rs1];
  if (addr & 3) throw Trap{kStoreMisaligned, addr};
  const bool success = c.reservations().claim(c.hart_id(), addr);
  if (success) c.amo_store(addr, c.x_[d.rs2]);
  c.x_[d.rd] = success ? 0 : 1;
  return next_pc(d);
}

uint32_t exec_amoswap_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::swap>(c, d);
}
uint32_t exec_amoadd_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::add>(c, d);
}
uint32_t exec_amoxor_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::xor_>(c, d);
}
uint32_t exec_amoand_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::and_>(c, d);
}
uint32_t exec_amoor_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::or_>(c, d);
}
uint32_t exec_amomin_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::min>(c, d);
}
uint32_t exec_amomax_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::max>(c, d);
}
uint32_t exec_amominu_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::minu>(c, d);
}
uint32_t exec_amomaxu_w(Core& c, const DecodedInsn& d) {
  return amo_op<amo::maxu>(c, d);
}

}  // namespace tessera::riscv::exec

namespace tessera::riscv::amo {

uint32_t combine(Op op, uint32_t old, uint32_t operand) {
  switch (op) {
    case Op::amoswap_w:
      return swap(old, operand);
    case Op::amoadd_w:
      return add(old, operand);
    case Op::amoxor_w:
      return xor_(old, operand);
    case Op::amoand_w:
      return and_(old, operand);
    case Op::amoor_w:
      return or_(old, operand);
    case Op::amomin_w:
      return min(old, operand);
    case Op::amomax_w:
      return max(old, operand);
    case Op::amominu_w:
      return minu(old, operand);
    case Op::amomaxu_w:
      return maxu(old, operand);
    default:
      return operand;
  }
}

}  // namespace tessera::riscv::amo
