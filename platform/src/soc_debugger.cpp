#include "soc_debugger.h"

#include "gdb_riscv.h"
#include "riscv/core.h"
#include "riscv/memory_access.h"

namespace tessera {

using gdb::Resume;
using gdb::StopEvent;
using riscv::Core;

namespace {

// A poll costs a system call; a few thousand instructions take microseconds.
constexpr unsigned kInstructionsPerPoll = 1u << 14;

}  // namespace

SocDebugger::SocDebugger(Soc& soc, gdb::GdbServer& server)
    : soc_(soc),
      server_(server),
      protocol_(*this),
      resumed_at_(soc.harts().size()),
      held_(soc.harts().size()) {
  for (const auto& hart : soc_.harts()) hart->core().add_observer(this);
}

SocDebugger::~SocDebugger() {
  detach();
}

void SocDebugger::detach() {
  if (!attached_) return;
  attached_ = false;
  held_.assign(held_.size(), false);
  release_.notify(sc_core::SC_ZERO_TIME);
  for (const auto& hart : soc_.harts()) hart->core().remove_observer(this);
}

void SocDebugger::finish(int exit_code) {
  if (!attached_) return;
  if (auto reply = protocol_.exited(exit_code)) server_.send(*reply);
  detach();
}

Core& SocDebugger::core_of(unsigned thread) const {
  return soc_.harts().at(thread - 1)->core();
}

// ---- stopping ----

void SocDebugger::before(Core& core, const riscv::DecodedInsn& d) {
  wait_while_held(core);
  if (std::optional<StopEvent> event = stop_reason(core, d)) {
    stop(core, *event);
    wait_while_held(core);  // GDB resumed other harts only
  }
}

void SocDebugger::wait_while_held(Core& core) {
  // The core is between instructions: yielding to SystemC here is safe.
  const sc_core::sc_time slice = tlm::tlm_global_quantum::instance().get();
  while (held_[core.hart_id()]) {
    sc_core::wait(slice, release_);
    if (held_[core.hart_id()] && server_.interrupted())
      stop(core, StopEvent{thread_of(core), gdb::kSigInt});
  }
}

std::optional<StopEvent> SocDebugger::stop_reason(Core& core, const riscv::DecodedInsn& d) {
  const unsigned hart = core.hart_id();
  const unsigned thread = thread_of(core);
  if (stepping_hart_ == hart && step_done_) return StopEvent{thread};
  if (halt_requested_) return StopEvent{thread};
  if (--until_poll_ == 0) {
    until_poll_ = kInstructionsPerPoll;
    if (server_.interrupted()) return StopEvent{thread, gdb::kSigInt};
    if (!server_.connected()) {
      detach();  // GDB went away: the firmware runs on
      return std::nullopt;
    }
  }
  const std::optional<uint32_t> resumed_at = resumed_at_[hart];
  resumed_at_[hart].reset();
  if (resumed_at == d.pc) return std::nullopt;
  if (auto reason = points_.breakpoint_at(d.pc)) return StopEvent{thread, gdb::kSigTrap, *reason};
  if (points_.any_watchpoint()) {
    if (auto hit = points_.watch_hit(riscv::memory_access(core, d)))
      return StopEvent{thread, gdb::kSigTrap, hit->reason, hit->address};
  }
  return std::nullopt;
}

void SocDebugger::retired(Core& core, const riscv::DecodedInsn&) {
  if (stepping_hart_ == core.hart_id()) step_done_ = true;
}

void SocDebugger::trapped(Core& core, const riscv::Trap&, uint32_t) {
  if (stepping_hart_ == core.hart_id()) step_done_ = true;  // a step into the trap handler
}

void SocDebugger::stop(Core& core, const StopEvent& event) {
  halt_requested_ = false;
  stepping_hart_.reset();
  const Resume resume = serve_while_stopped(event);
  // The instruction it stopped at must not stop it again.
  resumed_at_[core.hart_id()] = core.pc();
  switch (resume.kind) {
    case Resume::Kind::kStep:  // in the hart's own thread, the others held meanwhile
      stepping_hart_ = resume.thread - 1;
      step_done_ = false;
      resumed_at_[*stepping_hart_] = core_of(resume.thread).pc();
      resume_only(resume.thread);
      break;
    case Resume::Kind::kContinue:
      resume_only(resume.thread);
      break;
    case Resume::Kind::kDetach:
      points_.clear();
      detach();
      break;
    case Resume::Kind::kKill:
      soc_.control().stop_at_limit("killed by the debugger");
      core.end_batch();
      detach();
      break;
  }
}

Resume SocDebugger::serve_while_stopped(StopEvent event) {
  for (;;) {
    if (auto reply = protocol_.stopped(event)) server_.send(*reply);
    const Resume resume = serve();
    const riscv::Hart* hart =
        resume.kind == Resume::Kind::kStep ? soc_.harts().at(resume.thread - 1).get() : nullptr;
    if (!hart || (hart->running() && !hart->core().waiting_for_interrupt())) return resume;
    event = StopEvent{resume.thread};  // held in reset or asleep in wfi: the step is over
  }
}

void SocDebugger::resume_only(unsigned thread) {
  for (unsigned h = 0; h < held_.size(); ++h) held_[h] = thread != 0 && thread != h + 1;
  release_.notify(sc_core::SC_ZERO_TIME);
}

Resume SocDebugger::serve() {
  while (std::optional<std::string> packet = server_.receive()) {
    const gdb::Protocol::Outcome outcome = protocol_.handle(*packet);
    if (outcome.reply) server_.send(*outcome.reply);
    server_.set_ack_mode(protocol_.ack_mode());
    if (outcome.resume) return *outcome.resume;
  }
  return Resume{Resume::Kind::kDetach};  // GDB hung up
}

// ---- gdb::Target ----

unsigned SocDebugger::thread_count() const {
  return static_cast<unsigned>(soc_.harts().size());
}

std::string SocDebugger::thread_description(unsigned thread) const {
  const riscv::Hart& hart = *soc_.harts().at(thread - 1);
  const std::string name = "hart " + std::to_string(thread - 1);
  if (!hart.running()) return name + ", held in reset";
  if (hart.core().waiting_for_interrupt()) return name + ", in wfi";
  return name;
}

std::optional<uint32_t> SocDebugger::read_register(unsigned thread, unsigned regnum) {
  Core& core = core_of(thread);
  if (regnum < gdb::riscv32::kPc) return core.reg(regnum);
  if (regnum == gdb::riscv32::kPc) return core.pc();
  if (regnum < gdb::riscv32::kFirstCsr) return std::nullopt;
  try {
    return core.csr_read(regnum - gdb::riscv32::kFirstCsr);
  } catch (const riscv::Trap&) {  // not a CSR the core has
    return std::nullopt;
  }
}

bool SocDebugger::write_register(unsigned thread, unsigned regnum, uint32_t value) {
  Core& core = core_of(thread);
  if (regnum < gdb::riscv32::kPc) {
    core.set_reg(regnum, value);
    return true;
  }
  if (regnum == gdb::riscv32::kPc) {
    core.set_pc(value);
    return true;
  }
  if (regnum < gdb::riscv32::kFirstCsr) return false;
  try {
    core.csr_write(regnum - gdb::riscv32::kFirstCsr, value);
    return true;
  } catch (const riscv::Trap&) {  // missing or read-only
    return false;
  }
}

size_t SocDebugger::read_memory(uint32_t addr, uint8_t* data, size_t len) {
  if (soc_.read_memory(addr, data, static_cast<uint32_t>(len))) return len;
  // Part of the range is unmapped: the bytes up to the first hole.
  size_t n = 0;
  while (n < len && soc_.read_memory(addr + static_cast<uint32_t>(n), data + n, 1)) ++n;
  return n;
}

bool SocDebugger::write_memory(uint32_t addr, const uint8_t* data, size_t len) {
  return soc_.write_memory(addr, data, static_cast<uint32_t>(len));
}

bool SocDebugger::insert_breakpoint(gdb::BreakpointType type, uint32_t addr, uint32_t len) {
  return points_.insert(type, addr, len);
}

bool SocDebugger::remove_breakpoint(gdb::BreakpointType type, uint32_t addr, uint32_t len) {
  return points_.remove(type, addr, len);
}

std::string SocDebugger::description_xml() const {
  return gdb::riscv32::target_xml();
}

}  // namespace tessera
