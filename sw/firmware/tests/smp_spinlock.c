/* Every hart adds 1 to a counter K times with a plain load and store under the AMO spinlock,
 * and K times to another with amoadd.w and no lock: both must end at exactly harts * K. The
 * lock also records any hart that finds another inside it. */
#include <stdint.h>

#include "fw/atomic.h"
#include "fw/barrier.h"
#include "fw/check.h"
#include "fw/delay.h"
#include "fw/smp.h"
#include "fw/spinlock.h"

#define K 1000u
#define NOBODY UINT32_MAX

/* All harts start counting together, so that they really compete. */
static struct smp_barrier start;
static struct spinlock lock;
static volatile uint32_t locked_count; /* volatile: a real load and store each time */
static volatile uint32_t holder = NOBODY;
static volatile uint32_t overlaps;
static volatile uint32_t amo_count;

static void count(uint32_t hart) {
  smp_barrier_wait(&start);
  for (uint32_t i = 0; i < K; i++) {
    spin_lock(&lock);
    if (holder != NOBODY) overlaps++; /* no CHECK here: exiting would leave the lock held */
    holder = hart;
    uint32_t value = locked_count;
    locked_count = value + 1;
    holder = NOBODY;
    spin_unlock(&lock);
    delay_loop((hart + i) % 4); /* out of step with the quantum: see smp_lrsc */
  }
  for (uint32_t i = 0; i < K; i++) (void)amoadd_w(&amo_count, 1);
}

void secondary_main(uint32_t hartid) {
  count(hartid);
}

int main(void) {
  /* The lock's own semantics, before anyone competes for it. */
  CHECK(spin_trylock(&lock));
  CHECK(!spin_trylock(&lock));
  spin_unlock(&lock);
  CHECK_EQ(lock.locked, 0u);

  smp_barrier_init(&start, smp_num_harts());
  smp_release_all();
  count(0);
  int status = smp_join();
  if (status != 0) return status;

  uint32_t harts = smp_num_harts();
  CHECK_EQ(overlaps, 0u);
  CHECK_EQ(locked_count, harts * K);
  CHECK_EQ(amo_count, harts * K);
  CHECK_EQ(lock.locked, 0u);
  return 0;
}
