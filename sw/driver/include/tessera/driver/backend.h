// Where a model runs: the host reference evaluator today, the device (the virtual platform,
// through the host interface and the firmware runtime) later. Tools and tests take the backend
// by name so the same run can be repeated on each.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver {

// A model made ready to run on a backend (for the device: compiled and loaded).
class LoadedModel {
 public:
  virtual ~LoadedModel() = default;
  // The graph's outputs for `inputs`, given in graph.inputs order.
  virtual std::vector<Tensor> run(const std::vector<Tensor>& inputs) = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // `graph` must outlive the result.
  virtual std::unique_ptr<LoadedModel> load(const Graph& graph) const = 0;
};

// The names make_backend knows, for option help.
std::vector<std::string> backend_names();
// Error naming the known backends for an unknown name.
std::unique_ptr<Backend> make_backend(const std::string& name);

}  // namespace tessera::driver
