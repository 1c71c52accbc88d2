#include "hart.h"

#include "../common/data_access.h"

#include <algorithm>
#include <sstream>

namespace tessera::riscv {

using sc_core::sc_time;

Hart::Hart(sc_core::sc_module_name name, const HartConfig& config, SimControl& control)
    : sc_module(name),
      socket("socket"),
      config_(config),
      control_(control),
      core_(config.core, *this),
      released_(config.start_running) {
  socket.register_invalidate_direct_mem_ptr(this, &Hart::invalidate_direct_mem_ptr);
  SC_HAS_PROCESS(Hart);
  SC_THREAD(thread);
}

void Hart::release() {
  released_ = true;
  wake_.notify(sc_core::SC_ZERO_TIME);
}

void Hart::set_interrupt(Interrupt irq, bool level) {
  core_.set_interrupt(irq, level);
  if (level) wake_.notify(sc_core::SC_ZERO_TIME);
}

void Hart::sleep_until_interrupt() {
  quantum_.sync();
  // An interrupt may have arrived during the sync's wait, before anyone waited on wake_.
  asleep_since_ = sc_core::sc_time_stamp();
  asleep_ = true;
  while (core_.waiting_for_interrupt() && !control_.stop_requested()) sc_core::wait(wake_);
  asleep_ = false;
  core_.add_idle_cycles(cycles_of(sc_core::sc_time_stamp() - asleep_since_));
  trace_sleep();
}

void Hart::trace_sleep() const {
  // A wfi with its interrupt already pending does not sleep: no empty slice.
  if (sc_core::sc_time_stamp() > asleep_since_)
    track_.slice("wfi", asleep_since_, sc_core::sc_time_stamp() - asleep_since_);
}

void Hart::finish_trace() {
  if (!asleep_) return;
  trace_sleep();
  asleep_since_ = sc_core::sc_time_stamp();
}

void Hart::end_of_simulation() {
  finish_trace();
}

void Hart::thread() {
  quantum_.reset();
  while (!released_) sc_core::wait(wake_);
  while (!control_.stop_requested()) {
    if (core_.waiting_for_interrupt()) {
      sleep_until_interrupt();
      continue;
    }
    uint64_t budget = std::max<uint64_t>(1, cycles_of(quantum_.remaining()));
    if (config_.max_instructions) {
      if (core_.instret() >= config_.max_instructions) {
        std::ostringstream why;
        why << "instruction limit of " << config_.max_instructions << " reached";
        control_.stop_at_limit(why.str());
        break;
      }
      budget = std::min(budget, config_.max_instructions - core_.instret());
    }
    batch_synced_cycles_ = 0;
    const uint64_t used = core_.run(budget);
    quantum_.inc(config_.clock_period * static_cast<double>(used - batch_synced_cycles_));
    if (quantum_.need_sync()) {
      quantum_.sync();
      control_.poll_wall_clock();
    }
  }
}

bool Hart::transport(bool write, uint32_t addr, void* data, unsigned len, uint64_t offset_cycles,
                     uint64_t& latency_cycles) {
  tlm::tlm_generic_payload& p = payload_;
  set_data_access(p, write, addr, data, len);
  sc_time issued = quantum_.get_local_time() +
                   config_.clock_period * static_cast<double>(offset_cycles - batch_synced_cycles_);
  if (config_.sync_on_mmio) {
    sc_core::wait(issued);
    quantum_.reset();
    batch_synced_cycles_ = offset_cycles;
    issued = sc_core::SC_ZERO_TIME;
  }
  sc_time delay = issued;
  socket->b_transport(p, delay);
  latency_cycles += cycles_of(delay - issued);
  if (control_.stop_requested()) core_.end_batch();
  return p.is_response_ok();
}

DmiGrant Hart::request_dmi(uint32_t addr, bool write) {
  if (!config_.dmi) return {};
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(addr);
  tlm::tlm_dmi dmi;
  if (!socket->get_direct_mem_ptr(p, dmi)) return {};
  if (write ? !dmi.is_write_allowed() : !dmi.is_read_allowed()) return {};
  const uint64_t start = dmi.get_start_address(), end = dmi.get_end_address();
  if (start > 0xffffffffull || end < start) return {};
  const uint64_t size = std::min<uint64_t>(end - start + 1, 0x100000000ull - start);
  return {static_cast<uint32_t>(start),
          static_cast<uint32_t>(std::min<uint64_t>(size, 0xffffffffu)), dmi.get_dmi_ptr(),
          dmi.is_write_allowed()};
}

sc_time Hart::time_at(uint64_t offset_cycles) const {
  return quantum_.get_current_time() +
         config_.clock_period * static_cast<double>(offset_cycles - batch_synced_cycles_);
}

uint64_t Hart::read_time(uint64_t offset_cycles) {
  return config_.mtime ? config_.mtime(time_at(offset_cycles)) : 0;
}

void Hart::trace_marker(bool begin, uint32_t name_address, uint64_t offset_cycles) {
  if (!track_.enabled()) return;
  const sc_time at = time_at(offset_cycles);
  if (begin) {
    open_markers_.emplace_back(read_text(name_address), at);
  } else if (!open_markers_.empty()) {
    const auto& [name, start] = open_markers_.back();
    track_.slice(name, start, at - start);
    open_markers_.pop_back();
  }
}

std::string Hart::read_text(uint32_t address) {
  constexpr size_t kMaxBytes = 63;
  std::string text;
  tlm::tlm_generic_payload p;
  char c = 0;
  while (text.size() < kMaxBytes) {
    set_data_access(p, false, address + text.size(), &c, 1);
    if (socket->transport_dbg(p) != 1 || c == 0) break;
    text += c;
  }
  return text;
}

void Hart::invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end) {
  core_.invalidate_dmi(static_cast<uint32_t>(std::min<sc_dt::uint64>(start, 0xffffffffu)),
                       static_cast<uint32_t>(std::min<sc_dt::uint64>(end, 0xffffffffu)));
}

}  // namespace tessera::riscv
