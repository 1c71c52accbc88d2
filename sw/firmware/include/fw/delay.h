/* Busy-waits a number of loop iterations: for tests that want harts out of step, so that the
 * simulator's quantum boundaries fall at different points of their loops. */
#ifndef FW_DELAY_H
#define FW_DELAY_H

#include <stdint.h>

static inline void delay_loop(uint32_t iterations) {
  for (volatile uint32_t i = 0; i < iterations; i++) {
  }
}

#endif
