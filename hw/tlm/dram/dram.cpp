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
      channels_(config.channels) {
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
}

void Dram::report(std::ostream& out) const {
  const Ticks now = sc_core::sc_time_stamp().value();
  for (unsigned i = 0; i < channels_.size(); ++i)
    channels_[i].report(out, std::string(name()) + ".channel" + std::to_string(i), "accesses", now,
                        cycle_);
}

}  // namespace tessera
