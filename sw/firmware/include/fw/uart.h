/* Console UART (16550 subset): polled transmit. */
#ifndef FW_UART_H
#define FW_UART_H

void uart_putc(char c);

#endif
