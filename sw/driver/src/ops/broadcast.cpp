#include "ops/broadcast.h"

#include <algorithm>

#include "tessera/driver/error.h"

namespace tessera::driver::ops {

Shape broadcast_shapes(const Node& node, const Shape& a, const Shape& b) {
  const size_t rank = std::max(a.size(), b.size());
  Shape result(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Align from the right; a missing leading dimension acts as 1.
    const int64_t from_a = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    const int64_t from_b = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (from_a == 1 || from_a == from_b) {
      result[i] = from_b;
    } else if (from_b == 1) {
      result[i] = from_a;
    } else if (from_a == kUnknownDim || from_b == kUnknownDim) {
      result[i] = from_a == kUnknownDim ? from_b : from_a;
    } else {
      throw InvalidModelError(describe(node) + ": shapes " + to_string(a) + " and " + to_string(b) +
                              " do not broadcast");
    }
  }
  return result;
}

std::vector<int64_t> broadcast_indices(const Shape& input, const Shape& output) {
  const size_t offset = output.size() - input.size();
  // The input's row-major strides, 0 along the broadcast dimensions.
  std::vector<int64_t> strides(output.size(), 0);
  int64_t stride = 1;
  for (size_t i = input.size(); i-- > 0;) {
    strides[i + offset] = input[i] == 1 ? 0 : stride;
    stride *= input[i];
  }
  std::vector<int64_t> indices(element_count(output));
  std::vector<int64_t> coordinate(output.size(), 0);
  int64_t index = 0;
  for (int64_t& result : indices) {
    result = index;
    // Step the output coordinate like an odometer, updating the input index as it goes.
    for (size_t axis = output.size(); axis-- > 0;) {
      index += strides[axis];
      if (++coordinate[axis] < output[axis]) break;
      index -= strides[axis] * coordinate[axis];
      coordinate[axis] = 0;
    }
  }
  return indices;
}

}  // namespace tessera::driver::ops
