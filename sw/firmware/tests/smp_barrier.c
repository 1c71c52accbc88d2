/* Rounds of: every hart writes its slot, waits at the barrier, then checks every hart's slot
 * of that round. Harts arrive in a different order each round, and the slots alternate
 * between two rows, so that a hart racing into round r + 1 cannot disturb the checks of
 * round r unless the barrier let it through early. */
#include <stdint.h>

#include "fw/atomic.h"
#include "fw/barrier.h"
#include "fw/check.h"
#include "fw/delay.h"
#include "fw/smp.h"

#define ROUNDS 32u

static struct smp_barrier barrier;
static volatile uint32_t slots[2][SMP_MAX_HARTS];
static volatile uint32_t arrivals;

static uint32_t stamp(uint32_t round, uint32_t hart) {
  return round << 8 | hart;
}

static void run(uint32_t hart) {
  uint32_t harts = smp_num_harts();
  for (uint32_t round = 0; round < ROUNDS; round++) {
    delay_loop((hart * 7 + round * 3) % 11 * 50);
    slots[round & 1][hart] = stamp(round, hart);
    (void)amoadd_w(&arrivals, 1);
    smp_barrier_wait(&barrier);

    /* Everyone has arrived for this round; the fastest may already have for the next. */
    uint32_t seen = arrivals;
    CHECK(seen >= (round + 1) * harts && seen <= (round + 2) * harts);
    for (uint32_t other = 0; other < harts; other++) {
      CHECK_EQ(slots[round & 1][other], stamp(round, other));
    }
  }
}

void secondary_main(uint32_t hartid) {
  run(hartid);
}

int main(void) {
  smp_barrier_init(&barrier, smp_num_harts());
  smp_release_all();
  run(0);
  int status = smp_join();
  if (status != 0) return status;
  CHECK_EQ(arrivals, ROUNDS * smp_num_harts());
  return 0;
}
