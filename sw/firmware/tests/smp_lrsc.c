/* Every hart adds 1 to a shared counter K times with an lr.w/sc.w retry loop: the count must
 * be exact, however often another hart's store broke a reservation. */
#include <inttypes.h>
#include <stdio.h>

#include "fw/atomic.h"
#include "fw/barrier.h"
#include "fw/check.h"
#include "fw/delay.h"
#include "fw/smp.h"

#define K 1000u

/* All harts start counting together, so that they really compete. */
static struct smp_barrier start;

static volatile uint32_t counter;
static volatile uint32_t sc_failures;

/* One asm block, the constrained loop the spec guarantees progress for; returns how many
 * times the SC failed. */
static uint32_t increment(volatile uint32_t* word) {
  uint32_t value, failed, failures = 0;
  __asm__ volatile(
      "1: lr.w %[value], (%[word])\n"
      "   addi %[value], %[value], 1\n"
      "   sc.w %[failed], %[value], (%[word])\n"
      "   beqz %[failed], 2f\n"
      "   addi %[failures], %[failures], 1\n"
      "   j 1b\n"
      "2:"
      : [value] "=&r"(value), [failed] "=&r"(failed), [failures] "+r"(failures)
      : [word] "r"(word)
      : "memory");
  return failures;
}

static void count(uint32_t hart) {
  smp_barrier_wait(&start);
  uint32_t failures = 0;
  for (uint32_t i = 0; i < K; i++) {
    failures += increment(&counter);
    /* Out of step with the quantum, which else would always end at the same point of this
     * fixed-length loop, never between an LR and its SC. */
    delay_loop((hart + i) % 4);
  }
  (void)amoadd_w(&sc_failures, failures);
}

void secondary_main(uint32_t hartid) {
  count(hartid);
}

int main(void) {
  smp_barrier_init(&start, smp_num_harts());
  smp_release_all();
  count(0);
  int status = smp_join();
  if (status != 0) return status;

  uint32_t harts = smp_num_harts();
  printf("smp_lrsc: %" PRIu32 " harts x %u increments, %" PRIu32 " SC retries\n", harts, K,
         sc_failures);
  CHECK_EQ(counter, harts * K);
  return 0;
}
