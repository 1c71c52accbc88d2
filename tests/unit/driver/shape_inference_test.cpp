// Shape inference and its checks: unknown dimensions flow through, invalid models and
// unsupported features are errors naming the node and the input or attribute.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "one_node_graph.h"
#include "tessera/driver/error.h"
#include "tessera/driver/window_geometry.h"

namespace tessera::driver {
namespace {

using ::testing::HasSubstr;
using testing::NodeInput;
using testing::one_node_graph;
using testing::scalar;
using ::testing::ThrowsMessage;

TensorType float_type(Shape shape) {
  return {DataType::kFloat32, std::move(shape)};
}

TEST(WindowGeometry, SamePaddingPutsTheOddElementWhereAutoPadSays) {
  Node node{"pool", "MaxPool", {"x"}, {"y"}, {{"auto_pad", std::string("SAME_UPPER")}}};
  WindowGeometry upper = resolve_window_geometry(node, {5}, {2}, false);
  EXPECT_EQ(upper.output, std::vector<int64_t>{5});
  EXPECT_EQ(upper.pads_begin, std::vector<int64_t>{0});
  EXPECT_EQ(upper.pads_end, std::vector<int64_t>{1});
  node.attributes["auto_pad"] = std::string("SAME_LOWER");
  WindowGeometry lower = resolve_window_geometry(node, {5}, {2}, false);
  EXPECT_EQ(lower.pads_begin, std::vector<int64_t>{1});
  EXPECT_EQ(lower.pads_end, std::vector<int64_t>{0});
}

TEST(WindowGeometry, CeilModeCountsThePartialWindow) {
  const Node node{"pool", "MaxPool", {"x"}, {"y"}, {{"strides", std::vector<int64_t>{2}}}};
  EXPECT_EQ(resolve_window_geometry(node, {4}, {3}, false).output, std::vector<int64_t>{1});
  EXPECT_EQ(resolve_window_geometry(node, {4}, {3}, true).output, std::vector<int64_t>{2});
}

TEST(WindowGeometry, BadAttributesNameNodeAndAttribute) {
  const Node node{"c", "Conv", {}, {}, {{"strides", std::vector<int64_t>{1, 0}}}};
  EXPECT_THAT(
      [&] {
        resolve_window_geometry(node, {4, 4}, {3, 3}, false);
      },
      ThrowsMessage<InvalidModelError>(HasSubstr(
          "node 'c' (Conv): attribute 'strides' has the value 0; the least allowed is 1")));
  const Node wide{"c", "Conv", {}, {}, {}};
  EXPECT_THAT([&] { resolve_window_geometry(wide, {2}, {3}, false); },
              ThrowsMessage<InvalidModelError>(HasSubstr("is larger than the padded input")));
}

TEST(ShapeInference, ConvKeepsAnUnknownBatch) {
  const Graph graph = one_node_graph(
      "Conv", {{"x", float_type({kUnknownDim, 3, 7, 5})}, {"w", float_type({8, 3, 3, 3})}},
      {{"strides", std::vector<int64_t>{2, 2}},
       {"pads", std::vector<int64_t>{1, 0, 1, 0}},
       {"dilations", std::vector<int64_t>{1, 2}}});
  EXPECT_EQ(graph.type_of("y").shape, (Shape{kUnknownDim, 8, 4, 1}));
}

TEST(ShapeInference, ConvChecksChannelsAgainstGroups) {
  EXPECT_THAT(
      [] {
        one_node_graph("Conv", {{"x", float_type({1, 4, 5, 5})}, {"w", float_type({4, 1, 3, 3})}},
                       {{"group", int64_t{2}}});
      },
      ThrowsMessage<InvalidModelError>(HasSubstr(
          "node 'node' (Conv): the input's channels must be the weights' channels times 'group' "
          "(4 vs 2)")));
}

TEST(ShapeInference, FlattenOfUnknownDimensions) {
  const Graph graph =
      one_node_graph("Flatten", {{"x", float_type({kUnknownDim, 2, 3})}}, {{"axis", int64_t{-2}}});
  EXPECT_EQ(graph.type_of("y").shape, (Shape{kUnknownDim, 6}));
}

TEST(ShapeInference, ReshapeByAConstantShape) {
  const Graph graph = one_node_graph(
      "Reshape",
      {{"x", float_type({2, 3, 4})}, {"shape", Tensor::from_values<int64_t>({3}, {0, -1, 2})}});
  EXPECT_EQ(graph.type_of("y").shape, (Shape{2, 6, 2}));
  EXPECT_THAT(
      [] {
        one_node_graph("Reshape", {{"x", float_type({2, 3})},
                                   {"shape", Tensor::from_values<int64_t>({2}, {-1, -1})}});
      },
      ThrowsMessage<InvalidModelError>(HasSubstr("input 'shape' has more than one -1")));
}

TEST(ShapeInference, MatMulBroadcastsBatchesAndChecksInnerDimensions) {
  const Graph graph =
      one_node_graph("MatMul", {{"a", float_type({5, 1, 2, 3})}, {"b", float_type({4, 3, 6})}});
  EXPECT_EQ(graph.type_of("y").shape, (Shape{5, 4, 2, 6}));
  EXPECT_THAT(
      [] {
        one_node_graph("MatMul", {{"a", float_type({2, 3})}, {"b", float_type({4, 6})}});
      },
      ThrowsMessage<InvalidModelError>(
          HasSubstr("inner dimensions of the matrix product differ (3 vs 4)")));
}

// QLinearConv inputs x [1, 2, 4, 4] uint8 and w [3, 2, 1, 1] int8 with these weight parameters.
std::vector<NodeInput> qlinear_conv_inputs(Tensor w_scale, Tensor w_zero) {
  return {{"x", TensorType{DataType::kUint8, {1, 2, 4, 4}}},
          {"x_scale", scalar(0.1f)},
          {"x_zero", scalar<uint8_t>(0)},
          {"w", TensorType{DataType::kInt8, {3, 2, 1, 1}}},
          {"w_scale", std::move(w_scale)},
          {"w_zero", std::move(w_zero)},
          {"y_scale", scalar(0.2f)},
          {"y_zero", scalar<uint8_t>(0)}};
}

TEST(ShapeInference, QLinearConvTakesOneWeightScalePerOutputChannel) {
  const Graph graph = one_node_graph(
      "QLinearConv", qlinear_conv_inputs(Tensor::from_values<float>({3}, {1, 2, 3}),
                                         Tensor::from_values<int8_t>({3}, {0, 0, 0})));
  EXPECT_EQ(to_string(graph.type_of("y")), "uint8 [1,3,4,4]");
  EXPECT_THAT(
      [] {
        one_node_graph("QLinearConv",
                       qlinear_conv_inputs(Tensor::from_values<float>({2}, {1, 2}),
                                           Tensor::from_values<int8_t>({2}, {0, 0})));
      },
      ThrowsMessage<InvalidModelError>(HasSubstr(
          "node 'node' (QLinearConv): input 'w_scale' has 2 elements; expected 1 (per tensor) or "
          "3 (per channel)")));
}

TEST(ShapeInference, ZeroPointTypeMustMatchItsTensor) {
  std::vector<NodeInput> inputs = qlinear_conv_inputs(scalar(1.0f), scalar<int8_t>(0));
  inputs[2] = {"x_zero", scalar<int8_t>(0)};
  EXPECT_THAT([&] { one_node_graph("QLinearConv", inputs); },
              ThrowsMessage<InvalidModelError>(HasSubstr(
                  "input 'x_zero_point' is int8 but 'x' is uint8; they must have the same type")));
}

TEST(ShapeInference, PerRowQLinearMatMulIsUnsupported) {
  EXPECT_THAT(
      [] {
        one_node_graph("QLinearMatMul", {{"a", TensorType{DataType::kUint8, {2, 3}}},
                                         {"a_scale", Tensor::from_values<float>({2}, {1, 2})},
                                         {"a_zero", Tensor::from_values<uint8_t>({2}, {0, 0})},
                                         {"b", TensorType{DataType::kInt8, {3, 1}}},
                                         {"b_scale", scalar(1.0f)},
                                         {"b_zero", scalar<int8_t>(0)},
                                         {"y_scale", scalar(1.0f)},
                                         {"y_zero", scalar<uint8_t>(0)}});
      },
      ThrowsMessage<UnsupportedError>(HasSubstr(
          "node 'node' (QLinearMatMul): input 'a_scale' has 2 elements; only per-tensor")));
}

TEST(ShapeInference, MissingRequiredInputIsNamed) {
  EXPECT_THAT(
      [] {
        one_node_graph("Add", {{"a", float_type({2})}, {"", float_type({})}});
      },
      ThrowsMessage<InvalidModelError>(
          HasSubstr("node 'node' (Add): required input 'B' is missing")));
}

TEST(ShapeInference, ListsTheSupportedOperators) {
  EXPECT_EQ(supported_operators(),
            (std::vector<std::string>{"Add", "Conv", "ConvInteger", "DequantizeLinear", "Flatten",
                                      "Gemm", "MatMul", "MatMulInteger", "MaxPool", "QLinearConv",
                                      "QLinearMatMul", "QuantizeLinear", "Relu", "Reshape"}));
}

}  // namespace
}  // namespace tessera::driver
