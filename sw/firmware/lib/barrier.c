#include "fw/barrier.h"

#include "fw/atomic.h"
#include "fw/smp.h"

void smp_barrier_init(struct smp_barrier* barrier, uint32_t harts) {
  barrier->arrived = 0;
  barrier->sense = 0;
  barrier->harts = harts;
}

void smp_barrier_wait(struct smp_barrier* barrier) {
  /* Read before arriving: the sense cannot flip until this hart has arrived. The AMO's .rl
   * keeps this load, and the caller's writes, before the arrival. */
  uint32_t sense = barrier->sense;
  if (amoadd_w_aqrl(&barrier->arrived, 1) == barrier->harts - 1) {
    /* Last: reset the count for the next round before anyone can leave this one. */
    barrier->arrived = 0;
    (void)amoswap_w_rl(&barrier->sense, sense ^ 1u);
  } else {
    smp_wait_for(&barrier->sense, sense ^ 1u);
  }
}
