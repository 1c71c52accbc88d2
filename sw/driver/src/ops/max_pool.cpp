// MaxPool (opset 1 to 12), without its optional Indices output.
#include <limits>

#include "ops/checks.h"
#include "ops/window_walker.h"
#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

WindowGeometry pooling_window(const Node& node, const Shape& x) {
  if (!node.has_attribute("kernel_shape")) {
    throw InvalidModelError(describe(node) + ": attribute 'kernel_shape' is required");
  }
  const std::vector<int64_t> kernel = node.ints_attribute("kernel_shape", {});
  if (kernel.size() != x.size() - 2) {
    throw InvalidModelError(describe(node) + ": attribute 'kernel_shape' has " +
                            std::to_string(kernel.size()) + " values for an input of shape " +
                            to_string(x));
  }
  return resolve_window_geometry(node, std::vector<int64_t>(x.begin() + 2, x.end()), kernel,
                                 node.int_attribute("ceil_mode", 0) != 0);
}

std::vector<TensorType> infer_max_pool(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType& x = *inputs[0].type;
  require_type(node, "X", x.type, {DataType::kFloat32, DataType::kUint8, DataType::kInt8});
  require_min_rank(node, "X", x.shape, 3);
  const WindowGeometry window = pooling_window(node, x.shape);
  Shape output{x.shape[0], x.shape[1]};
  output.insert(output.end(), window.output.begin(), window.output.end());
  return {{x.type, output}};
}

// The largest element under each window; padding never wins (a window wholly in the padding,
// possible with ceil_mode, yields the type's lowest value).
void evaluate_max_pool(const Node& node, const std::vector<const Tensor*>& inputs,
                       std::vector<Tensor>& outputs) {
  const Tensor& x = *inputs[0];
  const WindowWalker walker(pooling_window(node, x.shape()));
  const int64_t planes = x.shape()[0] * x.shape()[1];
  visit_data_type(x.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* input = x.data<T>();
    T* output = outputs[0].data<T>();
    for (int64_t plane = 0; plane < planes; ++plane) {
      const T* in_plane = input + plane * walker.input_positions();
      T* out_plane = output + plane * walker.output_positions();
      for (int64_t o = 0; o < walker.output_positions(); ++o) {
        T largest = std::numeric_limits<T>::lowest();
        walker.for_each_tap(
            o, [&](int64_t, int64_t position) { largest = std::max(largest, in_plane[position]); });
        out_plane[o] = largest;
      }
    }
  });
}

}  // namespace

std::vector<OperatorSpec> pooling_operators() {
  return {
      {"MaxPool",
       {"X"},
       1,
       {"Y", "Indices"},
       // storage_order only lays out Indices, which Tessera does not produce.
       {"auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides"},
       infer_max_pool,
       evaluate_max_pool},
  };
}

}  // namespace tessera::driver::ops
