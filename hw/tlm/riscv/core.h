// Core: the RV32IMAC + Zicsr + Zifencei machine-mode instruction-set simulator of one hart,
// free of SystemC so it can be unit-tested and embedded. The SystemC Hart (hart.h) wraps it
// with a TLM-2.0 initiator, the quantum keeper and interrupt wiring.
//
// Speed: instructions are decoded once into a direct-mapped cache of DecodedInsn (handler
// pointer plus operands), loads, stores and fetches go straight to host memory through DMI
// regions, and time is batched: run() executes up to a cycle budget and returns the cycles
// used. Stores into pages holding decoded code, and fence.i, invalidate the cache.
// Timing: one cycle per instruction plus the latency the bus reports for non-DMI accesses
// plus the configured extra cycles of multiply and divide.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include "bus_port.h"
#include "core_observer.h"
#include "decoded_insn.h"
#include "reservations.h"
#include "trap.h"

namespace tessera::riscv {

struct CoreTiming {
  uint32_t mul_extra_cycles = 0;  // a pipelined multiplier
  uint32_t div_extra_cycles = 0;  // an iterative divider would be ~32
};

struct CoreConfig {
  uint32_t hart_id = 0;
  Reservations* reservations = nullptr;  // shared by the chip's cores; null: a private set
  uint32_t reset_pc = 0;
  uint32_t decode_cache_entries = 1u << 15;  // power of two
  CoreTiming timing;
};

class Core {
 public:
  Core(const CoreConfig& config, BusPort& bus);

  // Executes until `max_cycles` are used, the hart waits for an interrupt, or end_batch() is
  // called. Returns the cycles used.
  uint64_t run(uint64_t max_cycles);

  // Instrumentation (core_observer.h): the trace, the debugger. With none attached the run
  // loop is the uninstrumented one; a change takes effect at the next batch.
  void add_observer(CoreObserver* observer) { observers_.push_back(observer); }
  void remove_observer(CoreObserver* observer);

  // Interrupt lines into mip (MSIP, MTIP, MEIP), level-sensitive.
  void set_interrupt(Interrupt irq, bool level);
  // True while the hart is stalled in wfi with no enabled interrupt pending.
  bool waiting_for_interrupt() const { return wfi_ && !(mip_ & mie_); }
  // Time spent outside run() (asleep in wfi) still counts in mcycle.
  void add_idle_cycles(uint64_t cycles) { stall_cycles_ += cycles; }
  // Ends the current batch after the executing instruction.
  void end_batch() { batch_end_ = 0; }
  // trace.begin / trace.end: passed to the platform (BusPort::trace_marker) at this cycle.
  void trace_marker(bool begin, uint32_t name_address) {
    bus_.trace_marker(begin, name_address, cycles() - batch_start_cycles_);
  }

  // Forget decoded instructions and DMI regions (after memory changed behind the core's back,
  // or the bus remapped).
  void flush_decode_cache();
  void invalidate_dmi(uint32_t start, uint32_t end);

  // A callback after this hart's stores to [addr, addr+len): the `tohost` convention, and
  // watchpoints. Costs nothing for stores elsewhere.
  using StoreWatch = std::function<void(uint32_t addr, uint32_t value)>;
  void add_store_watch(uint32_t addr, uint32_t len, StoreWatch callback);

  // Architectural state, for the loader, debuggers and tests.
  uint32_t pc() const { return pc_; }
  void set_pc(uint32_t pc) { pc_ = pc; }
  uint32_t reg(unsigned i) const { return i == 0 ? 0 : x_[i]; }
  void set_reg(unsigned i, uint32_t v) {
    if (i != 0) x_[i] = v;
  }
  uint64_t instret() const { return retired_; }
  uint64_t cycles() const { return retired_ + stall_cycles_; }
  uint32_t hart_id() const { return config_.hart_id; }
  uint32_t mcause() const { return mcause_; }
  uint32_t mepc() const { return mepc_; }
  uint32_t mtval() const { return mtval_; }
  // CSR access as an instruction would do it; throws Trap{kIllegalInsn} for a missing CSR.
  uint32_t csr_read(uint32_t csr);
  void csr_write(uint32_t csr, uint32_t value);

  // ---- used by the instruction handlers (exec/*.cpp) ----
  // x_[0] reads zero; writes to x0 are steered at decode time to the sink x_[kSinkReg].
  static constexpr unsigned kSinkReg = 32;
  uint32_t x_[33] = {};

  template <typename T>
  T load(uint32_t addr);
  template <typename T>
  void store(uint32_t addr, T value);
  // The read half of an AMO/SC: alignment and access faults report as store/AMO faults.
  uint32_t amo_load(uint32_t addr);
  void amo_store(uint32_t addr, uint32_t value) { store<uint32_t>(addr, value); }
  void stall(uint32_t cycles) {
    stall_cycles_ += cycles;
    batch_end_ -= cycles;
  }
  const CoreTiming& timing() const { return config_.timing; }

  Reservations& reservations() { return *reservations_; }

  uint32_t mret();  // returns the pc to continue at
  void wait_for_interrupt() {
    wfi_ = !(mip_ & mie_);
    if (wfi_) end_batch();
  }
  // Re-decodes an entry whose memory was written; installed in place of the entry's handler.
  static uint32_t exec_redecode(Core& core, const DecodedInsn& d);

 private:
  struct DmiRegion {
    uint32_t base = 1, size = 0;  // empty
    uint8_t* host = nullptr;
    bool writable = false;
  };
  struct Watch {
    uint32_t addr, len;
    StoreWatch callback;
  };

  template <bool kObserved>
  uint64_t run_batch(uint64_t max_cycles);
  bool observe_before(DecodedInsn& d, uint32_t pc);
  void observe_retired(const DecodedInsn& d);
  void decode_at(uint32_t pc, DecodedInsn& d);
  uint16_t fetch16(uint32_t addr);
  const DmiRegion* find_region(uint32_t addr, bool write);
  void access_slow(uint32_t addr, void* data, unsigned len, bool write, Cause fault);
  template <typename T>
  T load_slow(uint32_t addr, Cause fault);
  template <typename T>
  void store_slow(uint32_t addr, T value);
  bool page_flagged(uint32_t addr) const {
    return (flagged_pages_[addr >> 18] >> ((addr >> 12) & 63)) & 1;
  }
  void flag_page(uint32_t addr) { flagged_pages_[addr >> 18] |= 1ull << ((addr >> 12) & 63); }
  void on_flagged_store(uint32_t addr, unsigned len, uint32_t value);
  uint32_t take_trap(const Trap& trap, uint32_t pc);
  bool interrupt_pending() const { return (mip_ & mie_) && (mstatus_ & kMstatusMie); }
  uint32_t highest_pending_interrupt() const;

  static constexpr uint32_t kMstatusMie = 1u << 3, kMstatusMpie = 1u << 7;
  static constexpr uint32_t kMstatusMpp = 3u << 11;

  CoreConfig config_;
  BusPort& bus_;
  std::unique_ptr<Reservations> own_reservations_;
  Reservations* reservations_;
  uint32_t pc_;
  std::vector<DecodedInsn> decode_cache_;
  uint32_t decode_mask_;
  std::vector<uint64_t> flagged_pages_;  // pages with decoded code or watches
  std::vector<Watch> watches_;
  std::vector<CoreObserver*> observers_;

  std::vector<DmiRegion> regions_;  // learned from the bus
  DmiRegion data_region_;           // the last region a load/store hit
  DmiRegion fetch_region_;

  int64_t batch_end_ = 0;  // run() stops when retired_ reaches it
  uint64_t batch_start_cycles_ = 0;
  uint64_t retired_ = 0;
  uint64_t stall_cycles_ = 0;
  int64_t cycle_offset_ = 0, instret_offset_ = 0;  // firmware writes to mcycle/minstret
  bool wfi_ = false;

  uint32_t mstatus_ = kMstatusMpp, mtvec_ = 0, mepc_ = 0, mcause_ = 0, mtval_ = 0;
  uint32_t mscratch_ = 0, mie_ = 0, mip_ = 0;
};

// ---- inline fast paths ----

template <typename T>
inline T Core::load(uint32_t addr) {
  if (addr & (sizeof(T) - 1)) throw Trap{kLoadMisaligned, addr};
  const uint32_t offset = addr - data_region_.base;
  if (offset < data_region_.size) {
    T v;
    std::memcpy(&v, data_region_.host + offset, sizeof(T));
    return v;
  }
  return load_slow<T>(addr, kLoadAccessFault);
}

template <typename T>
inline void Core::store(uint32_t addr, T value) {
  if (addr & (sizeof(T) - 1)) throw Trap{kStoreMisaligned, addr};
  const uint32_t offset = addr - data_region_.base;
  if (offset < data_region_.size && data_region_.writable) {
    std::memcpy(data_region_.host + offset, &value, sizeof(T));
  } else {
    store_slow<T>(addr, value);
  }
  if (page_flagged(addr)) on_flagged_store(addr, sizeof(T), value);
  if (reservations_->any()) reservations_->store(config_.hart_id, addr, sizeof(T));
}

}  // namespace tessera::riscv
