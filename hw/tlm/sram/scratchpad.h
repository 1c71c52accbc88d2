// Scratchpad: a tile's banked SRAM as a TLM-2.0 target.
//
// Socket: `socket` (multi_passthrough_target_socket): the tile core, the NoC, and later the
// DMA engine and the matrix engine all bind to it and share the banks.
// Banks: the array is rows of bank_width_bytes interleaved over the banks, byte a in bank
// (a / bank_width_bytes) % banks. An access of len bytes at a covers the rows a / width ..
// (a + len - 1) / width and occupies each bank it touches for one cycle per row it has there.
// Timing: every touched bank is booked on its reservation timeline at the first free time >=
// the access's local time; the data is back latency_cycles after the last bank finishes. At
// zero load: (rows per bank, rounded up) + latency_cycles, e.g. 1 + 1 for an access within
// one row. Accesses to the same bank serialise; to different banks they overlap.
// DMI (the whole array) and debug accesses are untimed (TimedStore). Backing: lazy.
#pragma once

#include <cstdint>
#include <ostream>
#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <vector>

#include "common/reservation_timeline.h"
#include "common/timed_store.h"

namespace tessera {

struct ScratchpadConfig {
  // Values come from PlatformConfig (platform/src/block_configs.h), the one place of defaults.
  uint64_t size_bytes;
  unsigned banks;
  unsigned bank_width_bytes;  // bytes one bank reads or writes per cycle
  unsigned latency_cycles;
  sc_core::sc_time clock_period;
};

class Scratchpad : public TimedStore {
 public:
  tlm_utils::multi_passthrough_target_socket<Scratchpad> socket;

  // Throws std::invalid_argument naming the first impossible setting (e.g. a size that is not
  // a whole number of rows across all banks).
  Scratchpad(sc_core::sc_module_name name, const ScratchpadConfig& config);

  unsigned bank_of(uint64_t address) const {
    return static_cast<unsigned>(address / config_.bank_width_bytes % config_.banks);
  }
  const ScratchpadConfig& config() const { return config_; }
  // Per bank: bytes moved, rows accessed (uses), and the timeline (busy time, waiting).
  const BookedResource& bank(unsigned i) const { return banks_[i]; }
  // Per-bank `key: value` lines, keys prefixed with the module name.
  void report(std::ostream& out) const;

 private:
  using Ticks = ReservationTimeline::Ticks;
  void b_transport(int id, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  ScratchpadConfig config_;
  Ticks cycle_, latency_;
  std::vector<BookedResource> banks_;
};

}  // namespace tessera
