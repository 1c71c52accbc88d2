/* Spinlock on AMOs: amoswap.w.aq takes it, so that nothing in the critical section moves
 * before; amoswap.w.rl frees it, so that nothing moves after. A waiter spins on plain loads
 * and swaps again only when the lock looks free (test-and-test-and-set), so waiting harts
 * read the line instead of writing it. Not recursive. */
#ifndef FW_SPINLOCK_H
#define FW_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "fw/atomic.h"
#include "fw/irq.h"

struct spinlock {
  volatile uint32_t locked;
};

#define SPINLOCK_INIT \
  { 0 }

static inline bool spin_trylock(struct spinlock* lock) {
  return amoswap_w_aq(&lock->locked, 1) == 0;
}

static inline void spin_lock(struct spinlock* lock) {
  while (!spin_trylock(lock)) {
    while (lock->locked) cpu_relax();
  }
}

static inline void spin_unlock(struct spinlock* lock) {
  (void)amoswap_w_rl(&lock->locked, 0);
}

/* For a lock that interrupt handlers take too: the hart's interrupts stay masked while it
 * holds the lock, or a handler on the same hart would spin on it forever. */
static inline uint32_t spin_lock_irqsave(struct spinlock* lock) {
  uint32_t saved = irq_save();
  spin_lock(lock);
  return saved;
}

static inline void spin_unlock_irqrestore(struct spinlock* lock, uint32_t saved) {
  spin_unlock(lock);
  irq_restore(saved);
}

#endif
