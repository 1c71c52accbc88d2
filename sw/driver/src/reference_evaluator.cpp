#include "tessera/driver/reference_evaluator.h"

#include "evaluate_node.h"
#include "ops/operator.h"
#include "tessera/driver/error.h"

namespace tessera::driver {

namespace {

bool fits(const TensorType& actual, const TensorType& expected) {
  if (actual.type != expected.type || actual.shape.size() != expected.shape.size()) return false;
  for (size_t i = 0; i < actual.shape.size(); ++i) {
    if (expected.shape[i] != kUnknownDim && expected.shape[i] != actual.shape[i]) return false;
  }
  return true;
}

void check_inputs(const Graph& graph, const std::vector<Tensor>& inputs) {
  if (inputs.size() != graph.inputs.size()) {
    throw Error("the model takes " + std::to_string(graph.inputs.size()) + " inputs, not " +
                std::to_string(inputs.size()));
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    const TensorType actual{inputs[i].type(), inputs[i].shape()};
    const TensorType& expected = graph.type_of(graph.inputs[i]);
    if (!fits(actual, expected)) {
      throw Error("input '" + graph.inputs[i] + "' must be " + to_string(expected) + ", not " +
                  to_string(actual));
    }
  }
}

}  // namespace

// The operator's infer function checks the known tensors and gives the output types, which must
// fit what shape inference found for the graph.
Tensor evaluate_node(const Graph& graph, const Node& node,
                     const std::map<std::string, Tensor>& values) {
  const ops::OperatorSpec& spec = ops::checked_operator(node);
  std::vector<const Tensor*> inputs(spec.input_names.size(), nullptr);
  std::vector<TensorType> input_types(inputs.size());
  std::vector<ops::InputInfo> infos(inputs.size());
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    if (node.inputs[i].empty()) continue;
    inputs[i] = &values.at(node.inputs[i]);
    input_types[i] = {inputs[i]->type(), inputs[i]->shape()};
    infos[i] = {&input_types[i], inputs[i]};
  }
  const std::vector<TensorType> types = spec.infer(node, infos);
  if (!fits(types[0], graph.type_of(node.outputs[0]))) {
    throw Error(describe(node) + ": output '" + node.outputs[0] + "' computes as " +
                to_string(types[0]) + " but shape inference found " +
                to_string(graph.type_of(node.outputs[0])));
  }
  std::vector<Tensor> outputs{Tensor(types[0].type, types[0].shape)};
  spec.evaluate(node, inputs, outputs);
  return std::move(outputs[0]);
}

ReferenceEvaluator::ReferenceEvaluator(const Graph& graph) : graph_(graph) {}

std::map<std::string, Tensor> ReferenceEvaluator::run_all(const std::vector<Tensor>& inputs) const {
  check_inputs(graph_, inputs);
  std::map<std::string, Tensor> values = graph_.initializers;
  for (size_t i = 0; i < inputs.size(); ++i) values[graph_.inputs[i]] = inputs[i];
  for (const Node& node : graph_.nodes) {
    values[node.outputs[0]] = evaluate_node(graph_, node, values);
  }
  return values;
}

std::vector<Tensor> ReferenceEvaluator::run(const std::vector<Tensor>& inputs) const {
  const std::map<std::string, Tensor> values = run_all(inputs);
  std::vector<Tensor> outputs;
  for (const std::string& name : graph_.outputs) outputs.push_back(values.at(name));
  return outputs;
}

}  // namespace tessera::driver
