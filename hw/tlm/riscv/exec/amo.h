// What each AMO writes back, from the word's old value and rs2: one definition for the
// handlers (rv32a.cpp) and for the trace, which reports the stored value.
#pragma once

#include <algorithm>
#include <cstdint>

#include "../isa.h"

namespace tessera::riscv::amo {

inline uint32_t swap(uint32_t, uint32_t b) {
  return b;
}
inline uint32_t add(uint32_t a, uint32_t b) {
  return a + b;
}
inline uint32_t xor_(uint32_t a, uint32_t b) {
  return a ^ b;
}
inline uint32_t and_(uint32_t a, uint32_t b) {
  return a & b;
}
inline uint32_t or_(uint32_t a, uint32_t b) {
  return a | b;
}
inline uint32_t min(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a) < static_cast<int32_t>(b) ? a : b;
}
inline uint32_t max(uint32_t a, uint32_t b) {
  return static_cast<int32_t>(a) > static_cast<int32_t>(b) ? a : b;
}
inline uint32_t minu(uint32_t a, uint32_t b) {
  return std::min(a, b);
}
inline uint32_t maxu(uint32_t a, uint32_t b) {
  return std::max(a, b);
}

// The value `op` stores: an AMO's combination, or the operand itself (sc.w).
uint32_t combine(Op op, uint32_t old, uint32_t operand);

}  // namespace tessera::riscv::amo
