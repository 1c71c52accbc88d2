#include "drivers/tile_engines.h"

#include "drivers/dma.h"
#include "drivers/mxu.h"
#include "drivers/vpu.h"
#include "fw/sysctrl.h"

int tile_engines_open(struct tile_engines* te, uint32_t tile, enum engine_wait wait) {
  uint32_t mxu_ring = engine_ring_bytes(TILE_ENGINES_MXU_ENTRIES, MXU_DESC_BYTES);
  uint32_t vpu_ring = engine_ring_bytes(TILE_ENGINES_VPU_ENTRIES, VPU_DESC_BYTES);
  uint32_t dma_ring = engine_ring_bytes(TILE_ENGINES_DMA_ENTRIES, DMA_DESC_BYTES);
  uint32_t rings = mxu_ring + vpu_ring + dma_ring;
  uint32_t sram = sysctrl_read(SYSCTRL_SRAM_BYTES);
  if (tile >= sysctrl_read(SYSCTRL_NUM_TILES) || sram < rings) return -1;

  te->tile = tile;
  te->sram_base = TESSERA_TILE_ADDR(tile);
  te->sram_free = sram - rings;
  uint32_t ring = te->sram_base + te->sram_free;
  if (mxu_open(&te->mxu, tile, ring, TILE_ENGINES_MXU_ENTRIES, wait) ||
      vpu_open(&te->vpu, tile, ring + mxu_ring, TILE_ENGINES_VPU_ENTRIES, wait) ||
      dma_open(&te->dma, tile, ring + mxu_ring + vpu_ring, TILE_ENGINES_DMA_ENTRIES, wait))
    return -1;
  te->mxu_rows = mxu_rows(tile);
  te->mxu_cols = mxu_cols(tile);
  return 0;
}

void tile_engines_quiesce(struct tile_engines* te) {
  engine_quiesce(&te->mxu);
  engine_quiesce(&te->vpu);
  engine_quiesce(&te->dma);
}

void tile_engines_clear_stats(uint32_t tile) {
  engine_clear_stats(mxu_regs(tile));
  engine_clear_stats(vpu_regs(tile));
  engine_clear_stats(dma_regs(tile));
}
