// The MXU's results: random GEMMs bit-exact against a host reference on 8x8, 16x16 and 32x32
// arrays in both dataflows, shapes that are and are not multiples of the array, int8 and uint8
// operands with zero points (per tensor and per column), accumulation, grouped A rows.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>

#include "array_param.h"
#include "gemm_case.h"
#include "mxu/gemm_kernel.h"

namespace tessera {
namespace {

using Bench = testing::EngineBench<Mxu>;
using testing::Array;
using testing::GemmCase;

class RandomGemm : public ::testing::TestWithParam<Array> {};

TEST_P(RandomGemm, MatchesTheHostReferenceBitForBit) {
  const Array array = GetParam();
  Bench bench(array.platform(), mxu_config);
  std::mt19937 rng(array.rows * 7919 + array.cols * 31 + static_cast<unsigned>(array.dataflow));
  const uint32_t R = array.rows, C = array.cols;
  // Whole multiples of the array, then shapes that are not.
  std::vector<std::array<uint32_t, 3>> shapes = {
      {R, C, R}, {2 * R, 2 * C, 3 * R}, {3 * R, C, 2 * R}, {1, 1, 1}, {1, C + 1, R - 1}};
  const auto dim = [&rng](uint32_t limit) {
    return std::uniform_int_distribution<uint32_t>(1, limit)(rng);
  };
  for (int i = 0; i < 20; ++i) shapes.push_back({dim(3 * R + 5), dim(3 * C + 5), dim(3 * R + 5)});

  const uint32_t ring = Bench::kBase;
  bench.setup_queue(ring, 2, MXU_DESC_BYTES);
  for (const auto& [m, n, k] : shapes) {
    uint32_t address = ring + 0x100;
    GemmCase g = testing::random_gemm(rng, m, n, k, address);
    g.dataflow = std::uniform_int_distribution<uint32_t>(0, 2)(rng);  // the descriptor may override
    g.place(bench);
    bench.submit(g.descriptor());
    bench.run();
    ASSERT_EQ(bench.reg(ENGINE_STATUS) & ENGINE_STATUS_ERROR, 0u)
        << "error " << bench.reg(ENGINE_ERROR_CODE) << " on " << m << "x" << n << "x" << k;
    ASSERT_EQ(g.result(bench), g.reference())
        << m << "x" << n << "x" << k << (g.a_unsigned ? " uint8" : " int8") << " A, "
        << (g.b_unsigned ? "uint8" : "int8") << " B, a_zp " << g.a_zp
        << (g.accumulate ? ", accumulate" : "") << (g.per_column_zp ? ", zp per column" : "")
        << ", groups of " << g.a_group_rows;
  }
  EXPECT_EQ(bench.reg(ENGINE_COMPLETED), shapes.size());
}

INSTANTIATE_TEST_SUITE_P(Arrays, RandomGemm, testing::every_array(), testing::array_name);
INSTANTIATE_TEST_SUITE_P(NonSquare, RandomGemm,
                         ::testing::Values(Array{8, 32, mxu::Dataflow::kOutputStationary, false},
                                           Array{32, 8, mxu::Dataflow::kWeightStationary, true}),
                         testing::array_name);

// Rows of A that overlap, as the windows of a 1-D convolution: row m starts at m * stride.
TEST(Mxu, OverlappingRowsOfAComputeAConvolution) {
  Bench bench(PlatformConfig{}, mxu_config);
  std::mt19937 rng(5);
  uint32_t address = Bench::kBase + 0x100;
  GemmCase g = testing::random_gemm(rng, 40, 24, 9, address);
  g.a_row_stride = 2;  // stride-2 windows of 9 taps
  g.a_group_rows = 0;
  g.a_image.resize(g.a_offset(g.m - 1) + g.k);
  g.place(bench);
  bench.setup_queue(Bench::kBase, 2, MXU_DESC_BYTES);
  bench.submit(g.descriptor());
  bench.run();
  EXPECT_EQ(g.result(bench), g.reference());
}

TEST(Mxu, TimingOnlyLeavesCAsItWas) {
  PlatformConfig platform;
  platform.mxu.timing_only = true;
  Bench bench(platform, mxu_config);
  std::mt19937 rng(9);
  uint32_t address = Bench::kBase + 0x100;
  GemmCase g = testing::random_gemm(rng, 33, 20, 40, address);
  g.place(bench);
  bench.setup_queue(Bench::kBase, 2, MXU_DESC_BYTES);
  bench.submit(g.descriptor());
  bench.run();
  EXPECT_EQ(bench.reg(ENGINE_COMPLETED), 1u);
  EXPECT_EQ(g.result(bench), g.c_in);
  EXPECT_EQ(bench.engine.statistics().macs, 33u * 20 * 40);
  EXPECT_NE(bench.reg(MXU_FEATURES) & MXU_FEATURE_TIMING_ONLY, 0u);
}

// The host kernel alone on the extremes: every sign combination at full scale, and sums long
// enough to wrap the int32 accumulators.
TEST(GemmKernel, ExtremesAndWrappingSumsMatchTheReference) {
  for (const bool a_unsigned : {false, true})
    for (const bool b_unsigned : {false, true}) {
      const uint32_t m = 3, n = 2, k = 40000;  // 40000 * 255 * 255 overflows int32
      GemmCase g;
      g.m = m;
      g.n = n;
      g.k = k;
      g.a_unsigned = a_unsigned;
      g.b_unsigned = b_unsigned;
      g.a_zp = a_unsigned ? 0 : 127;  // a - a_zp reaches -255 (int8) or 255 (uint8)
      g.b_zp.assign(n, b_unsigned ? 255 : -128);
      g.a_row_stride = k;
      g.b_row_stride = n;
      g.a_image.assign(std::size_t{m} * k, a_unsigned ? 255 : 0x80);
      g.b_image.assign(std::size_t{k} * n, b_unsigned ? 0 : 127);
      g.a_image[5] = 17;
      g.b_image[7] = 3;
      std::vector<const uint8_t*> rows(m);
      for (uint32_t i = 0; i < m; ++i) rows[i] = &g.a_image[std::size_t{i} * k];
      std::vector<int32_t> c(std::size_t{m} * n);
      mxu::gemm({m, n, k, rows.data(), a_unsigned, g.a_zp, g.b_image.data(), n, b_unsigned,
                 g.b_zp.data()},
                c.data());
      EXPECT_EQ(c, g.reference()) << "A " << (a_unsigned ? "uint8" : "int8") << ", B "
                                  << (b_unsigned ? "uint8" : "int8");
    }
}

}  // namespace
}  // namespace tessera
