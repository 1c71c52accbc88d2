#include "vpu_kernels.h"

#include <algorithm>

namespace tessera::vpu {

namespace {

int32_t element(uint8_t byte, bool is_unsigned) {
  return is_unsigned ? byte : static_cast<int8_t>(byte);
}

// Rounds q + remainder / divisor to an integer, given 2 * remainder compared with divisor
// (< 0 below half, 0 at half, > 0 above); q >= 0 is the magnitude's quotient.
uint64_t round_magnitude(uint64_t q, int half_comparison, Rounding rounding) {
  const bool up = half_comparison > 0 ||
                  (half_comparison == 0 && (rounding == Rounding::kHalfAwayFromZero || (q & 1)));
  return q + (up ? 1 : 0);
}

// Ties are decided on the magnitude: away from zero and to even are both symmetric.
int64_t with_sign(bool negative, uint64_t magnitude) {
  return negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
}

uint64_t magnitude(int64_t value) {
  return value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
}

int compare(uint64_t twice_remainder, uint64_t divisor) {
  return twice_remainder < divisor ? -1 : twice_remainder > divisor ? 1 : 0;
}

}  // namespace

int64_t shift_round(int64_t value, unsigned shift, Rounding rounding) {
  if (shift == 0) return value;
  const uint64_t mag = magnitude(value), mask = (uint64_t{1} << shift) - 1;
  const uint64_t remainder = mag & mask, half = uint64_t{1} << (shift - 1);
  const int half_comparison = remainder < half ? -1 : remainder > half ? 1 : 0;
  return with_sign(value < 0, round_magnitude(mag >> shift, half_comparison, rounding));
}

int64_t divide_round(int64_t sum, int64_t count, Rounding rounding) {
  const uint64_t mag = magnitude(sum), divisor = static_cast<uint64_t>(count);
  const uint64_t remainder = mag % divisor;
  return with_sign(sum < 0,
                   round_magnitude(mag / divisor, compare(2 * remainder, divisor), rounding));
}

uint8_t OutputStage::operator()(int64_t value) const {
  int64_t y = value + zero_point;
  if (clamp) y = std::min<int64_t>(std::max<int64_t>(y, clamp_min), clamp_max);
  const int64_t low = is_unsigned ? 0 : -128, high = is_unsigned ? 255 : 127;
  return static_cast<uint8_t>(std::min(std::max(y, low), high));
}

void requantize_row(const int32_t* in, const ChannelParams* params, uint32_t channels,
                    Rounding rounding, const OutputStage& stage, uint8_t* out) {
  for (uint32_t c = 0; c < channels; ++c) {
    const auto biased =
        static_cast<int32_t>(static_cast<uint32_t>(in[c]) + static_cast<uint32_t>(params[c].bias));
    const int64_t product = int64_t{biased} * params[c].multiplier;
    out[c] = stage(shift_round(product, params[c].shift, rounding));
  }
}

void add_row(const uint8_t* a, const uint8_t* b, uint32_t count, const AddParams& p, uint8_t* out) {
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t sum = int64_t{element(a[i], p.a_unsigned) - p.a_zero_point} * p.a_multiplier +
                        int64_t{element(b[i], p.b_unsigned) - p.b_zero_point} * p.b_multiplier;
    out[i] = p.stage(shift_round(sum, p.shift, p.rounding));
  }
}

uint32_t PoolShape::first_row(uint32_t oy) const {
  const uint32_t top = oy * stride_h;  // in padded coordinates
  return top > pad_top ? top - pad_top : 0;
}

uint32_t PoolShape::end_row(uint32_t oy) const {
  return std::min(in_height,
                  oy * stride_h + kernel_h - std::min(pad_top, oy * stride_h + kernel_h));
}

void pool_row(const PoolShape& s, const PoolParams& p, const uint8_t* const* in_rows, uint32_t oy,
              uint8_t* out) {
  const uint32_t y0 = s.first_row(oy), y1 = s.end_row(oy);
  for (uint32_t ox = 0; ox < s.out_width(); ++ox) {
    const uint32_t left = ox * s.stride_w;  // in padded coordinates
    const uint32_t x0 = left > s.pad_left ? left - s.pad_left : 0;
    const uint32_t x1 =
        std::min(s.in_width, left + s.kernel_w - std::min(s.pad_left, left + s.kernel_w));
    const int64_t cells = int64_t{y1 - y0} * (x1 - x0);
    const int64_t padding_cells = int64_t{s.kernel_h} * s.kernel_w - cells;
    for (uint32_t c = 0; c < s.channels; ++c) {
      int64_t best = INT64_MIN, sum = 0;
      for (uint32_t y = y0; y < y1; ++y)
        for (uint32_t x = x0; x < x1; ++x) {
          const int32_t v = element(in_rows[y][x * s.channels + c], p.is_unsigned);
          best = std::max<int64_t>(best, v);
          sum += v;
        }
      int64_t value = best;
      if (p.average) {
        const int64_t count = p.count_include_pad ? cells + padding_cells : cells;
        if (p.count_include_pad) sum += padding_cells * p.zero_point;
        value = divide_round(sum, count, p.rounding);
      }
      out[ox * s.channels + c] = p.stage(value);
    }
  }
}

}  // namespace tessera::vpu
