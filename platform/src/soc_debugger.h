// SocDebugger: the chip as GDB sees it (gdb_protocol.h's Target), and the instrumentation
// that stops it (a CoreObserver on every hart).
//
// Every hart is a GDB thread, those held in reset too. When a hart must stop -- before its
// first instruction, at a breakpoint, before an access a watchpoint covers, after a step, on
// Ctrl-C -- the debugger serves GDB right there, inside that hart's SystemC thread. Nothing
// else in the simulation runs meanwhile and simulated time stands still until GDB resumes
// the target: when one hart stops, all have (all-stop mode). When GDB resumes or steps one
// thread only (its step over a breakpoint, scheduler-locking), the others wait before their
// next instruction, a quantum at a time, while simulated time goes on; a step of a hart held
// in reset or asleep in wfi ends at once, where it was.
// Ctrl-C is polled every few thousand instructions, so it cannot interrupt a chip whose harts
// all sleep in wfi; that run ends by itself (no progress) and GDB is told it exited.
#pragma once

#include <optional>
#include <systemc>
#include <vector>

#include "debug_points.h"
#include "gdb_protocol.h"
#include "gdb_server.h"
#include "riscv/core_observer.h"
#include "soc.h"

namespace tessera {

class SocDebugger : private riscv::CoreObserver, private gdb::Target {
 public:
  // Attaches to every hart of `soc` (run it next); GDB is connected to `server`.
  SocDebugger(Soc& soc, gdb::GdbServer& server);
  ~SocDebugger() override;
  SocDebugger(const SocDebugger&) = delete;
  SocDebugger& operator=(const SocDebugger&) = delete;

  // The run ended with `exit_code`: GDB, if it waits for the target, learns it exited.
  void finish(int exit_code);

 private:
  // riscv::CoreObserver
  void before(riscv::Core& core, const riscv::DecodedInsn& d) override;
  void retired(riscv::Core& core, const riscv::DecodedInsn& d) override;
  void trapped(riscv::Core& core, const riscv::Trap& trap, uint32_t epc) override;

  // gdb::Target
  unsigned thread_count() const override;
  std::string thread_description(unsigned thread) const override;
  std::optional<uint32_t> read_register(unsigned thread, unsigned regnum) override;
  bool write_register(unsigned thread, unsigned regnum, uint32_t value) override;
  size_t read_memory(uint32_t addr, uint8_t* data, size_t len) override;
  bool write_memory(uint32_t addr, const uint8_t* data, size_t len) override;
  bool insert_breakpoint(gdb::BreakpointType type, uint32_t addr, uint32_t len) override;
  bool remove_breakpoint(gdb::BreakpointType type, uint32_t addr, uint32_t len) override;
  std::string description_xml() const override;

  // Holds `core` while GDB lets other harts run, watching for Ctrl-C.
  void wait_while_held(riscv::Core& core);
  // Why `core` must stop before `d`, if it must.
  std::optional<gdb::StopEvent> stop_reason(riscv::Core& core, const riscv::DecodedInsn& d);
  // Serves GDB until it resumes the target, then sets the harts up for what it asked.
  void stop(riscv::Core& core, const gdb::StopEvent& event);
  // Serves GDB, reporting `event`, until it resumes the target, or steps a hart that can
  // execute (it reports the steps of the others at once).
  gdb::Resume serve_while_stopped(gdb::StopEvent event);
  // Lets `thread` run (0: every thread) and holds the others.
  void resume_only(unsigned thread);
  // Handles packets until one resumes the target (or GDB hangs up: a detach).
  gdb::Resume serve();
  void detach();
  riscv::Core& core_of(unsigned thread) const;
  static unsigned thread_of(const riscv::Core& core) { return core.hart_id() + 1; }

  Soc& soc_;
  gdb::GdbServer& server_;
  gdb::Protocol protocol_;
  DebugPoints points_;
  bool attached_ = true;
  bool halt_requested_ = true;  // GDB gets control before the first instruction
  std::optional<unsigned> stepping_hart_;
  bool step_done_ = false;
  // Per hart: the pc it resumed at. Its first instruction after resuming must not stop it
  // again at the breakpoint or watchpoint it stopped at.
  std::vector<std::optional<uint32_t>> resumed_at_;
  std::vector<bool> held_;     // per hart: GDB resumed other harts only
  sc_core::sc_event release_;  // held harts may go on
  unsigned until_poll_ = 1;    // instructions until the next look for Ctrl-C
};

}  // namespace tessera
