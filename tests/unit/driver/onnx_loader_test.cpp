// The loader's errors: each names the file and says what is wrong with it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "onnx_model_builder.h"
#include "tessera/driver/error.h"
#include "tessera/driver/onnx_loader.h"

namespace tessera::driver {
namespace {

using testing::add_int_attribute;
using testing::add_ints_attribute;
using ::testing::HasSubstr;
using testing::OnnxModelBuilder;
using ::testing::ThrowsMessage;

// A model that loads: y = Relu(x).
OnnxModelBuilder relu_model() {
  OnnxModelBuilder builder;
  builder.input("x", onnx::TensorProto::FLOAT, {-1, 4})
      .output("y", onnx::TensorProto::FLOAT, {-1, 4});
  builder.node("Relu", {"x"}, {"y"}, "act");
  return builder;
}

Graph parse(const std::string& bytes) {
  return parse_onnx_model(bytes, "model.onnx");
}

TEST(OnnxLoader, LoadsAValidModelIntoTheIr) {
  const Graph graph = parse(relu_model().bytes());
  EXPECT_EQ(graph.opset_version, 13);
  EXPECT_EQ(graph.inputs, std::vector<std::string>{"x"});
  EXPECT_EQ(graph.outputs, std::vector<std::string>{"y"});
  ASSERT_EQ(graph.nodes.size(), 1u);
  EXPECT_EQ(graph.nodes[0].name, "act");
  EXPECT_EQ(graph.type_of("y").shape, (Shape{kUnknownDim, 4}));
}

TEST(OnnxLoader, NamesUnnamedNodesByTypeAndPosition) {
  OnnxModelBuilder builder;
  builder.input("x", onnx::TensorProto::FLOAT, {2}).output("y", onnx::TensorProto::FLOAT, {2});
  builder.node("Relu", {"x"}, {"y"});
  EXPECT_EQ(parse(builder.bytes()).nodes[0].name, "Relu#0");
}

TEST(OnnxLoader, MissingFileIsNamed) {
  EXPECT_THAT([] { load_onnx_model("/nonexistent/model.onnx"); },
              ThrowsMessage<Error>(HasSubstr("/nonexistent/model.onnx: cannot open")));
}

TEST(OnnxLoader, FileIsReadFromDisk) {
  const std::string path = ::testing::TempDir() + "relu.onnx";
  std::ofstream(path, std::ios::binary) << relu_model().bytes();
  EXPECT_EQ(load_onnx_model(path).nodes.size(), 1u);
  std::remove(path.c_str());
}

TEST(OnnxLoader, TextIsNotAProtobuf) {
  EXPECT_THAT([] { parse("# Tessera\nA virtual platform.\n"); },
              ThrowsMessage<FileFormatError>(
                  HasSubstr("model.onnx: not an ONNX model: not a protobuf: wire type 3")));
}

TEST(OnnxLoader, TruncatedFileSaysSo) {
  const std::string bytes = relu_model().bytes();
  EXPECT_THAT(
      [&] { parse(bytes.substr(0, bytes.size() - 5)); },
      ThrowsMessage<FileFormatError>(HasSubstr("model.onnx: not an ONNX model: truncated")));
}

TEST(OnnxLoader, ModelWithoutGraphIsRejected) {
  onnx::ModelProto model;
  model.set_ir_version(7);
  EXPECT_THAT(
      [&] { parse(model.SerializeAsString()); },
      ThrowsMessage<FileFormatError>(HasSubstr("model.onnx: not an ONNX model: it has no graph")));
  EXPECT_THAT([] { parse(""); }, ThrowsMessage<FileFormatError>(HasSubstr("the file is empty")));
}

TEST(OnnxLoader, UndefinedInputNamesTheNode) {
  OnnxModelBuilder builder;
  builder.output("y", onnx::TensorProto::FLOAT, {2});
  builder.node("Relu", {"ghost"}, {"y"}, "act");
  EXPECT_THAT([&] { parse(builder.bytes()); },
              ThrowsMessage<InvalidModelError>(
                  HasSubstr("model.onnx: node 'act' (Relu): input 'ghost' is not a graph input")));
}

TEST(OnnxLoader, UnsupportedOperatorNamesTheNode) {
  OnnxModelBuilder builder = relu_model();
  builder.model().mutable_graph()->mutable_node(0)->set_op_type("Softmax");
  EXPECT_THAT([&] { parse(builder.bytes()); },
              ThrowsMessage<UnsupportedError>(HasSubstr(
                  "model.onnx: node 'act' (Softmax): operator Softmax is not supported")));
}

TEST(OnnxLoader, UnsupportedAttributeNamesNodeAndAttribute) {
  // QuantizeLinear's 'saturate' (opset 19) is valid ONNX that Tessera does not handle.
  OnnxModelBuilder builder(19);
  builder.input("x", onnx::TensorProto::FLOAT, {2}).input("scale", onnx::TensorProto::FLOAT, {});
  builder.output("y", onnx::TensorProto::UINT8, {2});
  add_int_attribute(builder.node("QuantizeLinear", {"x", "scale"}, {"y"}, "quant"), "saturate", 1);
  EXPECT_THAT(
      [&] { parse(builder.bytes()); },
      ThrowsMessage<UnsupportedError>(HasSubstr(
          "model.onnx: node 'quant' (QuantizeLinear): attribute 'saturate' is not supported")));
}

TEST(OnnxLoader, AttributeOfTheWrongKindIsInvalid) {
  OnnxModelBuilder builder;
  builder.input("x", onnx::TensorProto::FLOAT, {2, 3}).output("y", onnx::TensorProto::FLOAT, {6});
  add_ints_attribute(builder.node("Flatten", {"x"}, {"y"}, "flat"), "axis", {1});
  EXPECT_THAT([&] { parse(builder.bytes()); },
              ThrowsMessage<InvalidModelError>(HasSubstr(
                  "node 'flat' (Flatten): attribute 'axis' must be an int, not a list of ints")));
}

TEST(OnnxLoader, OtherDomainsAreUnsupported) {
  OnnxModelBuilder builder = relu_model();
  builder.model().mutable_graph()->mutable_node(0)->set_domain("com.microsoft");
  EXPECT_THAT([&] { parse(builder.bytes()); },
              ThrowsMessage<UnsupportedError>(HasSubstr("domain 'com.microsoft'")));
}

TEST(OnnxLoader, UnsupportedElementTypeIsNamed) {
  OnnxModelBuilder builder;
  builder.input("x", onnx::TensorProto::FLOAT16, {2}).output("y", onnx::TensorProto::FLOAT16, {2});
  builder.node("Relu", {"x"}, {"y"});
  EXPECT_THAT([&] { parse(builder.bytes()); },
              ThrowsMessage<UnsupportedError>(HasSubstr("value 'x' has the element type FLOAT16")));
}

TEST(OnnxLoader, DeclaredOutputShapeMustAgree) {
  OnnxModelBuilder builder;
  builder.input("x", onnx::TensorProto::FLOAT, {2, 3})
      .output("y", onnx::TensorProto::FLOAT, {2, 4});
  builder.node("Relu", {"x"}, {"y"}, "act");
  EXPECT_THAT(
      [&] { parse(builder.bytes()); },
      ThrowsMessage<InvalidModelError>(HasSubstr(
          "node 'act' (Relu): output 'y' is declared float32 [2,4] but computes float32 [2,3]")));
}

TEST(OnnxLoader, InitializerWithTooLittleDataIsNamed) {
  OnnxModelBuilder builder;
  builder.input("x", onnx::TensorProto::FLOAT, {2}).output("y", onnx::TensorProto::FLOAT, {2});
  builder.initializer("b", onnx::TensorProto::FLOAT, {2}).set_raw_data(std::string(4, '\0'));
  builder.node("Add", {"x", "b"}, {"y"});
  EXPECT_THAT([&] { parse(builder.bytes()); },
              ThrowsMessage<InvalidModelError>(HasSubstr(
                  "initializer 'b' holds 4 bytes of raw_data; float32 [2] needs 2 elements")));
}

TEST(OnnxLoader, MissingOpsetImportIsInvalid) {
  OnnxModelBuilder builder = relu_model();
  builder.model().clear_opset_import();
  EXPECT_THAT(
      [&] { parse(builder.bytes()); },
      ThrowsMessage<InvalidModelError>(HasSubstr("imports no opset of the default ONNX domain")));
}

}  // namespace
}  // namespace tessera::driver
