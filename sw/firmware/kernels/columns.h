/* The per-output-column tables of an op, kept in the scratchpad for the chunk of columns being
 * computed: the VPU's requantization parameters and the MXU's per-column B zero points. */
#ifndef KERNELS_COLUMNS_H
#define KERNELS_COLUMNS_H

#include <stdint.h>

#include "drivers/tile_engines.h"
#include "kernels/kernel.h"
#include "kernels/spad.h"

struct column_tables {
  const struct kernel_quant* quant;
  const struct kernel_requant* requant;
  uint32_t params;      /* scratchpad, or 0 without requantization */
  uint32_t zero_points; /* scratchpad, or 0 with a per-tensor zero point */
};

/* Scratchpad bytes column_tables_setup takes for chunks of up to `cols` columns. */
uint32_t column_tables_scratch(const struct kernel_quant* quant,
                               const struct kernel_requant* requant, uint32_t cols);

void column_tables_setup(struct column_tables* t, const struct kernel_quant* quant,
                         const struct kernel_requant* requant, struct spad* spad, uint32_t cols);

/* Queues the DMA of columns [first, first + cols) of each table. */
int column_tables_load(const struct column_tables* t, struct engine* dma, uint32_t first,
                       uint32_t cols, struct engine_fault* fault);

#endif
