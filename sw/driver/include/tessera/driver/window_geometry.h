// The sliding-window arithmetic of Conv, ConvInteger, QLinearConv and MaxPool: the ONNX rules
// that turn kernel_shape, strides, dilations, pads and auto_pad into explicit pads and an output
// size. Shape inference, the reference evaluator and the model compiler all use it.
#pragma once

#include <cstdint>
#include <vector>

#include "tessera/driver/graph.h"

namespace tessera::driver {

// Per spatial axis (the input's axes after batch and channel).
struct WindowGeometry {
  std::vector<int64_t> input;  // may hold kUnknownDim
  std::vector<int64_t> kernel;
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pads_begin;  // kUnknownDim where auto_pad needs an unknown input size
  std::vector<int64_t> pads_end;
  std::vector<int64_t> output;  // kUnknownDim where the input size is unknown

  size_t spatial_rank() const { return kernel.size(); }
};

// Resolves the node's window attributes for an input of spatial size `input` and a kernel of
// size `kernel`. `ceil_mode` is MaxPool's. Throws InvalidModelError naming the node and the
// attribute for attributes of the wrong length or value, or a window larger than the input.
WindowGeometry resolve_window_geometry(const Node& node, const std::vector<int64_t>& input,
                                       const std::vector<int64_t>& kernel, bool ceil_mode);

}  // namespace tessera::driver
