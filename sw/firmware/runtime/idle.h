/* How the manager core waits. It never takes an interrupt (MIE stays clear, so no handler
 * races its own state); with MSIE, MEIE and MTIE set in mie, wfi still wakes when a tile
 * raises its msip, a doorbell reaches the PLIC, or the deadline passes. A wait is: idle_clear(),
 * look at what changed, idle_sleep() if nothing did; a wake-up that comes after the clear
 * keeps its level pending, so the sleep returns at once instead of missing it. */
#ifndef RUNTIME_IDLE_H
#define RUNTIME_IDLE_H

#include <stdbool.h>
#include <stdint.h>

/* Enables the wake-up sources (not the interrupts themselves). */
void idle_init(void);
/* Forgets the tiles' wake-ups seen so far: call before looking at their state. */
void idle_clear(void);
/* Sleeps until a wake-up source is pending or mtime reaches `deadline` (0: no deadline). */
void idle_sleep(uint64_t deadline);
/* The mtime `us` microseconds from now, and whether it has passed. */
uint64_t idle_deadline_us(uint32_t us);
bool idle_expired(uint64_t deadline);

#endif
