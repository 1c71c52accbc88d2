// The blocks' own configuration structs, filled from the one PlatformConfig: the SoC and the
// stand-alone programs (tessera-noc) build the same blocks from the same keys.
#pragma once

#include "config.h"
#include "dram/dram.h"
#include "noc/mesh_network.h"
#include "sram/scratchpad.h"

namespace tessera {

sc_core::sc_time clock_period(const PlatformConfig& config);
NocConfig noc_config(const PlatformConfig& config);
DramConfig dram_config(const PlatformConfig& config);
ScratchpadConfig scratchpad_config(const PlatformConfig& config);

}  // namespace tessera
