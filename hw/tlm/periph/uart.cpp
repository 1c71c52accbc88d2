#include "uart.h"

#include "tessera/hw/memory_map.h"
#include "tessera/hw/uart_regs.h"

namespace tessera {

Uart::Uart(sc_core::sc_module_name name, std::ostream& out, sc_core::sc_time latency)
    : RegisterTarget(name, TESSERA_UART_SIZE, latency), out_(out) {}

Uart::~Uart() {
  out_.flush();
}

bool Uart::dlab() const {
  return regs_[UART_LCR] & UART_LCR_DLAB;
}

bool Uart::read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time&) {
  if (len != 1 || offset > UART_SCR) return false;
  switch (offset) {
    case UART_RBR:
      value = dlab() ? divisor_[0] : 0;
      break;
    case UART_IER:
      value = dlab() ? divisor_[1] : regs_[UART_IER];
      break;
    case UART_IIR:
      value = UART_IIR_NO_INT | ((regs_[UART_FCR] & 1) ? 0xC0 : 0);
      break;
    case UART_LSR:
      value = UART_LSR_THRE | UART_LSR_TEMT;
      break;
    case UART_MSR:
      value = 0;
      break;
    default:
      value = regs_[offset];
      break;
  }
  return true;
}

bool Uart::write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time&) {
  if (len != 1 || offset > UART_SCR) return false;
  const uint8_t byte = static_cast<uint8_t>(value);
  if (offset == UART_THR && !dlab()) {
    const char c = static_cast<char>(byte);
    transmitted_ += c;
    out_.put(c);
    if (c == '\n') out_.flush();
  } else if ((offset == UART_DLL || offset == UART_DLM) && dlab()) {
    divisor_[offset] = byte;
  } else if (offset != UART_LSR && offset != UART_MSR) {
    regs_[offset] = byte;  // LSR and MSR are read-only
  }
  return true;
}

}  // namespace tessera
