#include "gemm_kernel.h"

#include <algorithm>
#include <vector>

namespace tessera::mxu {

namespace {

// Operands minus their zero points lie in [-255, 255], so a product is at most 65025 and a
// sum of this many products cannot overflow int32: the compiler may vectorise the inner loop
// (pmaddwd), and the chunks add up modulo 2^32.
constexpr uint32_t kChunk = 16384;

int32_t dot(const int16_t* a, const int16_t* b, uint32_t k) {
  uint32_t total = 0;
  for (uint32_t k0 = 0; k0 < k; k0 += kChunk) {
    const uint32_t end = std::min(k, k0 + kChunk);
    int32_t sum = 0;
    for (uint32_t i = k0; i < end; ++i) sum += a[i] * b[i];
    total += static_cast<uint32_t>(sum);
  }
  return static_cast<int32_t>(total);
}

}  // namespace

void gemm(const GemmOperands& g, int32_t* c) {
  // B transposed, so each output is a dot product of two contiguous vectors.
  std::vector<int16_t> bt(std::size_t{g.n} * g.k);
  for (uint32_t kk = 0; kk < g.k; ++kk) {
    const uint8_t* row = g.b + kk * g.b_row_stride;
    for (uint32_t nn = 0; nn < g.n; ++nn)
      bt[std::size_t{nn} * g.k + kk] =
          static_cast<int16_t>(element(row[nn], g.b_unsigned) - g.b_zero_points[nn]);
  }
  std::vector<int16_t> a(g.k);
  for (uint32_t mm = 0; mm < g.m; ++mm) {
    const uint8_t* row = g.a_rows[mm];
    for (uint32_t kk = 0; kk < g.k; ++kk)
      a[kk] = static_cast<int16_t>(element(row[kk], g.a_unsigned) - g.a_zero_point);
    int32_t* out = c + std::size_t{mm} * g.n;
    for (uint32_t nn = 0; nn < g.n; ++nn) out[nn] = dot(a.data(), &bt[std::size_t{nn} * g.k], g.k);
  }
}

}  // namespace tessera::mxu
