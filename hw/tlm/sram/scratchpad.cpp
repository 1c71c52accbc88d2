#include "scratchpad.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace tessera {

namespace {
const ScratchpadConfig& validated(const ScratchpadConfig& c) {
  const auto reject = [](const std::string& why) {
    throw std::invalid_argument("scratchpad: " + why);
  };
  if (c.banks == 0) reject("banks must be at least 1");
  if (c.bank_width_bytes == 0) reject("bank_width_bytes must be at least 1");
  const uint64_t row = uint64_t{c.banks} * c.bank_width_bytes;
  if (c.size_bytes == 0 || c.size_bytes % row != 0)
    reject("size_bytes (" + std::to_string(c.size_bytes) +
           ") must be a positive multiple of banks x bank_width_bytes (" + std::to_string(row) +
           ")");
  if (c.clock_period == sc_core::SC_ZERO_TIME) reject("the clock period must be positive");
  return c;
}
}  // namespace

Scratchpad::Scratchpad(sc_core::sc_module_name name, const ScratchpadConfig& config)
    : TimedStore(name, validated(config).size_bytes, config.clock_period * config.latency_cycles),
      socket("socket"),
      config_(config),
      cycle_(config.clock_period.value()),
      latency_(cycle_ * config.latency_cycles),
      banks_(config.banks) {
  socket.register_b_transport(this, &Scratchpad::b_transport);
  socket.register_get_direct_mem_ptr(this, &Scratchpad::get_direct_mem_ptr);
  socket.register_transport_dbg(this, &Scratchpad::transport_dbg);
}

void Scratchpad::b_transport(int, tlm::tlm_generic_payload& p, sc_core::sc_time& delay) {
  if (!move_data(p)) return;
  const uint64_t address = p.get_address(), length = p.get_data_length();
  const uint64_t width = config_.bank_width_bytes, banks = config_.banks;
  const Ticks now = sc_core::sc_time_stamp().value(), start = now + delay.value();
  Ticks done = start;
  if (length > 0) {
    const uint64_t first_row = address / width,
                   rows = (address + length - 1) / width - first_row + 1;
    const uint64_t last_row_bank = (rows - 1) % banks;  // counted from the first row's bank
    // The k-th bank from the first row's has rows k, k + banks, ... of the access.
    for (uint64_t k = 0; k < std::min(rows, banks); ++k) {
      const uint64_t bank_rows = rows / banks + (k < rows % banks ? 1 : 0);
      uint64_t bytes = bank_rows * width;
      if (k == 0) bytes -= address % width;  // the first row starts part-way
      if (k == last_row_bank) bytes -= (width - (address + length) % width) % width;
      const Ticks busy = bank_rows * cycle_;
      BookedResource& bank = banks_[(first_row + k) % banks];
      done = std::max(done, bank.book(start, busy, bytes, now) + busy);
    }
  }
  delay = sc_core::sc_time::from_value(done + latency_ - now);
}

void Scratchpad::report(std::ostream& out) const {
  const Ticks now = sc_core::sc_time_stamp().value();
  for (unsigned i = 0; i < banks_.size(); ++i)
    banks_[i].report(out, std::string(name()) + ".bank" + std::to_string(i), "rows", now, cycle_);
}

}  // namespace tessera
