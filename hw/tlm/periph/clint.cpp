#include "clint.h"

#include "tessera/hw/clint_regs.h"
#include "tessera/hw/memory_map.h"

namespace tessera {
namespace {

// A 64-bit register accessed as a whole or by 32-bit halves.
bool read64(uint64_t reg, uint64_t offset, unsigned len, uint64_t& value) {
  if (len == 8 && offset == 0) return value = reg, true;
  if (len == 4) return value = static_cast<uint32_t>(reg >> (offset * 8)), true;
  return false;
}
bool write64(uint64_t& reg, uint64_t offset, unsigned len, uint64_t value) {
  if (len == 8 && offset == 0) return reg = value, true;
  if (len != 4) return false;
  const uint64_t shift = offset * 8;
  reg = (reg & ~(0xffffffffull << shift)) | ((value & 0xffffffffull) << shift);
  return true;
}

}  // namespace

Clint::Clint(sc_core::sc_module_name name, std::vector<HartLines> harts, sc_core::sc_time tick,
             sc_core::sc_time latency)
    : RegisterTarget(name, TESSERA_CLINT_SIZE, latency),
      lines_(std::move(harts)),
      msip_(lines_.size(), 0),
      timers_(lines_.size()),
      tick_(tick) {
  for (unsigned h = 0; h < timers_.size(); ++h) {
    sc_core::sc_spawn_options options;
    options.spawn_method();
    options.set_sensitivity(&timers_[h].expiry);
    options.dont_initialize();
    sc_core::sc_spawn([this, h] { on_expiry(h); }, sc_core::sc_gen_unique_name("expiry"), &options);
  }
}

uint64_t Clint::mtime_at(const sc_core::sc_time& t) const {
  return static_cast<uint64_t>(t / tick_) + mtime_offset_;
}

void Clint::update_timer(unsigned hart, const sc_core::sc_time& now) {
  Timer& timer = timers_[hart];
  const uint64_t mtime = mtime_at(now);
  const bool pending = mtime >= timer.mtimecmp;
  timer.expiry.cancel();
  const uint64_t at_tick = timer.mtimecmp - mtime_offset_;
  // sc_time * double converts through int64: a wake-up past 2^62 ps (53 days) is out of reach.
  const double last_tick = sc_core::sc_time::from_value(1ull << 62) / tick_;
  if (!pending && static_cast<double>(at_tick) < last_tick) {
    // Wake at the tick mtimecmp names, measured from the kernel's time (not the caller's).
    const sc_core::sc_time at = tick_ * static_cast<double>(at_tick);
    const sc_core::sc_time kernel_now = sc_core::sc_time_stamp();
    // A tick not after now, with mtime still below mtimecmp, wrapped round 2^64 (mtime set
    // below the ticks elapsed): mtime never gets there, and waking for it would spin forever.
    if (at > kernel_now) timer.expiry.notify(at - kernel_now);
  }
  if (pending != timer.pending) {
    timer.pending = pending;
    if (lines_[hart].timer) lines_[hart].timer(pending);
  }
}

void Clint::on_expiry(unsigned hart) {
  update_timer(hart, sc_core::sc_time_stamp());
}

bool Clint::read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) {
  const uint64_t harts = lines_.size();
  if (offset < CLINT_MSIP(harts)) {
    if (len != 4) return false;
    value = msip_[offset / 4];
    return true;
  }
  if (offset >= CLINT_MTIMECMP(0) && offset < CLINT_MTIMECMP(harts)) {
    const uint64_t rel = offset - CLINT_MTIMECMP(0);
    return read64(timers_[rel / 8].mtimecmp, rel % 8, len, value);
  }
  if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8)
    return read64(mtime_at(now), offset - CLINT_MTIME, len, value);
  return false;
}

bool Clint::write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) {
  const uint64_t harts = lines_.size();
  if (offset < CLINT_MSIP(harts)) {
    if (len != 4) return false;
    const unsigned hart = static_cast<unsigned>(offset / 4);
    msip_[hart] = value & 1;
    if (lines_[hart].software) lines_[hart].software(msip_[hart] != 0);
    return true;
  }
  if (offset >= CLINT_MTIMECMP(0) && offset < CLINT_MTIMECMP(harts)) {
    const uint64_t rel = offset - CLINT_MTIMECMP(0);
    const unsigned hart = static_cast<unsigned>(rel / 8);
    if (!write64(timers_[hart].mtimecmp, rel % 8, len, value)) return false;
    update_timer(hart, now);
    return true;
  }
  if (offset >= CLINT_MTIME && offset < CLINT_MTIME + 8) {
    uint64_t mtime = mtime_at(now);
    if (!write64(mtime, offset - CLINT_MTIME, len, value)) return false;
    mtime_offset_ += mtime - mtime_at(now);
    for (unsigned h = 0; h < timers_.size(); ++h) update_timer(h, now);
    return true;
  }
  return false;
}

}  // namespace tessera
