// Clint: the core-local interruptor, SiFive-compatible layout (tessera/hw/clint_regs.h).
//
// Socket: `socket` (RegisterTarget). Registers: msip per hart (bit 0 drives the hart's MSIP),
// mtimecmp per hart (MTIP is high while mtime >= mtimecmp), mtime (64-bit, writable).
// Time: mtime counts simulated time in ticks of `tick` (the timebase), read at the
// initiator's decoupled local time, so a core sees time advance inside its quantum.
// Timing: register accesses take `latency`; MTIP rises exactly at the tick mtimecmp names.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "../common/register_target.h"

namespace tessera {

class Clint : public RegisterTarget {
 public:
  using IrqLine = std::function<void(bool level)>;
  struct HartLines {
    IrqLine software, timer;
  };

  Clint(sc_core::sc_module_name name, std::vector<HartLines> harts, sc_core::sc_time tick,
        sc_core::sc_time latency);

  uint64_t mtime_at(const sc_core::sc_time& t) const;

 protected:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;

 private:
  struct Timer {
    uint64_t mtimecmp = ~0ull;
    bool pending = false;
    sc_core::sc_event expiry;
  };
  void update_timer(unsigned hart, const sc_core::sc_time& now);
  void on_expiry(unsigned hart);

  std::vector<HartLines> lines_;
  std::vector<uint32_t> msip_;
  std::vector<Timer> timers_;
  sc_core::sc_time tick_;
  uint64_t mtime_offset_ = 0;  // firmware writes to mtime: mtime - ticks, modulo 2^64
};

}  // namespace tessera
