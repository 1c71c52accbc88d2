// A GEMM for the MXU tests: its operands as bytes in the scratchpad, the descriptor that names
// them, and the host reference result, computed element by element in 64 bits (independent
// of the model's kernel) and wrapped to int32 as the accumulators wrap.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "engine_bench.h"
#include "mxu/mxu.h"
#include "tessera/hw/mxu_regs.h"

namespace tessera::testing {

struct GemmCase {
  uint32_t m = 1, n = 1, k = 1;
  bool a_unsigned = false, b_unsigned = false;
  bool per_column_zp = false, accumulate = false;
  int32_t a_zp = 0;
  std::vector<int32_t> b_zp;  // n of them (all equal unless per column)
  uint32_t dataflow = 0;      // MXU_DATAFLOW_*, 0 for the configured one
  // Layout: A row m at a_addr + (m / G) * a_group_stride + (m % G) * a_row_stride.
  uint32_t a_addr = 0, a_row_stride = 0, a_group_rows = 0, a_group_stride = 0;
  uint32_t b_addr = 0, b_row_stride = 0, c_addr = 0, c_row_stride = 0, zp_addr = 0;
  std::vector<uint8_t> a_image;  // the bytes from a_addr on
  std::vector<uint8_t> b_image;  // the bytes from b_addr on
  std::vector<int32_t> c_in;     // m x n: C before the GEMM

  uint32_t a_offset(uint32_t row) const {
    const uint32_t group = a_group_rows ? a_group_rows : m;
    return row / group * a_group_stride + row % group * a_row_stride;
  }
  static int32_t value(uint8_t byte, bool is_unsigned) {
    return is_unsigned ? int32_t{byte} : int32_t{byte} - (byte >= 128 ? 256 : 0);
  }
  int32_t a(uint32_t row, uint32_t col) const {
    return value(a_image[a_offset(row) + col], a_unsigned);
  }
  int32_t b(uint32_t row, uint32_t col) const {
    return value(b_image[row * b_row_stride + col], b_unsigned);
  }

  std::vector<int32_t> reference() const {
    std::vector<int32_t> c(std::size_t{m} * n);
    for (uint32_t i = 0; i < m; ++i)
      for (uint32_t j = 0; j < n; ++j) {
        int64_t sum = accumulate ? c_in[std::size_t{i} * n + j] : 0;
        for (uint32_t x = 0; x < k; ++x) sum += int64_t{a(i, x) - a_zp} * (b(x, j) - b_zp[j]);
        c[std::size_t{i} * n + j] = static_cast<int32_t>(static_cast<uint32_t>(sum));
      }
    return c;
  }

  mxu_gemm_desc_t descriptor(uint32_t extra_flags = 0) const {
    mxu_gemm_desc_t d{};
    d.control = MXU_OP_GEMM | extra_flags | MXU_FLAG_DATAFLOW(dataflow) |
                (accumulate ? MXU_FLAG_ACCUMULATE : 0) | (a_unsigned ? MXU_FLAG_A_UNSIGNED : 0) |
                (b_unsigned ? MXU_FLAG_B_UNSIGNED : 0) |
                (per_column_zp ? MXU_FLAG_B_ZP_PER_COLUMN : 0);
    d.a_addr = a_addr;
    d.b_addr = b_addr;
    d.c_addr = c_addr;
    d.m = m;
    d.n = n;
    d.k = k;
    d.a_row_stride = a_row_stride;
    d.b_row_stride = b_row_stride;
    d.c_row_stride = c_row_stride;
    d.a_group_rows = a_group_rows;
    d.a_group_stride = a_group_stride;
    d.zero_points = MXU_ZERO_POINTS(a_zp, per_column_zp ? 0 : b_zp[0]);
    d.b_zp_addr = per_column_zp ? zp_addr : 0;
    return d;
  }

  // Writes the operands (and C's initial value) into the scratchpad.
  template <typename Bench>
  void place(Bench& bench) const {
    bench.put_vector(a_addr, a_image);
    bench.put_vector(b_addr, b_image);
    for (uint32_t i = 0; i < m; ++i)
      bench.put(c_addr + i * c_row_stride, &c_in[std::size_t{i} * n], 4ull * n);
    if (per_column_zp) {
      std::vector<uint8_t> zp(n);
      for (uint32_t j = 0; j < n; ++j) zp[j] = static_cast<uint8_t>(b_zp[j]);
      bench.put_vector(zp_addr, zp);
    }
  }
  template <typename Bench>
  std::vector<int32_t> result(Bench& bench) const {
    std::vector<int32_t> c(std::size_t{m} * n);
    for (uint32_t i = 0; i < m; ++i)
      bench.get(c_addr + i * c_row_stride, &c[std::size_t{i} * n], 4ull * n);
    return c;
  }
};

// Random operands of their types, zero points in range, a layout with padded strides from
// `address` on (advanced past the case).
inline GemmCase random_gemm(std::mt19937& rng, uint32_t m, uint32_t n, uint32_t k,
                            uint32_t& address) {
  const auto pick = [&rng](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  const auto zero_point = [&pick](bool is_unsigned) {
    return is_unsigned ? pick(0, 255) : pick(-128, 127);
  };
  const auto align = [](uint32_t v, uint32_t to) { return (v + to - 1) / to * to; };
  GemmCase g;
  g.m = m;
  g.n = n;
  g.k = k;
  g.a_unsigned = pick(0, 1);
  g.b_unsigned = pick(0, 1);
  g.per_column_zp = pick(0, 3) == 0;
  g.accumulate = pick(0, 3) == 0;
  g.a_zp = zero_point(g.a_unsigned);
  g.b_zp.assign(n, zero_point(g.b_unsigned));
  if (g.per_column_zp)
    for (int32_t& z : g.b_zp) z = zero_point(g.b_unsigned);
  g.a_row_stride = k + static_cast<uint32_t>(pick(0, 3)) * 16;
  if (pick(0, 3) == 0 && m > 1) {  // rows in groups, as a convolution's output rows
    g.a_group_rows = static_cast<uint32_t>(pick(1, static_cast<int>(m)));
    g.a_group_stride = g.a_group_rows * g.a_row_stride + static_cast<uint32_t>(pick(0, 64));
  }
  g.b_row_stride = n + static_cast<uint32_t>(pick(0, 3)) * 16;
  g.c_row_stride = 4 * n + static_cast<uint32_t>(pick(0, 3)) * 16;
  g.a_addr = address + static_cast<uint32_t>(pick(0, 15));
  std::size_t a_bytes = 0;
  for (uint32_t i = 0; i < m; ++i) a_bytes = std::max<std::size_t>(a_bytes, g.a_offset(i) + k);
  g.a_image.resize(a_bytes);
  for (uint8_t& byte : g.a_image) byte = static_cast<uint8_t>(pick(0, 255));
  g.b_addr = align(g.a_addr + static_cast<uint32_t>(g.a_image.size()), 16) +
             static_cast<uint32_t>(pick(0, 15));
  g.b_image.resize(std::size_t{k - 1} * g.b_row_stride + n);
  for (uint8_t& byte : g.b_image) byte = static_cast<uint8_t>(pick(0, 255));
  g.c_addr = align(g.b_addr + static_cast<uint32_t>(g.b_image.size()), 16);
  g.c_in.resize(std::size_t{m} * n);
  for (int32_t& v : g.c_in) v = static_cast<int32_t>(rng());
  g.zp_addr = g.c_addr + (m - 1) * g.c_row_stride + 4 * n;
  address = align(g.zp_addr + n, 16);
  return g;
}

// Random int8 operands laid out as firmware packs them: rows back to back, each matrix from
// `address` on a 128-byte boundary (so each starts in bank 0); `address` moves past them.
inline GemmCase packed_gemm(std::mt19937& rng, uint32_t m, uint32_t n, uint32_t k,
                            uint32_t& address) {
  const auto place = [&address](std::size_t bytes) {
    const uint32_t at = (address + 127) / 128 * 128;
    address = at + static_cast<uint32_t>(bytes);
    return at;
  };
  GemmCase g;
  g.m = m;
  g.n = n;
  g.k = k;
  g.b_zp.assign(n, 0);
  g.a_row_stride = k;
  g.b_row_stride = n;
  g.c_row_stride = 4 * n;
  g.a_image.resize(std::size_t{m} * k);
  g.b_image.resize(std::size_t{k} * n);
  for (uint8_t& v : g.a_image) v = static_cast<uint8_t>(rng());
  for (uint8_t& v : g.b_image) v = static_cast<uint8_t>(rng());
  g.c_in.assign(std::size_t{m} * n, 0);
  g.a_addr = place(g.a_image.size());
  g.b_addr = place(g.b_image.size());
  g.c_addr = place(4ull * m * n);
  return g;
}

}  // namespace tessera::testing
