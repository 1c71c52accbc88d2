// Runs one ONNX backend test directory (model.onnx, test_data_set_N/input_M.pb and output_M.pb)
// on a backend and compares every output. Exit codes: 0 pass, 1 fail, 77 skipped: a test listed
// as unsupported (--unsupported-reason) that the driver rejects as unsupported.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "tessera/driver/backend.h"
#include "tessera/driver/error.h"
#include "tessera/driver/onnx_loader.h"
#include "tessera/driver/tensor_compare.h"
#include "tessera/driver/tensor_io.h"

namespace fs = std::filesystem;
using namespace tessera::driver;

namespace {

constexpr int kExitPass = 0, kExitFail = 1, kExitSkipped = 77;

struct Options {
  fs::path test_dir;
  std::string backend = "reference";
  std::string unsupported_reason;  // set for tests listed as unsupported
  bool exact = false;              // floats too must match bit for bit
  bool on_device = false;          // every node must have run on the device, none on the host
};

std::vector<fs::path> data_sets(const fs::path& test_dir) {
  std::vector<fs::path> sets;
  for (const auto& entry : fs::directory_iterator(test_dir)) {
    if (entry.path().filename().string().rfind("test_data_set_", 0) == 0) {
      sets.push_back(entry.path());
    }
  }
  std::sort(sets.begin(), sets.end());
  return sets;
}

std::vector<Tensor> read_tensors(const fs::path& data_set, const std::string& prefix,
                                 size_t count) {
  std::vector<Tensor> tensors;
  for (size_t i = 0; i < count; ++i) {
    tensors.push_back(read_tensor_file(data_set / (prefix + std::to_string(i) + ".pb")));
  }
  return tensors;
}

// True when every data set's outputs match; prints each mismatch.
bool run_data_sets(const Options& options) {
  const Graph graph = load_onnx_model((options.test_dir / "model.onnx").string());
  const std::unique_ptr<LoadedModel> model = make_backend(options.backend)->load(graph);
  const Tolerance tolerance = options.exact ? Tolerance{} : kOnnxTestTolerance;
  const std::vector<fs::path> sets = data_sets(options.test_dir);
  if (sets.empty()) throw Error(options.test_dir.string() + ": no test_data_set_N directories");
  bool all_match = true;
  for (const fs::path& data_set : sets) {
    const std::vector<Tensor> inputs = read_tensors(data_set, "input_", graph.inputs.size());
    const std::vector<Tensor> expected = read_tensors(data_set, "output_", graph.outputs.size());
    const std::vector<Tensor> actual = model->run(inputs);
    for (size_t i = 0; i < expected.size(); ++i) {
      const std::string mismatch = describe_mismatch(expected[i], actual[i], tolerance);
      if (mismatch.empty()) continue;
      std::cout << data_set.filename().string() << " output '" << graph.outputs[i]
                << "': " << mismatch << "\n";
      all_match = false;
    }
  }
  std::cout << sets.size() << " data set(s) on backend " << options.backend << "\n";
  if (options.on_device) {
    for (const NodeProfile& node : model->profile()) {
      if (node.on_device) continue;
      std::cout << "node '" << node.node << "' (" << node.op_type
                << ") ran on the host: " << node.fallback_reason << "\n";
      all_match = false;
    }
    if (model->profile().empty()) {
      std::cout << "backend " << options.backend << " reports no placement\n";
      all_match = false;
    }
  }
  return all_match;
}

int run_test(const Options& options) {
  const bool listed_unsupported = !options.unsupported_reason.empty();
  try {
    const bool passed = run_data_sets(options);
    if (passed && listed_unsupported) {
      std::cout << "listed as unsupported (" << options.unsupported_reason
                << ") but it passes: take it off the list\n";
      return kExitFail;
    }
    return passed ? kExitPass : kExitFail;
  } catch (const UnsupportedError& error) {
    std::cout << (listed_unsupported ? "skipped: " + options.unsupported_reason + "\n" : "")
              << "unsupported: " << error.what() << "\n";
    return listed_unsupported ? kExitSkipped : kExitFail;
  } catch (const Error& error) {
    std::cout << "error: " << error.what() << "\n";
    return kExitFail;
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  Options options;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--backend" && has_value) {
      options.backend = args[++i];
    } else if (args[i] == "--unsupported-reason" && has_value) {
      options.unsupported_reason = args[++i];
    } else if (args[i] == "--exact") {
      options.exact = true;
    } else if (args[i] == "--on-device") {
      options.on_device = true;
    } else if (options.test_dir.empty() && args[i].rfind("--", 0) != 0) {
      options.test_dir = args[i];
    } else {
      std::cerr << "usage: tessera-onnx-test TEST_DIR [--backend NAME] [--exact] [--on-device] "
                   "[--unsupported-reason TEXT]\n";
      return kExitFail;
    }
  }
  if (options.test_dir.empty()) {
    std::cerr << "tessera-onnx-test: TEST_DIR is required\n";
    return kExitFail;
  }
  return run_test(options);
}
