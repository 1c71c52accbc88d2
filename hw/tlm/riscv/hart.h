// Hart: one RISC-V hardware thread as a SystemC module. It runs a Core (core.h) in an
// SC_THREAD under temporal decoupling and is a TLM-2.0 initiator.
//
// Socket: `socket` (simple_initiator_socket, 32-bit addresses, little-endian data) issues
// b_transport for non-DMI accesses, get_direct_mem_ptr for DMI, and takes
// invalidate_direct_mem_ptr back.
// Interrupts: set_interrupt() drives MSIP/MTIP/MEIP levels (from the CLINT and PLIC).
// Timing: one clock period per instruction plus reported latencies; the quantum keeper
// synchronises with SystemC once per global quantum, when the hart sleeps in wfi, and (with
// sync_on_mmio) before each access that is not DMI.
// Trace (trace_to): a "wfi" slice for each time the hart sleeps, from the sync that puts it
// to sleep to the interrupt that wakes it; a sleep still going when the simulation stops
// (sc_stop) ends there. Nothing per instruction: the ISS keeps its speed.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "../common/sim_control.h"
#include "../common/trace_writer.h"
#include "bus_port.h"
#include "core.h"

namespace tessera::riscv {

struct HartConfig {
  CoreConfig core;
  sc_core::sc_time clock_period = sc_core::sc_time(1, sc_core::SC_NS);
  uint64_t max_instructions = 0;  // 0: no limit
  bool start_running = true;      // false: held in reset until release()
  bool dmi = true;                // false: every access takes the timed bus path
  // Synchronise with SystemC before each non-DMI access, so devices (engines polled for
  // completion, timers) see the access at the hart's own time, not up to a quantum early.
  bool sync_on_mmio = true;
  std::function<uint64_t(const sc_core::sc_time&)> mtime;  // the CLINT's time at a moment
};

class Hart : public sc_core::sc_module, private BusPort {
 public:
  tlm_utils::simple_initiator_socket<Hart> socket;

  Hart(sc_core::sc_module_name name, const HartConfig& config, SimControl& control);

  Core& core() { return core_; }
  const Core& core() const { return core_; }
  void set_interrupt(Interrupt irq, bool level);
  void release();  // out of reset
  bool running() const { return released_; }
  // sc_time_stamp() plus how far this hart has run ahead.
  sc_core::sc_time local_time() const { return quantum_.get_current_time(); }
  // "wfi" slices, and the slices of the firmware's trace markers (trace.begin and trace.end:
  // a slice named by the text at rs1, from the begin to the matching end, at the hart's local
  // times; they nest, and an end with none begun is ignored), from now on go to `track`.
  void trace_to(TraceTrack track) { track_ = track; }
  // Ends the trace's open "wfi" slice now (a sleep going on continues as a new slice): before
  // the trace is closed while the simulation runs on, and at its end.
  void finish_trace();

 private:
  class QuantumKeeper : public tlm_utils::tlm_quantumkeeper {
   public:
    sc_core::sc_time remaining() const {
      const sc_core::sc_time now = get_current_time();
      return m_next_sync_point > now ? m_next_sync_point - now : sc_core::SC_ZERO_TIME;
    }
  };

  void thread();
  void sleep_until_interrupt();
  void trace_sleep() const;  // the "wfi" slice from asleep_since_ to now
  void end_of_simulation() override;
  uint64_t cycles_of(const sc_core::sc_time& t) const {
    return static_cast<uint64_t>(t / config_.clock_period);
  }

  bool transport(bool write, uint32_t addr, void* data, unsigned len, uint64_t offset_cycles,
                 uint64_t& latency_cycles) override;
  DmiGrant request_dmi(uint32_t addr, bool write) override;
  uint64_t read_time(uint64_t offset_cycles) override;
  void trace_marker(bool begin, uint32_t name_address, uint64_t offset_cycles) override;
  // The hart's local time `offset_cycles` into its batch.
  sc_core::sc_time time_at(uint64_t offset_cycles) const;
  // The NUL-terminated text at `address` (debug reads: no simulated time), at most 63 bytes.
  std::string read_text(uint32_t address);
  void invalidate_direct_mem_ptr(sc_dt::uint64 start, sc_dt::uint64 end);

  HartConfig config_;
  SimControl& control_;
  Core core_;
  QuantumKeeper quantum_;
  sc_core::sc_event wake_;
  bool released_;
  bool asleep_ = false;
  sc_core::sc_time asleep_since_;
  TraceTrack track_;
  std::vector<std::pair<std::string, sc_core::sc_time>> open_markers_;  // innermost last
  uint64_t batch_synced_cycles_ = 0;  // cycles of the running batch already waited for
  tlm::tlm_generic_payload payload_;
};

}  // namespace tessera::riscv
