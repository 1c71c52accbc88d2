// Fuzz target `onnx`: the driver's ONNX front end on arbitrary bytes.
//
// Input: a serialized ModelProto, given to parse_onnx_model (the driver's own protobuf reader,
// the checks of the ONNX rules, shape inference). A model it accepts whose every value has a
// known shape of at most kMaxElements elements is then run by the reference evaluator on
// inputs of zeros.
// Checks, besides the sanitizers: driver::Error (with its subclasses) is the only exception
// that escapes, and a run returns one tensor per graph output, of the inferred type and shape.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tessera/driver/error.h"
#include "tessera/driver/onnx_loader.h"
#include "tessera/driver/reference_evaluator.h"

namespace {

namespace drv = tessera::driver;

// Large enough for every operator's corner cases, small enough to run thousands of models a
// second.
constexpr int64_t kMaxElements = 1 << 12;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "onnx fuzz: %s\n", what.c_str());
  std::abort();
}

bool small_and_known(const drv::TensorType& type) {
  int64_t elements = 1;
  for (int64_t dim : type.shape) {
    if (dim < 0 || dim > kMaxElements) return false;
    elements *= dim;
    if (elements > kMaxElements) return false;
  }
  return true;
}

void evaluate(const drv::Graph& graph) {
  for (const auto& [name, type] : graph.value_types)
    if (!small_and_known(type)) return;
  std::vector<drv::Tensor> inputs;
  for (const std::string& input : graph.inputs) {
    const drv::TensorType& type = graph.type_of(input);
    inputs.emplace_back(type.type, type.shape);
  }
  const std::vector<drv::Tensor> outputs = drv::ReferenceEvaluator(graph).run(inputs);
  if (outputs.size() != graph.outputs.size()) fail("a run returns another number of outputs");
  for (size_t i = 0; i < outputs.size(); ++i) {
    const drv::TensorType& type = graph.type_of(graph.outputs[i]);
    if (outputs[i].type() != type.type || outputs[i].shape() != type.shape)
      fail("output " + graph.outputs[i] + " is " +
           drv::to_string({outputs[i].type(), outputs[i].shape()}) + ", inferred " +
           drv::to_string(type));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    evaluate(
        drv::parse_onnx_model(std::string(reinterpret_cast<const char*>(data), size), "fuzz.onnx"));
  } catch (const drv::Error&) {
  }
  return 0;
}
