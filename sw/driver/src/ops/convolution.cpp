#include "ops/convolution.h"

#include "ops/checks.h"
#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

int64_t checked_group(const Node& node) {
  const int64_t group = node.int_attribute("group", 1);
  if (group < 1) {
    throw InvalidModelError(describe(node) + ": attribute 'group' is " + std::to_string(group) +
                            "; it must be 1 or more");
  }
  return group;
}

// kernel_shape when given (it must agree with the weights), else the weights' spatial size.
std::vector<int64_t> kernel_size(const Node& node, const Shape& w) {
  std::vector<int64_t> kernel(w.begin() + 2, w.end());
  if (!node.has_attribute("kernel_shape")) return kernel;
  const std::vector<int64_t> attribute = node.ints_attribute("kernel_shape", {});
  if (attribute.size() != kernel.size()) {
    throw InvalidModelError(describe(node) + ": attribute 'kernel_shape' has " +
                            std::to_string(attribute.size()) + " values for weights of shape " +
                            to_string(w));
  }
  for (size_t axis = 0; axis < kernel.size(); ++axis) {
    require_same_dim(node, "attribute 'kernel_shape' disagrees with the weights' shape",
                     attribute[axis], kernel[axis]);
  }
  return attribute;
}

}  // namespace

Shape convolution_output_shape(const Node& node, const Shape& x, const Shape& w) {
  require_min_rank(node, "x", x, 3);
  require_rank(node, "w", w, x.size());
  const int64_t group = checked_group(node);
  const int64_t features = w[0];
  if (features != kUnknownDim && features % group != 0) {
    throw InvalidModelError(describe(node) + ": " + std::to_string(features) +
                            " output channels do not split into " + std::to_string(group) +
                            " groups");
  }
  require_same_dim(node, "the input's channels must be the weights' channels times 'group'", x[1],
                   w[1] == kUnknownDim ? kUnknownDim : w[1] * group);
  Shape output{x[0], features};
  const std::vector<int64_t> kernel = kernel_size(node, w);
  const std::vector<int64_t> input(x.begin() + 2, x.end());
  if (!is_fully_known(kernel)) {
    output.resize(x.size(), kUnknownDim);
    return output;
  }
  const WindowGeometry window = resolve_window_geometry(node, input, kernel, false);
  output.insert(output.end(), window.output.begin(), window.output.end());
  return output;
}

WindowGeometry convolution_window(const Node& node, const Shape& x, const Shape& w) {
  return resolve_window_geometry(node, std::vector<int64_t>(x.begin() + 2, x.end()),
                                 kernel_size(node, w), false);
}

}  // namespace tessera::driver::ops
