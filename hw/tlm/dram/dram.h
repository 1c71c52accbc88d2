// Dram: device DRAM behind several channels, each with its own bandwidth, latency and
// contention.
//
// Sockets: channel_socket(i), one target socket per channel. Every channel reaches the one
// store and takes offsets within the DRAM (0 .. size_bytes - 1), as Mesh::map_interleaved
// sends them (not compacted per channel). Which channel owns an offset under the configured
// interleave is channel_of(offset) = (offset / interleave_bytes) % channels: interleave the
// mesh window with granule = interleave_bytes. The channel an access arrives on is the one
// whose time it takes.
// Timing: an access of len bytes arriving at local time t on a channel moves its data in
// len / bytes_per_cycle cycles (rounded up to a tick), booked on that channel's reservation
// timeline at the first free time >= t + latency_cycles; the access completes when its
// transfer does. At zero load: latency_cycles + len / bytes_per_cycle. Back-to-back accesses
// on one channel overlap their latencies and serialise their transfers; on two channels they
// run in parallel. DMI (whole store) and debug accesses are untimed (TimedStore).
// Backing: one lazily populated mapping for the whole size: costs only the pages touched.
#pragma once

#include <cstdint>
#include <ostream>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>
#include <vector>

#include "common/reservation_timeline.h"
#include "common/socket_types.h"
#include "common/timed_store.h"

namespace tessera {

struct DramConfig {
  // Values come from PlatformConfig (platform/src/block_configs.h), the one place of defaults.
  uint64_t size_bytes;
  unsigned channels;
  uint64_t interleave_bytes;
  double bytes_per_cycle;  // per channel
  unsigned latency_cycles;
  sc_core::sc_time clock_period;
};

class Dram : public TimedStore {
 public:
  // Throws std::invalid_argument naming the first impossible setting.
  Dram(sc_core::sc_module_name name, const DramConfig& config);

  TargetSocketBase& channel_socket(unsigned i) { return sockets_[i]; }
  unsigned channel_of(uint64_t offset) const {
    return static_cast<unsigned>(offset / config_.interleave_bytes % config_.channels);
  }
  const DramConfig& config() const { return config_; }

  // Per channel: bytes moved, accesses (uses), and the timeline (busy time, waiting).
  const BookedResource& channel(unsigned i) const { return channels_[i]; }
  // Per-channel `key: value` lines, keys prefixed with the module name.
  void report(std::ostream& out) const;

 private:
  using Ticks = ReservationTimeline::Ticks;
  void b_transport(int channel, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);

  DramConfig config_;
  Ticks cycle_, latency_;
  double ticks_per_byte_;
  sc_core::sc_vector<tlm_utils::simple_target_socket_tagged<Dram>> sockets_;
  std::vector<BookedResource> channels_;
};

}  // namespace tessera
