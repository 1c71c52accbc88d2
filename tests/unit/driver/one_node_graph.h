// Builds IR graphs of a single node, as the model compiler will see them, for operator tests.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "tessera/driver/graph.h"
#include "tessera/driver/reference_evaluator.h"
#include "tessera/driver/shape_inference.h"

namespace tessera::driver::testing {

// A node input: a graph input of the given type, a constant (initializer), or omitted ("").
struct NodeInput {
  std::string name;
  std::variant<TensorType, Tensor> value;
};

// The graph of node `op_type` (named "node", output "y") over `inputs`, shape-inferred.
inline Graph one_node_graph(const std::string& op_type, const std::vector<NodeInput>& inputs,
                            const std::map<std::string, AttributeValue>& attributes = {}) {
  Graph graph;
  Node node{"node", op_type, {}, {"y"}, attributes};
  for (const NodeInput& input : inputs) {
    node.inputs.push_back(input.name);
    if (input.name.empty()) continue;
    if (const auto* type = std::get_if<TensorType>(&input.value)) {
      graph.inputs.push_back(input.name);
      graph.value_types[input.name] = *type;
    } else {
      const Tensor& constant = std::get<Tensor>(input.value);
      graph.initializers[input.name] = constant;
      graph.value_types[input.name] = {constant.type(), constant.shape()};
    }
  }
  graph.nodes.push_back(node);
  graph.outputs = {"y"};
  infer_shapes(graph);
  return graph;
}

// The node's output with every input a constant.
inline Tensor evaluate(const std::string& op_type, const std::vector<NodeInput>& inputs,
                       const std::map<std::string, AttributeValue>& attributes = {}) {
  const Graph graph = one_node_graph(op_type, inputs, attributes);
  return ReferenceEvaluator(graph).run({}).at(0);
}

template <class T>
Tensor scalar(T value) {
  return Tensor::from_values<T>({}, {value});
}

}  // namespace tessera::driver::testing
