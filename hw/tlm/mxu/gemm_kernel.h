// The MXU's arithmetic as a fast host kernel: an int8/uint8 GEMM with zero points and int32
// accumulation that wraps like the array's accumulators. Plain C++, no SystemC.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tessera::mxu {

// C = (A - a_zero_point) x (B - b_zero_points), as ONNX MatMulInteger defines it with a
// per-tensor a zero point and a per-column b zero point.
struct GemmOperands {
  uint32_t m, n, k;
  const uint8_t* const* a_rows;  // M rows of K elements
  bool a_unsigned;               // uint8 elements, else int8
  int32_t a_zero_point;
  const uint8_t* b;  // K rows of N elements, row k at b + k * b_row_stride
  std::size_t b_row_stride;
  bool b_unsigned;
  const int32_t* b_zero_points;  // N of them
};

// Writes C row-major (M x N) to `c`; int32 sums wrap modulo 2^32.
void gemm(const GemmOperands& operands, int32_t* c);

// An element's value as the MXU reads it: int8 or uint8.
inline int32_t element(uint8_t byte, bool is_unsigned) {
  return is_unsigned ? byte : static_cast<int8_t>(byte);
}

}  // namespace tessera::mxu
