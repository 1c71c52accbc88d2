// Uart: a 16550-compatible subset (tessera/hw/uart_regs.h), one byte register per address.
//
// Socket: `socket` (RegisterTarget). Transmit: THR writes go to the output stream, flushed at
// each newline and at exit; LSR always reports the transmitter empty. The receiver is always
// empty. LCR, IER, MCR, SCR, FCR and the divisor latch hold what firmware writes.
// Timing: register accesses take `latency`; transmission itself takes no simulated time.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "../common/register_target.h"

namespace tessera {

class Uart : public RegisterTarget {
 public:
  Uart(sc_core::sc_module_name name, std::ostream& out, sc_core::sc_time latency);
  ~Uart() override;

  const std::string& transmitted() const { return transmitted_; }

 protected:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;

 private:
  bool dlab() const;

  std::ostream& out_;
  std::string transmitted_;  // everything sent, for tests and the driver
  uint8_t regs_[8] = {};     // indexed by register offset (LCR, IER, MCR, SCR, ...)
  uint8_t divisor_[2] = {};
};

}  // namespace tessera
