// QuantizeLinear and DequantizeLinear, per tensor or per axis (opset 10 and 13).
#include "ops/checks.h"
#include "ops/quantization.h"

namespace tessera::driver::ops {

namespace {

constexpr int64_t kDefaultAxis = 1;

bool is_per_axis(const TensorType& scale) {
  return !scale.shape.empty() && scale.shape[0] != 1;
}

// The axis per-axis parameters run along; ONNX ignores it, and so does not check it, per tensor.
int64_t quantization_axis(const Node& node, size_t rank, bool per_axis) {
  const int64_t axis = node.int_attribute("axis", kDefaultAxis);
  return per_axis ? normalized_axis(node, "axis", axis, rank) : axis;
}

ChannelIndexer channel_indexer(const Node& node, const Tensor& data,
                               const QuantizationParams& params) {
  const bool per_axis = !params.per_tensor();
  return ChannelIndexer(data.shape(), quantization_axis(node, data.shape().size(), per_axis),
                        !per_axis);
}

void check_params(const Node& node, const std::vector<InputInfo>& inputs,
                  const std::vector<std::string>& names) {
  const TensorType& data = *inputs[0].type;
  const TensorType& scale = *inputs[1].type;
  const bool per_axis = is_per_axis(scale);
  const int64_t channels =
      per_axis ? data.shape[quantization_axis(node, data.shape.size(), per_axis)] : 1;
  check_quantization_params(node, names[1], scale, names[2], inputs[2].type, channels,
                            Granularity::kPerTensorOrChannel);
}

std::vector<TensorType> infer_quantize(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType& x = *inputs[0].type;
  require_type(node, "x", x.type, {DataType::kFloat32, DataType::kInt32});
  require_supported_type(node, "x", x.type, {DataType::kFloat32});
  check_params(node, inputs, {"x", "y_scale", "y_zero_point"});
  DataType output = DataType::kUint8;
  if (inputs[2].type) {
    output = inputs[2].type->type;
    require_type(node, "y_zero_point", output, {DataType::kUint8, DataType::kInt8});
  }
  return {{output, x.shape}};
}

// y = saturate(rint(x / y_scale) + y_zero_point), dividing in float32 as the reference does.
void evaluate_quantize(const Node& node, const std::vector<const Tensor*>& inputs,
                       std::vector<Tensor>& outputs) {
  const Tensor& x = *inputs[0];
  const QuantizationParams params = read_quantization_params(*inputs[1], inputs[2]);
  const ChannelIndexer channel_of = channel_indexer(node, x, params);
  Tensor& y = outputs[0];
  const float* elements = x.data<float>();
  std::vector<int32_t> quantized(x.size());
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t channel = channel_of(i);
    const float scaled = elements[i] / params.scale(channel);
    // rint(scaled) + zero point == rint(scaled + zero point): the sum is exact in double.
    quantized[i] =
        round_and_saturate(static_cast<double>(scaled) + params.zero_point(channel), y.type());
  }
  store_integers(quantized, y);
}

std::vector<TensorType> infer_dequantize(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType& x = *inputs[0].type;
  require_type(node, "x", x.type, {DataType::kUint8, DataType::kInt8, DataType::kInt32});
  if (inputs[2].type) require_same_type(node, "x_zero_point", inputs[2].type->type, "x", x.type);
  check_params(node, inputs, {"x", "x_scale", "x_zero_point"});
  return {{DataType::kFloat32, x.shape}};
}

// y = (x - x_zero_point) * x_scale, in float32 as in the reference.
void evaluate_dequantize(const Node& node, const std::vector<const Tensor*>& inputs,
                         std::vector<Tensor>& outputs) {
  const Tensor& x = *inputs[0];
  const QuantizationParams params = read_quantization_params(*inputs[1], inputs[2]);
  const ChannelIndexer channel_of = channel_indexer(node, x, params);
  const std::vector<int32_t> elements = integer_values(x);
  float* y = outputs[0].data<float>();
  for (int64_t i = 0; i < x.size(); ++i) {
    const int64_t channel = channel_of(i);
    y[i] = (static_cast<float>(elements[i]) - static_cast<float>(params.zero_point(channel))) *
           params.scale(channel);
  }
}

}  // namespace

std::vector<OperatorSpec> quantization_operators() {
  return {
      {"QuantizeLinear",
       {"x", "y_scale", "y_zero_point"},
       2,
       {"y"},
       {"axis"},
       infer_quantize,
       evaluate_quantize},
      {"DequantizeLinear",
       {"x", "x_scale", "x_zero_point"},
       2,
       {"y"},
       {"axis"},
       infer_dequantize,
       evaluate_dequantize},
  };
}

}  // namespace tessera::driver::ops
