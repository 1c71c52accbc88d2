// DevicePtr: an address in device memory, as Device::malloc returns it.
#pragma once

#include <cstdint>

namespace tessera::driver {

using DevicePtr = uint64_t;

}  // namespace tessera::driver
