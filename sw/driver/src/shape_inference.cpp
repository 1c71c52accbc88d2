#include "tessera/driver/shape_inference.h"

#include "ops/operator.h"
#include "tessera/driver/error.h"

namespace tessera::driver {

namespace {

std::vector<ops::InputInfo> input_infos(const Graph& graph, const Node& node, size_t count) {
  std::vector<ops::InputInfo> infos(count);
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    if (node.inputs[i].empty()) continue;
    infos[i].type = &graph.type_of(node.inputs[i]);
    infos[i].constant = graph.initializer(node.inputs[i]);
  }
  return infos;
}

// The inferred type, with the declared one's known dimensions where inference has none.
TensorType reconciled(const Node& node, const std::string& value, const TensorType& inferred,
                      const TensorType& declared) {
  bool agree = inferred.type == declared.type && inferred.shape.size() == declared.shape.size();
  TensorType result = inferred;
  for (size_t i = 0; agree && i < result.shape.size(); ++i) {
    if (result.shape[i] == kUnknownDim) result.shape[i] = declared.shape[i];
    agree = declared.shape[i] == kUnknownDim || declared.shape[i] == result.shape[i];
  }
  if (!agree) {
    throw InvalidModelError(describe(node) + ": output '" + value + "' is declared " +
                            to_string(declared) + " but computes " + to_string(inferred));
  }
  return result;
}

}  // namespace

void infer_shapes(Graph& graph) {
  for (const Node& node : graph.nodes) {
    const ops::OperatorSpec& spec = ops::checked_operator(node);
    const std::vector<TensorType> types =
        spec.infer(node, input_infos(graph, node, spec.input_names.size()));
    const std::string& output = node.outputs[0];
    const auto declared = graph.value_types.find(output);
    graph.value_types[output] = declared == graph.value_types.end()
                                    ? types[0]
                                    : reconciled(node, output, types[0], declared->second);
  }
}

std::vector<std::string> supported_operators() {
  return ops::supported_operator_types();
}

}  // namespace tessera::driver
