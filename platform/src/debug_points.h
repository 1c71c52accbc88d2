// DebugPoints: the breakpoints and watchpoints GDB inserted (Z0-Z4). Breakpoints, software
// and hardware alike, compare the pc before an instruction runs: no ebreak is patched in, so
// memory reads as the firmware wrote it and any address works, ROM included. Watchpoints
// compare the data access an instruction is about to make with their ranges, so the stop
// comes before the access, as GDB expects on RISC-V (it steps over the access itself).
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "gdb_protocol.h"
#include "riscv/memory_access.h"

namespace tessera {

class DebugPoints {
 public:
  bool insert(gdb::BreakpointType type, uint32_t addr, uint32_t len);
  bool remove(gdb::BreakpointType type, uint32_t addr, uint32_t len);
  void clear();

  // kSoftwareBreak or kHardwareBreak if a breakpoint is set at `pc`.
  std::optional<gdb::StopEvent::Reason> breakpoint_at(uint32_t pc) const;
  bool any_watchpoint() const { return !watchpoints_.empty(); }
  // The first watchpoint `access` triggers: the stop reason, and the address it touched.
  struct WatchHit {
    gdb::StopEvent::Reason reason;
    uint32_t address;
  };
  std::optional<WatchHit> watch_hit(const riscv::MemoryAccess& access) const;

 private:
  struct Watchpoint {
    gdb::BreakpointType type;
    uint32_t addr, len;
  };
  std::unordered_set<uint32_t> software_, hardware_;
  std::vector<Watchpoint> watchpoints_;
};

}  // namespace tessera
