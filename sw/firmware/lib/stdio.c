/* picolibc's stdout and stderr: unbuffered, straight to the console UART. */
#include <stdio.h>

#include "fw/uart.h"

static int uart_put(char c, FILE* stream) {
  (void)stream;
  uart_putc(c);
  return (unsigned char)c;
}

static FILE uart_stream = FDEV_SETUP_STREAM(uart_put, NULL, NULL, _FDEV_SETUP_WRITE);

FILE* const stdout = &uart_stream;
FILE* const stderr = &uart_stream;
