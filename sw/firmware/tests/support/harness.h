/* Running a kernel test's work on the harts: an op on every tile (hart 1 + t runs rank t, the
 * manager times it), or a reference computation on every hart including the manager. Hart 0
 * calls everything here; the tile harts run the library's secondary_main. */
#ifndef SUPPORT_HARNESS_H
#define SUPPORT_HARNESS_H

#include <stdint.h>

typedef void (*harness_job)(uint32_t rank, uint32_t ranks, void* arg);

/* Releases the tile harts into the harness. */
void harness_start(void);

/* Runs job(t, tiles, arg) on each tile t's hart and waits for all: returns the op's cycles,
 * from the first tile starting its job to the last one ending it (CLINT mtime, converted). */
uint64_t harness_on_tiles(harness_job job, void* arg);

/* Runs job(h, harts, arg) on every hart h, the manager included, and waits for all. */
void harness_on_all(harness_job job, void* arg);

/* Lets the tile harts finish; returns the first failure among them (smp_join), else 0. */
int harness_stop(void);

/* The tiles: harts other than the manager. */
uint32_t harness_tiles(void);

#endif
