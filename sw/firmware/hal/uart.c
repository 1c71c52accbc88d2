#include "fw/uart.h"

#include "fw/mmio.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/uart_regs.h"

void uart_putc(char c) {
  while (!(mmio_read8(TESSERA_UART_BASE + UART_LSR) & UART_LSR_THRE)) {
  }
  mmio_write8(TESSERA_UART_BASE + UART_THR, (uint8_t)c);
}
