/* picolibc's retargetable locks, made real so that malloc, free, atexit and the time and
 * environment functions are safe to call from several harts at once. (picolibc's own are
 * empty stubs; defining every one of them here keeps its object out of the link.) Not for
 * interrupt handlers: a handler on the hart that holds a recursive lock would just enter it. */
#include <stdlib.h>
#include <sys/lock.h>

#include "fw/smp.h"
#include "fw/spinlock.h"

struct __lock {
  struct spinlock spin;
  volatile uint32_t owner; /* recursive locks: holder's hart id + 1, 0 when free */
  uint32_t depth;
};

/* The one static lock picolibc names (malloc, atexit, time zone, environment). */
struct __lock __lock___libc_recursive_mutex;

/* Dynamic locks (FILEs that fdopen creates) are allocated under the static one. */
void __retarget_lock_init(_LOCK_T* lock) {
  *lock = calloc(1, sizeof(struct __lock));
}
void __retarget_lock_init_recursive(_LOCK_T* lock) {
  __retarget_lock_init(lock);
}
void __retarget_lock_close(_LOCK_T lock) {
  free(lock);
}
void __retarget_lock_close_recursive(_LOCK_T lock) {
  free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock) {
  spin_lock(&lock->spin);
}
int __retarget_lock_try_acquire(_LOCK_T lock) {
  return spin_trylock(&lock->spin); /* 1 on success, as picolibc's stub */
}
void __retarget_lock_release(_LOCK_T lock) {
  spin_unlock(&lock->spin);
}

/* Only the owner compares equal, so reading owner without the lock is safe. */
static bool owned_by_caller(_LOCK_T lock) {
  return lock->owner == smp_hart_id() + 1;
}

void __retarget_lock_acquire_recursive(_LOCK_T lock) {
  if (!owned_by_caller(lock)) {
    spin_lock(&lock->spin);
    lock->owner = smp_hart_id() + 1;
  }
  lock->depth++;
}
int __retarget_lock_try_acquire_recursive(_LOCK_T lock) {
  if (!owned_by_caller(lock)) {
    if (!spin_trylock(&lock->spin)) return 0;
    lock->owner = smp_hart_id() + 1;
  }
  lock->depth++;
  return 1;
}
void __retarget_lock_release_recursive(_LOCK_T lock) {
  if (--lock->depth == 0) {
    lock->owner = 0;
    spin_unlock(&lock->spin);
  }
}
