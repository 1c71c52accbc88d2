#include "layer_reference.h"

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

int8_t requantize(int64_t sum, Requantization requant) {
  // Exact in a double while |sum * multiplier| < 2^53: a layer's sums stay below 2^22 and the
  // multiplier below 2^31.
  const double scaled =
      std::ldexp(static_cast<double>(sum) * requant.multiplier, -static_cast<int>(requant.shift));
  return static_cast<int8_t>(std::clamp(std::nearbyint(scaled), -128.0, 127.0));
}

// The output pixel's input row of the im2col GEMM: the window's values, zero where the window
// hangs over the padding.
void window_row(const ConvShape& c, const std::vector<int8_t>& image, uint32_t oy, uint32_t ox,
                std::vector<int8_t>& row) {
  size_t i = 0;
  for (uint32_t ky = 0; ky < c.kernel; ++ky) {
    const int64_t iy = int64_t{oy} * c.stride + ky - c.padding;
    for (uint32_t kx = 0; kx < c.kernel; ++kx) {
      const int64_t ix = int64_t{ox} * c.stride + kx - c.padding;
      const bool inside = iy >= 0 && iy < c.h && ix >= 0 && ix < c.w;
      for (uint32_t ci = 0; ci < c.c_in; ++ci, ++i)
        row[i] = inside ? image[(size_t(iy) * c.w + size_t(ix)) * c.c_in + ci] : 0;
    }
  }
}

}  // namespace

std::vector<int8_t> layer_reference(const Layer& layer, const std::vector<int8_t>& input,
                                    const std::vector<int8_t>& weights, Requantization requant) {
  const GemmShape g = layer.gemm();
  const auto* conv = std::get_if<ConvShape>(&layer.op);
  std::vector<int8_t> output(g.m * g.n), row(g.k);
  std::vector<int64_t> sums(g.n);
  for (uint64_t i = 0; i < g.m; ++i) {
    if (conv)
      window_row(*conv, input, static_cast<uint32_t>(i / conv->out_w()),
                 static_cast<uint32_t>(i % conv->out_w()), row);
    else
      std::copy_n(input.begin() + i * g.k, g.k, row.begin());
    std::fill(sums.begin(), sums.end(), 0);
    for (uint64_t k = 0; k < g.k; ++k) {
      const int64_t a = row[k];
      if (a == 0) continue;
      const int8_t* w = &weights[k * g.n];
      for (uint64_t j = 0; j < g.n; ++j) sums[j] += a * w[j];
    }
    for (uint64_t j = 0; j < g.n; ++j) output[i * g.n + j] = requantize(sums[j], requant);
  }
  return output;
}

}  // namespace tessera
