// Quantization parameters and the ONNX rounding rules shared by the quantized operators.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "ops/elements.h"
#include "ops/operator.h"

namespace tessera::driver::ops {

// The element types of quantized tensors.
constexpr std::initializer_list<DataType> kQuantizedTypes = {DataType::kUint8, DataType::kInt8};

enum class Granularity { kPerTensor, kPerTensorOrChannel };

// A scale or zero point has one element (per tensor) or, where `allowed` says so, one per channel
// (`channels`, or kUnknownDim while unknown), as a scalar or 1-D tensor. Per-channel parameters
// where Tessera handles only per-tensor ones are an UnsupportedError.
void check_param_count(const Node& node, const std::string& name, const TensorType& param,
                       int64_t channels, Granularity allowed);

// The ONNX rules for a scale and its optional zero point: the scale is float32, counted as above,
// and the zero point has as many elements as the scale.
void check_quantization_params(const Node& node, const std::string& scale_name,
                               const TensorType& scale, const std::string& zero_point_name,
                               const TensorType* zero_point, int64_t channels, Granularity allowed);

struct QuantizationParams {
  std::vector<float> scales;
  std::vector<int32_t> zero_points;  // as many as scales; zeros when the zero point is omitted

  bool per_tensor() const { return scales.size() == 1; }
  float scale(int64_t channel) const { return scales[per_tensor() ? 0 : channel]; }
  int32_t zero_point(int64_t channel) const { return zero_points[per_tensor() ? 0 : channel]; }
};
QuantizationParams read_quantization_params(const Tensor& scale, const Tensor* zero_point);

// The zero point of an optional per-tensor zero-point input: 0 when it is omitted.
int32_t scalar_zero_point(const Tensor* zero_point);

// Rounds half to even (numpy.rint, the ONNX rule) and saturates into `integer_type`'s range.
// NaN, which ONNX leaves undefined, becomes 0.
int32_t round_and_saturate(double value, DataType integer_type);

// The multiplier of a QLinear* requantization, in float32 as the ONNX reference computes it.
inline float requantization_multiplier(float input_scale, float weight_scale, float output_scale) {
  return input_scale * weight_scale / output_scale;
}

// The QLinearConv/QLinearMatMul output: the int32 accumulator times the multiplier in double
// (numpy promotes int32 times float32 to float64), plus the zero point, rounded and saturated.
inline int32_t requantize(int32_t accumulator, float multiplier, int32_t zero_point,
                          DataType output_type) {
  return round_and_saturate(static_cast<double>(accumulator) * multiplier + zero_point,
                            output_type);
}

// Which per-axis parameter applies to each element of a row-major tensor.
class ChannelIndexer {
 public:
  // Every element uses channel 0 when `per_tensor`.
  ChannelIndexer(const Shape& shape, int64_t axis, bool per_tensor);
  int64_t operator()(int64_t element) const { return (element / inner_) % channels_; }

 private:
  int64_t inner_ = 1;     // elements per step along the axis
  int64_t channels_ = 1;  // the axis' extent
};

}  // namespace tessera::driver::ops
