// The VPU: its arithmetic against references computed independently (exact long-double
// arithmetic with the C library's rounding for requantization and add, as ONNX defines them
// with a scale of multiplier / 2^shift; straightforward loops for pooling), each operation
// through the engine, its timing per element and lane, its errors, and its trace slices.
#include <gtest/gtest.h>

#include <algorithm>

#include <cfenv>
#include <cmath>
#include <random>

#include "../mxu/engine_bench.h"
#include "../trace_capture.h"
#include "tessera/hw/vpu_regs.h"
#include "vpu/vpu.h"
#include "vpu/vpu_kernels.h"

namespace tessera {
namespace {

using Bench = testing::EngineBench<Vpu>;
using vpu::Rounding;

// round(x) with the mode's tie rule, x exact in long double.
long double round_like(long double x, Rounding rounding) {
  return rounding == Rounding::kHalfToEven ? std::nearbyintl(x) : std::roundl(x);
}

int64_t saturate(long double y, int64_t zero_point, bool clamp, int64_t lo, int64_t hi,
                 bool is_unsigned) {
  int64_t v = static_cast<int64_t>(y) + zero_point;
  if (clamp) v = std::min(std::max(v, lo), hi);
  return std::min<int64_t>(std::max<int64_t>(v, is_unsigned ? 0 : -128), is_unsigned ? 255 : 127);
}

int32_t as_value(uint8_t byte, bool is_unsigned) {
  return is_unsigned ? byte : static_cast<int8_t>(byte);
}

TEST(VpuRounding, ShiftsRoundLikeTheCLibrary) {
  ASSERT_EQ(std::fegetround(), FE_TONEAREST);
  std::mt19937_64 rng(1);
  for (const Rounding rounding : {Rounding::kHalfAwayFromZero, Rounding::kHalfToEven}) {
    for (int i = 0; i < 20000; ++i) {
      const unsigned shift = 1 + rng() % 62;
      int64_t value = static_cast<int64_t>(rng() >> 2) - (int64_t{1} << 61);
      if (i % 3 == 0)  // an exact tie: q + 1/2
        value = (value >> shift) * (int64_t{1} << shift) + (int64_t{1} << (shift - 1));
      const long double exact = static_cast<long double>(value) / std::ldexp(1.0L, shift);
      ASSERT_EQ(vpu::shift_round(value, shift, rounding),
                static_cast<int64_t>(round_like(exact, rounding)))
          << value << " >> " << shift;
    }
    EXPECT_EQ(vpu::shift_round(5, 1, rounding), rounding == Rounding::kHalfToEven ? 2 : 3);
    EXPECT_EQ(vpu::shift_round(-5, 1, rounding), rounding == Rounding::kHalfToEven ? -2 : -3);
    EXPECT_EQ(vpu::shift_round(-7, 1, rounding), -4);
    EXPECT_EQ(vpu::shift_round(int64_t{1} << 62, 63, rounding),
              rounding == Rounding::kHalfToEven ? 0 : 1);
  }
}

TEST(VpuRounding, DivisionsRoundLikeTheCLibrary) {
  std::mt19937 rng(2);
  for (const Rounding rounding : {Rounding::kHalfAwayFromZero, Rounding::kHalfToEven})
    for (int i = 0; i < 20000; ++i) {
      const int64_t count = 1 + rng() % 300, sum = static_cast<int64_t>(rng() % 200000) - 100000;
      ASSERT_EQ(vpu::divide_round(sum, count, rounding),
                static_cast<int64_t>(round_like(static_cast<long double>(sum) / count, rounding)))
          << sum << " / " << count;
    }
}

// The ONNX definition with scale = multiplier / 2^shift: saturate(round((x + bias) * scale) + zp).
struct RequantCase {
  uint32_t rows, channels;
  std::vector<int32_t> in;
  std::vector<vpu::ChannelParams> params;
  int32_t zero_point;
  bool is_unsigned, clamp;
  int32_t clamp_min, clamp_max;
  Rounding rounding;

  std::vector<uint8_t> reference() const {
    std::vector<uint8_t> out(in.size());
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t c = 0; c < channels; ++c) {
        const vpu::ChannelParams& p = params[c];
        const auto biased = static_cast<int32_t>(static_cast<uint32_t>(in[r * channels + c]) +
                                                 static_cast<uint32_t>(p.bias));
        const long double scaled =
            static_cast<long double>(biased) * p.multiplier / std::ldexp(1.0L, p.shift);
        out[r * channels + c] = static_cast<uint8_t>(saturate(
            round_like(scaled, rounding), zero_point, clamp, clamp_min, clamp_max, is_unsigned));
      }
    return out;
  }
};

RequantCase random_requant(std::mt19937& rng, uint32_t rows, uint32_t channels) {
  RequantCase q{rows,
                channels,
                {},
                {},
                0,
                bool(rng() % 2),
                bool(rng() % 2),
                0,
                0,
                rng() % 2 ? Rounding::kHalfToEven : Rounding::kHalfAwayFromZero};
  q.in.resize(std::size_t{rows} * channels);
  for (int32_t& v : q.in) v = static_cast<int32_t>(rng() % 2000001) - 1000000;
  q.in[0] = INT32_MAX;  // the bias add wraps
  for (uint32_t c = 0; c < channels; ++c)
    q.params.push_back({static_cast<int32_t>(rng() % 20001) - 10000,
                        static_cast<int32_t>(rng() % (1u << 30)) + 1,
                        static_cast<uint32_t>(20 + rng() % 24)});
  q.zero_point =
      q.is_unsigned ? static_cast<int32_t>(rng() % 256) : static_cast<int32_t>(rng() % 256) - 128;
  q.clamp_min = q.zero_point;                                      // ReLU
  q.clamp_max = std::max(q.clamp_min, q.is_unsigned ? 200 : 100);  // a valid clamp range
  return q;
}

TEST(VpuKernels, RequantizationIsTheOnnxDefinition) {
  std::mt19937 rng(3);
  for (int i = 0; i < 50; ++i) {
    const RequantCase q = random_requant(rng, 3, 37);
    std::vector<uint8_t> out(q.in.size());
    const vpu::OutputStage stage{q.zero_point, q.is_unsigned, q.clamp, q.clamp_min, q.clamp_max};
    for (uint32_t r = 0; r < q.rows; ++r)
      vpu::requantize_row(&q.in[r * q.channels], q.params.data(), q.channels, q.rounding, stage,
                          &out[r * q.channels]);
    ASSERT_EQ(out, q.reference());
  }
}

// QLinearAdd: saturate(round((a - a_zp) * a_scale + (b - b_zp) * b_scale) + out_zp), with
// a_scale = a_multiplier / 2^shift, b_scale = b_multiplier / 2^shift.
uint8_t add_reference(uint8_t a, uint8_t b, const vpu::AddParams& p) {
  const long double sum =
      (static_cast<long double>(as_value(a, p.a_unsigned) - p.a_zero_point) * p.a_multiplier +
       static_cast<long double>(as_value(b, p.b_unsigned) - p.b_zero_point) * p.b_multiplier) /
      std::ldexp(1.0L, p.shift);
  return static_cast<uint8_t>(saturate(round_like(sum, p.rounding), p.stage.zero_point,
                                       p.stage.clamp, p.stage.clamp_min, p.stage.clamp_max,
                                       p.stage.is_unsigned));
}

TEST(VpuKernels, AddIsQLinearAdd) {
  std::mt19937 rng(4);
  for (int i = 0; i < 200; ++i) {
    const bool a_unsigned = rng() % 2, b_unsigned = rng() % 2, out_unsigned = rng() % 2;
    const vpu::AddParams p{a_unsigned,
                           b_unsigned,
                           a_unsigned ? int32_t(rng() % 256) : int32_t(rng() % 256) - 128,
                           b_unsigned ? int32_t(rng() % 256) : int32_t(rng() % 256) - 128,
                           int32_t(rng() % (1u << 24)),
                           int32_t(rng() % (1u << 24)) - (1 << 23),
                           static_cast<unsigned>(20 + rng() % 10),
                           rng() % 2 ? Rounding::kHalfToEven : Rounding::kHalfAwayFromZero,
                           {out_unsigned ? 7 : -7, out_unsigned, bool(rng() % 2), -50, 90}};
    std::vector<uint8_t> a(64), b(64), out(64);
    for (uint8_t& v : a) v = static_cast<uint8_t>(rng());
    for (uint8_t& v : b) v = static_cast<uint8_t>(rng());
    vpu::add_row(a.data(), b.data(), 64, p, out.data());
    for (int j = 0; j < 64; ++j) ASSERT_EQ(out[j], add_reference(a[j], b[j], p)) << j;
  }
}

// Pooling over an explicitly padded image: cells outside the image are skipped (max) or
// count as zero_point when include_pad (average).
std::vector<uint8_t> pool_reference(const std::vector<uint8_t>& image, const vpu::PoolShape& s,
                                    const vpu::PoolParams& p) {
  std::vector<uint8_t> out;
  for (uint32_t oy = 0; oy < s.out_height(); ++oy)
    for (uint32_t ox = 0; ox < s.out_width(); ++ox)
      for (uint32_t c = 0; c < s.channels; ++c) {
        int64_t best = -1000, sum = 0, count = 0;
        for (uint32_t i = 0; i < s.kernel_h; ++i)
          for (uint32_t j = 0; j < s.kernel_w; ++j) {
            const int64_t y = int64_t{oy} * s.stride_h + i - s.pad_top;
            const int64_t x = int64_t{ox} * s.stride_w + j - s.pad_left;
            if (y < 0 || x < 0 || y >= s.in_height || x >= s.in_width) {
              if (p.count_include_pad) sum += p.zero_point, ++count;
              continue;
            }
            const int32_t v = as_value(image[(y * s.in_width + x) * s.channels + c], p.is_unsigned);
            best = std::max<int64_t>(best, v);
            sum += v;
            ++count;
          }
        const int64_t value = p.average ? static_cast<int64_t>(round_like(
                                              static_cast<long double>(sum) / count, p.rounding))
                                        : best;
        out.push_back(static_cast<uint8_t>(saturate(value, 0, p.stage.clamp, p.stage.clamp_min,
                                                    p.stage.clamp_max, p.is_unsigned)));
      }
  return out;
}

struct PoolCase {
  vpu::PoolShape shape;
  vpu::PoolParams params;
  std::vector<uint8_t> image;
};

PoolCase random_pool(std::mt19937& rng, bool average) {
  const auto pick = [&rng](uint32_t lo, uint32_t hi) { return lo + rng() % (hi - lo + 1); };
  vpu::PoolShape s{};
  s.kernel_h = pick(1, 4);
  s.kernel_w = pick(1, 4);
  s.stride_h = pick(1, 3);
  s.stride_w = pick(1, 3);
  s.pad_top = pick(0, s.kernel_h - 1);
  s.pad_bottom = pick(0, s.kernel_h - 1);
  s.pad_left = pick(0, s.kernel_w - 1);
  s.pad_right = pick(0, s.kernel_w - 1);
  s.in_height = pick(s.kernel_h, 12);
  s.in_width = pick(s.kernel_w, 12);
  s.channels = pick(1, 20);
  const bool is_unsigned = rng() % 2;
  PoolCase pc{s,
              {average,
               is_unsigned,
               bool(rng() % 2),
               is_unsigned ? int32_t(rng() % 256) : int32_t(rng() % 256) - 128,
               rng() % 2 ? Rounding::kHalfToEven : Rounding::kHalfAwayFromZero,
               {0, is_unsigned, bool(rng() % 2), is_unsigned ? 30 : -30, is_unsigned ? 220 : 90}},
              {}};
  pc.image.resize(std::size_t{s.in_height} * s.in_width * s.channels);
  for (uint8_t& v : pc.image) v = static_cast<uint8_t>(rng());
  return pc;
}

TEST(VpuKernels, PoolingMatchesTheReference) {
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) {
    const PoolCase pc = random_pool(rng, i % 2);
    const vpu::PoolShape& s = pc.shape;
    std::vector<const uint8_t*> rows(s.in_height);
    for (uint32_t y = 0; y < s.in_height; ++y) rows[y] = &pc.image[y * s.in_width * s.channels];
    std::vector<uint8_t> out(std::size_t{s.out_height()} * s.out_width() * s.channels);
    for (uint32_t oy = 0; oy < s.out_height(); ++oy)
      vpu::pool_row(s, pc.params, rows.data(), oy, &out[oy * s.out_width() * s.channels]);
    ASSERT_EQ(out, pool_reference(pc.image, s, pc.params)) << "case " << i;
  }
}

// --- Through the engine ---------------------------------------------------------------------

constexpr uint32_t kRing = Bench::kBase;

class VpuEngine : public ::testing::Test {
 protected:
  explicit VpuEngine(unsigned lanes = 16) : bench_(with_lanes(lanes), vpu_config) {
    bench_.setup_queue(kRing, 4, VPU_DESC_BYTES);
  }
  static PlatformConfig with_lanes(unsigned lanes) {
    PlatformConfig p;
    p.vpu.lanes = lanes;
    return p;
  }
  template <typename Descriptor>
  void run(const Descriptor& d) {
    bench_.submit(d);
    bench_.run();
  }
  uint32_t control_flags(Rounding rounding, bool clamp) const {
    return (rounding == Rounding::kHalfToEven ? VPU_FLAG_ROUND_HALF_EVEN : 0) |
           (clamp ? VPU_FLAG_CLAMP : 0);
  }

  Bench bench_;
};

TEST_F(VpuEngine, RequantizesTheMxusOutput) {
  std::mt19937 rng(6);
  for (int i = 0; i < 10; ++i) {
    // Draws in a fixed order: argument evaluation order differs between compilers.
    const uint32_t channels = 1 + rng() % 70;
    const uint32_t rows = 1 + rng() % 20;
    const RequantCase q = random_requant(rng, rows, channels);
    const uint32_t in = kRing + 0x1000, params = kRing + 0x20000, out = kRing + 0x30000;
    const uint32_t in_stride = 4 * q.channels + 16, out_stride = q.channels + 5;
    for (uint32_t r = 0; r < q.rows; ++r)
      bench_.put(in + r * in_stride, &q.in[r * q.channels], 4 * q.channels);
    bench_.put_vector(params, q.params);
    vpu_requantize_desc_t d{};
    d.control = VPU_OP_REQUANTIZE | control_flags(q.rounding, q.clamp) |
                (q.is_unsigned ? VPU_FLAG_OUT_UNSIGNED : 0);
    d.in_addr = in;
    d.out_addr = out;
    d.params_addr = params;
    d.rows = q.rows;
    d.channels = q.channels;
    d.in_row_stride = in_stride;
    d.out_row_stride = out_stride;
    d.out_zero_point = q.zero_point;
    d.clamp_min = q.clamp_min;
    d.clamp_max = q.clamp_max;
    run(d);
    ASSERT_EQ(bench_.reg(ENGINE_STATUS), 0u) << bench_.reg(ENGINE_ERROR_CODE);
    std::vector<uint8_t> got(q.in.size());
    for (uint32_t r = 0; r < q.rows; ++r)
      bench_.get(out + r * out_stride, &got[r * q.channels], q.channels);
    ASSERT_EQ(got, q.reference());
  }
}

TEST_F(VpuEngine, AddsTwoQuantizedTensors) {
  std::mt19937 rng(7);
  const uint32_t rows = 9, cols = 50, a = kRing + 0x1000, b = kRing + 0x2000, out = kRing + 0x3000;
  std::vector<uint8_t> av(rows * 64), bv(rows * 80);
  for (uint8_t& v : av) v = static_cast<uint8_t>(rng());
  for (uint8_t& v : bv) v = static_cast<uint8_t>(rng());
  bench_.put_vector(a, av);
  bench_.put_vector(b, bv);
  vpu_add_desc_t d{};
  d.control = VPU_OP_ADD | VPU_FLAG_ROUND_HALF_EVEN | VPU_FLAG_A_UNSIGNED | VPU_FLAG_CLAMP;
  d.a_addr = a;
  d.b_addr = b;
  d.out_addr = out;
  d.rows = rows;
  d.cols = cols;
  d.a_row_stride = 64;
  d.b_row_stride = 80;
  d.out_row_stride = cols;
  d.zero_points = VPU_ZERO_POINTS(128, -3, 5);
  d.a_multiplier = 3 << 20;
  d.b_multiplier = -(5 << 19);
  d.shift = 22;
  d.clamp_min = 5;  // ReLU at the output zero point
  d.clamp_max = 127;
  run(d);
  const vpu::AddParams p{true,
                         false,
                         128,
                         -3,
                         3 << 20,
                         -(5 << 19),
                         22,
                         Rounding::kHalfToEven,
                         {5, false, true, 5, 127}};
  std::vector<uint8_t> got(rows * cols);
  bench_.get(out, got.data(), got.size());
  for (uint32_t r = 0; r < rows; ++r)
    for (uint32_t c = 0; c < cols; ++c)
      ASSERT_EQ(got[r * cols + c], add_reference(av[r * 64 + c], bv[r * 80 + c], p))
          << r << "," << c;
}

TEST_F(VpuEngine, PoolsMaxAndAverageWithPaddingAndStrides) {
  std::mt19937 rng(8);
  for (int i = 0; i < 20; ++i) {
    const PoolCase pc = random_pool(rng, i % 2);
    const vpu::PoolShape& s = pc.shape;
    const uint32_t in = kRing + 0x1000, out = kRing + 0x10000;
    const uint32_t in_stride = s.in_width * s.channels + 3;
    for (uint32_t y = 0; y < s.in_height; ++y)
      bench_.put(in + y * in_stride, &pc.image[y * s.in_width * s.channels],
                 s.in_width * s.channels);
    vpu_pool_desc_t d{};
    d.control = (pc.params.average ? VPU_OP_AVGPOOL : VPU_OP_MAXPOOL) |
                control_flags(pc.params.rounding, pc.params.stage.clamp) |
                (pc.params.is_unsigned ? VPU_FLAG_A_UNSIGNED : 0) |
                (pc.params.count_include_pad ? VPU_FLAG_COUNT_INCLUDE_PAD : 0);
    d.in_addr = in;
    d.out_addr = out;
    d.in_height = s.in_height;
    d.in_width = s.in_width;
    d.channels = s.channels;
    d.in_row_stride = in_stride;
    d.out_row_stride = s.out_width() * s.channels;
    d.window = VPU_WINDOW(s.kernel_h, s.kernel_w, s.stride_h, s.stride_w);
    d.padding = VPU_PADDING(s.pad_top, s.pad_left, s.pad_bottom, s.pad_right);
    d.zero_point = pc.params.zero_point;
    d.clamp_min = pc.params.stage.clamp_min;
    d.clamp_max = pc.params.stage.clamp_max;
    run(d);
    ASSERT_EQ(bench_.reg(ENGINE_STATUS), 0u) << bench_.reg(ENGINE_ERROR_CODE);
    std::vector<uint8_t> got(std::size_t{s.out_height()} * s.out_width() * s.channels);
    bench_.get(out, got.data(), got.size());
    ASSERT_EQ(got, pool_reference(pc.image, s, pc.params)) << "case " << i;
  }
}

TEST_F(VpuEngine, ReluIsAOneByOneMaxPoolWithAClamp) {
  const std::vector<uint8_t> in = {0x80, 0xFF, 0x00, 0x01, 0x7F, 0xF0};  // -128 -1 0 1 127 -16
  bench_.put_vector(kRing + 0x1000, in);
  vpu_pool_desc_t d{};
  d.control = VPU_OP_MAXPOOL | VPU_FLAG_CLAMP;
  d.in_addr = kRing + 0x1000;
  d.out_addr = kRing + 0x2000;
  d.in_height = 2;
  d.in_width = 1;
  d.channels = 3;
  d.in_row_stride = d.out_row_stride = 3;
  d.window = VPU_WINDOW(1, 1, 1, 1);
  d.clamp_min = 0;
  d.clamp_max = 127;
  run(d);
  std::vector<uint8_t> got(6);
  bench_.get(kRing + 0x2000, got.data(), 6);
  EXPECT_EQ(got, (std::vector<uint8_t>{0, 0, 0, 1, 0x7F, 0}));
}

// Compute-bound rows: descriptor, the first row's reads, ceil(cols / lanes) per row, the last
// row's write (docs/mxu.md, "VPU timing"). a in banks 0-3, b in banks 4-7, out after them.
TEST_F(VpuEngine, ComputeBoundCyclesArePerElementAndLane) {
  const uint32_t rows = 10, cols = 64;
  vpu_add_desc_t d{};
  d.control = VPU_OP_ADD;
  d.a_addr = kRing + 0x1000;
  d.b_addr = kRing + 0x1000 + 64;
  d.out_addr = kRing + 0x8000;
  d.rows = rows;
  d.cols = cols;
  d.a_row_stride = d.b_row_stride = d.out_row_stride = 128;
  d.a_multiplier = d.b_multiplier = 1;
  run(d);
  const uint64_t lead = 2;  // a read or write of a row per bank
  EXPECT_EQ(bench_.engine.busy_cycles(), lead + lead + rows * (cols / 16) + lead);
  EXPECT_EQ(bench_.counter(VPU_STAT_ELEMENTS), rows * cols);
  EXPECT_EQ(bench_.counter(VPU_STAT_COMPUTE_CYCLES), rows * (cols / 16));
  EXPECT_EQ(bench_.counter(VPU_STAT_STALL_CYCLES), 0u);
  EXPECT_EQ(bench_.reg(VPU_LANES), 16u);
}

class WideVpu : public VpuEngine {
 protected:
  WideVpu() : VpuEngine(256) {}
};

// 256 lanes want 768 bytes a cycle; eight banks of 16 bytes give 128: the scratchpad sets the pace.
TEST_F(WideVpu, BandwidthBoundRowsStallTheLanes) {
  const uint32_t rows = 16, cols = 1024;
  vpu_add_desc_t d{};
  d.control = VPU_OP_ADD;
  d.a_addr = kRing + 0x1000;
  d.b_addr = kRing + 0x10000;
  d.out_addr = kRing + 0x20000;
  d.rows = rows;
  d.cols = cols;
  d.a_row_stride = d.b_row_stride = d.out_row_stride = cols;
  run(d);
  const uint64_t compute = rows * (cols / 256);
  EXPECT_EQ(bench_.counter(VPU_STAT_COMPUTE_CYCLES), compute);
  EXPECT_GT(bench_.counter(VPU_STAT_STALL_CYCLES), compute);
  // Each row moves 3 KiB through 128 bytes a cycle.
  EXPECT_GE(bench_.engine.busy_cycles(), rows * 3 * cols / 128);
}

TEST_F(VpuEngine, BadDescriptorsAreErrors) {
  const auto expect_error = [this](const vpu_requantize_desc_t& d, uint32_t code) {
    run(d);
    EXPECT_EQ(bench_.reg(ENGINE_STATUS), ENGINE_STATUS_ERROR);
    EXPECT_EQ(bench_.reg(ENGINE_ERROR_CODE), code);
    bench_.set_reg(ENGINE_STATUS, ENGINE_STATUS_ERROR);
  };
  vpu_requantize_desc_t good{};
  good.control = VPU_OP_REQUANTIZE;
  good.in_addr = kRing + 0x1000;
  good.out_addr = kRing + 0x2000;
  good.params_addr = kRing + 0x3000;
  good.rows = good.channels = 4;
  good.in_row_stride = 16;
  good.out_row_stride = 4;
  const vpu::ChannelParams bad_shift{0, 1, 64};
  bench_.put(kRing + 0x3000 + 12, &bad_shift, sizeof bad_shift);
  expect_error(good, ENGINE_ERR_FIELD);  // channel 1's shift
  const vpu::ChannelParams valid{};
  bench_.put(kRing + 0x3000 + 12, &valid, sizeof valid);
  run(good);
  EXPECT_EQ(bench_.reg(ENGINE_STATUS), 0u);
  vpu_requantize_desc_t d = good;
  d.rows = 0;
  expect_error(d, ENGINE_ERR_LENGTH);
  d = good;
  d.in_addr += 2;
  expect_error(d, ENGINE_ERR_ADDRESS);
  d = good;
  d.out_addr = TESSERA_DRAM_BASE;
  expect_error(d, ENGINE_ERR_ADDRESS);
  d = good;
  d.out_zero_point = 200;  // not an int8
  expect_error(d, ENGINE_ERR_FIELD);
  d = good;
  d.control = 9;
  expect_error(d, ENGINE_ERR_OPCODE);
  vpu_pool_desc_t pool{};
  pool.control = VPU_OP_MAXPOOL;
  pool.in_addr = kRing + 0x1000;
  pool.out_addr = kRing + 0x2000;
  pool.in_height = pool.in_width = pool.channels = 4;
  pool.in_row_stride = pool.out_row_stride = 16;
  pool.window = VPU_WINDOW(2, 2, 1, 1);
  pool.padding = VPU_PADDING(2, 0, 0, 0);  // a pad as large as the kernel
  run(pool);
  EXPECT_EQ(bench_.reg(ENGINE_ERROR_CODE), ENGINE_ERR_FIELD);
}

// A slice per descriptor, named by its operation, over the engine's busy cycles.
TEST_F(VpuEngine, TracesASlicePerDescriptorNamedByItsOperation) {
  testing::TraceCapture trace;
  bench_.engine.trace_to(trace.writer.track("tile 0", "vpu"));
  vpu_add_desc_t add{};
  add.control = VPU_OP_ADD;
  add.a_addr = kRing + 0x1000;
  add.b_addr = kRing + 0x2000;
  add.out_addr = kRing + 0x3000;
  add.rows = 3;
  add.cols = 40;
  add.a_row_stride = add.b_row_stride = add.out_row_stride = 64;
  add.a_multiplier = add.b_multiplier = 1;
  run(add);
  vpu_pool_desc_t pool{};
  pool.control = VPU_OP_AVGPOOL;
  pool.in_addr = kRing + 0x1000;
  pool.out_addr = kRing + 0x4000;
  pool.in_height = 6;
  pool.in_width = 4;
  pool.channels = 2;
  pool.in_row_stride = 8;
  pool.out_row_stride = 4;
  pool.window = VPU_WINDOW(3, 2, 3, 2);
  run(pool);
  ASSERT_EQ(bench_.reg(ENGINE_STATUS), 0u) << bench_.reg(ENGINE_ERROR_CODE);

  trace.finish();
  EXPECT_TRUE(trace.problems().empty()) << trace.problems().front();
  const auto slices = trace.events('X', "tile 0", "vpu");
  ASSERT_EQ(slices.size(), 2u);
  EXPECT_EQ(slices[0]["name"], "add");
  EXPECT_EQ(slices[0]["args"], (nlohmann::json{{"rows", 3}, {"cols", 40}}));
  EXPECT_EQ(slices[1]["name"], "avgpool");
  EXPECT_EQ(slices[1]["args"], (nlohmann::json{{"in_height", 6},
                                               {"in_width", 4},
                                               {"channels", 2},
                                               {"window", "3x2"},
                                               {"stride", "3x2"}}));
  EXPECT_EQ(testing::TraceCapture::picoseconds(slices[0]["dur"]) +
                testing::TraceCapture::picoseconds(slices[1]["dur"]),
            bench_.engine.busy_cycles() * 1000);  // 1 ns cycles
}

}  // namespace
}  // namespace tessera
