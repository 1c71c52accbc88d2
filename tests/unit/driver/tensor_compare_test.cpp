#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "tessera/driver/tensor_compare.h"

namespace tessera::driver {
namespace {

using ::testing::HasSubstr;

TEST(TensorCompare, FloatsWithinToleranceMatch) {
  const Tensor expected = Tensor::from_values<float>({3}, {1.0f, 100.0f, NAN});
  const Tensor close = Tensor::from_values<float>({3}, {1.0005f, 100.09f, NAN});
  EXPECT_EQ(describe_mismatch(expected, close, kOnnxTestTolerance), "");
  EXPECT_THAT(describe_mismatch(expected, close, Tolerance{}),
              HasSubstr("2 of 3 elements differ\n  element 0: expected 1, got 1.0005"));
}

TEST(TensorCompare, IntegersMustBeEqualAndPrintAsNumbers) {
  const Tensor expected = Tensor::from_values<uint8_t>({2}, {65, 66});
  const Tensor actual = Tensor::from_values<uint8_t>({2}, {65, 67});
  EXPECT_EQ(describe_mismatch(expected, actual, Tolerance{1, 1}),
            "1 of 2 elements differ\n  element 1: expected 66, got 67");
}

TEST(TensorCompare, TypeAndShapeMustMatch) {
  EXPECT_EQ(describe_mismatch(Tensor::from_values<float>({2}, {1, 2}),
                              Tensor::from_values<int32_t>({1, 2}, {1, 2}), kOnnxTestTolerance),
            "expected float32 [2], got int32 [1,2]");
}

}  // namespace
}  // namespace tessera::driver
