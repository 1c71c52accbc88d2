// The driver's graph IR: what the ONNX loader produces, the reference evaluator runs and the model
// compiler lowers to device commands. Values are named as in the ONNX file; every value has a
// TensorType once shape inference has run.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "tessera/driver/tensor.h"

namespace tessera::driver {

struct TensorType {
  DataType type = DataType::kFloat32;
  Shape shape;  // dimensions may be kUnknownDim
};
std::string to_string(const TensorType& type);  // "uint8 [1,8,8,8]"

using AttributeValue =
    std::variant<int64_t, float, std::string, std::vector<int64_t>, std::vector<float>, Tensor>;

struct Node {
  std::string name;  // the loader names an unnamed node "<op_type>#<index in the graph>"
  std::string op_type;
  std::vector<std::string> inputs;  // "" where an optional input is omitted
  std::vector<std::string> outputs;
  std::map<std::string, AttributeValue> attributes;

  bool has_attribute(const std::string& attribute) const { return attributes.count(attribute); }
  // Typed attribute access with the ONNX default; a present attribute of another kind throws
  // InvalidModelError naming the node and the attribute.
  int64_t int_attribute(const std::string& attribute, int64_t fallback) const;
  float float_attribute(const std::string& attribute, float fallback) const;
  std::string string_attribute(const std::string& attribute, const std::string& fallback) const;
  std::vector<int64_t> ints_attribute(const std::string& attribute,
                                      const std::vector<int64_t>& fallback) const;
  // Whether optional input `index` is given.
  bool has_input(size_t index) const { return index < inputs.size() && !inputs[index].empty(); }
};

// "node 'conv1' (Conv)": how every error about a node starts.
std::string describe(const Node& node);

struct Graph {
  std::string name;
  int64_t opset_version = 0;         // of the default ONNX domain; 0 only in a graph without nodes
  std::vector<std::string> inputs;   // what the caller supplies, in order (no initializers)
  std::vector<std::string> outputs;  // what a run returns, in order
  std::map<std::string, Tensor> initializers;
  std::map<std::string, TensorType> value_types;  // every input, initializer and node output
  std::vector<Node> nodes;                        // in topological order

  // Throws InvalidModelError for a value the graph does not define.
  const TensorType& type_of(const std::string& value) const;
  const Tensor* initializer(const std::string& value) const;
};

}  // namespace tessera::driver
