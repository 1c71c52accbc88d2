#include "sysctrl.h"

#include "tessera/hw/memory_map.h"
#include "tessera/hw/sysctrl_regs.h"

namespace tessera {

SysCtrl::SysCtrl(sc_core::sc_module_name name, const ChipInfo& info, SimControl& control,
                 sc_core::sc_time latency)
    : RegisterTarget(name, TESSERA_SYSCTRL_SIZE, latency), info_(info), control_(control) {}

bool SysCtrl::read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time&) {
  if (len != 4) return false;
  switch (offset) {
    case SYSCTRL_CHIP_ID: value = SYSCTRL_CHIP_ID_VALUE; return true;
    case SYSCTRL_VERSION: value = SYSCTRL_VERSION_VALUE; return true;
    case SYSCTRL_NUM_HARTS: value = info_.num_harts; return true;
    case SYSCTRL_CLOCK_MHZ: value = info_.clock_mhz; return true;
    case SYSCTRL_TIMEBASE_HZ: value = info_.timebase_hz; return true;
    case SYSCTRL_DRAM_SIZE: value = info_.dram_size; return true;
    default: return false;
  }
}

bool SysCtrl::write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time&) {
  if (len != 4 || offset != SYSCTRL_TEST_EXIT) return false;
  control_.finish(static_cast<int>(static_cast<uint32_t>(value)),
                        "firmware wrote the test-exit register");
  return true;
}

}  // namespace tessera
