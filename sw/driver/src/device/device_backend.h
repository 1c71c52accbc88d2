// The "device" backend: the model compiler that lowers the graph's quantized nodes to the
// firmware's model ops (GEMM_I8, CONV_I8, MAXPOOL_8) and runs them on the virtual platform
// through the driver runtime; every other node runs on the host (docs/models.md, "The device
// backend").
#pragma once

#include <memory>

#include "tessera/driver/backend.h"

namespace tessera::driver {

std::unique_ptr<Backend> make_device_backend(const BackendOptions& options);

}  // namespace tessera::driver
