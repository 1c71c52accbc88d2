// Plic: the platform-level interrupt controller, SiFive-compatible layout
// (tessera/hw/plic_regs.h). One context per hart (machine mode).
//
// Socket: `socket` (RegisterTarget), 32-bit registers: priority per source, pending bits,
// enable bits per context, threshold and claim/complete per context.
// Inputs: set_source(id, level), level-triggered through a gateway: a source becomes pending
// when its line is high and it is not already being serviced; completing it re-arms it.
// Outputs: one MEIP line per context, high while an enabled pending source has a priority
// above the context's threshold.
// Timing: register accesses take `latency`; lines update in zero time.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "../common/register_target.h"

namespace tessera {

class Plic : public RegisterTarget {
 public:
  using IrqLine = std::function<void(bool level)>;

  Plic(sc_core::sc_module_name name, unsigned sources, std::vector<IrqLine> contexts,
       sc_core::sc_time latency);

  void set_source(unsigned id, bool level);

 protected:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;

 private:
  struct Context {
    IrqLine line;
    std::vector<uint32_t> enable;  // a bit per source
    uint32_t threshold = 0;
    bool asserted = false;
  };

  unsigned words() const { return static_cast<unsigned>((sources_ + 31) / 32); }
  bool bit(const std::vector<uint32_t>& bits, unsigned id) const {
    return (bits[id / 32] >> (id % 32)) & 1;
  }
  void set_bit(std::vector<uint32_t>& bits, unsigned id, bool v) {
    bits[id / 32] = v ? (bits[id / 32] | (1u << (id % 32))) : (bits[id / 32] & ~(1u << (id % 32)));
  }
  unsigned best_source(const Context& context) const;  // 0: none
  void update_lines();

  unsigned sources_;
  std::vector<uint32_t> priority_;
  std::vector<uint32_t> pending_, level_, in_service_;
  std::vector<Context> contexts_;
};

}  // namespace tessera
