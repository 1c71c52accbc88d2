#include <algorithm>
#include <map>

#include "ops/operator.h"
#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

const std::map<std::string, OperatorSpec>& registry() {
  static const std::map<std::string, OperatorSpec> specs = [] {
    std::map<std::string, OperatorSpec> all;
    for (auto family : {quantization_operators, convolution_operators, matmul_operators,
                        pooling_operators, elementwise_operators, shape_operators}) {
      for (OperatorSpec& spec : family()) all.emplace(spec.op_type, std::move(spec));
    }
    return all;
  }();
  return specs;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "'" : ", '") + name + "'";
  return text;
}

void check_arity(const Node& node, const OperatorSpec& spec) {
  if (node.inputs.size() < spec.required_inputs || node.inputs.size() > spec.input_names.size()) {
    throw InvalidModelError(describe(node) + ": has " + std::to_string(node.inputs.size()) +
                            " inputs; " + node.op_type + " takes " + quoted_list(spec.input_names) +
                            " (the first " + std::to_string(spec.required_inputs) + " required)");
  }
  for (size_t i = 0; i < spec.required_inputs; ++i) {
    if (node.inputs[i].empty()) {
      throw InvalidModelError(describe(node) + ": required input '" + spec.input_names[i] +
                              "' is missing");
    }
  }
  if (node.outputs.empty() || node.outputs.size() > spec.output_names.size()) {
    throw InvalidModelError(describe(node) + ": has " + std::to_string(node.outputs.size()) +
                            " outputs; " + node.op_type + " has " + quoted_list(spec.output_names));
  }
  for (size_t i = 1; i < node.outputs.size(); ++i) {
    if (!node.outputs[i].empty()) {
      throw UnsupportedError(describe(node) + ": output '" + spec.output_names[i] +
                             "' is not supported");
    }
  }
}

}  // namespace

const OperatorSpec& checked_operator(const Node& node) {
  const auto found = registry().find(node.op_type);
  if (found == registry().end()) {
    throw UnsupportedError(describe(node) + ": operator " + node.op_type + " is not supported");
  }
  const OperatorSpec& spec = found->second;
  check_arity(node, spec);
  for (const auto& [attribute, value] : node.attributes) {
    const auto& known = spec.attributes;
    if (std::find(known.begin(), known.end(), attribute) == known.end()) {
      throw UnsupportedError(describe(node) + ": attribute '" + attribute + "' is not supported");
    }
  }
  return spec;
}

std::vector<std::string> supported_operator_types() {
  std::vector<std::string> types;
  for (const auto& [op_type, spec] : registry()) types.push_back(op_type);
  return types;
}

}  // namespace tessera::driver::ops
