/* Sense-reversing barrier for a fixed number of harts: the last to arrive resets the count and
 * flips the sense, which the others wait for. Reusable at once: a hart that leaves and
 * arrives again waits for the next flip, and the count was reset before this one. */
#ifndef FW_BARRIER_H
#define FW_BARRIER_H

#include <stdint.h>

struct smp_barrier {
  volatile uint32_t arrived;
  volatile uint32_t sense;
  uint32_t harts;
};

/* Before any hart waits on it, typically on hart 0 before smp_release. */
void smp_barrier_init(struct smp_barrier* barrier, uint32_t harts);

/* Returns once all `harts` harts have called it; what each wrote before is then visible. */
void smp_barrier_wait(struct smp_barrier* barrier);

#endif
