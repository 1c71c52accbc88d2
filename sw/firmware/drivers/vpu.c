#include "drivers/vpu.h"

#include "tessera/hw/plic_regs.h"

int vpu_open(struct engine* vpu, uint32_t tile, uint32_t ring, uint32_t entries,
             enum engine_wait wait) {
  return engine_open(vpu, vpu_regs(tile), ENGINE_ID_VPU, ring, entries, VPU_DESC_BYTES,
                     PLIC_SOURCE_VPU(tile), wait);
}

void vpu_read_stats(uint32_t tile, struct vpu_stats* stats) {
  uintptr_t regs = vpu_regs(tile);
  stats->busy_cycles = engine_read_counter(regs, ENGINE_BUSY_CYCLES);
  stats->elements = engine_read_counter(regs, VPU_STAT_ELEMENTS);
  stats->compute_cycles = engine_read_counter(regs, VPU_STAT_COMPUTE_CYCLES);
  stats->stall_cycles = engine_read_counter(regs, VPU_STAT_STALL_CYCLES);
}
