// Relu and Add (with numpy broadcasting; integers wrap around as numpy's do).
#include <type_traits>

#include "ops/broadcast.h"
#include "ops/checks.h"

namespace tessera::driver::ops {

namespace {

std::vector<TensorType> infer_relu(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType& x = *inputs[0].type;
  require_type(node, "X", x.type,
               {DataType::kFloat32, DataType::kInt8, DataType::kInt32, DataType::kInt64});
  return {x};
}

void evaluate_relu(const Node&, const std::vector<const Tensor*>& inputs,
                   std::vector<Tensor>& outputs) {
  const Tensor& x = *inputs[0];
  visit_data_type(x.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* input = x.data<T>();
    T* output = outputs[0].data<T>();
    for (int64_t i = 0; i < x.size(); ++i) output[i] = input[i] > T{0} ? input[i] : T{0};
  });
}

std::vector<TensorType> infer_add(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType &a = *inputs[0].type, &b = *inputs[1].type;
  require_type(
      node, "A", a.type,
      {DataType::kFloat32, DataType::kUint8, DataType::kInt8, DataType::kInt32, DataType::kInt64});
  require_same_type(node, "B", b.type, "A", a.type);
  return {{a.type, broadcast_shapes(node, a.shape, b.shape)}};
}

template <class T>
T wrapping_sum(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using Unsigned = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<Unsigned>(a) + static_cast<Unsigned>(b));
  } else {
    return a + b;
  }
}

void evaluate_add(const Node&, const std::vector<const Tensor*>& inputs,
                  std::vector<Tensor>& outputs) {
  const Tensor &a = *inputs[0], &b = *inputs[1];
  Tensor& c = outputs[0];
  const std::vector<int64_t> a_index = broadcast_indices(a.shape(), c.shape());
  const std::vector<int64_t> b_index = broadcast_indices(b.shape(), c.shape());
  visit_data_type(c.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T *first = a.data<T>(), *second = b.data<T>();
    T* sum = c.data<T>();
    for (int64_t i = 0; i < c.size(); ++i)
      sum[i] = wrapping_sum(first[a_index[i]], second[b_index[i]]);
  });
}

}  // namespace

std::vector<OperatorSpec> elementwise_operators() {
  return {
      {"Relu", {"X"}, 1, {"Y"}, {}, infer_relu, evaluate_relu},
      {"Add", {"A", "B"}, 2, {"C"}, {}, infer_add, evaluate_add},
  };
}

}  // namespace tessera::driver::ops
