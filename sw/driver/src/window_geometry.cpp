#include "tessera/driver/window_geometry.h"

#include <algorithm>

#include "tessera/driver/error.h"

namespace tessera::driver {

namespace {

std::vector<int64_t> checked_ints(const Node& node, const std::string& attribute, size_t count,
                                  int64_t fallback, int64_t minimum) {
  const std::vector<int64_t> values =
      node.ints_attribute(attribute, std::vector<int64_t>(count, fallback));
  if (values.size() != count) {
    throw InvalidModelError(describe(node) + ": attribute '" + attribute + "' has " +
                            std::to_string(values.size()) + " values; expected " +
                            std::to_string(count));
  }
  for (int64_t value : values) {
    if (value < minimum) {
      throw InvalidModelError(describe(node) + ": attribute '" + attribute + "' has the value " +
                              std::to_string(value) + "; the least allowed is " +
                              std::to_string(minimum));
    }
  }
  return values;
}

int64_t ceil_div(int64_t numerator, int64_t denominator) {
  return (numerator + denominator - 1) / denominator;
}

}  // namespace

WindowGeometry resolve_window_geometry(const Node& node, const std::vector<int64_t>& input,
                                       const std::vector<int64_t>& kernel, bool ceil_mode) {
  const size_t rank = kernel.size();
  WindowGeometry window;
  window.input = input;
  window.kernel = kernel;
  window.strides = checked_ints(node, "strides", rank, 1, 1);
  window.dilations = checked_ints(node, "dilations", rank, 1, 1);
  const std::string auto_pad = node.string_attribute("auto_pad", "NOTSET");
  const bool same = auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER";
  if (auto_pad != "NOTSET" && auto_pad != "VALID" && !same) {
    throw InvalidModelError(describe(node) + ": attribute 'auto_pad' has the unknown value '" +
                            auto_pad + "'");
  }
  if (auto_pad != "NOTSET" && node.has_attribute("pads")) {
    throw InvalidModelError(describe(node) + ": attribute 'pads' cannot be used with auto_pad " +
                            auto_pad);
  }
  const std::vector<int64_t> pads = checked_ints(node, "pads", 2 * rank, 0, 0);
  window.pads_begin.assign(pads.begin(), pads.begin() + rank);
  window.pads_end.assign(pads.begin() + rank, pads.end());
  window.output.assign(rank, kUnknownDim);
  for (size_t axis = 0; axis < rank; ++axis) {
    if (kernel[axis] < 1) {
      throw InvalidModelError(describe(node) + ": the kernel is " + std::to_string(kernel[axis]) +
                              " wide along spatial axis " + std::to_string(axis));
    }
    const int64_t extent = (kernel[axis] - 1) * window.dilations[axis] + 1;
    const int64_t stride = window.strides[axis];
    if (input[axis] == kUnknownDim) {
      if (same) window.pads_begin[axis] = window.pads_end[axis] = kUnknownDim;
      continue;
    }
    if (same) {
      // The output covers ceil(input / stride) windows; the padding that needs is split
      // evenly, the odd element at the end (SAME_UPPER) or the beginning (SAME_LOWER).
      window.output[axis] = ceil_div(input[axis], stride);
      const int64_t total =
          std::max<int64_t>(0, (window.output[axis] - 1) * stride + extent - input[axis]);
      const int64_t smaller_half = total / 2;
      window.pads_begin[axis] = auto_pad == "SAME_UPPER" ? smaller_half : total - smaller_half;
      window.pads_end[axis] = total - window.pads_begin[axis];
      continue;
    }
    const int64_t span = input[axis] + window.pads_begin[axis] + window.pads_end[axis] - extent;
    if (span < 0) {
      throw InvalidModelError(describe(node) + ": the window (" + std::to_string(extent) +
                              " elements with dilation) is larger than the padded input (" +
                              std::to_string(span + extent) + ") along spatial axis " +
                              std::to_string(axis));
    }
    window.output[axis] = (ceil_mode ? ceil_div(span, stride) : span / stride) + 1;
  }
  return window;
}

}  // namespace tessera::driver
