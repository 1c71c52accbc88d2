#include "ops/matmul.h"

#include "ops/broadcast.h"
#include "ops/checks.h"
#include "tessera/driver/error.h"

namespace tessera::driver::ops {

namespace {

// The operands as stacks of matrices: 1-D a is a row [1, K], 1-D b a column [K, 1].
struct MatrixStacks {
  Shape a, b;
};

MatrixStacks as_matrix_stacks(const Node& node, const Shape& a, const Shape& b) {
  if (a.empty() || b.empty()) {
    throw InvalidModelError(describe(node) + ": matrix multiplication of a scalar (shapes " +
                            to_string(a) + " and " + to_string(b) + ")");
  }
  MatrixStacks stacks{a, b};
  if (a.size() == 1) stacks.a.insert(stacks.a.begin(), 1);
  if (b.size() == 1) stacks.b.push_back(1);
  require_same_dim(node, "the inner dimensions of the matrix product differ", stacks.a.back(),
                   stacks.b[stacks.b.size() - 2]);
  return stacks;
}

Shape batch_shape(const Shape& stack) {
  return Shape(stack.begin(), stack.end() - 2);
}

}  // namespace

Shape matmul_output_shape(const Node& node, const Shape& a, const Shape& b) {
  const MatrixStacks stacks = as_matrix_stacks(node, a, b);
  Shape output = broadcast_shapes(node, batch_shape(stacks.a), batch_shape(stacks.b));
  if (a.size() > 1) output.push_back(stacks.a[stacks.a.size() - 2]);
  if (b.size() > 1) output.push_back(stacks.b.back());
  return output;
}

MatmulLayout matmul_layout(const Node& node, const Shape& a, const Shape& b) {
  const MatrixStacks stacks = as_matrix_stacks(node, a, b);
  MatmulLayout layout;
  layout.rows = stacks.a[stacks.a.size() - 2];
  layout.inner = stacks.a.back();
  layout.columns = stacks.b.back();
  const Shape a_batch = batch_shape(stacks.a), b_batch = batch_shape(stacks.b);
  const Shape batch = broadcast_shapes(node, a_batch, b_batch);
  layout.a_matrices = broadcast_indices(a_batch, batch);
  layout.b_matrices = broadcast_indices(b_batch, batch);
  return layout;
}

}  // namespace tessera::driver::ops
