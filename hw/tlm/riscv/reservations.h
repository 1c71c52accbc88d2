// Reservations: the LR/SC reservation of every hart, shared by all the cores of a chip.
// An SC succeeds only if its hart still holds a reservation on that word; a store by any
// other hart to the word breaks it. Because the cores run one at a time (SystemC is
// cooperative) and a store to memory (DMI) never yields, this holds however temporal
// decoupling interleaves the harts. (A store to a device may yield with sim.sync_on_mmio: LR/SC
// and AMOs on device registers are not atomic, as on most real chips.) Stores pay one test of
// `any()` when no hart holds a reservation.
#pragma once

#include <cstdint>
#include <vector>

namespace tessera::riscv {

class Reservations {
 public:
  explicit Reservations(unsigned harts) : word_(harts, kNone) {}

  void reserve(unsigned hart, uint32_t addr) {
    if (word_[hart] == kNone) ++held_;
    word_[hart] = addr & ~3u;
  }
  // The SC's check: consumes the hart's reservation whatever the outcome.
  bool claim(unsigned hart, uint32_t addr) {
    const bool ok = word_[hart] == (addr & ~3u);
    drop(hart);
    return ok;
  }
  bool any() const { return held_ != 0; }
  // A store of `len` bytes at `addr` by `hart` breaks the other harts' reservations on it.
  void store(unsigned hart, uint32_t addr, unsigned len) {
    const uint32_t first = addr & ~3u, last = (addr + len - 1) & ~3u;
    for (unsigned h = 0; h < word_.size(); ++h)
      if (h != hart && (word_[h] == first || word_[h] == last)) drop(h);
  }

 private:
  static constexpr uint64_t kNone = ~0ull;
  void drop(unsigned hart) {
    if (word_[hart] != kNone) --held_;
    word_[hart] = kNone;
  }
  std::vector<uint64_t> word_;
  unsigned held_ = 0;
};

}  // namespace tessera::riscv
