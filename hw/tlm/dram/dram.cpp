#include "dram.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace tessera {

namespace {
const DramConfig& validated(const DramConfig& c) {
  const auto reject = [](const std::string& why) { throw std::invalid_argument("dram: " + why); };
  if (c.size_bytes == 0) reject("size_bytes must be positive");
  if (c.channels == 0) reject("channels must be at least 1");
  if (c.interleave_bytes == 0) reject("interleave_bytes must be positive");
  if (!(c.bytes_per_cycle > 0)) reject("bytes_per_cycle must be positive");
  if (c.clock_period == sc_core::SC_ZERO_TIME) reject("the clock period must be positive");
  return c;
}
}  // namespace

Dram::Dram(sc_core::sc_module_name name, const DramConfig& config)
    : TimedStore(name, validated(config).size_bytes, config.clock_period * config.latency_cycles),
      config_(config),
      cycle_(config.clock_period.value()),
      latency_(cycle_ * config.latency_cycles),
      ticks_per_byte_(static_cast<double>(cycle_) / config.bytes_per_cycle),
      sockets_("channel", config.channels),
      channels_(config.channels),
      trace_window_(cycle_ * kTraceWindowCycles) {
  for (unsigned i = 0; i < config.channels; ++i) {
    sockets_[i].register_b_transport(this, &Dram::b_transport, static_cast<int>(i));
    sockets_[i].register_get_direct_mem_ptr(this, &Dram::get_direct_mem_ptr, static_cast<int>(i));
    sockets_[i].register_transport_dbg(this, &Dram::transport_dbg, static_cast<int>(i));
  }
}

void Dram::b_transport(int channel, tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
  if (!move_data(p)) return;
  const unsigned length = p.get_data_length();
  // Round up, forgiving the division's last-bit error (a fraction of a tick).
  const Ticks transfer = static_cast<Ticks>(std::ceil(length * ticks_per_byte_ - 1e-6));
  const Ticks now = sc_core::sc_time_stamp().value();
  const Ticks start =
      channels_[channel].book(now + delay.value() + latency_, transfer, length, now);
  delay = sc_core::sc_time::from_value(start + transfer - now);
  if (!traces_.empty()) {
    ChannelTrace& trace = traces_[channel];
    write_windows(trace, now / trace_window_);
    trace.open[start / trace_window_] += length;
  }
}

void Dram::trace_to(const std::vector<TraceTrack>& tracks) {
  if (tracks.size() != config_.channels)
    throw std::invalid_argument(std::string(name()) + ": one trace track per channel");
  traces_.clear();
  for (const TraceTrack& track : tracks)
    traces_.push_back(
        {track, "channel " + std::to_string(traces_.size()) + " bandwidth", {}, 0, true});
}

void Dram::write_windows(ChannelTrace& trace, uint64_t limit) const {
  const auto write = [&](uint64_t window, uint64_t bytes) {
    trace.track.counter(trace.counter, sc_core::sc_time::from_value(window * trace_window_),
                        {{"bytes_per_cycle", static_cast<double>(bytes) / kTraceWindowCycles}});
    trace.at_zero = bytes == 0;
  };
  for (auto it = trace.open.begin(); it != trace.open.end() && it->first < limit;
       it = trace.open.erase(it)) {
    if (!trace.at_zero && it->first > trace.written_to) write(trace.written_to, 0);
    write(it->first, it->second);
    trace.written_to = it->first + 1;
  }
  if (!trace.at_zero && trace.written_to < limit) write(trace.written_to, 0);
}

void Dram::finish_trace() {
  for (ChannelTrace& trace : traces_) write_windows(trace, UINT64_MAX);
}

void Dram::end_of_simulation() {
  finish_trace();
}

void Dram::report(std::ostream& out) const {
  const Ticks now = sc_core::sc_time_stamp().value();
  for (unsigned i = 0; i < channels_.size(); ++i)
    channels_[i].report(out, std::string(name()) + ".channel" + std::to_string(i), "accesses", now,
                        cycle_);
}

}  // namespace tessera
