#include "drivers/mxu.h"

#include "tessera/hw/plic_regs.h"

int mxu_open(struct engine* mxu, uint32_t tile, uint32_t ring, uint32_t entries,
             enum engine_wait wait) {
  return engine_open(mxu, mxu_regs(tile), ENGINE_ID_MXU, ring, entries, MXU_DESC_BYTES,
                     PLIC_SOURCE_MXU(tile), wait);
}

void mxu_read_stats(uint32_t tile, struct mxu_stats* stats) {
  uintptr_t regs = mxu_regs(tile);
  stats->busy_cycles = engine_read_counter(regs, ENGINE_BUSY_CYCLES);
  stats->macs = engine_read_counter(regs, MXU_STAT_MACS);
  stats->compute_cycles = engine_read_counter(regs, MXU_STAT_COMPUTE_CYCLES);
  stats->load_cycles = engine_read_counter(regs, MXU_STAT_LOAD_CYCLES);
  stats->fill_drain_cycles = engine_read_counter(regs, MXU_STAT_FILL_DRAIN_CYCLES);
  stats->stall_weights = engine_read_counter(regs, MXU_STAT_STALL_WEIGHTS);
  stats->stall_operands = engine_read_counter(regs, MXU_STAT_STALL_OPERANDS);
  stats->stall_output = engine_read_counter(regs, MXU_STAT_STALL_OUTPUT);
}
