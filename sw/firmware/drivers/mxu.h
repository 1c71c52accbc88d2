/* MXU driver: the tile's systolic matrix engine (tessera/hw/mxu_regs.h, docs/mxu.md). GEMM
 * descriptors go through the engine ring (engine.h); the ring, the descriptors' operands and
 * results all live in the tile's own scratchpad. */
#ifndef DRIVERS_MXU_H
#define DRIVERS_MXU_H

#include <stdint.h>

#include "drivers/engine.h"
#include "fw/mmio.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/mxu_regs.h"

static inline uintptr_t mxu_regs(uint32_t tile) {
  return TESSERA_TILE_ADDR(tile) + TESSERA_TILE_MXU_OFFSET;
}

/* The array: R rows (a fold's extent in K) by C columns (in N). */
static inline uint32_t mxu_rows(uint32_t tile) {
  return mmio_read32(mxu_regs(tile) + MXU_ROWS);
}
static inline uint32_t mxu_cols(uint32_t tile) {
  return mmio_read32(mxu_regs(tile) + MXU_COLS);
}

/* `ring` is a scratchpad address of the tile (engine_ring_bytes(entries, MXU_DESC_BYTES)). */
int mxu_open(struct engine* mxu, uint32_t tile, uint32_t ring, uint32_t entries,
             enum engine_wait wait);

/* Queues a GEMM (mxu_regs.h has its fields); wait on mxu->submitted. */
static inline int mxu_gemm(struct engine* mxu, const mxu_gemm_desc_t* desc,
                           struct engine_fault* fault) {
  return engine_submit(mxu, desc, fault);
}

/* The MXU_STAT_* counters and ENGINE_BUSY_CYCLES, since reset or the last clear. */
struct mxu_stats {
  uint64_t busy_cycles;
  uint64_t macs;
  uint64_t compute_cycles, load_cycles, fill_drain_cycles;
  uint64_t stall_weights, stall_operands, stall_output;
};

void mxu_read_stats(uint32_t tile, struct mxu_stats* stats);

#endif
