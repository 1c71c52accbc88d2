// Comparing results: reference against expected data, device against reference.
#pragma once

#include <string>

#include "tessera/driver/tensor.h"

namespace tessera::driver {

// How far a float element may be from the expected one: |actual - expected| <= absolute +
// relative * |expected|. Integer elements must always be equal.
struct Tolerance {
  double relative = 0;
  double absolute = 0;
};

// What the ONNX backend tests allow for floats.
constexpr Tolerance kOnnxTestTolerance{1e-3, 1e-7};

// "" when `actual` matches `expected` (same type and shape, elements within `tolerance`, NaN
// matching NaN); otherwise what differs, with the first differing elements.
std::string describe_mismatch(const Tensor& expected, const Tensor& actual, Tolerance tolerance);

}  // namespace tessera::driver
