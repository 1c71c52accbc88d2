// SysCtrl: the system controller (tessera/hw/sysctrl_regs.h): chip identity, configuration
// discovery for firmware, and the test-exit register that ends a simulation.
//
// Socket: `socket` (RegisterTarget), 32-bit registers. Writing TEST_EXIT asks SimControl to
// finish with the value written as exit code.
// Timing: register accesses take `latency`.
#pragma once

#include <cstdint>

#include "../common/register_target.h"
#include "../common/sim_control.h"

namespace tessera {

struct ChipInfo {
  uint32_t num_harts;
  uint32_t clock_mhz;
  uint32_t timebase_hz;
  uint32_t dram_size;
};

class SysCtrl : public RegisterTarget {
 public:
  SysCtrl(sc_core::sc_module_name name, const ChipInfo& info, SimControl& control,
          sc_core::sc_time latency);

 protected:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;

 private:
  ChipInfo info_;
  SimControl& control_;
};

}  // namespace tessera
