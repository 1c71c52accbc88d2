#include "ops/quantization.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ops/checks.h"
#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

// The range of an integer element type (int64's clamped to int32's).
int32_t lowest_value(DataType integer_type) {
  return visit_data_type(integer_type, [](auto tag) {
    using T = typename decltype(tag)::type;
    return static_cast<int32_t>(
        std::max(static_cast<double>(std::numeric_limits<T>::lowest()),
                 static_cast<double>(std::numeric_limits<int32_t>::lowest())));
  });
}

int32_t highest_value(DataType integer_type) {
  return visit_data_type(integer_type, [](auto tag) {
    using T = typename decltype(tag)::type;
    return static_cast<int32_t>(
        // int64's max rounds up as a double: min() picks int32's max all the same.
        std::min(static_cast<double>(std::numeric_limits<T>::max()),
                 static_cast<double>(std::numeric_limits<int32_t>::max())));
  });
}

}  // namespace

void check_param_count(const Node& node, const std::string& name, const TensorType& param,
                       int64_t channels, Granularity allowed) {
  if (param.shape.size() > 1) {
    throw InvalidModelError(describe(node) + ": input '" + name + "' has shape " +
                            to_string(param.shape) + "; it must be a scalar or 1-D");
  }
  const int64_t count = param.shape.empty() ? 1 : param.shape[0];
  if (count == 1 || count == kUnknownDim) return;
  if (allowed == Granularity::kPerTensor) {
    throw UnsupportedError(describe(node) + ": input '" + name + "' has " + std::to_string(count) +
                           " elements; only per-tensor quantization (one element) is supported");
  }
  if (channels != kUnknownDim && count != channels) {
    throw InvalidModelError(describe(node) + ": input '" + name + "' has " + std::to_string(count) +
                            " elements; expected 1 (per tensor) or " + std::to_string(channels) +
                            " (per channel)");
  }
}

void check_quantization_params(const Node& node, const std::string& scale_name,
                               const TensorType& scale, const std::string& zero_point_name,
                               const TensorType* zero_point, int64_t channels,
                               Granularity allowed) {
  require_type(node, scale_name, scale.type, {DataType::kFloat32});
  check_param_count(node, scale_name, scale, channels, allowed);
  if (!zero_point) return;
  check_param_count(node, zero_point_name, *zero_point, channels, allowed);
  // Scalars and one-element vectors are both per tensor, so compare counts, not shapes.
  if (is_fully_known(zero_point->shape) && is_fully_known(scale.shape) &&
      element_count(zero_point->shape) != element_count(scale.shape)) {
    throw InvalidModelError(describe(node) + ": input '" + zero_point_name + "' has shape " +
                            to_string(zero_point->shape) + " but '" + scale_name + "' has " +
                            to_string(scale.shape) + "; they must have as many elements");
  }
}

QuantizationParams read_quantization_params(const Tensor& scale, const Tensor* zero_point) {
  QuantizationParams params;
  params.scales = scale.values<float>();
  params.zero_points =
      zero_point ? integer_values(*zero_point) : std::vector<int32_t>(params.scales.size(), 0);
  return params;
}

int32_t scalar_zero_point(const Tensor* zero_point) {
  return zero_point ? integer_values(*zero_point).at(0) : 0;
}

int32_t round_and_saturate(double value, DataType integer_type) {
  if (std::isnan(value)) return 0;
  // The default floating-point environment rounds to nearest, ties to even.
  const double rounded = std::nearbyint(value);
  const double low = lowest_value(integer_type), high = highest_value(integer_type);
  return static_cast<int32_t>(rounded < low ? low : rounded > high ? high : rounded);
}

ChannelIndexer::ChannelIndexer(const Shape& shape, int64_t axis, bool per_tensor) {
  if (per_tensor) return;
  channels_ = shape[axis];
  for (size_t i = axis + 1; i < shape.size(); ++i) inner_ *= shape[i];
}

}  // namespace tessera::driver::ops
