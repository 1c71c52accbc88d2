// The default transport: the virtual platform (platform/src/device.h) in this process.
#pragma once

#include <memory>

#include "tessera/driver/device.h"
#include "transport.h"

namespace tessera::driver::detail {

// Builds the chip the options describe. kInvalidValue for a bad configuration, kAlreadyOpen
// if this process already had a device.
Status open_in_process(const DeviceOptions& options, std::unique_ptr<Transport>* transport);

}  // namespace tessera::driver::detail
