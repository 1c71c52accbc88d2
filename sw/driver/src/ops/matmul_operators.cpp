// MatMul (float), MatMulInteger, QLinearMatMul and Gemm (float).
#include "ops/broadcast.h"
#include "ops/checks.h"
#include "ops/matmul.h"
#include "ops/quantization.h"

namespace tessera::driver::ops {

namespace {

std::vector<int32_t> centred(const Tensor& tensor, const Tensor* zero_point) {
  std::vector<int32_t> values = integer_values(tensor);
  const int32_t zero = scalar_zero_point(zero_point);
  for (int32_t& value : values) value -= zero;
  return values;
}

// The int32 products of the centred operands (wrapping, as ONNX allows for overflow).
std::vector<int32_t> integer_matmul(const Node& node, const Tensor& a, const Tensor* a_zero_point,
                                    const Tensor& b, const Tensor* b_zero_point) {
  const std::vector<int64_t> sums =
      matmul<int32_t, int64_t>(matmul_layout(node, a.shape(), b.shape()), centred(a, a_zero_point),
                               centred(b, b_zero_point));
  return std::vector<int32_t>(sums.begin(), sums.end());
}

std::vector<TensorType> infer_matmul(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType &a = *inputs[0].type, &b = *inputs[1].type;
  require_type(node, "A", a.type, {DataType::kFloat32, DataType::kInt32, DataType::kInt64});
  require_supported_type(node, "A", a.type, {DataType::kFloat32});
  require_same_type(node, "B", b.type, "A", a.type);
  return {{DataType::kFloat32, matmul_output_shape(node, a.shape, b.shape)}};
}

void evaluate_matmul(const Node& node, const std::vector<const Tensor*>& inputs,
                     std::vector<Tensor>& outputs) {
  const Tensor &a = *inputs[0], &b = *inputs[1];
  const std::vector<double> sums = matmul<double, double>(matmul_layout(node, a.shape(), b.shape()),
                                                          float_values(a), float_values(b));
  std::copy(sums.begin(), sums.end(), outputs[0].data<float>());
}

std::vector<TensorType> infer_matmul_integer(const Node& node,
                                             const std::vector<InputInfo>& inputs) {
  const TensorType &a = *inputs[0].type, &b = *inputs[1].type;
  require_type(node, "A", a.type, kQuantizedTypes);
  require_type(node, "B", b.type, kQuantizedTypes);
  if (const TensorType* zero = inputs[2].type) {
    require_same_type(node, "a_zero_point", zero->type, "A", a.type);
    check_param_count(node, "a_zero_point", *zero, kUnknownDim, Granularity::kPerTensor);
  }
  if (const TensorType* zero = inputs[3].type) {
    require_same_type(node, "b_zero_point", zero->type, "B", b.type);
    check_param_count(node, "b_zero_point", *zero, kUnknownDim, Granularity::kPerTensor);
  }
  return {{DataType::kInt32, matmul_output_shape(node, a.shape, b.shape)}};
}

void evaluate_matmul_integer(const Node& node, const std::vector<const Tensor*>& inputs,
                             std::vector<Tensor>& outputs) {
  store_integers(integer_matmul(node, *inputs[0], inputs[2], *inputs[1], inputs[3]), outputs[0]);
}

std::vector<TensorType> infer_qlinear_matmul(const Node& node,
                                             const std::vector<InputInfo>& inputs) {
  const TensorType &a = *inputs[0].type, &b = *inputs[3].type;
  const TensorType& y_zero_point = *inputs[7].type;
  require_type(node, "a", a.type, kQuantizedTypes);
  require_type(node, "b", b.type, kQuantizedTypes);
  require_type(node, "y_zero_point", y_zero_point.type, kQuantizedTypes);
  require_same_type(node, "a_zero_point", inputs[2].type->type, "a", a.type);
  require_same_type(node, "b_zero_point", inputs[5].type->type, "b", b.type);
  check_quantization_params(node, "a_scale", *inputs[1].type, "a_zero_point", inputs[2].type,
                            kUnknownDim, Granularity::kPerTensor);
  check_quantization_params(node, "b_scale", *inputs[4].type, "b_zero_point", inputs[5].type,
                            kUnknownDim, Granularity::kPerTensor);
  check_quantization_params(node, "y_scale", *inputs[6].type, "y_zero_point", &y_zero_point,
                            kUnknownDim, Granularity::kPerTensor);
  return {{y_zero_point.type, matmul_output_shape(node, a.shape, b.shape)}};
}

// y = saturate(rint(acc * (a_scale * b_scale / y_scale)) + y_zero_point), acc the int32 product
// of the centred operands.
void evaluate_qlinear_matmul(const Node& node, const std::vector<const Tensor*>& inputs,
                             std::vector<Tensor>& outputs) {
  Tensor& y = outputs[0];
  const std::vector<int32_t> sums =
      integer_matmul(node, *inputs[0], inputs[2], *inputs[3], inputs[5]);
  const float multiplier = requantization_multiplier(
      inputs[1]->values<float>()[0], inputs[4]->values<float>()[0], inputs[6]->values<float>()[0]);
  const int32_t y_zero_point = scalar_zero_point(inputs[7]);
  std::vector<int32_t> quantized(sums.size());
  for (size_t i = 0; i < sums.size(); ++i) {
    quantized[i] = requantize(sums[i], multiplier, y_zero_point, y.type());
  }
  store_integers(quantized, y);
}

// Gemm's operand as a [rows, columns] matrix after its optional transpose.
struct GemmOperand {
  int64_t rows = kUnknownDim, columns = kUnknownDim;
};

GemmOperand gemm_operand(const Node& node, const std::string& name, const TensorType& type,
                         const std::string& transpose_attribute) {
  require_type(node, name, type.type, {DataType::kFloat32, DataType::kInt32, DataType::kInt64});
  require_supported_type(node, name, type.type, {DataType::kFloat32});
  require_rank(node, name, type.shape, 2);
  const bool transposed = node.int_attribute(transpose_attribute, 0) != 0;
  return transposed ? GemmOperand{type.shape[1], type.shape[0]}
                    : GemmOperand{type.shape[0], type.shape[1]};
}

std::vector<TensorType> infer_gemm(const Node& node, const std::vector<InputInfo>& inputs) {
  const GemmOperand a = gemm_operand(node, "A", *inputs[0].type, "transA");
  const GemmOperand b = gemm_operand(node, "B", *inputs[1].type, "transB");
  require_same_dim(node, "the inner dimensions of A and B differ", a.columns, b.rows);
  const Shape output{a.rows, b.columns};
  if (const TensorType* c = inputs[2].type) {
    require_type(node, "C", c->type, {DataType::kFloat32});
    // C broadcasts to the output in one direction only.
    const Shape broadcast = broadcast_shapes(node, c->shape, output);
    require_same_dim(node, "input 'C' does not broadcast to the output's rows", broadcast[0],
                     output[0]);
    require_same_dim(node, "input 'C' does not broadcast to the output's columns", broadcast[1],
                     output[1]);
    if (c->shape.size() > 2) require_rank(node, "C", c->shape, 2);
  }
  return {{DataType::kFloat32, output}};
}

// Row-major [rows, columns] elements of a 2-D float tensor, transposed when `transposed`.
std::vector<double> gemm_matrix(const Tensor& tensor, bool transposed) {
  std::vector<double> values = float_values(tensor);
  if (!transposed) return values;
  const int64_t rows = tensor.shape()[0], columns = tensor.shape()[1];
  std::vector<double> result(values.size());
  for (int64_t i = 0; i < rows; ++i) {
    for (int64_t j = 0; j < columns; ++j) result[j * rows + i] = values[i * columns + j];
  }
  return result;
}

// Y = alpha * A' B' + beta * C, in double.
void evaluate_gemm(const Node& node, const std::vector<const Tensor*>& inputs,
                   std::vector<Tensor>& outputs) {
  Tensor& y = outputs[0];
  const bool transpose_a = node.int_attribute("transA", 0) != 0;
  MatmulLayout layout;
  layout.rows = y.shape()[0];
  layout.columns = y.shape()[1];
  layout.inner = inputs[0]->shape()[transpose_a ? 0 : 1];
  layout.a_matrices = layout.b_matrices = {0};
  const std::vector<double> products =
      matmul<double, double>(layout, gemm_matrix(*inputs[0], transpose_a),
                             gemm_matrix(*inputs[1], node.int_attribute("transB", 0) != 0));
  const double alpha = node.float_attribute("alpha", 1.0f);
  const double beta = node.float_attribute("beta", 1.0f);
  const float* c = inputs[2] ? inputs[2]->data<float>() : nullptr;
  const std::vector<int64_t> c_index =
      c ? broadcast_indices(inputs[2]->shape(), y.shape()) : std::vector<int64_t>();
  float* result = y.data<float>();
  for (size_t i = 0; i < products.size(); ++i) {
    result[i] = alpha * products[i] + (c ? beta * c[c_index[i]] : 0.0);
  }
}

}  // namespace

std::vector<OperatorSpec> matmul_operators() {
  return {
      {"MatMul", {"A", "B"}, 2, {"Y"}, {}, infer_matmul, evaluate_matmul},
      {"MatMulInteger",
       {"A", "B", "a_zero_point", "b_zero_point"},
       2,
       {"Y"},
       {},
       infer_matmul_integer,
       evaluate_matmul_integer},
      {"QLinearMatMul",
       {"a", "a_scale", "a_zero_point", "b", "b_scale", "b_zero_point", "y_scale", "y_zero_point"},
       8,
       {"y"},
       {},
       infer_qlinear_matmul,
       evaluate_qlinear_matmul},
      {"Gemm",
       {"A", "B", "C"},
       2,
       {"Y"},
       {"alpha", "beta", "transA", "transB"},
       infer_gemm,
       evaluate_gemm},
  };
}

}  // namespace tessera::driver::ops
