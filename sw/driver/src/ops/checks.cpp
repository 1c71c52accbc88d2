#include "ops/checks.h"

#include <algorithm>

#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

std::string type_list(std::initializer_list<DataType> types) {
  std::string text;
  for (DataType type : types) text += (text.empty() ? "" : " or ") + std::string(to_string(type));
  return text;
}

bool contains(std::initializer_list<DataType> types, DataType type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

}  // namespace

void require_type(const Node& node, const std::string& input, DataType type,
                  std::initializer_list<DataType> allowed) {
  if (!contains(allowed, type)) {
    throw InvalidModelError(describe(node) + ": input '" + input + "' is " + to_string(type) +
                            "; " + node.op_type + " takes " + type_list(allowed));
  }
}

void require_supported_type(const Node& node, const std::string& input, DataType type,
                            std::initializer_list<DataType> supported) {
  if (!contains(supported, type)) {
    throw UnsupportedError(describe(node) + ": input '" + input + "' of type " + to_string(type) +
                           " is not supported (supported: " + type_list(supported) + ")");
  }
}

void require_same_type(const Node& node, const std::string& input, DataType type,
                       const std::string& other_input, DataType other_type) {
  if (type != other_type) {
    throw InvalidModelError(describe(node) + ": input '" + input + "' is " + to_string(type) +
                            " but '" + other_input + "' is " + to_string(other_type) +
                            "; they must have the same type");
  }
}

void require_rank(const Node& node, const std::string& input, const Shape& shape, size_t rank) {
  if (shape.size() != rank) {
    throw InvalidModelError(describe(node) + ": input '" + input + "' has shape " +
                            to_string(shape) + "; expected rank " + std::to_string(rank));
  }
}

void require_min_rank(const Node& node, const std::string& input, const Shape& shape, size_t rank) {
  if (shape.size() < rank) {
    throw InvalidModelError(describe(node) + ": input '" + input + "' has shape " +
                            to_string(shape) + "; expected rank " + std::to_string(rank) +
                            " or more");
  }
}

int64_t normalized_axis(const Node& node, const std::string& attribute, int64_t axis, size_t rank,
                        int64_t extra) {
  const auto signed_rank = static_cast<int64_t>(rank);
  if (axis < -signed_rank || axis > signed_rank - 1 + extra) {
    throw InvalidModelError(describe(node) + ": attribute '" + attribute +
                            "' = " + std::to_string(axis) + " is out of range for rank " +
                            std::to_string(rank));
  }
  return axis < 0 ? axis + signed_rank : axis;
}

void require_same_dim(const Node& node, const std::string& what, int64_t dim, int64_t other_dim) {
  if (dim != kUnknownDim && other_dim != kUnknownDim && dim != other_dim) {
    throw InvalidModelError(describe(node) + ": " + what + " (" + std::to_string(dim) + " vs " +
                            std::to_string(other_dim) + ")");
  }
}

}  // namespace tessera::driver::ops
