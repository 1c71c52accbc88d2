/* Machine interrupt enable and waiting. */
#ifndef FW_IRQ_H
#define FW_IRQ_H

#include <stdint.h>

#include "fw/csr.h"

static inline void irq_enable(void) {
  csr_set(mstatus, MSTATUS_MIE);
}
static inline void irq_disable(void) {
  csr_clear(mstatus, MSTATUS_MIE);
}
/* Masks this hart's interrupts and returns what irq_restore needs to undo exactly that: for
 * code that also runs with interrupts already masked (a handler, a nested section). */
static inline uint32_t irq_save(void) {
  return csr_read_clear(mstatus, MSTATUS_MIE) & MSTATUS_MIE;
}
static inline void irq_restore(uint32_t saved) {
  csr_set(mstatus, saved);
}
static inline void wfi(void) {
  __asm__ volatile("wfi" ::: "memory");
}

/* Sleeps until a handler sets *flag. Call with MIE clear and the source enabled in mie:
 * then no interrupt can slip in between the test and the wfi, which still wakes on it, and
 * it is taken in the brief MIE window that follows. */
static inline void irq_wait_for(volatile uint32_t* flag) {
  while (!*flag) {
    wfi();
    irq_enable();
    irq_disable();
  }
}

#endif
