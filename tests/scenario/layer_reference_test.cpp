#include "layer_reference.h"

#include <gtest/gtest.h>

namespace tessera {
namespace {

constexpr Requantization kIdentity{1 << 30, 30};  // sum * 2^30 / 2^30

TEST(LayerReference, GemmSumsRowsByColumns) {
  const Layer gemm{"g", GemmShape{2, 2, 3}};
  // A = [[1, 2, 3], [-1, 0, 4]], B = [[1, 0], [0, 1], [2, -2]]
  const std::vector<int8_t> a{1, 2, 3, -1, 0, 4}, b{1, 0, 0, 1, 2, -2};
  EXPECT_EQ(layer_reference(gemm, a, b, kIdentity), (std::vector<int8_t>{7, -4, 7, -8}));
}

TEST(LayerReference, RequantizationRoundsHalfToEvenAndSaturates) {
  const Layer gemm{"g", GemmShape{1, 4, 1}};
  const std::vector<int8_t> a{1}, b{5, 7, 127, -128};
  // Each sum over 2: 2.5 -> 2, 3.5 -> 4; then x4 saturates.
  EXPECT_EQ(layer_reference(gemm, a, b, {1 << 30, 31}), (std::vector<int8_t>{2, 4, 64, -64}));
  EXPECT_EQ(layer_reference(gemm, a, b, {1 << 30, 28}), (std::vector<int8_t>{20, 28, 127, -128}));
}

TEST(LayerReference, ConvolutionPadsWithZerosAndStrides) {
  // A 3x3 single-channel image, a 3x3 kernel of ones, padding 1, stride 2: the four corners'
  // windows, each summing the 2x2 block of the image it overlaps.
  const Layer conv{"c", ConvShape{3, 3, 1, 1, 3, 2, 1}};
  const std::vector<int8_t> image{1, 2, 3, 4, 5, 6, 7, 8, 9}, ones(9, 1);
  EXPECT_EQ(layer_reference(conv, image, ones, kIdentity),
            (std::vector<int8_t>{1 + 2 + 4 + 5, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9}));
}

TEST(LayerReference, ConvolutionWeightsAreHwio) {
  // 1x1 image of 2 channels, 1x1 kernel, 2 output channels: out[co] = sum_ci in[ci] W[ci][co].
  const Layer conv{"c", ConvShape{1, 1, 2, 2, 1, 1, 0}};
  EXPECT_EQ(layer_reference(conv, {3, 5}, {1, 2, 10, 20}, kIdentity),
            (std::vector<int8_t>{3 + 50, 6 + 100}));
}

}  // namespace
}  // namespace tessera
