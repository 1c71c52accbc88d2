// The VPU's arithmetic on host memory: requantization, quantized add, max and average pooling,
// exactly as tessera/hw/vpu_regs.h defines them. Plain C++, no SystemC.
#pragma once

#include <cstdint>

#include "tessera/hw/vpu_regs.h"

namespace tessera::vpu {

enum class Rounding { kHalfAwayFromZero, kHalfToEven };

// round(value / 2^shift), shift 0..63, exact for any value.
int64_t shift_round(int64_t value, unsigned shift, Rounding rounding);
// round(sum / count), count > 0.
int64_t divide_round(int64_t sum, int64_t count, Rounding rounding);

// The last step of every operation: add the zero point, clamp (when asked), saturate to int8
// or uint8.
struct OutputStage {
  int32_t zero_point;
  bool is_unsigned;
  bool clamp;
  int32_t clamp_min, clamp_max;

  uint8_t operator()(int64_t value) const;
};

using ChannelParams = vpu_channel_params_t;  // {bias, multiplier, shift}, as in the scratchpad

// out[c] = stage(round((in[c] + bias[c]) * multiplier[c], shift[c])), the bias add wrapping.
void requantize_row(const int32_t* in, const ChannelParams* params, uint32_t channels,
                    Rounding rounding, const OutputStage& stage, uint8_t* out);

struct AddParams {
  bool a_unsigned, b_unsigned;
  int32_t a_zero_point, b_zero_point;
  int32_t a_multiplier, b_multiplier;
  unsigned shift;
  Rounding rounding;
  OutputStage stage;
};

// out[i] = stage(round((a[i] - a_zp) * a_multiplier + (b[i] - b_zp) * b_multiplier, shift)).
void add_row(const uint8_t* a, const uint8_t* b, uint32_t count, const AddParams& params,
             uint8_t* out);

struct PoolShape {
  uint32_t in_height, in_width, channels;
  uint32_t kernel_h, kernel_w, stride_h, stride_w;
  uint32_t pad_top, pad_left, pad_bottom, pad_right;

  uint32_t out_height() const {
    return (in_height + pad_top + pad_bottom - kernel_h) / stride_h + 1;
  }
  uint32_t out_width() const { return (in_width + pad_left + pad_right - kernel_w) / stride_w + 1; }
  // The input rows output row `oy` reads: [first, end).
  uint32_t first_row(uint32_t oy) const;
  uint32_t end_row(uint32_t oy) const;
};

struct PoolParams {
  bool average;  // else max
  bool is_unsigned;
  bool count_include_pad;
  int32_t zero_point;  // what a padding cell counts as in an average
  Rounding rounding;
  OutputStage stage;  // zero_point 0: the pooled value already carries the zero point
};

// Output row `oy` (out_width() pixels of `channels`); in_rows[y] is input row y.
void pool_row(const PoolShape& shape, const PoolParams& params, const uint8_t* const* in_rows,
              uint32_t oy, uint8_t* out);

}  // namespace tessera::vpu
