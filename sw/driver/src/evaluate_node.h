// One node of the reference evaluator on its own: what the device backend's host fallback runs.
#pragma once

#include <map>
#include <string>

#include "tessera/driver/graph.h"

namespace tessera::driver {

// Evaluates `node` of `graph` on the known tensors `values` (every input of the node among
// them) and returns its only output, checked against the graph's inferred type.
Tensor evaluate_node(const Graph& graph, const Node& node,
                     const std::map<std::string, Tensor>& values);

}  // namespace tessera::driver
