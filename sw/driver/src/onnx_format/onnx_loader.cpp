#include "tessera/driver/onnx_loader.h"

#include <onnx/onnx_pb.h>

#include <set>

#include "io/file_bytes.h"
#include "onnx_format/tensor_proto.h"
#include "onnx_format/wire_format.h"
#include "tessera/driver/error.h"
#include "tessera/driver/shape_inference.h"

namespace tessera::driver {

namespace {

using onnx_format::data_type_from_onnx;
using onnx_format::tensor_from_proto;

bool is_default_domain(const std::string& domain) {
  return domain.empty() || domain == "ai.onnx";
}

// The opset version of the default domain, 0 when the model imports none.
int64_t default_opset(const onnx::ModelProto& model) {
  for (const auto& opset : model.opset_import()) {
    if (is_default_domain(opset.domain())) return opset.version();
  }
  return 0;
}

// The declared type of a graph input, output or value_info; false when its rank is unknown.
bool declared_type(const onnx::ValueInfoProto& value, TensorType& type) {
  const std::string what = "value '" + value.name() + "'";
  if (!value.type().has_tensor_type()) {
    throw UnsupportedError(what +
                           " is not a tensor (sequences, maps and optionals are not "
                           "supported)");
  }
  const auto& tensor_type = value.type().tensor_type();
  type.type = data_type_from_onnx(tensor_type.elem_type(), what);
  if (!tensor_type.has_shape()) return false;
  type.shape.clear();
  for (const auto& dim : tensor_type.shape().dim()) {
    type.shape.push_back(dim.has_dim_value() ? dim.dim_value() : kUnknownDim);
    if (type.shape.back() < kUnknownDim) {
      throw InvalidModelError(what + " has the negative dimension " +
                              std::to_string(dim.dim_value()));
    }
  }
  return true;
}

AttributeValue attribute_value(const Node& node, const onnx::AttributeProto& attribute) {
  const std::string what = describe(node) + ": attribute '" + attribute.name() + "'";
  if (!attribute.ref_attr_name().empty()) {
    throw UnsupportedError(what + " refers to a function attribute, which is not supported");
  }
  switch (attribute.type()) {
    case onnx::AttributeProto::INT:
      return attribute.i();
    case onnx::AttributeProto::FLOAT:
      return attribute.f();
    case onnx::AttributeProto::STRING:
      return attribute.s();
    case onnx::AttributeProto::INTS:
      return std::vector<int64_t>(attribute.ints().begin(), attribute.ints().end());
    case onnx::AttributeProto::FLOATS:
      return std::vector<float>(attribute.floats().begin(), attribute.floats().end());
    case onnx::AttributeProto::TENSOR:
      return tensor_from_proto(attribute.t(), what);
    default:
      break;
  }
  throw UnsupportedError(what + " is of type " +
                         onnx::AttributeProto::AttributeType_Name(attribute.type()) +
                         ", which is not supported");
}

Node convert_node(const onnx::NodeProto& proto, size_t index) {
  Node node;
  node.op_type = proto.op_type();
  node.name = proto.name().empty() ? proto.op_type() + "#" + std::to_string(index) : proto.name();
  if (!is_default_domain(proto.domain())) {
    throw UnsupportedError(describe(node) + ": operators of the domain '" + proto.domain() +
                           "' are not supported");
  }
  node.inputs.assign(proto.input().begin(), proto.input().end());
  node.outputs.assign(proto.output().begin(), proto.output().end());
  for (const auto& attribute : proto.attribute()) {
    if (!node.attributes.emplace(attribute.name(), attribute_value(node, attribute)).second) {
      throw InvalidModelError(describe(node) + ": attribute '" + attribute.name() +
                              "' is given twice");
    }
  }
  return node;
}

// Checks that each node reads only values defined before it, and each value is defined once.
void check_topological_order(const Graph& graph) {
  std::set<std::string> defined(graph.inputs.begin(), graph.inputs.end());
  for (const auto& [name, tensor] : graph.initializers) defined.insert(name);
  for (const Node& node : graph.nodes) {
    for (const std::string& input : node.inputs) {
      if (!input.empty() && !defined.count(input)) {
        throw InvalidModelError(describe(node) + ": input '" + input +
                                "' is not a graph input, an initializer or the output of an "
                                "earlier node");
      }
    }
    for (const std::string& output : node.outputs) {
      if (!output.empty() && !defined.insert(output).second) {
        throw InvalidModelError(describe(node) + ": output '" + output + "' is already defined");
      }
    }
  }
  for (const std::string& output : graph.outputs) {
    if (!defined.count(output)) {
      throw InvalidModelError("graph output '" + output + "' is never computed");
    }
  }
}

Graph convert_graph(const onnx::ModelProto& model) {
  const onnx::GraphProto& proto = model.graph();
  Graph graph;
  graph.name = proto.name();
  graph.opset_version = default_opset(model);
  if (proto.sparse_initializer_size() > 0) {
    throw UnsupportedError("sparse initializers are not supported");
  }
  for (const auto& initializer : proto.initializer()) {
    Tensor tensor = tensor_from_proto(initializer, "initializer '" + initializer.name() + "'");
    graph.value_types[initializer.name()] = {tensor.type(), tensor.shape()};
    if (!graph.initializers.emplace(initializer.name(), std::move(tensor)).second) {
      throw InvalidModelError("initializer '" + initializer.name() + "' is given twice");
    }
  }
  for (const auto& input : proto.input()) {
    // Before IR version 4 the inputs list the initializers too: those are constants here.
    if (graph.initializers.count(input.name())) continue;
    TensorType type;
    if (!declared_type(input, type)) {
      throw UnsupportedError("input '" + input.name() + "' has no shape (unknown rank)");
    }
    graph.inputs.push_back(input.name());
    graph.value_types[input.name()] = type;
  }
  for (const auto* declarations : {&proto.output(), &proto.value_info()}) {
    for (const auto& value : *declarations) {
      TensorType type;
      if (declared_type(value, type)) graph.value_types.emplace(value.name(), type);
    }
  }
  for (const auto& output : proto.output()) graph.outputs.push_back(output.name());
  for (int i = 0; i < proto.node_size(); ++i) graph.nodes.push_back(convert_node(proto.node(i), i));
  // Checked after the nodes, whose domains are the likelier problem.
  if (graph.opset_version == 0 && !graph.nodes.empty()) {
    throw InvalidModelError("the model imports no opset of the default ONNX domain");
  }
  check_topological_order(graph);
  infer_shapes(graph);
  return graph;
}

}  // namespace

Graph parse_onnx_model(const std::string& bytes, const std::string& source) {
  onnx::ModelProto model;
  if (!model.ParseFromString(bytes)) {
    throw FileFormatError(source +
                          ": not an ONNX model: " + onnx_format::wire_format_problem(bytes));
  }
  if (!model.has_graph()) {
    throw FileFormatError(source + ": not an ONNX model: it has no graph" +
                          (bytes.empty() ? " (the file is empty)" : ""));
  }
  try {
    return convert_graph(model);
  } catch (const UnsupportedError& error) {
    throw UnsupportedError(source + ": " + error.what());
  } catch (const InvalidModelError& error) {
    throw InvalidModelError(source + ": " + error.what());
  }
}

Graph load_onnx_model(const std::string& path) {
  return parse_onnx_model(io::read_file_bytes(path), path);
}

}  // namespace tessera::driver
