// The reference evaluator's arithmetic, at the points where ONNX is precise: rounding half to
// even, saturation, per-channel parameters, padding, wrap-around. Whole-operator coverage comes
// from the ONNX node tests (tests/e2e).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "one_node_graph.h"
#include "tessera/driver/backend.h"
#include "tessera/driver/error.h"

namespace tessera::driver {
namespace {

using testing::evaluate;
using ::testing::HasSubstr;
using testing::NodeInput;
using testing::one_node_graph;
using testing::scalar;
using ::testing::ThrowsMessage;

TEST(ReferenceEvaluator, QuantizeLinearRoundsHalfToEvenAndSaturates) {
  const Tensor x = Tensor::from_values<float>({7}, {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 1e3f, -1e3f});
  const Tensor y =
      evaluate("QuantizeLinear", {{"x", x}, {"scale", scalar(1.0f)}, {"zero", scalar<int8_t>(0)}});
  EXPECT_EQ(y, Tensor::from_values<int8_t>({7}, {0, 2, 2, 0, -2, 127, -128}));
}

TEST(ReferenceEvaluator, QuantizeLinearPerAxis) {
  const Tensor y =
      evaluate("QuantizeLinear", {{"x", Tensor::from_values<float>({1, 2, 2}, {1, 2, 3, 4})},
                                  {"scale", Tensor::from_values<float>({2}, {1, 2})},
                                  {"zero", Tensor::from_values<uint8_t>({2}, {0, 10})}});
  EXPECT_EQ(y, Tensor::from_values<uint8_t>({1, 2, 2}, {1, 2, 12, 12}));
}

TEST(ReferenceEvaluator, DequantizeLinearPerAxis) {
  const Tensor y = evaluate("DequantizeLinear",
                            {{"x", Tensor::from_values<int8_t>({2, 2}, {-1, 1, 5, 7})},
                             {"scale", Tensor::from_values<float>({2}, {0.5f, 2})},
                             {"zero", Tensor::from_values<int8_t>({2}, {1, 5})}},
                            {{"axis", int64_t{0}}});
  EXPECT_EQ(y, Tensor::from_values<float>({2, 2}, {-1, 0, 0, 4}));
}

TEST(ReferenceEvaluator, QLinearMatMulRequantizesHalfToEven) {
  // Accumulators 3, 5, -3, 7 times 1 * 0.1 / 0.2: 1.5, 2.5, -1.5, 3.5 round to 2, 2, -2, 4.
  const Tensor y =
      evaluate("QLinearMatMul", {{"a", Tensor::from_values<int8_t>({4, 1}, {3, 5, -3, 7})},
                                 {"a_scale", scalar(1.0f)},
                                 {"a_zero", scalar<int8_t>(0)},
                                 {"b", Tensor::from_values<int8_t>({1, 1}, {10})},
                                 {"b_scale", scalar(0.1f)},
                                 {"b_zero", scalar<int8_t>(9)},
                                 {"y_scale", scalar(0.2f)},
                                 {"y_zero", scalar<int8_t>(0)}});
  EXPECT_EQ(y, Tensor::from_values<int8_t>({4, 1}, {2, 2, -2, 4}));
}

TEST(ReferenceEvaluator, QLinearConvPerChannelWithBias) {
  // Centred x [0, 10]; channel 0: (x * 2 + 4) * 0.125 + 100 = 100.5, 103 -> 100, 103;
  // channel 1: (x * -3 - 2) * 0.25 + 100 = 99.5, 92 -> 100, 92.
  const Tensor y =
      evaluate("QLinearConv", {{"x", Tensor::from_values<uint8_t>({1, 1, 1, 2}, {10, 20})},
                               {"x_scale", scalar(0.5f)},
                               {"x_zero", scalar<uint8_t>(10)},
                               {"w", Tensor::from_values<int8_t>({2, 1, 1, 1}, {2, -3})},
                               {"w_scale", Tensor::from_values<float>({2}, {0.25f, 0.5f})},
                               {"w_zero", Tensor::from_values<int8_t>({2}, {0, 0})},
                               {"y_scale", scalar(1.0f)},
                               {"y_zero", scalar<uint8_t>(100)},
                               {"bias", Tensor::from_values<int32_t>({2}, {4, -2})}});
  EXPECT_EQ(y, Tensor::from_values<uint8_t>({1, 2, 1, 2}, {100, 103, 100, 92}));
}

TEST(ReferenceEvaluator, ConvIntegerPadsWithTheZeroPointPerChannel) {
  const Tensor y = evaluate("ConvInteger",
                            {{"x", Tensor::from_values<uint8_t>({1, 1, 2, 2}, {1, 2, 3, 4})},
                             {"w", Tensor::from_values<uint8_t>({2, 1, 1, 1}, {5, 7})},
                             {"x_zero", scalar<uint8_t>(1)},
                             {"w_zero", Tensor::from_values<uint8_t>({2}, {3, 7})}},
                            {{"pads", std::vector<int64_t>{1, 1, 1, 1}}});
  std::vector<int32_t> expected(32, 0);
  expected[5] = 0, expected[6] = 2, expected[9] = 4, expected[10] = 6;
  EXPECT_EQ(y, Tensor::from_values<int32_t>({1, 2, 4, 4}, expected));
}

TEST(ReferenceEvaluator, GroupedConvolution) {
  const Tensor y = evaluate("Conv",
                            {{"x", Tensor::from_values<float>({1, 2, 1, 2}, {1, 2, 3, 4})},
                             {"w", Tensor::from_values<float>({2, 1, 1, 1}, {10, 100})},
                             {"b", Tensor::from_values<float>({2}, {0.5f, -0.5f})}},
                            {{"group", int64_t{2}}});
  EXPECT_EQ(y, Tensor::from_values<float>({1, 2, 1, 2}, {10.5f, 20.5f, 299.5f, 399.5f}));
}

TEST(ReferenceEvaluator, MaxPoolPaddingNeverWins) {
  const Tensor y =
      evaluate("MaxPool", {{"x", Tensor::from_values<int8_t>({1, 1, 1, 3}, {-5, -1, -7})}},
               {{"kernel_shape", std::vector<int64_t>{1, 2}},
                {"strides", std::vector<int64_t>{1, 2}},
                {"pads", std::vector<int64_t>{0, 1, 0, 1}}});
  EXPECT_EQ(y, Tensor::from_values<int8_t>({1, 1, 1, 2}, {-5, -1}));
}

TEST(ReferenceEvaluator, IntegerAddWrapsAround) {
  const Tensor y = evaluate(
      "Add", {{"a", Tensor::from_values<int8_t>({2}, {100, -100})}, {"b", scalar<int8_t>(100)}});
  EXPECT_EQ(y, Tensor::from_values<int8_t>({2}, {-56, 0}));
}

TEST(ReferenceEvaluator, GemmTransposesScalesAndBroadcastsC) {
  const Tensor y = evaluate("Gemm",
                            {{"a", Tensor::from_values<float>({3, 2}, {1, 4, 2, 5, 3, 6})},
                             {"b", Tensor::from_values<float>({3, 1}, {1, 1, 1})},
                             {"c", Tensor::from_values<float>({1}, {10})}},
                            {{"transA", int64_t{1}}, {"alpha", 2.0f}, {"beta", 0.5f}});
  EXPECT_EQ(y, Tensor::from_values<float>({2, 1}, {17, 35}));
}

TEST(ReferenceEvaluator, MatMulBroadcastsBatches) {
  const Tensor y =
      evaluate("MatMul", {{"a", Tensor::from_values<float>({2, 1, 1, 2}, {1, 2, 3, 4})},
                          {"b", Tensor::from_values<float>({2, 2}, {1, 1, 1, 1})}});
  EXPECT_EQ(y, Tensor::from_values<float>({2, 1, 1, 2}, {3, 3, 7, 7}));
}

TEST(ReferenceEvaluator, ReshapeToAShapeKnownOnlyWhenRunning) {
  const Graph graph =
      one_node_graph("Reshape", {{"data", TensorType{DataType::kFloat32, {kUnknownDim, 4}}},
                                 {"shape", TensorType{DataType::kInt64, {2}}}});
  EXPECT_EQ(graph.type_of("y").shape, (Shape{kUnknownDim, kUnknownDim}));
  const Tensor data = Tensor::from_values<float>({2, 4}, {0, 1, 2, 3, 4, 5, 6, 7});
  const std::vector<Tensor> outputs =
      ReferenceEvaluator(graph).run({data, Tensor::from_values<int64_t>({2}, {4, -1})});
  EXPECT_EQ(outputs.at(0), data.reshaped({4, 2}));
}

TEST(ReferenceEvaluator, RejectsInputsOfTheWrongType) {
  const Graph graph =
      one_node_graph("Relu", {{"x", TensorType{DataType::kFloat32, {kUnknownDim, 2}}}});
  EXPECT_THAT(
      [&] {
        ReferenceEvaluator(graph).run({Tensor::from_values<int32_t>({1, 2}, {1, 2})});
      },
      ThrowsMessage<Error>(HasSubstr("input 'x' must be float32 [?,2], not int32 [1,2]")));
  EXPECT_THAT([&] { ReferenceEvaluator(graph).run({}); },
              ThrowsMessage<Error>(HasSubstr("the model takes 1 inputs, not 0")));
}

TEST(ReferenceEvaluator, RunAllKeepsEveryValue) {
  const Graph graph = one_node_graph("Relu", {{"x", TensorType{DataType::kFloat32, {2}}}});
  const auto values = ReferenceEvaluator(graph).run_all({Tensor::from_values<float>({2}, {-1, 1})});
  EXPECT_EQ(values.at("x"), Tensor::from_values<float>({2}, {-1, 1}));
  EXPECT_EQ(values.at("y"), Tensor::from_values<float>({2}, {0, 1}));
}

TEST(Backend, ReferenceBackendRunsTheEvaluator) {
  const Graph graph = one_node_graph("Relu", {{"x", TensorType{DataType::kFloat32, {1}}}});
  const auto model = make_backend("reference")->load(graph);
  EXPECT_EQ(model->run({Tensor::from_values<float>({1}, {-3})}).at(0),
            Tensor::from_values<float>({1}, {0}));
  EXPECT_THAT([] { make_backend("gpu"); },
              ThrowsMessage<Error>(HasSubstr("unknown backend 'gpu' (known: reference, device)")));
}

}  // namespace
}  // namespace tessera::driver
