// CoreObserver: instrumentation of a Core, one instruction at a time: the instruction trace
// (commit_log.h) and the debugger (platform/src/soc_debugger.h).
//
// A core with no observer runs its fast loop, which pays nothing for this. Once one is
// attached (Core::add_observer), the core runs an instrumented copy of the loop, from its
// next batch, that calls the hooks below. For each core they come in order: before,
// executing, then retired or trapped. An observer of several cores may see their hooks
// interleave: a hart that syncs with SystemC for an MMIO access lets the others run before
// its instruction retires.
#pragma once

#include <cstdint>

#include "decoded_insn.h"
#include "trap.h"

namespace tessera::riscv {

class Core;

class CoreObserver {
 public:
  virtual ~CoreObserver() = default;

  // `d` is next, at core.pc(). An observer may stop here (a debugger waits for its user) and
  // change anything: registers, memory, the pc. If the pc changed, the core starts over at
  // the new one; if the code at the pc changed, it decodes it again.
  virtual void before(Core& /*core*/, const DecodedInsn& /*d*/) {}
  // `d` executes now, with the registers as they are: capture what it reads.
  virtual void executing(Core& /*core*/, const DecodedInsn& /*d*/) {}
  // `d` retired: its results are in the registers, memory and CSRs.
  virtual void retired(Core& /*core*/, const DecodedInsn& /*d*/) {}
  // The core takes a trap at `epc`: an exception instead of retiring the instruction there,
  // or an interrupt before it. Called before the core's trap CSRs change.
  virtual void trapped(Core& /*core*/, const Trap& /*trap*/, uint32_t /*epc*/) {}
};

}  // namespace tessera::riscv
