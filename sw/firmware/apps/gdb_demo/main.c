/* A program to debug: the debug.gdb test (tests/debug/) runs it under GDB through
 * tessera-vp --gdb. Every hart computes a value in hart_value(), a function GDB can break in,
 * stores it in results[] and counts itself in `finished`, which a watchpoint can watch; hart 0
 * goes first, then releases the others. */
#include <stdint.h>

#include "fw/smp.h"

volatile uint32_t results[SMP_MAX_HARTS];
volatile uint32_t finished;

__attribute__((noinline)) uint32_t hart_value(uint32_t hart, uint32_t seed) {
  return seed * seed + hart;
}

static void work(uint32_t hart) {
  results[hart] = hart_value(hart, 10 + hart);
  __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
}

void secondary_main(uint32_t hartid) {
  work(hartid);
}

int main(void) {
  work(0);
  smp_release_all();
  return smp_join();
}
