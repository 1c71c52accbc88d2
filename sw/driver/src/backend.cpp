#include "tessera/driver/backend.h"

#include "device/device_backend.h"

#include "tessera/driver/error.h"
#include "tessera/driver/reference_evaluator.h"

namespace tessera::driver {

namespace {

class ReferenceModel final : public LoadedModel {
 public:
  explicit ReferenceModel(const Graph& graph) : evaluator_(graph) {}
  std::vector<Tensor> run(const std::vector<Tensor>& inputs) override {
    return evaluator_.run(inputs);
  }

 private:
  ReferenceEvaluator evaluator_;
};

class ReferenceBackend final : public Backend {
 public:
  std::string name() const override { return "reference"; }
  std::unique_ptr<LoadedModel> load(const Graph& graph) const override {
    return std::make_unique<ReferenceModel>(graph);
  }
};

}  // namespace

std::vector<std::string> backend_names() {
  return {"reference", "device"};
}

std::unique_ptr<Backend> make_backend(const std::string& name, const BackendOptions& options) {
  if (name == "reference") return std::make_unique<ReferenceBackend>();
  if (name == "device") return make_device_backend(options);
  std::string known;
  for (const std::string& candidate : backend_names())
    known += (known.empty() ? "" : ", ") + candidate;
  throw Error("unknown backend '" + name + "' (known: " + known + ")");
}

}  // namespace tessera::driver
