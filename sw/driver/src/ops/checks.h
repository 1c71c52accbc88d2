// Checks shared by the operators' infer functions; each throws naming the node and the input.
#pragma once

#include <initializer_list>
#include <string>

#include "ops/operator.h"

namespace tessera::driver::ops {

// InvalidModelError unless `type` is one of `allowed` (the ONNX type constraint).
void require_type(const Node& node, const std::string& input, DataType type,
                  std::initializer_list<DataType> allowed);
// UnsupportedError unless `type` is one of `supported` (valid ONNX that Tessera does not handle).
void require_supported_type(const Node& node, const std::string& input, DataType type,
                            std::initializer_list<DataType> supported);
void require_same_type(const Node& node, const std::string& input, DataType type,
                       const std::string& other_input, DataType other_type);
void require_rank(const Node& node, const std::string& input, const Shape& shape, size_t rank);
void require_min_rank(const Node& node, const std::string& input, const Shape& shape, size_t rank);
// An axis attribute in [-rank, rank - 1 + extra], made non-negative.
int64_t normalized_axis(const Node& node, const std::string& attribute, int64_t axis, size_t rank,
                        int64_t extra = 0);
// InvalidModelError when two dimensions that must agree are known and differ.
void require_same_dim(const Node& node, const std::string& what, int64_t dim, int64_t other_dim);

}  // namespace tessera::driver::ops
