// Flatten and Reshape: the elements stay as they are, only the shape changes.
#include "ops/checks.h"
#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

// The product of dims[first, last), unknown if any of them is.
int64_t dims_product(const Shape& dims, size_t first, size_t last) {
  int64_t product = 1;
  for (size_t i = first; i < last; ++i) {
    if (dims[i] == kUnknownDim) return kUnknownDim;
    product *= dims[i];
  }
  return product;
}

std::vector<TensorType> infer_flatten(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType& input = *inputs[0].type;
  const size_t rank = input.shape.size();
  const auto axis =
      static_cast<size_t>(normalized_axis(node, "axis", node.int_attribute("axis", 1), rank, 1));
  return {
      {input.type, {dims_product(input.shape, 0, axis), dims_product(input.shape, axis, rank)}}};
}

// The new shape: 0 copies the input's dimension (unless allowzero), one -1 takes what is left.
Shape reshaped(const Node& node, const Shape& input, const std::vector<int64_t>& requested) {
  const bool allow_zero = node.int_attribute("allowzero", 0) != 0;
  Shape output(requested.size());
  int64_t inferred_axis = -1;
  for (size_t i = 0; i < requested.size(); ++i) {
    const int64_t dim = requested[i];
    if (dim == -1) {
      if (inferred_axis >= 0) {
        throw InvalidModelError(describe(node) + ": input 'shape' has more than one -1");
      }
      inferred_axis = static_cast<int64_t>(i);
      output[i] = 1;
    } else if (dim == 0 && !allow_zero) {
      if (i >= input.size()) {
        throw InvalidModelError(describe(node) + ": input 'shape' copies dimension " +
                                std::to_string(i) + " of a rank-" + std::to_string(input.size()) +
                                " input");
      }
      output[i] = input[i];
    } else if (dim < 0) {
      throw InvalidModelError(describe(node) + ": input 'shape' holds the invalid dimension " +
                              std::to_string(dim));
    } else {
      output[i] = dim;
    }
  }
  const int64_t total = dims_product(input, 0, input.size());
  const int64_t known = dims_product(output, 0, output.size());
  if (inferred_axis >= 0) {
    if (total == kUnknownDim || known == kUnknownDim) {
      output[inferred_axis] = kUnknownDim;
    } else if (known == 0 || total % known != 0) {
      throw InvalidModelError(describe(node) + ": cannot reshape " + to_string(input) + " to " +
                              to_string(requested));
    } else {
      output[inferred_axis] = total / known;
    }
  } else if (total != kUnknownDim && known != kUnknownDim && total != known) {
    throw InvalidModelError(describe(node) + ": cannot reshape " + to_string(input) + " (" +
                            std::to_string(total) + " elements) to " + to_string(output));
  }
  return output;
}

std::vector<TensorType> infer_reshape(const Node& node, const std::vector<InputInfo>& inputs) {
  const TensorType& data = *inputs[0].type;
  const TensorType& shape = *inputs[1].type;
  require_type(node, "shape", shape.type, {DataType::kInt64});
  require_rank(node, "shape", shape.shape, 1);
  if (const Tensor* requested = inputs[1].constant) {
    return {{data.type, reshaped(node, data.shape, requested->values<int64_t>())}};
  }
  // The new shape is only known when running: only its rank is known now.
  const int64_t rank = shape.shape[0];
  if (rank == kUnknownDim) {
    throw UnsupportedError(describe(node) +
                           ": input 'shape' is computed at run time and its "
                           "length is unknown, so the output's rank is unknown");
  }
  return {{data.type, Shape(rank, kUnknownDim)}};
}

void copy_elements(const Node&, const std::vector<const Tensor*>& inputs,
                   std::vector<Tensor>& outputs) {
  outputs[0].bytes() = inputs[0]->bytes();
}

}  // namespace

std::vector<OperatorSpec> shape_operators() {
  return {
      {"Flatten", {"input"}, 1, {"output"}, {"axis"}, infer_flatten, copy_elements},
      {"Reshape", {"data", "shape"}, 2, {"reshaped"}, {"allowzero"}, infer_reshape, copy_elements},
  };
}

}  // namespace tessera::driver::ops
