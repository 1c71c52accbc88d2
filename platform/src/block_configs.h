// The blocks' own configuration structs, filled from the one PlatformConfig: the SoC and the
// stand-alone programs (tessera-noc) build the same blocks from the same keys.
#pragma once

#include "config.h"
#include "dma/dma.h"
#include "dram/dram.h"
#include "mxu/mxu.h"
#include "noc/mesh_network.h"
#include "sram/scratchpad.h"
#include "vpu/vpu.h"

namespace tessera {

sc_core::sc_time clock_period(const PlatformConfig& config);
NocConfig noc_config(const PlatformConfig& config);
DramConfig dram_config(const PlatformConfig& config);
ScratchpadConfig scratchpad_config(const PlatformConfig& config);
// A tile's engines; the MXU and VPU work on the scratchpad at `scratchpad` (global addresses).
MxuConfig mxu_config(const PlatformConfig& config, ScratchpadEngine::Window scratchpad);
VpuConfig vpu_config(const PlatformConfig& config, ScratchpadEngine::Window scratchpad);
DmaConfig dma_config(const PlatformConfig& config);

}  // namespace tessera
