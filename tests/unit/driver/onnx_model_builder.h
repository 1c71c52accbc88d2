// Builds small ONNX models in memory, so tests can state exactly what a file holds.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>
#include <vector>

namespace tessera::driver::testing {

class OnnxModelBuilder {
 public:
  explicit OnnxModelBuilder(int64_t opset = 13) {
    model_.set_ir_version(7);
    auto* import = model_.add_opset_import();
    import->set_domain("");
    import->set_version(opset);
    model_.mutable_graph()->set_name("test");
  }

  // A tensor value: dims below 0 are left open (dim_param "n").
  OnnxModelBuilder& input(const std::string& name, int32_t type, const std::vector<int64_t>& dims) {
    describe(model_.mutable_graph()->add_input(), name, type, dims);
    return *this;
  }
  OnnxModelBuilder& output(const std::string& name, int32_t type,
                           const std::vector<int64_t>& dims) {
    describe(model_.mutable_graph()->add_output(), name, type, dims);
    return *this;
  }

  onnx::NodeProto& node(const std::string& op_type, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::string& name = "") {
    onnx::NodeProto* node = model_.mutable_graph()->add_node();
    node->set_op_type(op_type);
    node->set_name(name);
    for (const auto& input : inputs) node->add_input(input);
    for (const auto& output : outputs) node->add_output(output);
    return *node;
  }

  onnx::TensorProto& initializer(const std::string& name, int32_t type,
                                 const std::vector<int64_t>& dims) {
    onnx::TensorProto* tensor = model_.mutable_graph()->add_initializer();
    tensor->set_name(name);
    tensor->set_data_type(type);
    for (int64_t dim : dims) tensor->add_dims(dim);
    return *tensor;
  }

  onnx::ModelProto& model() { return model_; }
  std::string bytes() const { return model_.SerializeAsString(); }

 private:
  static void describe(onnx::ValueInfoProto* value, const std::string& name, int32_t type,
                       const std::vector<int64_t>& dims) {
    value->set_name(name);
    auto* tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(type);
    auto* shape = tensor->mutable_shape();
    for (int64_t dim : dims) {
      if (dim < 0) {
        shape->add_dim()->set_dim_param("n");
      } else {
        shape->add_dim()->set_dim_value(dim);
      }
    }
  }

  onnx::ModelProto model_;
};

inline void add_int_attribute(onnx::NodeProto& node, const std::string& name, int64_t value) {
  auto* attribute = node.add_attribute();
  attribute->set_name(name);
  attribute->set_type(onnx::AttributeProto::INT);
  attribute->set_i(value);
}

inline void add_ints_attribute(onnx::NodeProto& node, const std::string& name,
                               const std::vector<int64_t>& values) {
  auto* attribute = node.add_attribute();
  attribute->set_name(name);
  attribute->set_type(onnx::AttributeProto::INTS);
  for (int64_t value : values) attribute->add_ints(value);
}

}  // namespace tessera::driver::testing
