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
// Trace (trace_to): per channel N, a counter "channel N bandwidth" (viewers key counters by
// process and name, not by thread) of bytes_per_cycle over windows of kTraceWindowCycles,
// each access counted in the window where its transfer starts. A window is written by the
// channel's first access after simulated time has passed it (no later access can start in it:
// its value is final); back to 0 after a busy window, nothing while idle. The windows still
// open are written when the simulation stops (sc_stop), not when it runs out of events.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>
#include <vector>

#include "common/reservation_timeline.h"
#include "common/socket_types.h"
#include "common/timed_store.h"
#include "common/trace_writer.h"

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

  // A power of two, so bytes_per_cycle is exact and the counters add up to the bytes moved.
  static constexpr uint64_t kTraceWindowCycles = 1024;
  // Bandwidth counters from now on, on tracks[i] for channel i (one track per channel).
  void trace_to(const std::vector<TraceTrack>& tracks);
  // Writes the windows still open: before the trace is closed while the simulation runs on,
  // and at its end.
  void finish_trace();

 private:
  using Ticks = ReservationTimeline::Ticks;
  struct ChannelTrace {
    TraceTrack track;
    std::string counter;                // its name
    std::map<uint64_t, uint64_t> open;  // bytes per window index, for windows not written yet
    uint64_t written_to = 0;            // every window below it is written
    bool at_zero = true;                // the counter's last value is 0
  };

  void b_transport(int channel, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  // Writes the windows below `limit`, and a 0 after the last busy one if it is below `limit`.
  void write_windows(ChannelTrace& trace, uint64_t limit) const;
  void end_of_simulation() override;

  DramConfig config_;
  Ticks cycle_, latency_;
  double ticks_per_byte_;
  sc_core::sc_vector<tlm_utils::simple_target_socket_tagged<Dram>> sockets_;
  std::vector<BookedResource> channels_;
  std::vector<ChannelTrace> traces_;  // empty unless tracing
  Ticks trace_window_ = 0;            // kTraceWindowCycles in ticks
};

}  // namespace tessera
