// tessera-classify: runs a classifier over a labelled data set and reports its accuracy, e.g.
// the digits models over their test split; exits 1 when below --min-accuracy.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "command_line.h"
#include "profile.h"
#include "tessera/driver/backend.h"
#include "tessera/driver/error.h"
#include "tessera/driver/onnx_loader.h"
#include "tessera/driver/tensor_io.h"

namespace po = boost::program_options;
using namespace tessera::driver;

namespace {

constexpr int kExitBelowAccuracy = 1;

struct Options {
  std::string model;
  std::string inputs;
  std::string labels;
  std::string backend = "reference";
  int64_t batch_size = 0;
  double min_accuracy = 0;
  std::string same_as;  // a backend whose predictions must be identical, sample by sample
};

// The index of the largest score in each row of [samples, classes]; the first on ties.
std::vector<int64_t> predicted_classes(const Tensor& scores) {
  if (scores.type() != DataType::kFloat32 || scores.shape().size() != 2) {
    throw Error("the model's output is " + to_string(scores.type()) + " " +
                to_string(scores.shape()) + "; a classifier gives float32 [samples, classes]");
  }
  const int64_t samples = scores.shape()[0], classes = scores.shape()[1];
  const float* score = scores.data<float>();
  std::vector<int64_t> predicted(samples, 0);
  for (int64_t s = 0; s < samples; ++s) {
    for (int64_t c = 1; c < classes; ++c) {
      if (score[s * classes + c] > score[s * classes + predicted[s]]) predicted[s] = c;
    }
  }
  return predicted;
}

// The batch the model takes: its fixed batch dimension, else --batch-size, else everything.
int64_t batch_size(const Graph& graph, const Options& options, int64_t samples) {
  const Shape& input = graph.type_of(graph.inputs.at(0)).shape;
  if (!input.empty() && input[0] != kUnknownDim) return input[0];
  return options.batch_size > 0 ? options.batch_size : samples;
}

double accuracy(const Options& options) {
  const Graph graph = load_onnx_model(options.model);
  if (graph.inputs.size() != 1 || graph.outputs.size() != 1) {
    throw Error(options.model + ": a classifier has one input and one output");
  }
  const Tensor inputs = read_tensor_file(options.inputs);
  const Tensor labels = read_tensor_file(options.labels);
  const int64_t samples = inputs.shape().empty() ? 0 : inputs.shape()[0];
  if (labels.type() != DataType::kInt64 || labels.shape() != Shape{samples}) {
    throw Error(options.labels + ": expected int64 [" + std::to_string(samples) + "] labels, not " +
                to_string(labels.type()) + " " + to_string(labels.shape()));
  }
  const std::unique_ptr<LoadedModel> model = make_backend(options.backend)->load(graph);
  const std::unique_ptr<LoadedModel> other =
      options.same_as.empty() ? nullptr : make_backend(options.same_as)->load(graph);
  const int64_t batch = batch_size(graph, options, samples);
  const int64_t* label = labels.data<int64_t>();
  int64_t correct = 0, differing = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int64_t first = 0; first < samples; first += batch) {
    const int64_t last = std::min(samples, first + batch);
    const Tensor batch_inputs = inputs.rows(first, last);
    const std::vector<int64_t> predicted = predicted_classes(model->run({batch_inputs}).at(0));
    const std::vector<int64_t> expected =
        other ? predicted_classes(other->run({batch_inputs}).at(0)) : predicted;
    for (int64_t s = first; s < last; ++s) {
      correct += predicted[s - first] == label[s];
      if (predicted[s - first] != expected[s - first]) {
        ++differing;
        std::printf("sample %lld: class %lld, but %lld with backend %s\n",
                    static_cast<long long>(s), static_cast<long long>(predicted[s - first]),
                    static_cast<long long>(expected[s - first]), options.same_as.c_str());
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const uint64_t cycles = tools::print_profile(*model);
  if (cycles && samples) {
    std::printf("device cycles per sample: %llu\n",
                static_cast<unsigned long long>(cycles / samples));
  }
  std::printf("wall time: %.2f s (%.1f ms a sample)\n", seconds,
              samples ? 1e3 * seconds / samples : 0.0);
  if (differing) {
    throw Error(std::to_string(differing) + " predictions differ from backend " + options.same_as +
                "'s");
  }
  const double fraction = samples ? static_cast<double>(correct) / samples : 0;
  std::printf("accuracy: %.4f (%lld/%lld) with backend %s\n", fraction,
              static_cast<long long>(correct), static_cast<long long>(samples),
              options.backend.c_str());
  return fraction;
}

}  // namespace

int main(int argc, char* argv[]) {
  Options options;
  po::options_description named("tessera-classify MODEL.onnx --inputs FILE --labels FILE");
  named.add_options()("inputs", po::value(&options.inputs)->required(),
                      "the samples, one per row (.npy or .pb)")(
      "labels", po::value(&options.labels)->required(), "int64 class per sample (.npy or .pb)")(
      "backend", po::value(&options.backend)->default_value(options.backend),
      "where the model runs: reference (the host evaluator) or device (the VP)")(
      "same-as", po::value(&options.same_as),
      "fail unless every prediction equals this backend's (run too)")(
      "batch-size", po::value(&options.batch_size),
      "samples per run when the model's batch dimension is open (default: all)")(
      "min-accuracy", po::value(&options.min_accuracy),
      "fail (exit 1) below this accuracy, a fraction");
  const int exit_code =
      tools::parse_command_line(argc, argv, "tessera-classify", named, options.model);
  if (exit_code >= 0) return exit_code;
  try {
    if (accuracy(options) < options.min_accuracy) {
      std::printf("below the required accuracy %.4f\n", options.min_accuracy);
      return kExitBelowAccuracy;
    }
  } catch (const Error& error) {
    std::cerr << "tessera-classify: " << error.what() << "\n";
    return tools::kExitBadInput;
  }
  return 0;
}
