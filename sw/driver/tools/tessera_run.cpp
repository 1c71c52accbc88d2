// tessera-run: runs an ONNX model on input tensors and writes its outputs, as the ONNX test data
// does (output_0.pb, output_1.pb, ...).
#include <filesystem>
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

struct Options {
  std::string model;
  std::vector<std::string> inputs;
  std::string output_dir;
  std::string backend = "reference";
  std::string output_format = "pb";
};

void run(const Options& options) {
  const Graph graph = load_onnx_model(options.model);
  std::vector<Tensor> inputs;
  for (const std::string& path : options.inputs) inputs.push_back(read_tensor_file(path));
  const std::unique_ptr<LoadedModel> model = make_backend(options.backend)->load(graph);
  const std::vector<Tensor> outputs = model->run(inputs);
  tools::print_profile(*model);
  std::filesystem::create_directories(options.output_dir);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string file = "output_" + std::to_string(i) + "." + options.output_format;
    const std::string path = (std::filesystem::path(options.output_dir) / file).string();
    if (options.output_format == "npy") {
      write_npy_file(path, outputs[i]);
    } else {
      write_tensor_proto_file(path, outputs[i], graph.outputs[i]);
    }
    std::cout << path << ": " << graph.outputs[i] << " " << to_string(outputs[i].type()) << " "
              << to_string(outputs[i].shape()) << "\n";
  }
}

}  // namespace

int main(int argc, char* argv[]) {
  Options options;
  po::options_description named("tessera-run MODEL.onnx --input FILE... --output-dir DIR");
  named.add_options()("input", po::value(&options.inputs)->composing(),
                      "an input tensor (.pb TensorProto or .npy), once per model input, in order")(
      "output-dir", po::value(&options.output_dir)->required(),
      "where output_N.pb (or .npy) go; created if missing")(
      "backend", po::value(&options.backend)->default_value(options.backend),
      "where the model runs: reference (the host evaluator) or device (the VP)")(
      "output-format", po::value(&options.output_format)->default_value(options.output_format),
      "pb (ONNX TensorProto) or npy");
  const int exit_code = tools::parse_command_line(argc, argv, "tessera-run", named, options.model);
  if (exit_code >= 0) return exit_code;
  if (options.output_format != "pb" && options.output_format != "npy") {
    std::cerr << "tessera-run: --output-format must be pb or npy\n";
    return tools::kExitBadInput;
  }
  try {
    run(options);
  } catch (const Error& error) {
    std::cerr << "tessera-run: " << error.what() << "\n";
    return tools::kExitBadInput;
  } catch (const std::filesystem::filesystem_error& error) {
    std::cerr << "tessera-run: " << error.what() << "\n";
    return tools::kExitBadInput;
  }
  return 0;
}
