// SysCtrl: the system controller (tessera/hw/sysctrl_regs.h): chip identity, configuration
// discovery for firmware, hart release, a test interrupt line, and the test-exit register.
//
// Socket: `socket` (RegisterTarget), 32-bit registers. Writing TEST_EXIT asks SimControl to
// finish with the value written as exit code; HART_RELEASE calls `release_hart`; TEST_IRQ
// drives `test_irq`.
// Timing: register accesses take `latency`.
#pragma once

#include <cstdint>
#include <functional>

#include "../common/register_target.h"
#include "../common/sim_control.h"

namespace tessera {

struct ChipInfo {
  uint32_t num_harts;
  uint32_t clock_mhz;
  uint32_t timebase_hz;
  uint32_t dram_size;
  uint32_t mesh_x, mesh_y;
  uint32_t sram_bytes, sram_banks;
  uint32_t dram_channels;
};

struct SysCtrlLines {
  std::function<void(unsigned hart)> release_hart;
  std::function<bool(unsigned hart)> hart_running;
  std::function<void(bool level)> test_irq;
};

class SysCtrl : public RegisterTarget {
 public:
  SysCtrl(sc_core::sc_module_name name, const ChipInfo& info, SysCtrlLines lines,
          SimControl& control, sc_core::sc_time latency);

 protected:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;

 private:
  ChipInfo info_;
  SysCtrlLines lines_;
  SimControl& control_;
  uint32_t test_irq_ = 0;
};

}  // namespace tessera
