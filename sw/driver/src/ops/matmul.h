// numpy.matmul semantics, shared by MatMul, MatMulInteger and QLinearMatMul: 1-D operands are
// promoted to matrices, leading (batch) dimensions broadcast.
#pragma once

#include <cstdint>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver::ops {

// The output shape of a @ b (dimensions may be unknown); InvalidModelError naming the node when
// the inner dimensions differ or the batch dimensions do not broadcast.
Shape matmul_output_shape(const Node& node, const Shape& a, const Shape& b);

// How a @ b with known shapes walks its operands.
struct MatmulLayout {
  int64_t rows = 0, inner = 0, columns = 0;
  std::vector<int64_t> a_matrices;  // per output matrix, the index of the matrix of a it uses
  std::vector<int64_t> b_matrices;  // and of b
};
MatmulLayout matmul_layout(const Node& node, const Shape& a, const Shape& b);

template <class Value, class Accumulator>
std::vector<Accumulator> matmul(const MatmulLayout& layout, const std::vector<Value>& a,
                                const std::vector<Value>& b) {
  const int64_t rows = layout.rows, inner = layout.inner, columns = layout.columns;
  std::vector<Accumulator> out(layout.a_matrices.size() * rows * columns);
  for (size_t matrix = 0; matrix < layout.a_matrices.size(); ++matrix) {
    const Value* a_matrix = a.data() + layout.a_matrices[matrix] * rows * inner;
    const Value* b_matrix = b.data() + layout.b_matrices[matrix] * inner * columns;
    Accumulator* result = out.data() + matrix * rows * columns;
    for (int64_t i = 0; i < rows; ++i) {
      for (int64_t j = 0; j < columns; ++j) {
        Accumulator sum{};
        for (int64_t k = 0; k < inner; ++k) {
          sum += static_cast<Accumulator>(a_matrix[i * inner + k]) * b_matrix[k * columns + j];
        }
        result[i * columns + j] = sum;
      }
    }
  }
  return out;
}

}  // namespace tessera::driver::ops
