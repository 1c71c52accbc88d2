// RV32A: load-reserved/store-conditional and atomic memory operations. The simulator runs one
// hart at a time and an AMO never yields inside, so each AMO is atomic across harts.
#include <algorithm>

#include "handlers.h"

namespace tessera::riscv::exec {
namespace {

template <typename Combine>
uint32_t amo(Core& c, const DecodedInsn& d, Combine combine) {
  const uint32_t addr = c.x_[d.rs1];
  const uint32_t old = c.amo_load(addr);
  c.amo_store(addr, combine(old, c.x_[d.rs2]));
  c.x_[d.rd] = old;
  return next_pc(d);
}
inline int32_t s(uint32_t v) { return static_cast<int32_t>(v); }

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
  return amo(c, d, [](uint32_t, uint32_t b) { return b; });
}
uint32_t exec_amoadd_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return a + b; });
}
uint32_t exec_amoxor_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return a ^ b; });
}
uint32_t exec_amoand_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return a & b; });
}
uint32_t exec_amoor_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return a | b; });
}
uint32_t exec_amomin_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return s(a) < s(b) ? a : b; });
}
uint32_t exec_amomax_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return s(a) > s(b) ? a : b; });
}
uint32_t exec_amominu_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return std::min(a, b); });
}
uint32_t exec_amomaxu_w(Core& c, const DecodedInsn& d) {
  return amo(c, d, [](uint32_t a, uint32_t b) { return std::max(a, b); });
}

}  // namespace tessera::riscv::exec
