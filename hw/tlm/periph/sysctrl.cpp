#include "sysctrl.h"

#include "tessera/hw/memory_map.h"
#include "tessera/hw/sysctrl_regs.h"

namespace tessera {

SysCtrl::SysCtrl(sc_core::sc_module_name name, const ChipInfo& info, SysCtrlLines lines,
                 SimControl& control, sc_core::sc_time latency)
    : RegisterTarget(name, TESSERA_SYSCTRL_SIZE, latency),
      info_(info),
      lines_(std::move(lines)),
      control_(control) {}

bool SysCtrl::read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time&) {
  if (len != 4) return false;
  switch (offset) {
    case SYSCTRL_CHIP_ID:
      value = SYSCTRL_CHIP_ID_VALUE;
      return true;
    case SYSCTRL_VERSION:
      value = SYSCTRL_VERSION_VALUE;
      return true;
    case SYSCTRL_NUM_HARTS:
      value = info_.num_harts;
      return true;
    case SYSCTRL_CLOCK_MHZ:
      value = info_.clock_mhz;
      return true;
    case SYSCTRL_TIMEBASE_HZ:
      value = info_.timebase_hz;
      return true;
    case SYSCTRL_DRAM_SIZE:
      value = info_.dram_size;
      return true;
    case SYSCTRL_NUM_TILES:
      value = info_.mesh_x * info_.mesh_y;
      return true;
    case SYSCTRL_MESH_X:
      value = info_.mesh_x;
      return true;
    case SYSCTRL_MESH_Y:
      value = info_.mesh_y;
      return true;
    case SYSCTRL_SRAM_BYTES:
      value = info_.sram_bytes;
      return true;
    case SYSCTRL_SRAM_BANKS:
      value = info_.sram_banks;
      return true;
    case SYSCTRL_DRAM_CHANNELS:
      value = info_.dram_channels;
      return true;
    case SYSCTRL_TEST_IRQ:
      value = test_irq_;
      return true;
    case SYSCTRL_HART_RUNNING:
      value = 0;
      for (unsigned h = 0; h < info_.num_harts && h < 32; ++h)
        if (lines_.hart_running && lines_.hart_running(h)) value |= 1u << h;
      return true;
    default:
      return false;
  }
}

bool SysCtrl::write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time&) {
  if (len != 4) return false;
  const uint32_t v = static_cast<uint32_t>(value);
  switch (offset) {
    case SYSCTRL_TEST_EXIT:
      control_.finish(static_cast<int>(v), "firmware wrote the test-exit register");
      return true;
    case SYSCTRL_HART_RELEASE:
      if (v >= info_.num_harts) return false;  // a bus error tells firmware the id is wrong
      if (lines_.release_hart) lines_.release_hart(v);
      return true;
    case SYSCTRL_TEST_IRQ:
      test_irq_ = v & 1;
      if (lines_.test_irq) lines_.test_irq(test_irq_ != 0);
      return true;
    default:
      return false;
  }
}

}  // namespace tessera
