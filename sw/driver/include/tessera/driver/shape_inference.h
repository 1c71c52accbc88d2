// Shape inference over the IR, for the operators Tessera supports.
#pragma once

#include <string>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver {

// Checks every node against its operator and sets the type of every node output in
// graph.value_types. A type already there (declared in the model) must agree with the inferred
// one; its known dimensions fill in what inference leaves unknown. Throws UnsupportedError or
// InvalidModelError naming the node.
void infer_shapes(Graph& graph);

// The ONNX operator types (default domain) the driver handles, sorted.
std::vector<std::string> supported_operators();

}  // namespace tessera::driver
