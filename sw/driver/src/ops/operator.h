// How an ONNX operator is described to shape inference and the reference evaluator. Each
// operator's checks live in its infer function alone: the evaluator calls it again with the
// actual tensors as constants before evaluating, so evaluate may assume valid inputs.
#pragma once

#include <string>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver::ops {

// One input of a node as shape inference sees it.
struct InputInfo {
  const TensorType* type = nullptr;  // null where an optional input is omitted
  const Tensor* constant = nullptr;  // the value, when it is known before running
};

using InferFunction = std::vector<TensorType> (*)(const Node& node,
                                                  const std::vector<InputInfo>& inputs);
// Fills `outputs`, already allocated with the types infer returned for these inputs.
using EvaluateFunction = void (*)(const Node& node, const std::vector<const Tensor*>& inputs,
                                  std::vector<Tensor>& outputs);

struct OperatorSpec {
  std::string op_type;
  std::vector<std::string> input_names;  // the ONNX input names, for messages
  size_t required_inputs;
  std::vector<std::string> output_names;  // the ONNX outputs; Tessera computes only the first
  std::vector<std::string> attributes;    // every attribute the implementation honours
  InferFunction infer;
  EvaluateFunction evaluate;
};

// The spec of node.op_type, after checking the node's inputs, outputs and attributes against it;
// UnsupportedError or InvalidModelError naming the node otherwise.
const OperatorSpec& checked_operator(const Node& node);

std::vector<std::string> supported_operator_types();

// The operators of each family, defined next to their implementations.
std::vector<OperatorSpec> quantization_operators();
std::vector<OperatorSpec> convolution_operators();
std::vector<OperatorSpec> matmul_operators();
std::vector<OperatorSpec> pooling_operators();
std::vector<OperatorSpec> elementwise_operators();
std::vector<OperatorSpec> shape_operators();

}  // namespace tessera::driver::ops
