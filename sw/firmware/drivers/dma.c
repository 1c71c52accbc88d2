#include "drivers/dma.h"

#include "tessera/hw/plic_regs.h"

int dma_open(struct engine* dma, uint32_t tile, uint32_t ring, uint32_t entries,
             enum engine_wait wait) {
  return engine_open(dma, dma_regs(tile), ENGINE_ID_DMA, ring, entries, DMA_DESC_BYTES,
                     PLIC_SOURCE_DMA(tile), wait);
}

int dma_submit(struct engine* dma, const struct dma_copy* copy, struct engine_fault* fault) {
  /* One descriptor per slot (next = 0): a chain would complete its slot with its last link,
   * which would then also need ENGINE_DESC_INTERRUPT for ENGINE_WAIT_IRQ. */
  const dma_desc_t desc = {.control = DMA_OP_COPY,
                           .src = copy->src,
                           .dst = copy->dst,
                           .width = copy->width,
                           .height = copy->height,
                           .src_stride = copy->src_stride,
                           .dst_stride = copy->dst_stride,
                           .next = 0};
  return engine_submit(dma, &desc, fault);
}

void dma_read_stats(uint32_t tile, struct dma_stats* stats) {
  uintptr_t regs = dma_regs(tile);
  stats->busy_cycles = engine_read_counter(regs, ENGINE_BUSY_CYCLES);
  stats->bytes = engine_read_counter(regs, DMA_STAT_BYTES);
  stats->bursts = engine_read_counter(regs, DMA_STAT_BURSTS);
  stats->descriptors = engine_read_counter(regs, DMA_STAT_DESCRIPTORS);
}
