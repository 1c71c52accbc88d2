/* picolibc's stdout and stderr on the console UART. Each hart collects its output in a line
 * buffer of its own (thread-local) and writes whole lines under a lock, so that lines from
 * different harts never interleave mid-line, while no lock is held between calls: a hart
 * that prints half a line cannot stall the others. */
#include <stdio.h>

#include "fw/console.h"
#include "fw/irq.h"
#include "fw/spinlock.h"
#include "fw/uart.h"

#define CONSOLE_LINE_MAX 128 /* a longer line goes out in pieces */

static __thread char line[CONSOLE_LINE_MAX];
static __thread unsigned line_length;
static struct spinlock console_lock;

void console_flush(void) {
  /* Interrupts masked throughout: a handler that prints must not find this hart's buffer
   * half-written, nor wait for the lock its own hart holds. */
  uint32_t saved = spin_lock_irqsave(&console_lock);
  for (unsigned i = 0; i < line_length; i++) uart_putc(line[i]);
  line_length = 0;
  spin_unlock_irqrestore(&console_lock, saved);
}

static int console_put(char c, FILE* stream) {
  (void)stream;
  uint32_t saved = irq_save();
  line[line_length++] = c;
  if (c == '\n' || line_length == CONSOLE_LINE_MAX) console_flush();
  irq_restore(saved);
  return (unsigned char)c;
}

static FILE console_stream = FDEV_SETUP_STREAM(console_put, NULL, NULL, _FDEV_SETUP_WRITE);

FILE* const stdout = &console_stream;
FILE* const stderr = &console_stream;
