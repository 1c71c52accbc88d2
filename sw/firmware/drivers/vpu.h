/* VPU driver: the tile's vector post-processing unit (tessera/hw/vpu_regs.h): requantization,
 * quantized add, pooling. Descriptors go through the engine ring (engine.h); the ring, the
 * descriptors' tensors and parameter tables live in the tile's own scratchpad. */
#ifndef DRIVERS_VPU_H
#define DRIVERS_VPU_H

#include <stdint.h>

#include "drivers/engine.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/vpu_regs.h"

static inline uintptr_t vpu_regs(uint32_t tile) {
  return TESSERA_TILE_ADDR(tile) + TESSERA_TILE_VPU_OFFSET;
}

/* `ring` is a scratchpad address of the tile (engine_ring_bytes(entries, VPU_DESC_BYTES)). */
int vpu_open(struct engine* vpu, uint32_t tile, uint32_t ring, uint32_t entries,
             enum engine_wait wait);

/* Queues any VPU descriptor: vpu_requantize_desc_t, vpu_add_desc_t or vpu_pool_desc_t, all
 * VPU_DESC_BYTES long with the opcode in their control word; wait on vpu->submitted. */
static inline int vpu_submit(struct engine* vpu, const void* desc, struct engine_fault* fault) {
  return engine_submit(vpu, desc, fault);
}

/* The VPU_STAT_* counters and ENGINE_BUSY_CYCLES, since reset or the last clear. */
struct vpu_stats {
  uint64_t busy_cycles;
  uint64_t elements;
  uint64_t compute_cycles, stall_cycles;
};

void vpu_read_stats(uint32_t tile, struct vpu_stats* stats);

#endif
