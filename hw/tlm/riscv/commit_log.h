// CommitLog: the instruction trace, one line per retired instruction in the format of Spike's
// commit log (spike --log-commits), so that a trace of the VP and one of Spike can be diffed:
//
//   core   0: 3 0x80000000 (0x00000297) x5  0x80000000
//   core   0: 3 0x80000004 (0x00a12023) mem 0x80001000 0x00000005
//   core   0: 3 0x80000008 (0x4108) x10 0x00000005 mem 0x80001000
//   core   0: exception trap_machine_ecall, epc 0x8000000a
//
// Fields: hart, privilege (3: machine), pc, instruction bits (4 hex digits when compressed),
// then what it did: the register it wrote (x0 never shows), a CSR it wrote (c768_mstatus), the
// address it loaded from (mem ADDR) and the address and value it stored (mem ADDR VALUE, as
// wide as the store). A trap is its own line (two with its mtval), as Spike prints them.
// With `disassembly` each instruction line also ends in its disassembly (disasm.h) after a
// '#', from column 64: `sed 's/ *#.*//'` gives back the Spike format.
//
// One CommitLog serves any number of cores (attach it to each); their lines interleave in
// simulation order. docs/debugging.md has the details and the differences from Spike.
#pragma once

#include <cstdint>
#include <limits>
#include <ostream>
#include <vector>

#include "core_observer.h"
#include "memory_access.h"

namespace tessera::riscv {

// Which instructions to trace: those whose index (the count of instructions its hart retired
// before it) is in [from, to) and whose pc is in [pc_start, pc_end).
struct TraceWindow {
  uint64_t from = 0;
  uint64_t to = std::numeric_limits<uint64_t>::max();
  uint64_t pc_start = 0;
  uint64_t pc_end = uint64_t{1} << 32;

  bool contains(uint64_t index, uint32_t pc) const {
    return index >= from && index < to && pc >= pc_start && pc < pc_end;
  }
};

class CommitLog : public CoreObserver {
 public:
  CommitLog(std::ostream& out, const TraceWindow& window, bool disassembly);

  void executing(Core& core, const DecodedInsn& d) override;
  void retired(Core& core, const DecodedInsn& d) override;
  void trapped(Core& core, const Trap& trap, uint32_t epc) override;

 private:
  // A hart's executing instruction, as captured before it ran.
  struct Pending {
    bool traced = false;
    MemoryAccess access;
    uint32_t store_operand = 0;
  };
  // One per hart: a hart that syncs with SystemC for an MMIO access lets others run before
  // its instruction retires.
  Pending& pending(const Core& core);

  std::ostream& out_;
  TraceWindow window_;
  bool disassembly_;
  std::vector<Pending> pending_;
};

}  // namespace tessera::riscv
