// Element conversions for the kernels: they compute on wide types (int32/int64, double).
#pragma once

#include <cstdint>
#include <vector>

#include "tessera/driver/tensor.h"

namespace tessera::driver::ops {

// The elements of a float32 tensor as double.
std::vector<double> float_values(const Tensor& tensor);
// The elements of an int8, uint8 or int32 tensor as int32.
std::vector<int32_t> integer_values(const Tensor& tensor);
// Stores values that fit `tensor`'s element type.
void store_integers(const std::vector<int32_t>& values, Tensor& tensor);

}  // namespace tessera::driver::ops
