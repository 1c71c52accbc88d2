// Runs the IR on the host, operator by operator, with the exact ONNX semantics (docs/models.md):
// the reference that device results are compared against.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver {

class ReferenceEvaluator {
 public:
  // `graph` has been through infer_shapes and must outlive the evaluator.
  explicit ReferenceEvaluator(const Graph& graph);

  // The graph's outputs for `inputs`, given in graph.inputs order. Throws Error when an input's
  // type or shape does not match the graph's, or UnsupportedError for a node whose inputs,
  // known only now, are not supported.
  std::vector<Tensor> run(const std::vector<Tensor>& inputs) const;

  // Every value of the run by name (inputs, initializers, node outputs), for layer-by-layer
  // comparisons.
  std::map<std::string, Tensor> run_all(const std::vector<Tensor>& inputs) const;

 private:
  const Graph& graph_;
};

}  // namespace tessera::driver
