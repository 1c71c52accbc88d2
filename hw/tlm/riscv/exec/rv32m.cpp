// RV32M: multiply and divide, with the spec's results for division by zero and overflow.
#include <limits>

#include "handlers.h"

namespace tessera::riscv::exec {
namespace {

inline int64_t s64(uint32_t v) {
  return static_cast<int32_t>(v);
}
inline uint32_t product_result(Core& c, const DecodedInsn& d, uint32_t value) {
  c.stall(c.timing().mul_extra_cycles);
  c.x_[d.rd] = value;
  return next_pc(d);
}
inline uint32_t quotient_result(Core& c, const DecodedInsn& d, uint32_t value) {
  c.stall(c.timing().div_extra_cycles);
  c.x_[d.rd] = value;
  return next_pc(d);
}
constexpr int32_t kIntMin = std::numeric_limits<int32_t>::min();

}  // namespace

uint32_t exec_mul(Core& c, const DecodedInsn& d) {
  return product_result(c, d, c.x_[d.rs1] * c.x_[d.rs2]);
}
uint32_t exec_mulh(Core& c, const DecodedInsn& d) {
  return product_result(c, d, static_cast<uint32_t>((s64(c.x_[d.rs1]) * s64(c.x_[d.rs2])) >> 32));
}
uint32_t exec_mulhsu(Core& c, const DecodedInsn& d) {
  const int64_t p = s64(c.x_[d.rs1]) * static_cast<int64_t>(c.x_[d.rs2]);
  return product_result(c, d, static_cast<uint32_t>(static_cast<uint64_t>(p) >> 32));
}
uint32_t exec_mulhu(Core& c, const DecodedInsn& d) {
  const uint64_t p = static_cast<uint64_t>(c.x_[d.rs1]) * c.x_[d.rs2];
  return product_result(c, d, static_cast<uint32_t>(p >> 32));
}

uint32_t exec_div(Core& c, const DecodedInsn& d) {
  const int32_t a = static_cast<int32_t>(c.x_[d.rs1]), b = static_cast<int32_t>(c.x_[d.rs2]);
  if (b == 0) return quotient_result(c, d, ~0u);
  if (a == kIntMin && b == -1) return quotient_result(c, d, static_cast<uint32_t>(a));
  return quotient_result(c, d, static_cast<uint32_t>(a / b));
}
uint32_t exec_divu(Core& c, const DecodedInsn& d) {
  const uint32_t a = c.x_[d.rs1], b = c.x_[d.rs2];
  return quotient_result(c, d, b == 0 ? ~0u : a / b);
}
uint32_t exec_rem(Core& c, const DecodedInsn& d) {
  const int32_t a = static_cast<int32_t>(c.x_[d.rs1]), b = static_cast<int32_t>(c.x_[d.rs2]);
  if (b == 0) return quotient_result(c, d, static_cast<uint32_t>(a));
  if (a == kIntMin && b == -1) return quotient_result(c, d, 0);
  return quotient_result(c, d, static_cast<uint32_t>(a % b));
}
uint32_t exec_remu(Core& c, const DecodedInsn& d) {
  const uint32_t a = c.x_[d.rs1], b = c.x_[d.rs2];
  return quotient_result(c, d, b == 0 ? a : a % b);
}

}  // namespace tessera::riscv::exec
