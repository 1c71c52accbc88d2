/* A tile's three engines opened together, their rings at the top of the tile's scratchpad:
 * what a kernel needs to run its share of an op on one tile. The scratchpad below the rings
 * is the kernel's. */
#ifndef DRIVERS_TILE_ENGINES_H
#define DRIVERS_TILE_ENGINES_H

#include <stdint.h>

#include "drivers/engine.h"

/* Ring slots: the kernels keep a few descriptors in flight per engine; a full ring only makes
 * a submission wait. */
#define TILE_ENGINES_MXU_ENTRIES 32u
#define TILE_ENGINES_VPU_ENTRIES 16u
#define TILE_ENGINES_DMA_ENTRIES 32u

struct tile_engines {
  uint32_t tile;
  struct engine mxu, vpu, dma;
  uint32_t mxu_rows, mxu_cols; /* the systolic array */
  uint32_t sram_base;          /* the scratchpad's global address */
  uint32_t sram_free;          /* its bytes from sram_base up to the rings */
};

/* Opens tile `tile`'s engines for the calling hart (engine_open): 0, or -1 when the tile has
 * no such engines or its scratchpad cannot hold the rings. */
int tile_engines_open(struct tile_engines* te, uint32_t tile, enum engine_wait wait);

/* After a failure: lets each engine finish or stop, and clears the errors, so that nothing
 * the kernel queued still runs when it returns. */
void tile_engines_quiesce(struct tile_engines* te);

/* Zeroes the statistics of tile `tile`'s engines. */
void tile_engines_clear_stats(uint32_t tile);

#endif
