// Conv (float), ConvInteger and QLinearConv.
#include "ops/checks.h"
#include "ops/convolution.h"
#include "ops/quantization.h"

namespace tessera::driver::ops {

namespace {

const std::vector<std::string> kWindowAttributes = {"auto_pad",     "dilations", "group",
                                                    "kernel_shape", "pads",      "strides"};

// The tensor's elements minus their zero point; `per_feature` zero points (one per output channel,
// axis 0 of the weights) or a single one.
std::vector<int32_t> centred(const Tensor& tensor, const Tensor* zero_points, bool per_feature) {
  std::vector<int32_t> values = integer_values(tensor);
  if (!zero_points) return values;
  const std::vector<int32_t> zero = integer_values(*zero_points);
  const ChannelIndexer feature_of(tensor.shape(), 0, !per_feature || zero.size() == 1);
  for (size_t i = 0; i < values.size(); ++i) values[i] -= zero[feature_of(i)];
  return values;
}

// The int32 accumulators of an integer convolution (wrapping, as ONNX allows for overflow).
std::vector<int32_t> integer_convolution(const Node& node, const Tensor& x,
                                         const Tensor* x_zero_point, const Tensor& w,
                                         const Tensor* w_zero_point, const Tensor* bias) {
  const std::vector<int64_t> wide_bias =
      bias ? std::vector<int64_t>(bias->data<int32_t>(), bias->data<int32_t>() + bias->size())
           : std::vector<int64_t>();
  const std::vector<int64_t> sums = convolve(node, centred(x, x_zero_point, false), x.shape(),
                                             centred(w, w_zero_point, true), w.shape(), wide_bias);
  return std::vector<int32_t>(sums.begin(), sums.end());
}

std::vector<TensorType> infer_conv(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType &x = *inputs[0].type, &w = *inputs[1].type;
  require_type(node, "X", x.type, {DataType::kFloat32});
  require_type(node, "W", w.type, {DataType::kFloat32});
  const Shape output = convolution_output_shape(node, x.shape, w.shape);
  if (inputs[2].type) {
    require_type(node, "B", inputs[2].type->type, {DataType::kFloat32});
    require_rank(node, "B", inputs[2].type->shape, 1);
    require_same_dim(node, "input 'B' needs one element per output channel",
                     inputs[2].type->shape[0], output[1]);
  }
  return {{DataType::kFloat32, output}};
}

// Accumulates in double, which is at least as exact as the reference's float32 sums.
void evaluate_conv(const Node& node, const std::vector<const Tensor*>& inputs,
                   std::vector<Tensor>& outputs) {
  const Tensor &x = *inputs[0], &w = *inputs[1];
  const std::vector<double> sums =
      convolve(node, float_values(x), x.shape(), float_values(w), w.shape(),
               inputs[2] ? float_values(*inputs[2]) : std::vector<double>());
  std::copy(sums.begin(), sums.end(), outputs[0].data<float>());
}

std::vector<TensorType> infer_conv_integer(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType &x = *inputs[0].type, &w = *inputs[1].type;
  require_type(node, "x", x.type, kQuantizedTypes);
  require_type(node, "w", w.type, kQuantizedTypes);
  const Shape output = convolution_output_shape(node, x.shape, w.shape);
  if (const TensorType* zero = inputs[2].type) {
    require_same_type(node, "x_zero_point", zero->type, "x", x.type);
    check_param_count(node, "x_zero_point", *zero, 1, Granularity::kPerTensor);
  }
  if (const TensorType* zero = inputs[3].type) {
    require_same_type(node, "w_zero_point", zero->type, "w", w.type);
    check_param_count(node, "w_zero_point", *zero, output[1], Granularity::kPerTensorOrChannel);
  }
  return {{DataType::kInt32, output}};
}

void evaluate_conv_integer(const Node& node, const std::vector<const Tensor*>& inputs,
                           std::vector<Tensor>& outputs) {
  store_integers(integer_convolution(node, *inputs[0], inputs[2], *inputs[1], inputs[3], nullptr),
                 outputs[0]);
}

std::vector<TensorType> infer_qlinear_conv(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType &x = *inputs[0].type, &w = *inputs[3].type;
  const TensorType& y_zero_point = *inputs[7].type;
  require_type(node, "x", x.type, kQuantizedTypes);
  require_type(node, "w", w.type, kQuantizedTypes);
  require_type(node, "y_zero_point", y_zero_point.type, kQuantizedTypes);
  require_same_type(node, "x_zero_point", inputs[2].type->type, "x", x.type);
  require_same_type(node, "w_zero_point", inputs[5].type->type, "w", w.type);
  const Shape output = convolution_output_shape(node, x.shape, w.shape);
  check_quantization_params(node, "x_scale", *inputs[1].type, "x_zero_point", inputs[2].type, 1,
                            Granularity::kPerTensor);
  check_quantization_params(node, "w_scale", *inputs[4].type, "w_zero_point", inputs[5].type,
                            output[1], Granularity::kPerTensorOrChannel);
  check_quantization_params(node, "y_scale", *inputs[6].type, "y_zero_point", &y_zero_point, 1,
                            Granularity::kPerTensor);
  if (const TensorType* bias = inputs[8].type) {
    require_type(node, "B", bias->type, {DataType::kInt32});
    require_rank(node, "B", bias->shape, 1);
    require_same_dim(node, "input 'B' needs one element per output channel", bias->shape[0],
                     output[1]);
  }
  return {{y_zero_point.type, output}};
}

// y = saturate(rint(acc * (x_scale * w_scale[m] / y_scale)) + y_zero_point), where acc is the
// int32 convolution of the centred inputs plus the int32 bias.
void evaluate_qlinear_conv(const Node& node, const std::vector<const Tensor*>& inputs,
                           std::vector<Tensor>& outputs) {
  const Tensor &x = *inputs[0], &w = *inputs[3];
  Tensor& y = outputs[0];
  const std::vector<int32_t> sums =
      integer_convolution(node, x, inputs[2], w, inputs[5], inputs[8]);
  const float x_scale = inputs[1]->values<float>()[0];
  const QuantizationParams w_params = read_quantization_params(*inputs[4], inputs[5]);
  const float y_scale = inputs[6]->values<float>()[0];
  const int32_t y_zero_point = scalar_zero_point(inputs[7]);
  const ChannelIndexer feature_of(y.shape(), 1, w_params.per_tensor());
  std::vector<int32_t> quantized(sums.size());
  for (size_t i = 0; i < sums.size(); ++i) {
    const float multiplier =
        requantization_multiplier(x_scale, w_params.scale(feature_of(i)), y_scale);
    quantized[i] = requantize(sums[i], multiplier, y_zero_point, y.type());
  }
  store_integers(quantized, y);
}

}  // namespace

std::vector<OperatorSpec> convolution_operators() {
  return {
      {"Conv", {"X", "W", "B"}, 2, {"Y"}, kWindowAttributes, infer_conv, evaluate_conv},
      {"ConvInteger",
       {"x", "w", "x_zero_point", "w_zero_point"},
       2,
       {"y"},
       kWindowAttributes,
       infer_conv_integer,
       evaluate_conv_integer},
      {"QLinearConv",
       {"x", "x_scale", "x_zero_point", "w", "w_scale", "w_zero_point", "y_scale", "y_zero_point",
        "B"},
       8,
       {"y"},
       kWindowAttributes,
       infer_qlinear_conv,
       evaluate_qlinear_conv},
  };
}

}  // namespace tessera::driver::ops
