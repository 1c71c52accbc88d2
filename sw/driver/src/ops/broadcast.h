// Multidirectional (numpy) broadcasting, as Add and MatMul's batch dimensions use it.
#pragma once

#include <cstdint>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver::ops {

// The broadcast shape of a and b; InvalidModelError naming the node when they do not broadcast.
Shape broadcast_shapes(const Node& node, const Shape& a, const Shape& b);

// For each element of `output` (row-major), the index of the element of `input` it reads when
// `input` is broadcast to `output`. Both shapes are known.
std::vector<int64_t> broadcast_indices(const Shape& input, const Shape& output);

}  // namespace tessera::driver::ops
