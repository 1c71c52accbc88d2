/* DMA driver: the tile's 2-D copy engine (tessera/hw/dma_regs.h) between any global
 * addresses: its own scratchpad, another tile's, device DRAM. Copies go through the engine
 * ring (engine.h), one descriptor per slot; the ring may be anywhere the DMA reaches (the
 * tile's scratchpad is the closest). */
#ifndef DRIVERS_DMA_H
#define DRIVERS_DMA_H

#include <stdint.h>

#include "drivers/engine.h"
#include "tessera/hw/dma_regs.h"
#include "tessera/hw/memory_map.h"

static inline uintptr_t dma_regs(uint32_t tile) {
  return TESSERA_TILE_ADDR(tile) + TESSERA_TILE_DMA_OFFSET;
}

int dma_open(struct engine* dma, uint32_t tile, uint32_t ring, uint32_t entries,
             enum engine_wait wait);

/* One 2-D copy, rows in a frame: `height` rows of `width` bytes, row r from
 * src + r * src_stride to dst + r * dst_stride. */
struct dma_copy {
  uint32_t dst, dst_stride;
  uint32_t src, src_stride;
  uint32_t width, height;
};

/* Queues the copy; wait on dma->submitted. Source and destination must not overlap. */
int dma_submit(struct engine* dma, const struct dma_copy* copy, struct engine_fault* fault);

/* The DMA_STAT_* counters and ENGINE_BUSY_CYCLES, since reset or the last clear. */
struct dma_stats {
  uint64_t busy_cycles;
  uint64_t bytes, bursts, descriptors;
};

void dma_read_stats(uint32_t tile, struct dma_stats* stats);

#endif
