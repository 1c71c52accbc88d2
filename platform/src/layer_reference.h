// The host's answer for a synthetic layer as tessera-vp --scenario runs it
// (platform/apps/scenario_run.h):
// int8 operands without zero points, int32 sums, requantized to int8 by one multiplier and
// shift for every channel, rounding half to even and saturating as the VPU does. A functional
// run compares the chip's output with it.
#pragma once

#include <cstdint>
#include <vector>

#include "layer_model.h"

namespace tessera {

struct Requantization {
  int32_t multiplier;
  uint32_t shift;  // output = round_half_even(sum * multiplier / 2^shift), saturated to int8
};

// `input`: the GEMM's A (m x k) or the convolution's image (h x w x c_in, NHWC); `weights`:
// k x n (for a convolution HWIO, the GEMM's B). Returns the m x n output (NHWC for a
// convolution).
std::vector<int8_t> layer_reference(const Layer& layer, const std::vector<int8_t>& input,
                                    const std::vector<int8_t>& weights, Requantization requant);

}  // namespace tessera
