// Walks the windows of a WindowGeometry with known sizes: for each output position, the kernel
// taps that fall inside the input (taps in the padding are skipped, which is what padding with
// the zero point, or with -infinity for MaxPool, amounts to).
#pragma once

#include <cstdint>
#include <vector>

#include "tessera/driver/window_geometry.h"

namespace tessera::driver::ops {

class WindowWalker {
 public:
  explicit WindowWalker(const WindowGeometry& geometry);

  int64_t input_positions() const { return input_positions_; }
  int64_t kernel_positions() const { return static_cast<int64_t>(kernel_taps_.size()); }
  int64_t output_positions() const { return output_positions_; }

  // Calls visit(kernel_position, input_position) for each tap of output position `output` that
  // lands inside the input; positions are row-major over the spatial axes.
  template <class Visit>
  void for_each_tap(int64_t output, Visit&& visit) const {
    const std::vector<int64_t> origin = window_origin(output);
    for (int64_t tap = 0; tap < kernel_positions(); ++tap) {
      int64_t input_position = 0;
      bool inside = true;
      for (size_t axis = 0; axis < origin.size() && inside; ++axis) {
        const int64_t coordinate = origin[axis] + kernel_taps_[tap][axis];
        inside = coordinate >= 0 && coordinate < geometry_.input[axis];
        input_position = input_position * geometry_.input[axis] + coordinate;
      }
      if (inside) visit(tap, input_position);
    }
  }

 private:
  // Where the window of output position `output` starts, per axis (negative in the padding).
  std::vector<int64_t> window_origin(int64_t output) const;

  WindowGeometry geometry_;
  std::vector<std::vector<int64_t>> kernel_taps_;  // per tap: its offset per axis, dilated
  int64_t input_positions_ = 1;
  int64_t output_positions_ = 1;
};

}  // namespace tessera::driver::ops
