// Where a model runs: the host reference evaluator ("reference"), or the device ("device": the
// virtual platform, through the driver runtime and the firmware's model ops; docs/models.md). Tools
// and tests take the backend by name so the same run can be repeated on each.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tessera/driver/device.h"
#include "tessera/driver/event.h"
#include "tessera/driver/graph.h"

namespace tessera::driver {

// Where one node ran and what it cost, summed over the runs of a loaded model.
struct NodeProfile {
  std::string node, op_type;
  bool on_device = false;
  std::string fallback_reason;  // why it ran on the host instead, when it did
  uint64_t device_cycles = 0;   // the ops' cycles (manager dispatch to last tile done)
  uint64_t runs = 0;
};

// A model made ready to run on a backend (for the device: compiled and loaded).
class LoadedModel {
 public:
  virtual ~LoadedModel() = default;
  // The graph's outputs for `inputs`, given in graph.inputs order.
  virtual std::vector<Tensor> run(const std::vector<Tensor>& inputs) = 0;
  // Per node in graph order, for backends that measure it; empty otherwise.
  virtual std::vector<NodeProfile> profile() const { return {}; }
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;
  // `graph` must outlive the result.
  virtual std::unique_ptr<LoadedModel> load(const Graph& graph) const = 0;
};

// How the device backend reaches the device; the reference backend ignores it.
struct BackendOptions {
  // The device's options. One device per process: the first model loaded opens it with the
  // options of its backend, and later backends share it.
  DeviceOptions device;
  // Profiling tools (tessera-vp --scenario) observe each node the device runs: the backend calls
  // before_node when the node's inputs are on the device and its commands are about to launch,
  // then waits for them and calls after_node with what the device measured, so that nothing
  // else runs in between.
  std::function<void(const Node& node)> before_node;
  std::function<void(const Node& node, const std::vector<OpProfile>& ops)> after_node;
};

// The names make_backend knows, for option help.
std::vector<std::string> backend_names();
// Error naming the known backends for an unknown name.
std::unique_ptr<Backend> make_backend(const std::string& name, const BackendOptions& options = {});

}  // namespace tessera::driver
