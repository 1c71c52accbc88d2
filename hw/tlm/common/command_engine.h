// CommandEngine: what a tile's engines (MXU, VPU, DMA) share: the register block and descriptor
// ring of tessera/hw/engine_regs.h, an interrupt line, and an SC_THREAD that runs the ring in
// simulated time. A derived engine says how to run one descriptor (execute) and adds its own
// read-only registers from ENGINE_UNIT_REGS up.
//
// Sockets: `socket`, the registers (RegisterTarget; in the chip the tile's engine port leads
// the tile bus and the mesh to it); `memory`, the engine's initiator (the MXU and VPU bind it
// to their scratchpad, the DMA to its tile's bus).
// Interrupt: the IrqLine is high while STATUS & IRQ_ENABLE holds DONE or ERROR.
// Timing: register accesses take `register_latency`. A slot starts at the later of the engine's
// time and the doorbell's (the writing core's local time); its descriptor is a timed read
// through `memory`. execute() issues timed accesses at the cycles it chooses, running at most
// one global quantum ahead of SystemC time before it yields, and the thread waits until the
// slot's last cycle: status, counters and the interrupt change exactly then.
// Tracing (trace_to): a slice per queue slot on the engine's track, from the cycle its fetch
// began to its end (so the durations add up to busy_cycles), named and described by the engine
// (describe); a failed slot carries `error` and `error_address`.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <vector>

#include "register_target.h"
#include "tessera/hw/engine_regs.h"
#include "trace_writer.h"

namespace tessera {

class CommandEngine : public RegisterTarget {
 public:
  using Cycle = uint64_t;
  using IrqLine = std::function<void(bool level)>;

  tlm_utils::simple_initiator_socket<CommandEngine> memory;

  uint32_t status() const;  // the STATUS register
  uint32_t completed() const { return completed_; }
  uint64_t busy_cycles() const { return busy_cycles_; }
  // Slices of the slots run from now on go to `track`.
  void trace_to(TraceTrack track) { track_ = track; }

 protected:
  struct Identity {
    uint32_t engine_id;  // ENGINE_ID_*
    unsigned descriptor_bytes;
  };
  CommandEngine(sc_core::sc_module_name name, Identity identity, sc_core::sc_time clock_period,
                sc_core::sc_time register_latency, IrqLine irq);

  // How a queue slot ended.
  struct Outcome {
    Cycle end;  // the cycle after its last
    uint32_t error = ENGINE_ERR_NONE;
    uint32_t error_descriptor = 0;  // set by the base unless a chain says which one failed
    uint32_t error_address = 0;
    bool interrupt = false;  // set DONE at `end`
  };
  static Outcome success(Cycle end, bool interrupt) {
    return {end, ENGINE_ERR_NONE, 0, 0, interrupt};
  }
  static Outcome failure(Cycle end, uint32_t error, uint32_t address = 0) {
    return {end, error, 0, address, false};
  }

  // The queue slot being run.
  struct Slot {
    uint32_t address;  // of its descriptor
    Cycle begin;       // the cycle the descriptor's fetch began
    Cycle start;       // the cycle the descriptor had arrived
  };
  // Runs the descriptor `bytes` (descriptor_bytes of them).
  virtual Outcome execute(const uint8_t* bytes, const Slot& slot) = 0;
  // The name of the slot's slice and its args (into `args`, empty) for the descriptor `bytes`
  // that ended with `outcome`. Called only while tracing, once the slot has run.
  virtual std::string_view describe(const uint8_t* bytes, const Outcome& outcome,
                                    TraceArgs& args) const = 0;
  // Reads a descriptor; the default is a timed read through `memory` at the address as given.
  struct Access {
    bool ok;
    Cycle done;  // the cycle the data has arrived (read) or is written
  };
  virtual Access fetch(uint32_t address, void* bytes, unsigned length, Cycle earliest);
  // The engine's own registers; a read of anything else returns false (a bus error).
  virtual bool read_unit(uint64_t offset, unsigned length, uint64_t& value) = 0;
  virtual void clear_unit_statistics() = 0;

  // For execute(): a timed access through `memory`, issued at `earliest` (not before now()).
  Access access(tlm::tlm_command command, uint64_t address, void* data, unsigned length,
                Cycle earliest);
  // The caller promises no access before `cycle` from now on: yields to SystemC when that is
  // more than a quantum ahead, so other initiators book the shared resources in time order.
  void sync(Cycle cycle);
  void wait_until(Cycle cycle);
  Cycle now() const;  // sc_time_stamp(), in cycles, rounded up
  // Sets DONE at `cycle` (a descriptor inside a DMA chain).
  void signal_done(Cycle cycle);

  bool tracing() const { return track_.enabled(); }
  // A slice on the engine's track over the cycles [start, end), inside the slot's.
  void trace_slice(std::string_view name, Cycle start, Cycle end, const TraceArgs& args) const;
  static std::string hex(uint64_t value);  // "0x..." for address args

  // A 64-bit counter register read whole (8 bytes) or as a 32-bit half.
  static bool read_counter(uint64_t counter, uint64_t offset_in_counter, unsigned length,
                           uint64_t& value);
  // The same for a block of counters whose first is at register `first`.
  template <std::size_t N>
  static bool read_counters(const std::array<uint64_t, N>& counters, uint64_t first,
                            uint64_t offset, unsigned length, uint64_t& value) {
    if (offset < first || offset >= first + 8 * N) return false;
    return read_counter(counters[(offset - first) / 8], (offset - first) % 8, length, value);
  }

 private:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;
  bool idle() const { return !running_ && head_ == tail_; }
  void thread();
  void update_irq();
  // The slot's slice; `fetched`: whether its descriptor was read (describe() has something).
  void trace_slot(bool fetched, Cycle start, const Outcome& outcome) const;

  Identity identity_;
  uint64_t period_;  // ticks per cycle
  IrqLine irq_;
  bool irq_level_ = false;
  Cycle quantum_ = 0;

  sc_core::sc_event doorbell_;
  uint32_t queue_base_ = 0, entries_ = 0, head_ = 0, tail_ = 0;
  std::vector<Cycle> submitted_;  // per slot: the cycle its doorbell rang
  std::vector<uint8_t> descriptor_;
  bool running_ = false, halted_ = false;
  uint32_t status_ = 0, irq_enable_ = 0;
  uint32_t error_code_ = ENGINE_ERR_NONE, error_descriptor_ = 0, error_address_ = 0;
  uint32_t completed_ = 0;
  uint64_t busy_cycles_ = 0;
  tlm::tlm_generic_payload payload_;
  TraceTrack track_;
};

// An engine whose descriptors and operands live in its own tile's scratchpad, named by global
// address (the MXU and the VPU): `memory` binds to the scratchpad, which takes offsets.
class ScratchpadEngine : public CommandEngine {
 public:
  struct Window {
    uint32_t base;   // the scratchpad's global address
    uint64_t bytes;  // its size
  };

 protected:
  ScratchpadEngine(sc_core::sc_module_name name, Identity identity, Window window,
                   sc_core::sc_time clock_period, sc_core::sc_time register_latency, IrqLine irq);

  // The scratchpad offset of [address, address + length), or false if that leaves it.
  bool local(uint64_t address, uint64_t length, uint64_t& offset) const;
  // The host bytes at a scratchpad offset (DMI; the scratchpad grants the whole array).
  uint8_t* host(uint64_t offset);
  Access fetch(uint32_t address, void* bytes, unsigned length, Cycle earliest) override;

 private:
  Window window_;
  uint8_t* dmi_ = nullptr;
};

}  // namespace tessera
