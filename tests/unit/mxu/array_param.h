// An MXU array as a test parameter: its size, dataflow and weight buffering, with a name for
// the test and the platform configuration that builds it.
#pragma once

#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "config.h"

namespace tessera::testing {

struct Array {
  unsigned rows, cols;
  mxu::Dataflow dataflow;
  bool double_buffer;

  std::string name() const {
    return std::to_string(rows) + "x" + std::to_string(cols) +
           (dataflow == mxu::Dataflow::kWeightStationary ? "WeightStationary"
                                                         : "OutputStationary") +
           (double_buffer ? "" : "SingleBuffered");
  }
  PlatformConfig platform() const {
    PlatformConfig p;
    p.mxu.rows = rows;
    p.mxu.cols = cols;
    p.mxu.dataflow = dataflow;
    p.mxu.double_buffer_weights = double_buffer;
    return p;
  }
};

inline void PrintTo(const Array& array, std::ostream* out) {
  *out << array.name();
}

inline std::string array_name(const ::testing::TestParamInfo<Array>& info) {
  return info.param.name();
}

// 8x8, 16x16 and 32x32 in both dataflows, and 16x16 single-buffered in both.
inline auto every_array() {
  using mxu::Dataflow;
  return ::testing::Values(Array{8, 8, Dataflow::kWeightStationary, true},
                           Array{8, 8, Dataflow::kOutputStationary, true},
                           Array{16, 16, Dataflow::kWeightStationary, true},
                           Array{16, 16, Dataflow::kOutputStationary, true},
                           Array{32, 32, Dataflow::kWeightStationary, true},
                           Array{32, 32, Dataflow::kOutputStationary, true},
                           Array{16, 16, Dataflow::kWeightStationary, false},
                           Array{16, 16, Dataflow::kOutputStationary, false});
}

}  // namespace tessera::testing
