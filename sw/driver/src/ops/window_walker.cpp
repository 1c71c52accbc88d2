#include "ops/window_walker.h"

namespace tessera::driver::ops {

WindowWalker::WindowWalker(const WindowGeometry& geometry) : geometry_(geometry) {
  const size_t rank = geometry.spatial_rank();
  int64_t taps = 1;
  for (size_t axis = 0; axis < rank; ++axis) {
    taps *= geometry.kernel[axis];
    input_positions_ *= geometry.input[axis];
    output_positions_ *= geometry.output[axis];
  }
  kernel_taps_.assign(taps, std::vector<int64_t>(rank));
  for (int64_t tap = 0; tap < taps; ++tap) {
    int64_t rest = tap;
    for (size_t axis = rank; axis-- > 0;) {
      kernel_taps_[tap][axis] = (rest % geometry.kernel[axis]) * geometry.dilations[axis];
      rest /= geometry.kernel[axis];
    }
  }
}

std::vector<int64_t> WindowWalker::window_origin(int64_t output) const {
  const size_t rank = geometry_.spatial_rank();
  std::vector<int64_t> origin(rank);
  for (size_t axis = rank; axis-- > 0;) {
    const int64_t coordinate = output % geometry_.output[axis];
    output /= geometry_.output[axis];
    origin[axis] = coordinate * geometry_.strides[axis] - geometry_.pads_begin[axis];
  }
  return origin;
}

}  // namespace tessera::driver::ops
