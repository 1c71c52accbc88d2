#include "core.h"

#include <algorithm>
#include <stdexcept>

namespace tessera::riscv {

Core::Core(const CoreConfig& config, BusPort& bus)
    : config_(config),
      bus_(bus),
      own_reservations_(config.reservations ? nullptr
                                            : std::make_unique<Reservations>(config.hart_id + 1)),
      reservations_(config.reservations ? config.reservations : own_reservations_.get()),
      pc_(config.reset_pc),
      decode_cache_(config.decode_cache_entries),
      decode_mask_(config.decode_cache_entries - 1),
      flagged_pages_((1ull << 32) >> 18) {
  if (config.decode_cache_entries == 0 ||
      (config.decode_cache_entries & (config.decode_cache_entries - 1)))
    throw std::invalid_argument("decode cache entries must be a power of two");
}

uint64_t Core::run(uint64_t max_cycles) {
  return observers_.empty() ? run_batch<false>(max_cycles) : run_batch<true>(max_cycles);
}

// The run loop, twice: plain, and instrumented for observers (kObserved).
template <bool kObserved>
uint64_t Core::run_batch(uint64_t max_cycles) {
  const uint64_t start_cycles = cycles();
  batch_start_cycles_ = start_cycles;
  if (waiting_for_interrupt()) return 0;
  batch_end_ = static_cast<int64_t>(retired_ + max_cycles);
  uint32_t pc = pc_;
  if (interrupt_pending()) pc = take_trap({kInterruptBit | highest_pending_interrupt(), 0}, pc);
  wfi_ = false;

  for (;;) {
    try {
      while (static_cast<int64_t>(retired_) < batch_end_) {
        DecodedInsn& d = decode_cache_[(pc >> 1) & decode_mask_];
        if (d.pc != pc) decode_at(pc, d);
        if constexpr (kObserved) {
          if (!observe_before(d, pc)) {
            pc = pc_;
            continue;
          }
        }
        pc = d.exec(*this, d);
        ++retired_;
        if constexpr (kObserved) observe_retired(d);
      }
      break;
    } catch (const Trap& trap) {
      pc = take_trap(trap, pc);
    }
  }
  pc_ = pc;
  return cycles() - start_cycles;
}

// Observers see `d` before it executes, and may stop there and change the core's state.
// Returns false when the run loop must start over: they moved the pc or ended the batch.
bool Core::observe_before(DecodedInsn& d, uint32_t pc) {
  pc_ = pc;
  // By index: an observer may detach itself (a debugger the user detached).
  for (size_t i = 0; i < observers_.size(); ++i) observers_[i]->before(*this, d);
  if (pc_ != pc || static_cast<int64_t>(retired_) >= batch_end_) return false;
  if (d.exec == exec_redecode) decode_at(pc, d);  // its code was written meanwhile
  for (size_t i = 0; i < observers_.size(); ++i) observers_[i]->executing(*this, d);
  return true;
}

void Core::observe_retired(const DecodedInsn& d) {
  for (size_t i = 0; i < observers_.size(); ++i) observers_[i]->retired(*this, d);
}

void Core::remove_observer(CoreObserver* observer) {
  observers_.erase(std::remove(observers_.begin(), observers_.end(), observer), observers_.end());
}

uint32_t Core::take_trap(const Trap& trap, uint32_t pc) {
  for (size_t i = 0; i < observers_.size(); ++i) observers_[i]->trapped(*this, trap, pc);
  mepc_ = pc;
  mcause_ = trap.cause;
  mtval_ = trap.tval;
  // MPIE <- MIE, MIE <- 0; MPP stays M (the only mode).
  mstatus_ =
      (mstatus_ & ~(kMstatusMie | kMstatusMpie)) | ((mstatus_ & kMstatusMie) ? kMstatusMpie : 0);
  const uint32_t base = mtvec_ & ~3u;
  const bool vectored = (mtvec_ & 1) && (trap.cause & kInterruptBit);
  wfi_ = false;
  stall(1);  // a trap takes a cycle, so a trap loop still advances time and ends batches
  return vectored ? base + 4 * (trap.cause & ~kInterruptBit) : base;
}

uint32_t Core::mret() {
  mstatus_ = (mstatus_ & ~kMstatusMie) | ((mstatus_ & kMstatusMpie) ? kMstatusMie : 0);
  mstatus_ |= kMstatusMpie;
  end_batch();  // interrupts may have become enabled
  return mepc_;
}

uint32_t Core::highest_pending_interrupt() const {
  const uint32_t pending = mip_ & mie_;
  for (Interrupt i : {kMachineExternal, kMachineSoftware, kMachineTimer})
    if (pending & irq_mask(i)) return i;
  return 0;
}

void Core::set_interrupt(Interrupt irq, bool level) {
  mip_ = level ? (mip_ | irq_mask(irq)) : (mip_ & ~irq_mask(irq));
  if (mip_ & mie_) end_batch();
}

// ---- decoding and the decoded-instruction cache ----

uint16_t Core::fetch16(uint32_t addr) {
  const uint32_t offset = addr - fetch_region_.base;
  if (offset < fetch_region_.size) {
    uint16_t v;
    std::memcpy(&v, fetch_region_.host + offset, 2);
    return v;
  }
  if (const DmiRegion* r = find_region(addr, false)) {
    fetch_region_ = *r;
    return fetch16(addr);
  }
  uint16_t v = 0;
  access_slow(addr, &v, 2, false, kInsnAccessFault);
  return v;
}

void Core::decode_at(uint32_t pc, DecodedInsn& d) {
  uint32_t bits = fetch16(pc);
  if ((bits & 3) == 3) bits |= static_cast<uint32_t>(fetch16(pc + 2)) << 16;
  decode(bits, d);
  d.pc = pc;
  flag_page(pc);
  flag_page(pc + d.length - 1);
}

uint32_t Core::exec_redecode(Core& core, const DecodedInsn& d) {
  DecodedInsn& entry = const_cast<DecodedInsn&>(d);
  core.decode_at(d.pc, entry);
  return entry.exec(core, entry);
}

void Core::flush_decode_cache() {
  for (DecodedInsn& d : decode_cache_)
    if (d.pc != DecodedInsn::kEmpty) d.exec = exec_redecode;
  std::fill(flagged_pages_.begin(), flagged_pages_.end(), 0);
  for (const Watch& w : watches_)
    for (uint64_t a = w.addr & ~0xfffull; a < uint64_t{w.addr} + w.len; a += 0x1000)
      flag_page(static_cast<uint32_t>(a));
}

void Core::on_flagged_store(uint32_t addr, unsigned len, uint32_t value) {
  // Instructions start on even addresses; one starting 2 bytes before the store may overlap it.
  const unsigned candidates = ((addr & 1) + len + 1) / 2 + 1;
  uint32_t pc = (addr & ~1u) - 2;
  for (unsigned i = 0; i < candidates; ++i, pc += 2) {
    DecodedInsn& d = decode_cache_[(pc >> 1) & decode_mask_];
    if (d.pc == pc) d.exec = exec_redecode;
  }
  for (const Watch& w : watches_)
    if (addr - w.addr < w.len || w.addr - addr < len) w.callback(addr, value);
}

void Core::add_store_watch(uint32_t addr, uint32_t len, StoreWatch callback) {
  watches_.push_back({addr, len, std::move(callback)});
  for (uint64_t a = addr & ~0xfffull; a < uint64_t{addr} + len; a += 0x1000)
    flag_page(static_cast<uint32_t>(a));
}

// ---- memory ----

const Core::DmiRegion* Core::find_region(uint32_t addr, bool write) {
  for (const DmiRegion& r : regions_)
    if (addr - r.base < r.size && (r.writable || !write)) return &r;
  const DmiGrant grant = bus_.request_dmi(addr, write);
  if (grant.size == 0 || addr - grant.base >= grant.size) return nullptr;
  // A new grant replaces any older one it overlaps (e.g. a read-only grant widened to write).
  regions_.erase(std::remove_if(regions_.begin(), regions_.end(),
                                [&](const DmiRegion& r) {
                                  return r.base - grant.base < grant.size ||
                                         grant.base - r.base < r.size;
                                }),
                 regions_.end());
  regions_.push_back({grant.base, grant.size, grant.host, grant.writable});
  return &regions_.back();
}

void Core::invalidate_dmi(uint32_t start, uint32_t end) {
  auto overlaps = [&](const DmiRegion& r) {
    return r.size != 0 && r.base <= end && start <= r.base + (r.size - 1);
  };
  regions_.erase(std::remove_if(regions_.begin(), regions_.end(), overlaps), regions_.end());
  if (overlaps(data_region_)) data_region_ = DmiRegion{};
  if (overlaps(fetch_region_)) fetch_region_ = DmiRegion{};
}

void Core::access_slow(uint32_t addr, void* data, unsigned len, bool write, Cause fault) {
  uint64_t latency = 0;
  if (!bus_.transport(write, addr, data, len, cycles() - batch_start_cycles_, latency))
    throw Trap{fault, addr};
  stall(static_cast<uint32_t>(latency));
}

template <typename T>
T Core::load_slow(uint32_t addr, Cause fault) {
  if (const DmiRegion* r = find_region(addr, false)) {
    data_region_ = *r;
    T v;
    std::memcpy(&v, r->host + (addr - r->base), sizeof(T));
    return v;
  }
  T v{};
  access_slow(addr, &v, sizeof(T), false, fault);
  return v;
}

template <typename T>
void Core::store_slow(uint32_t addr, T value) {
  if (const DmiRegion* r = find_region(addr, true)) {
    data_region_ = *r;
    std::memcpy(r->host + (addr - r->base), &value, sizeof(T));
    return;
  }
  access_slow(addr, &value, sizeof(T), true, kStoreAccessFault);
}

template uint8_t Core::load_slow<uint8_t>(uint32_t, Cause);
template int8_t Core::load_slow<int8_t>(uint32_t, Cause);
template uint16_t Core::load_slow<uint16_t>(uint32_t, Cause);
template int16_t Core::load_slow<int16_t>(uint32_t, Cause);
template uint32_t Core::load_slow<uint32_t>(uint32_t, Cause);
template void Core::store_slow<uint8_t>(uint32_t, uint8_t);
template void Core::store_slow<uint16_t>(uint32_t, uint16_t);
template void Core::store_slow<uint32_t>(uint32_t, uint32_t);

uint32_t Core::amo_load(uint32_t addr) {
  if (addr & 3) throw Trap{kStoreMisaligned, addr};
  const uint32_t offset = addr - data_region_.base;
  if (offset < data_region_.size && data_region_.writable) {
    uint32_t v;
    std::memcpy(&v, data_region_.host + offset, 4);
    return v;
  }
  return load_slow<uint32_t>(addr, kStoreAccessFault);
}

}  // namespace tessera::riscv
