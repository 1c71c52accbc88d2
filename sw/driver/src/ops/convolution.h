// Direct grouped N-D convolution, shared by Conv, ConvInteger and QLinearConv.
#pragma once

#include <cstdint>
#include <vector>

#include "ops/window_walker.h"
#include "tessera/driver/graph.h"

namespace tessera::driver::ops {

// The output shape [N, M, spatial...] of a convolution of x [N, C, spatial...] with weights
// w [M, C/group, kernel...], checking the node's attributes against both.
Shape convolution_output_shape(const Node& node, const Shape& x, const Shape& w);

// The node's resolved window for known shapes x and w.
WindowGeometry convolution_window(const Node& node, const Shape& x, const Shape& w);

// out[n][m][o] = bias[m] + sum over the group's channels c and the taps of o inside the input of
// x[n][c][tap] * w[m][c][tap]; the elements are already centred on their zero points, so padding
// contributes nothing. `bias` may be empty.
template <class Value, class Accumulator>
std::vector<Accumulator> convolve(const Node& node, const std::vector<Value>& x,
                                  const Shape& x_shape, const std::vector<Value>& w,
                                  const Shape& w_shape, const std::vector<Accumulator>& bias) {
  const WindowWalker walker(convolution_window(node, x_shape, w_shape));
  const int64_t batch = x_shape[0], channels = x_shape[1], features = w_shape[0];
  const int64_t group = node.int_attribute("group", 1);
  const int64_t group_channels = channels / group, group_features = features / group;
  const int64_t outputs = walker.output_positions(), inputs = walker.input_positions();
  const int64_t taps = walker.kernel_positions();
  std::vector<Accumulator> out(batch * features * outputs);
  for (int64_t n = 0; n < batch; ++n) {
    for (int64_t m = 0; m < features; ++m) {
      const int64_t first_channel = (m / group_features) * group_channels;
      const Value* weights = w.data() + m * group_channels * taps;
      Accumulator* result = out.data() + (n * features + m) * outputs;
      for (int64_t o = 0; o < outputs; ++o) {
        Accumulator sum = bias.empty() ? Accumulator{} : bias[m];
        walker.for_each_tap(o, [&](int64_t tap, int64_t position) {
          const Value* input = x.data() + (n * channels + first_channel) * inputs + position;
          for (int64_t c = 0; c < group_channels; ++c) {
            sum += static_cast<Accumulator>(input[c * inputs]) * weights[c * taps + tap];
          }
        });
        result[o] = sum;
      }
    }
  }
  return out;
}

}  // namespace tessera::driver::ops
